import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeckLibrary, TermLookupResult } from '../../src/core/deck/library.js';
import { loadLibrary } from '../../src/core/deck/loader.js';
import { FOUND_MAX_SCORE, MAX_SUGGESTIONS } from '../../src/core/deck/lookup.js';
import { FIXTURE_CONTENT, FIXTURE_DECK } from './fixture-content.js';

const library = loadLibrary(FIXTURE_CONTENT);

function foundId(result: TermLookupResult): string | undefined {
  return result.status === 'found' ? result.match.term.id : undefined;
}

describe('lookupTerm on the fixture deck', () => {
  it.each([
    ['sse kms', 'sse-kms'],
    ['SSE_KMS', 'sse-kms'],
    ['sse-kms', 'sse-kms'],
    ['  SSE  /  KMS!  ', 'sse-kms'],
    ['grants', 'grant'],
    ['Grant', 'grant'],
    ['KMS Grants', 'grant'],
    ['CMK', 'kms-key'],
    ['customer master keys', 'kms-key'],
    ['aws/s3', 'aws-managed-key'],
    ['AWS/EBS', 'aws-managed-key'],
    ['EBS default encryption', 'ebs-default-encryption'],
    ['envelope-encryption', 'envelope-encryption'],
  ])('finds %j exactly (case, punctuation, plurals, word order, ids)', (query, id) => {
    const result = library.lookupTerm(query);
    expect(foundId(result)).toBe(id);
    expect(result.status === 'found' && result.match.score).toBe(0);
    expect(result.status === 'found' && result.match.deckId).toBe(FIXTURE_DECK);
  });

  it.each([
    ['envelop encryption', 'envelope-encryption'],
    ['grnats', 'grant'],
    ['custmer master key', 'kms-key'],
    ['default ebs encrytion', 'ebs-default-encryption'],
    ['key wraping', 'envelope-encryption'],
  ])('finds %j despite a typo, with a score above 0 and within the threshold', (query, id) => {
    const result = library.lookupTerm(query);
    expect(foundId(result)).toBe(id);
    if (result.status !== 'found') return;
    expect(result.match.score).toBeGreaterThan(0);
    expect(result.match.score).toBeLessThanOrEqual(FOUND_MAX_SCORE);
  });

  it('reports the alias that matched, or the name when the id matched', () => {
    const byAlias = library.lookupTerm('key wrapping');
    expect(byAlias.status === 'found' && byAlias.match.matched).toBe('key wrapping');
    const byId = library.lookupTerm('ebs-default-encryption');
    expect(byId.status === 'found' && byId.match.matched).toBe('Default EBS encryption (per Region)');
  });

  it('prefers the name written exactly like the query when two terms share a normalised name', () => {
    // "AWS KMS" (aws-kms) and "aws:kms" (sse-kms) both normalise to "aws kms".
    expect(foundId(library.lookupTerm('aws:kms'))).toBe('sse-kms');
    expect(foundId(library.lookupTerm('AWS KMS'))).toBe('aws-kms');
    const neither = library.lookupTerm('aws-kms');
    expect(foundId(neither)).toBe('aws-kms'); // the term id itself
    const ambiguous = library.lookupTerm('aws_kms');
    expect(ambiguous.status).toBe('suggest');
    if (ambiguous.status === 'suggest') expect(ambiguous.suggestions.map((s) => s.term.id).sort()).toEqual(['aws-kms', 'sse-kms']);
  });

  it('suggests instead of guessing when a short query fits several terms', () => {
    const result = library.lookupTerm('sse');
    expect(result.status).toBe('suggest');
    if (result.status !== 'suggest') return;
    expect(result.suggestions.map((s) => s.term.id)).toEqual(expect.arrayContaining(['sse-kms', 'sse-s3']));
  });

  it.each([
    ['envelopeencryption', 'envelope-encryption'],
    ['keywrapping', 'envelope-encryption'],
    ['customermasterkeys', 'kms-key'],
    ['ebsdefault encryption', 'ebs-default-encryption'],
  ])('finds the run-together query %j as its words (spaces ignored), score 0', (query, id) => {
    const result = library.lookupTerm(query);
    expect(foundId(result)).toBe(id);
    expect(result.status === 'found' && result.match.score).toBe(0);
  });

  it('a query of 3 letters or fewer is found only by an exact name or a unique name it starts; a fuzzy hit is a suggestion', () => {
    // "acm" is one letter off "cmk" (CMK, an alias of kms-key): offered, not found.
    const acm = library.lookupTerm('acm');
    expect(acm.status).toBe('suggest');
    if (acm.status === 'suggest') expect(acm.suggestions.map((s) => s.term.id)).toContain('kms-key');
    expect(library.lookupTerm('cmx').status).toBe('suggest');
    // Exact short names and aliases still work.
    expect(foundId(library.lookupTerm('CMK'))).toBe('kms-key');
    expect(foundId(library.lookupTerm('KMS'))).toBe('aws-kms');
    // A name it starts, when only one term has one.
    expect(foundId(library.lookupTerm('gra'))).toBe('grant');
  });

  it('returns at most 3 suggestions, none for an unrelated word', () => {
    const pizza = library.lookupTerm('pizza');
    expect(pizza.status).toBe('suggest');
    if (pizza.status === 'suggest') expect(pizza.suggestions.length).toBeLessThanOrEqual(MAX_SUGGESTIONS);
    const noise = library.lookupTerm('qqqq zzzz');
    expect(noise).toEqual({ status: 'suggest', suggestions: [] });
  });

  it.each(['', '   ', '!!!', '-/_', '🔑', 'ключ', 'x'.repeat(200), 'grant '.repeat(40), '\u0000\n\t'])(
    'does not throw on odd input %j',
    (query) => {
      const result = library.lookupTerm(query);
      expect(['found', 'suggest']).toContain(result.status);
      if (result.status === 'suggest') expect(result.suggestions.length).toBeLessThanOrEqual(MAX_SUGGESTIONS);
    },
  );

  it('returns nothing for a query with no letters or digits', () => {
    expect(library.lookupTerm('')).toEqual({ status: 'suggest', suggestions: [] });
    expect(library.lookupTerm('!!!')).toEqual({ status: 'suggest', suggestions: [] });
  });
});

