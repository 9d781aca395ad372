import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES, runImport } from '../../src/import/run-import.js';
import { FIXTURES, tempDecks, type TempDecks } from './helpers.js';

let temp: TempDecks | undefined;
afterEach(() => {
  temp?.remove();
  temp = undefined;
});

/** Write `body` to `<temp>/<name>`, import it, and return the result; a failed import must write nothing. */
function importFile(name: string, body: string | Uint8Array, ...extra: string[]) {
  temp = tempDecks();
  const file = path.join(temp.decksDir, '..', name);
  mkdirSync(temp.contentDir, { recursive: true });
  writeFileSync(file, body);
  const result = runImport([file, '--out', temp.decksDir, ...extra]);
  if (result.exitCode === 1) expect(existsSync(temp.decksDir)).toBe(false);
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
    // The first line says why; the problems found on the way follow, each with its line.
    expect(result.lines).toHaveLength(4);
    expect(result.lines[0]).toMatch(/^import failed: blob\.txt: .*no question or term could be read/);
    expect(result.lines[1]).toBe('  blob.txt:1: line 1, field "-": contains control or bidi-override characters (\\x00 \\x01 \\x02 \\x07 \\x08); imported without them');
  });

  it('refuses a CSV whose rows are all bad', () => {
    const result = importFile('bad.csv', 'question,a,b,c,answer\nWhat?,x,y,z,Q\nWho?,x,x,z,A\n');
    expect(result.exitCode).toBe(1);
    expect(result.lines).toEqual([
      'import failed: bad.csv: whole file, field "-": no question or term could be read (2 problems found); nothing written',
      '  bad.csv:2: row 2, field "answer": "Q" is not a letter A-E; row left out',
      '  bad.csv:3: row 3, field "choices": choice B repeats choice A; row left out',
    ]);
  });

  it('refuses an Open Trivia DB file with no valid questions', () => {
    const result = importFile('trivia.json', JSON.stringify({ response_code: 0, results: [{ type: 'multiple', question: '', correct_answer: '', incorrect_answers: [] }] }));
    expect(result.exitCode).toBe(1);
    expect(result.lines[0]).toMatch(/^import failed: trivia\.json: .*no question or term could be read/);
  });
});

describe('import warnings quote input safely', () => {
  it('escapes control characters and escape sequences from the input file', () => {
    const chapter = readFileSync(path.join(FIXTURES, 'chapter-11-secrets.txt'), 'utf8').replace('Estimated reading time: 25 minutes.', '\x1b]0;pwned\x07\x1b[31mRED');
    const result = importFile('chapter-11-secrets.txt', chapter, '--id', 'secrets');
    expect(result.exitCode).toBe(0);
    // The line is imported without its escape sequences; the warning names them escaped.
    expect(result.warnings.slice(0, 2)).toEqual([
      'warning: chapter-11-secrets.txt:4: line 4, field "-": contains control or bidi-override characters (\\x1b \\x07); imported without them',
      'warning: chapter-11-secrets.txt:4: line 4, field "line": line not placed: not in any section ("RED")',
    ]);
    expect(result.warnings.join('\n')).not.toContain('\x1b');
  });
});

describe('an input that is not a regular file is refused before it is read (s6 newcomer #23)', () => {
  it('a named pipe (FIFO): one line naming it, no hang waiting for a writer, nothing written', () => {
    temp = tempDecks();
    mkdirSync(temp.contentDir, { recursive: true });
    const fifo = path.join(temp.contentDir, 'chapter.txt');
    execFileSync('mkfifo', [fifo]);
    const result = runImport([fifo, '--out', temp.decksDir]);
    expect(result.exitCode).toBe(1);
    expect(result.warnings).toEqual([]);
    expect(result.lines).toHaveLength(1);
    // The path is clipped in the middle when long; its start and the reason are always there.
    expect(result.lines[0]).toMatch(/^import failed: \/tmp\/.*: is a named pipe \(FIFO\), not a regular file$/);
    expect(existsSync(temp.decksDir)).toBe(false);
  });

  it('a character device such as /dev/null', () => {
    temp = tempDecks();
    const result = runImport(['/dev/null', '--out', temp.decksDir]);
    expect(result).toEqual({ lines: ['import failed: /dev/null: is a character device, not a regular file'], warnings: [], exitCode: 1 });
    expect(existsSync(temp.decksDir)).toBe(false);
  });
});

describe('a symbolic link loop or an oversized file is refused in words, before it is read (s7 newcomer #9)', () => {
  it('a link that leads back to itself: "too many symbolic links", not ELOOP', () => {
    temp = tempDecks();
    mkdirSync(temp.contentDir, { recursive: true });
    const loop = path.join(temp.contentDir, 'l-loop.txt');
    symlinkSync('l-loop.txt', loop);
    const result = runImport([loop, '--out', temp.decksDir]);
    expect(result.exitCode).toBe(1);
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]).toMatch(/^import failed: \/tmp\/.*: too many symbolic links \(a link that leads back to itself\?\)$/);
    expect(existsSync(temp.decksDir)).toBe(false);
  });

  it('a file over the 50 MiB limit (sparse, so nothing is written to disk): its size and the limit, not ERR_FS_FILE_TOO_LARGE', () => {
    expect(MAX_IMPORT_BYTES).toBe(50 * 1024 * 1024);
    temp = tempDecks();
    mkdirSync(temp.contentDir, { recursive: true });
    const big = path.join(temp.contentDir, 'big.txt');
    writeFileSync(big, '');
    truncateSync(big, 3 * 1024 ** 3);
    const huge = runImport([big, '--out', temp.decksDir]);
    expect(huge.exitCode).toBe(1);
    expect(huge.lines).toHaveLength(1);
    expect(huge.lines[0]).toMatch(/^import failed: \/tmp\/.*big\.txt: the file is 3\.0 GiB, larger than the 50 MiB npm run import reads at most$/);
    truncateSync(big, MAX_IMPORT_BYTES + 1);
    const over = runImport([big, '--out', temp.decksDir]);
    expect(over.lines[0]).toMatch(/: the file is 50\.0 MiB, larger than the 50 MiB npm run import reads at most$/);
    expect(existsSync(temp.decksDir)).toBe(false);
  });
});
