/**
 * deck.yaml `domains:` validation: weights summing to 100, unique names, a tag in one domain only,
 * domain tags among the deck's tags, and every question tag covered; each problem names file, field
 * and line. Runs on a copy of the bundled deck with one file changed.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDeck } from '../../src/core/deck/loader.js';

const REAL = path.resolve(import.meta.dirname, '..', '..', 'content', 'decks', 'kms-encryption-at-rest');
let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** Copy the bundled deck, apply `change` to one file's text, and return the load error's message. */
function problemsWith(file: string, change: (text: string) => string): string {
  root = mkdtempSync(path.join(tmpdir(), 'deck-domains-'));
  const dir = path.join(root, 'kms-encryption-at-rest');
  cpSync(REAL, dir, { recursive: true });
  const target = path.join(dir, file);
  writeFileSync(target, change(readFileSync(target, 'utf8')));
  try {
    loadDeck(dir);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  return '';
}

describe('exam domain checks', () => {
  it('refuses weights that do not sum to 100, naming the field and line', () => {
    const message = problemsWith('deck.yaml', (t) => t.replace('weight: 40', 'weight: 45'));
    expect(message).toMatch(/deck\.yaml.*domains.*weights must sum to 100, not 105 \(line \d+\)/);
  });

  it('refuses a tag in two domains and a domain tag that is not a deck tag', () => {
    expect(problemsWith('deck.yaml', (t) => t.replace('tags: [rds]', 'tags: [rds, s3]'))).toMatch(/domains\[2\]\.tags\[1\].*tag "s3" is already in domain "S3 encryption" \(line \d+\)/);
    expect(problemsWith('deck.yaml', (t) => t.replace('tags: [rds]', 'tags: [rds, lambda]'))).toMatch(/domains\[2\]\.tags\[1\].*not among the deck's tags \(line \d+\)/);
  });

  it('refuses a question tag that no domain covers', () => {
    const message = problemsWith('deck.yaml', (t) => t.replace('tags: [cost, audit]', 'tags: [cost]'));
    expect(message).toMatch(/questions\.yaml.*tags\[\d\].*tag "audit" is in no exam domain of deck\.yaml.*\(line \d+\)/);
  });
});
