/**
 * Lookups of what a newcomer types first: one or two letters, a service or topic name, and common
 * names the chapter's terms go by (HSM, BYOK, imported key material), on the real deck.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TermLookupResult } from '../../src/core/deck/library.js';
import { loadLibrary } from '../../src/core/deck/loader.js';

const CONTENT = path.resolve(import.meta.dirname, '..', '..', 'content');
const library = loadLibrary(CONTENT, { defaultDeckId: 'kms-encryption-at-rest' });

const topicIds = (result: TermLookupResult): string[] => (result.status === 'topic' ? result.matches.map((m) => m.term.id) : []);
const foundId = (result: TermLookupResult): string | undefined => (result.status === 'found' ? result.match.term.id : undefined);

describe('one- and two-letter queries', () => {
  it.each(['x', 'id', 'on', 'A', 'k m'])('%j asks for more letters instead of guessing a term', (query) => {
    expect(library.lookupTerm(query)).toEqual({ status: 'too-short', query });
  });

  it('an exact short name or alias is still found (CMK, KMS, DEK, S3 is a topic)', () => {
    expect(foundId(library.lookupTerm('CMK'))).toBe('kms-key');
    expect(foundId(library.lookupTerm('DEK'))).toBe('data-key');
    expect(foundId(library.lookupTerm('kms'))).toBe('aws-kms');
  });
});

describe('a service or topic name lists that topic\'s terms', () => {
  it.each([
    ['s3', ['sse-s3', 'sse-kms', 's3-bucket-key', 's3-default-encryption', 'enforce-sse-kms']],
    ['S3', ['sse-s3', 's3-bucket-key']],
    ['ebs', ['ebs-encryption', 'ebs-default-encryption', 'ebs-key-change']],
    ['rds', ['rds-encryption', 'rds-encrypt-existing']],
    ['encryption', ['encryption-at-rest', 'envelope-encryption', 'ebs-encryption', 'rds-encryption', 'client-side-encryption']],
  ])('%j', (query, ids) => {
    const result = library.lookupTerm(query);
    expect(result.status).toBe('topic');
    expect(topicIds(result)).toEqual(expect.arrayContaining(ids));
    if (result.status === 'topic') {
      expect(result.topic).toBe(query.toLowerCase());
      const names = result.matches.map((m) => m.term.name);
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
    }
  });

  it('a topic word must be a deck tag or shared by several term names: one-term words are still found', () => {
    expect(foundId(library.lookupTerm('deletion'))).toBe('key-deletion');
    expect(foundId(library.lookupTerm('envelop encryption'))).toBe('envelope-encryption');
  });
});

describe('common names for the chapter\'s terms', () => {
  it.each([
    ['HSM', 'kms-key'],
    ['hardware security module', 'kms-key'],
    ['key material', 'kms-key'],
    ['BYOK', 'customer-managed-key'],
    ['bring your own key', 'customer-managed-key'],
    ['imported key material', 'customer-managed-key'],
  ])('%j finds %s', (query, id) => {
    expect(foundId(library.lookupTerm(query))).toBe(id);
  });
});
