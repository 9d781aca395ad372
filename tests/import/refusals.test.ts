import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runImport } from '../../src/import/run-import.js';
import { tempDecks, type TempDecks } from './helpers.js';

let temp: TempDecks | undefined;
afterEach(() => {
  temp?.remove();
  temp = undefined;
});

/** Write `body` to `<temp>/<name>`, import it, and return the result; nothing may be written. */
function importFile(name: string, body: string | Uint8Array, ...extra: string[]) {
  temp = tempDecks();
  const file = path.join(temp.decksDir, '..', name);
  mkdirSync(temp.contentDir, { recursive: true });
  writeFileSync(file, body);
  const result = runImport([file, '--out', temp.decksDir, ...extra]);
  expect(existsSync(temp.decksDir)).toBe(false);
  return result;
}

describe('an import that yields nothing fails and writes nothing', () => {
  it('refuses an empty chapter file', () => {
    const result = importFile('empty.txt', '');
    expect(result).toEqual({ lines: ['import failed: empty.txt: whole file, field "-": the file is empty; nothing written'], warnings: [], exitCode: 1 });
  });

  it('refuses a binary file', () => {
    const result = importFile('blob.txt', new Uint8Array([0, 1, 2, 0xff, 0xfe, 0, 7, 8]));
    expect(result.exitCode).toBe(1);
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]).toMatch(/^import failed: blob\.txt: .*no question or term could be read/);
  });

  it('refuses a CSV whose rows are all bad', () => {
    const result = importFile('bad.csv', 'question,a,b,c,answer\nWhat?,x,y,z,Q\nWho?,x,x,z,A\n');
    expect(result.exitCode).toBe(1);
    expect(result.lines).toEqual(['import failed: bad.csv: whole file, field "-": no question or term could be read (2 problems found); nothing written']);
  });

  it('refuses an Open Trivia DB file with no valid questions', () => {
    const result = importFile('trivia.json', JSON.stringify({ response_code: 0, results: [{ type: 'multiple', question: '', correct_answer: '', incorrect_answers: [] }] }));
    expect(result.exitCode).toBe(1);
    expect(result.lines[0]).toMatch(/^import failed: trivia\.json: .*no question or term could be read/);
  });
});
