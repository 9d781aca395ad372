/**
 * Test helpers: copy the fixture content folder (tests/deck/fixtures/content, one deck "mini-kms") to a
 * fresh temp folder, edit its files, and collect the ContentError problems a load throws.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { ContentError } from '../../src/core/deck/library.js';

/** The fixture content folder (read-only: tests copy it before editing). */
export const FIXTURE_CONTENT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'content');
/** The fixture deck's id (and folder name). */
export const FIXTURE_DECK = 'mini-kms';

/** A temp copy of the fixture content. */
export interface TempContent {
  /** The copied content folder (its parent is a fresh temp folder). */
  contentDir: string;
  /** The copied deck folder, contentDir/decks/mini-kms. */
  deckDir: string;
  /** Replace text in one of the deck's files; fails the test if `from` is not in the file. */
  edit(file: string, from: string, to: string): void;
  /** Overwrite one of the deck's files. */
  write(file: string, text: string): void;
  /** Delete the temp folder. */
  remove(): void;
}

/** Copy the fixture content to a new temp folder. */
export function copyFixture(): TempContent {
  const root = mkdtempSync(path.join(tmpdir(), 'deck-test-'));
  const contentDir = path.join(root, 'content');
  cpSync(FIXTURE_CONTENT, contentDir, { recursive: true });
  const deckDir = path.join(contentDir, 'decks', FIXTURE_DECK);
  return {
    contentDir,
    deckDir,
    edit(file, from, to) {
      const target = path.join(deckDir, file);
      const text = readFileSync(target, 'utf8');
      expect(text, `fixture ${file} should contain ${JSON.stringify(from)}`).toContain(from);
      writeFileSync(target, text.replace(from, to));
    },
    write(file, text) {
      writeFileSync(path.join(deckDir, file), text);
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Run `load` and return the problems of the ContentError it throws; fails the test if it does not throw one. */
export function problemsOf(load: () => unknown): ContentError['problems'] {
  try {
    load();
  } catch (err) {
    expect(err).toBeInstanceOf(ContentError);
    return (err as ContentError).problems;
  }
  expect.fail('expected a ContentError, but the content loaded');
}
