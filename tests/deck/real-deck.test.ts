/**
 * The real first deck (content/decks/kms-encryption-at-rest): size, integrity, and the lookups the
 * bot must answer. Fails until the deck's content is complete and valid.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TermLookupResult } from '../../src/core/deck/library.js';
import type { ContentProblem } from '../../src/core/deck/content-problem.js';
import { loadLibrary } from '../../src/core/deck/loader.js';

const CONTENT = path.resolve(import.meta.dirname, '..', '..', 'content');
const DECK_ID = 'kms-encryption-at-rest';

describe('the kms-encryption-at-rest deck', () => {
  // Throws ContentError (naming every problem) if any file is invalid.
  const library = loadLibrary(CONTENT, { defaultDeckId: DECK_ID });
  const deck = library.get(DECK_ID)!;

  it('has enough terms, questions and scenarios', () => {
    expect(deck.terms.length).toBeGreaterThanOrEqual(20);
    expect(deck.questions.length).toBeGreaterThanOrEqual(60);
    expect(deck.scenarios.length).toBeGreaterThanOrEqual(6);
  });

  it('lists the chapter\'s section titles in deck.yaml, and every term, question and scenario cites one of them', () => {
    const sections = deck.meta.sections ?? [];
    expect(sections).toContain('AWS KMS Fundamentals: Keys, CMKs, and Grants');
    expect(sections).toContain('Thought Exercise: Picking Keys for S3, EBS, and RDS');
    for (const item of [...deck.terms, ...deck.questions, ...deck.scenarios]) expect(sections, item.id).toContain(item.section);
  });

  it('has no answer tells: content:check prints no warning for it', () => {
    const warnings: ContentProblem[] = [];
    loadLibrary(CONTENT, { defaultDeckId: DECK_ID, warnings });
    expect(warnings.filter((w) => w.file.includes(`/${DECK_ID}/`))).toEqual([]);
  });

  it('carries the audit fixes: a key-tags term, the RDS grant question, and the chapter quiz under its own section', () => {
    expect(deck.termsById.get('key-tags')?.note).toMatch(/https:\/\//);
    expect(deck.questionsById.get('q-rds-creator-kms-permissions')?.choices.find((c) => c.correct)?.text).toContain('kms:CreateGrant and kms:DescribeKey');
    expect(deck.questionsById.get('q-chapter-key-types')?.section).toBe('Quiz: KMS Key Types and S3/EBS/RDS Basics');
    expect(deck.termsById.get('separation-of-duties')?.explanation).toContain('PutKeyPolicy');
  });

  it('gives every question 3-5 choices with exactly one correct', () => {
    for (const question of deck.questions) {
      expect(question.choices.length, question.id).toBeGreaterThanOrEqual(3);
      expect(question.choices.length, question.id).toBeLessThanOrEqual(5);
      expect(question.choices.filter((c) => c.correct), question.id).toHaveLength(1);
    }
  });

  it('has unique ids and references that resolve', () => {
    const termIds = new Set(deck.terms.map((t) => t.id));
    expect(termIds.size).toBe(deck.terms.length);
    expect(new Set(deck.questions.map((q) => q.id)).size).toBe(deck.questions.length);
    expect(new Set(deck.scenarios.map((s) => s.id)).size).toBe(deck.scenarios.length);
    const tags = new Set(deck.meta.tags);
    for (const term of deck.terms) for (const id of term.related) expect(termIds.has(id), `${term.id} related ${id}`).toBe(true);
    for (const question of deck.questions) {
      for (const id of question.terms) expect(termIds.has(id), `${question.id} term ${id}`).toBe(true);
      for (const tag of question.tags) expect(tags.has(tag), `${question.id} tag ${tag}`).toBe(true);
    }
    for (const scenario of deck.scenarios) {
      for (const id of scenario.terms) expect(termIds.has(id), `${scenario.id} term ${id}`).toBe(true);
      for (const tag of scenario.tags) expect(tags.has(tag), `${scenario.id} tag ${tag}`).toBe(true);
    }
  });

  const found = (result: TermLookupResult) => (result.status === 'found' ? result.match.term.id : `suggest`);

  it.each([
    ['sse kms', 'sse-kms'],
    ['SSE_KMS', 'sse-kms'],
    ['sse-kms', 'sse-kms'],
    ['grants', 'grant'],
    ['Grant', 'grant'],
    ['envelop encryption', 'envelope-encryption'],
    ['grnats', 'grant'],
    ['CMK', 'kms-key'],
    ['customer master key', 'kms-key'],
    ['aws/s3', 'aws-managed-key'],
    ['EBS default encryption', 'ebs-default-encryption'],
    ['cloudtrial', 'cloudtrail-kms-logging'],
    ['key polcy', 'key-policy'],
    ['multi regoin key', 'multi-region-key'],
  ])('finds %j', (query, id) => {
    expect(found(library.lookupTerm(query))).toBe(id);
  });

  it.each([
    ['datakey', 'data-key'],
    ['datakeys', 'data-key'],
    ['keypolicy', 'key-policy'],
    ['cloud trail', 'cloudtrail-kms-logging'],
  ])('finds the run-together (or split) query %j', (query, id) => {
    expect(found(library.lookupTerm(query))).toBe(id);
  });

  it.each(['acm', 'clés', 'cle', 'kek'])('suggests rather than guesses for the short query %j', (query) => {
    const result = library.lookupTerm(query);
    expect(result.status).toBe('suggest');
  });

  it('suggests rather than guesses for an unrelated word', () => {
    const result = library.lookupTerm('pizza');
    expect(result.status).toBe('suggest');
    if (result.status === 'suggest') expect(result.suggestions.length).toBeLessThanOrEqual(3);
  });

  it('finds every term by its own name and by each alias', () => {
    for (const term of deck.terms) {
      for (const label of [term.name, ...term.aliases]) expect(found(library.lookupTerm(label)), label).toBe(term.id);
    }
  });
});
