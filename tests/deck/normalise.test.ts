import { describe, expect, it } from 'vitest';
import { isOrderDependentChoice } from '../../src/core/deck/deck-checks.js';
import { foldPlural, normalise, normaliseKeepSlash, sortWords } from '../../src/core/deck/normalise.js';

describe('normalise', () => {
  it.each([
    ['SSE_KMS', 'sse kms'],
    ['sse-kms', 'sse kms'],
    ['  SSE   KMS ', 'sse kms'],
    ['Grant (KMS)', 'grant kms'],
    ['aws/s3', 'aws s3'],
    ['kms:ViaService', 'kms viaservice'],
    ['Crème Brûlée', 'creme brulee'],
    ['!!!', ''],
    ['', ''],
  ])('%j -> %j', (input, expected) => {
    expect(normalise(input)).toBe(expected);
  });

  it('folds plurals per word but keeps short words and -ss/-us/-is/-ias endings', () => {
    expect(normalise('KMS Grants')).toBe('kms grant');
    expect(normalise('key policies')).toBe('key policy');
    expect(normalise('AWS managed keys')).toBe('aws managed key');
    expect(normalise('key aliases')).toBe('key alias');
    expect(normalise('CMKs')).toBe('cmk');
    expect(['kms', 'ebs', 'rds', 'aws', 's3', 'access', 'status', 'analysis', 'alias', 'services'].map(foldPlural)).toEqual([
      'kms', 'ebs', 'rds', 'aws', 's3', 'access', 'status', 'analysis', 'alias', 'service',
    ]);
  });

  it('keeps slashes inside words for the slash form only', () => {
    expect(normaliseKeepSlash('AWS/S3')).toBe('aws/s3');
    expect(normaliseKeepSlash('/aws/s3/')).toBe('aws/s3');
    expect(normaliseKeepSlash('alias/prod-finance-s3')).toBe('alias/prod finance s3');
    expect(normaliseKeepSlash('sse-kms')).toBe('sse kms');
  });

  it('sorts words so order does not matter', () => {
    expect(sortWords('ebs default encryption')).toBe(sortWords('default ebs encryption'));
    expect(sortWords('grant')).toBe('grant');
  });
});

describe('choices that break when shuffled', () => {
  it.each([
    'All of the above',
    'None of the above.',
    'all the above',
    'Both A and B',
    'Either A or C',
    'A and B',
    'A, B and C',
    '(A) and (C) only',
    'Options A and C',
    'None of these',
    'Both of these',
  ])('rejects %j', (text) => {
    expect(isOrderDependentChoice(text)).toBe(true);
  });

  it.each([
    'Both the key policy and an IAM policy must allow it',
    'A grant on the KMS key',
    'Neither S3 nor EBS calls KMS per read',
    'A key policy and a grant',
    'All objects are encrypted with SSE-S3 by default',
    'Use a customer managed key for all of them',
    'SSE-C',
  ])('accepts %j', (text) => {
    expect(isOrderDependentChoice(text)).toBe(false);
  });
});
