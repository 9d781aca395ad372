import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentError } from '../../src/core/deck/library.js';
import { safeText } from '../../src/core/safe-text.js';
import { importCsv } from '../../src/import/csv-bank.js';
import { ImportError } from '../../src/import/issues.js';
import { runImport } from '../../src/import/run-import.js';
import { writeDeck } from '../../src/import/write-deck.js';
import { FIXTURES, tempDecks, type TempDecks } from './helpers.js';

const CSV = path.join(FIXTURES, 'aws-security-bank.csv');

let temp: TempDecks | undefined;
afterEach(() => {
  temp?.remove();
  temp = undefined;
});

/** A copy of the bank CSV under the temporary folder, named `name`. */
function bankNamed(name: string): string {
  temp = tempDecks();
  mkdirSync(temp.contentDir, { recursive: true });
  const file = path.join(temp.contentDir, '..', name);
  writeFileSync(file, readFileSync(CSV));
  return file;
}

describe('an input file name with control characters (it used to fail and leave an empty --out folder)', () => {
  it('imports under the name without them, says so naming the file, and the deck passes the content check', () => {
    const file = bankNamed('bank\x07x\x1b[31m.csv');
    const out = path.join(path.dirname(file), 'new-out');
    const result = runImport([file, '--out', out]);
    expect(result.exitCode).toBe(0);
    expect(result.warnings[0]).toBe('warning: bank\\x07x\\x1b[31m.csv: file name, field "-": the file\'s name contains control or bidi-override characters (\\x07 \\x1b); the deck uses "bankx.csv" instead');
    expect(readdirSync(out)).toEqual(['bankx']);
    const deckYaml = readFileSync(path.join(out, 'bankx', 'deck.yaml'), 'utf8');
    expect(deckYaml).toContain('source: Question bank bankx.csv (imported from bankx.csv)');
    expect(safeText(deckYaml)).toBe(deckYaml);
  });

  it('a tab or line end in the name becomes a space; the warning shows it escaped, so it stays one line', () => {
    const file = bankNamed('my\nbank.csv');
    const result = runImport([file, '--out', path.join(path.dirname(file), 'out')]);
    expect(result.exitCode).toBe(0);
    for (const line of result.warnings) expect(line).not.toContain('\n');
    expect(result.warnings[0]).toBe('warning: my\\nbank.csv: file name, field "-": the file\'s name contains control or bidi-override characters (\\n); the deck uses "my bank.csv" instead');
  });
});

describe('a deck id that is not a plain folder name', () => {
  it('is refused by writeDeck before anything is written, inside or outside the --out folder', () => {
    temp = tempDecks();
    const out = path.join(temp.contentDir, '..', 'ids-out');
    const draft = importCsv(readFileSync(CSV, 'utf8'), { file: 'bank.csv', delimiter: ',' });
    for (const id of ['../escaped', '../../tmp/pwn', 'a/b', 'UPPER']) {
      expect(() => writeDeck({ ...draft, meta: { ...draft.meta, id } }, out, false)).toThrow(ImportError);
    }
    expect(existsSync(out)).toBe(false);
    expect(existsSync(path.join(temp.contentDir, '..', 'escaped'))).toBe(false);
  });
});

describe('a failed write leaves no folder it created behind, and never removes one that was there', () => {
  /** A draft whose deck.yaml the content check refuses (what a raw control character in `source` used to cause). */
  const badDraft = () => {
    const draft = importCsv(readFileSync(CSV, 'utf8'), { file: 'bank.csv', delimiter: ',' });
    return { ...draft, meta: { ...draft.meta, source: 'Question bank bank\x07.csv' } };
  };

  it('removes the --out folders it made (all missing levels) when the deck fails the content check', () => {
    temp = tempDecks();
    mkdirSync(temp.contentDir, { recursive: true });
    const out = path.join(temp.contentDir, 'new', 'deep');
    expect(() => writeDeck(badDraft(), out, false)).toThrow(ContentError);
    expect(existsSync(path.join(temp.contentDir, 'new'))).toBe(false);
    expect(readdirSync(temp.contentDir)).toEqual([]);
  });

  it('keeps an --out folder that existed before, empty or not', () => {
    temp = tempDecks();
    mkdirSync(temp.decksDir, { recursive: true });
    expect(() => writeDeck(badDraft(), temp?.decksDir ?? '', false)).toThrow(ContentError);
    expect(readdirSync(temp.decksDir)).toEqual([]);
    writeFileSync(path.join(temp.decksDir, 'notes.txt'), 'mine');
    const nested = path.join(temp.decksDir, 'sub');
    expect(() => writeDeck(badDraft(), nested, false)).toThrow(ContentError);
    expect(readdirSync(temp.decksDir)).toEqual(['notes.txt']);
  });
});