describe('suggestTerms (autocomplete)', () => {
  it('lists term names A-Z for an empty query, at most `limit`', () => {
    const names = library.suggestTerms('', 3).map((m) => m.term.name);
    const all = [...library.defaultDeck.terms.map((t) => t.name)].sort((a, b) => a.localeCompare(b, 'en'));
    expect(names).toEqual(all.slice(0, 3));
  });

  it('completes a partial word', () => {
    expect(library.suggestTerms('envel', 5)[0]?.term.id).toBe('envelope-encryption');
    expect(library.suggestTerms('gra', 5)[0]?.term.id).toBe('grant');
  });

  it('puts the exact match first and respects the limit', () => {
    const matches = library.suggestTerms('sse-kms', 2);
    expect(matches).toHaveLength(2);
    expect(matches[0]?.term.id).toBe('sse-kms');
    expect(library.suggestTerms('sse', 0)).toEqual([]);
  });

  it('never lists a term twice', () => {
    const ids = library.suggestTerms('kms', 25).map((m) => m.term.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('findScenario and suggestScenarios', () => {
  it('finds a scenario by exact id', () => {
    const result = library.findScenario('cross-account-snapshot');
    expect(result.status === 'found' && result.scenario.id).toBe('cross-account-snapshot');
  });

  it('finds a scenario by words of its title, with a typo', () => {
    const result = library.findScenario('finance custmer managed keys');
    expect(result.status === 'found' && result.scenario.id).toBe('finance-compliance');
    const shared = library.findScenario('share encrypted snapshot');
    expect(shared.status === 'found' && shared.scenario.id).toBe('cross-account-snapshot');
  });

  it('suggests nothing for an unrelated query and does not throw on odd input', () => {
    expect(library.findScenario('pizza')).toEqual({ status: 'suggest', suggestions: [] });
    expect(library.findScenario('').status).toBe('suggest');
    expect(library.findScenario('%%%').status).toBe('suggest');
  });

  it('lists scenarios by title for an empty query and filters for a partial one', () => {
    expect(library.suggestScenarios('', 5).map((s) => s.scenario.id)).toEqual(['finance-compliance', 'cross-account-snapshot']);
    expect(library.suggestScenarios('snap', 5)[0]?.scenario.id).toBe('cross-account-snapshot');
    expect(library.suggestScenarios('', 1)).toHaveLength(1);
  });
});

describe('several decks', () => {
  let root: string;
  let two: DeckLibrary;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'deck-two-'));
    const content = path.join(root, 'content');
    cpSync(FIXTURE_CONTENT, content, { recursive: true });
    const second = path.join(content, 'decks', 'a-second-deck');
    cpSync(path.join(content, 'decks', FIXTURE_DECK), second, { recursive: true });
    const deckYaml = path.join(second, 'deck.yaml');
    writeFileSync(deckYaml, readFileSync(deckYaml, 'utf8').replace('id: mini-kms', 'id: a-second-deck'));
    two = loadLibrary(content, { defaultDeckId: FIXTURE_DECK });
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('loads decks in folder-name order and honours the default deck', () => {
    expect([...two.decks.keys()]).toEqual(['a-second-deck', FIXTURE_DECK]);
    expect(two.defaultDeck.meta.id).toBe(FIXTURE_DECK);
    expect(two.get('a-second-deck')?.terms).toHaveLength(8);
    expect(two.get('nope')).toBeUndefined();
  });

  it('picks the default deck when the same name is in both decks', () => {
    const result = two.lookupTerm('grant');
    expect(result.status === 'found' && `${result.match.deckId}/${result.match.term.id}`).toBe('mini-kms/grant');
    const scenario = two.findScenario('finance-compliance');
    expect(scenario.status === 'found' && scenario.deckId).toBe(FIXTURE_DECK);
  });

  it('suggests the matching terms of both decks for a typo, each with its deck', () => {
    const result = two.lookupTerm('grnat');
    expect(result.status).toBe('suggest');
    if (result.status === 'suggest') {
      expect(result.suggestions.slice(0, 2).map((s) => `${s.deckId}/${s.term.id}`).sort()).toEqual(['a-second-deck/grant', 'mini-kms/grant']);
    }
  });

  it('goes to the first deck when no default deck is named', () => {
    const first = loadLibrary(path.join(root, 'content'));
    const result = first.lookupTerm('grant');
    expect(first.defaultDeck.meta.id).toBe('a-second-deck');
    expect(result.status === 'found' && result.match.deckId).toBe('a-second-deck');
  });
});
