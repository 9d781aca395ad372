/**
 * termsInText on the real deck: the terms a piece of free text names, by the names, aliases and
 * normalisation `explain` uses; whole words, plural fold, longest match first, each once, bounded.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/core/deck/loader.js';
import { MAX_TERMS_IN_TEXT, termsInText } from '../../src/core/deck/terms-in-text.js';

const CONTENT = path.resolve(import.meta.dirname, '..', '..', 'content');
const library = loadLibrary(CONTENT, { defaultDeckId: 'kms-encryption-at-rest' });

/** The term ids `text` names, in order. */
function ids(text: unknown, limit?: number): string[] {
  return termsInText(library, text, undefined, limit).map((t) => t.term.id);
}

describe('termsInText', () => {
  it('finds terms by name and alias, in order of first mention, each once', () => {
    expect(ids('Should we use SSE-KMS with a bucket key, or is a grant enough? SSE-KMS again.')).toEqual(['sse-kms', 's3-bucket-key', 'grant']);
  });

  it('ignores case, hyphens, underscores and plurals like explain does', () => {
    expect(ids('sse_kms')).toEqual(['sse-kms']);
    expect(ids('who can create GRANTS?')).toEqual(['grant']);
    expect(ids('Key policies, then IAM policies')).toEqual(['key-policy', 'iam-policy']);
  });

  it('takes the longest name at each word: "KMS key policy" is the key policy, not KMS then a key policy', () => {
    expect(ids('The KMS key policy decides')).toEqual(['key-policy']);
    expect(ids('an AWS managed key such as aws/s3')).toEqual(['aws-managed-key']);
    expect(ids('KMS alone')).toEqual(['aws-kms']);
    expect(ids('key policy and IAM')).toEqual(['combined-authorization']);
  });

  it('matches whole words only', () => {
    expect(ids('skms grantee envelopes? no: envelope')).toEqual(['envelope-encryption']);
    expect(ids('granted')).toEqual([]);
  });

  it('matches a slashed alias only as written, and reads the parts of a slashed word that names nothing', () => {
    expect(ids('AWS S3 buckets')).toEqual([]);
    expect(ids('alias/aws/s3')).toEqual(['aws-managed-key']);
    expect(ids('SSE-S3/SSE-KMS')).toEqual(['sse-s3', 'sse-kms']);
  });

  it('finds an API name written as one camelCase word', () => {
    expect(ids('call GenerateDataKey then ScheduleKeyDeletion')).toEqual(['data-key', 'key-deletion']);
  });

  it('returns at most the limit asked, and never more than MAX_TERMS_IN_TEXT', () => {
    const text = library.defaultDeck.terms.map((t) => t.name).join('. ');
    expect(ids(text)).toHaveLength(MAX_TERMS_IN_TEXT);
    expect(ids(text, 3)).toHaveLength(3);
    expect(ids(text, 500)).toHaveLength(MAX_TERMS_IN_TEXT);
  });

  it('is safe for empty, non-string, long and control-character text', () => {
    expect(ids('')).toEqual([]);
    expect(ids('   \n\t ')).toEqual([]);
    expect(ids(undefined)).toEqual([]);
    expect(ids(42)).toEqual([]);
    const noisy = `\u0000\u0007grant\u001b[31m\u202e CloudTrail\u0000 ${'x'.repeat(4900)} envelope`;
    expect(noisy.length).toBeGreaterThan(4900);
    expect(ids(noisy)).toEqual(['grant', 'cloudtrail-kms-logging', 'envelope-encryption']);
    expect(ids('grant '.repeat(20_000))).toEqual(['grant']);
  });
});
