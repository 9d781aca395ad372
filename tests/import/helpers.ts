/** Temporary deck folders for importer tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A temporary content folder `<root>/content/decks/` for writing imported decks into. */
export interface TempDecks {
  contentDir: string;
  decksDir: string;
  remove(): void;
}

export function tempDecks(): TempDecks {
  const root = mkdtempSync(path.join(os.tmpdir(), 'kms-import-'));
  const contentDir = path.join(root, 'content');
  return { contentDir, decksDir: path.join(contentDir, 'decks'), remove: () => rmSync(root, { recursive: true, force: true }) };
}

export const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
/** The course's reference sample (chapter 8), copied from shared/seed/000_7ac490ed24d42070.txt. */
export const SAMPLE = path.join(FIXTURES, 'chapter-08-sample.txt');
