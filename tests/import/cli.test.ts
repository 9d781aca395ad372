import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_OUT, formatFromName, parseImportArgs } from '../../src/import/cli-args.js';
import { draftFromBytes, runImport } from '../../src/import/run-import.js';
import { buildApkg, buildCollection } from './anki-fixture.js';
import { FIXTURES, SAMPLE, tempDecks, type TempDecks } from './helpers.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const DECK = 'chapter-8-data-protection-at-rest-s3-ebs-rds-and-aws-kms';

let temp: TempDecks | undefined;
afterEach(() => {
  temp?.remove();
  temp = undefined;
});

const files = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(path.join(dir, name))]));

describe('npm run import', () => {
  it('writes the deck folder and prints where and a summary', () => {
    temp = tempDecks();
    const result = runImport([SAMPLE, '--out', temp.decksDir]);
    expect(result).toEqual({
      lines: [
        `Imported ${SAMPLE} as deck "${DECK}" into ${path.join(temp.decksDir, DECK)}`,
        '12 terms, 35 concept cards, 26 questions (24 generated), 1 scenario, 6 warnings',
        'The deck repeats the file word for word: check its facts against current documentation (and add a `note:` where they changed) before learners study it.',
      ],
      warnings: expect.any(Array),
      exitCode: 0,
    });
    // Four generated "What is X?" questions whose right definition holds a word of X no other choice has, or repeats more of X's words than any
    // other choice does (named with the line of the definition), then the same answer-tell warnings content:check prints for the written deck (the
    // chapter's own quiz questions, repeated word for word), all counted in the summary. Each names the chapter's line, not the written
    // questions.yaml's: the chapter is what a writer fixes (line 104 is the quiz question's own line).
    expect(result.warnings).toHaveLength(6);
    expect(result.warnings[0]).toMatch(/^warning: .*chapter-08-sample\.txt:133: term sse-s3-vs-sse-kms, field "summary": question g-sse-s3-vs-sse-kms-definition /);
    expect(result.warnings[4]).toBe(
      'warning: chapter-08-sample.txt:104: question q-kms-key-types-and-s3-ebs-rds-basics, field "choices[2].text": absolute words ("all") appear only in wrong choices, which gives the right one away; balance the wording',
    );
    expect(result.warnings.filter((w) => w.includes('questions.yaml'))).toEqual([]);
    expect(readdirSync(path.join(temp.decksDir, DECK)).sort()).toEqual(['deck.yaml', 'questions.yaml', 'scenarios.yaml', 'terms.yaml']);
  });

  it('gives byte-identical files on re-import, and refuses to overwrite without --force', () => {
    temp = tempDecks();
    const dir = path.join(temp.decksDir, DECK);
    expect(runImport([SAMPLE, '--out', temp.decksDir]).exitCode).toBe(0);
    const first = files(dir);
    writeFileSync(path.join(dir, 'terms.yaml'), 'edited by hand\n');
    const refused = runImport([SAMPLE, '--out', temp.decksDir]);
    expect(refused).toMatchObject({ exitCode: 1, lines: [`import refused: deck folder ${dir} already exists; pass --force to replace it`] });
    expect(readFileSync(path.join(dir, 'terms.yaml'), 'utf8')).toBe('edited by hand\n');
    expect(runImport([SAMPLE, '--out', temp.decksDir, '--force']).exitCode).toBe(0);
    expect(files(dir)).toEqual(first);
    // No staging folder is left behind.
    expect(readdirSync(temp.decksDir)).toEqual([DECK]);
  });

  it('uses --id, detects the format by extension, and prints warnings with file and line', () => {
    temp = tempDecks();
    const result = runImport([path.join(FIXTURES, 'chapter-11-secrets.txt'), '--id', 'secrets', '--out', temp.decksDir]);
    expect(result.exitCode).toBe(0);
    expect(result.lines[0]).toMatch(/ as deck "secrets" into /);
    expect(result.warnings[0]).toBe('warning: chapter-11-secrets.txt:4: line 4, field "line": line not placed: not in any section ("Estimated reading time: 25 minutes.")');
    const apkg = path.join(temp.decksDir, '..', 'cards.apkg');
    writeFileSync(apkg, buildApkg(buildCollection([{ id: 1, fields: ['A?', 'x'] }, { id: 2, fields: ['B?', 'y'] }, { id: 3, fields: ['C?', 'z'] }])));
    expect(runImport([apkg, '--out', temp.decksDir]).lines[1]).toBe('0 terms, 0 concept cards, 3 questions (3 generated), 0 scenarios, 0 warnings');
  });

  it('fails with one line for a missing file, a bad option or a file that cannot be read', () => {
    expect(runImport(['nope.txt', '--out', '/tmp'])).toEqual({ lines: ['import failed: nope.txt: no such file'], warnings: [], exitCode: 1 });
    expect(runImport([])).toMatchObject({ exitCode: 1, lines: ['import: name the file to import', expect.stringMatching(/^usage: npm run import/)] });
    expect(runImport(['a.txt', '--format', 'xml']).lines[0]).toBe('import: --format must be one of chapter, csv, tsv, apkg, opentdb (got "xml")');
    expect(runImport(['a.txt', '--id', 'Bad Id']).lines[0]).toBe('import: --id "Bad Id" must be lower-case letters, digits and hyphens (at most 63)');
    expect(runImport([path.join(FIXTURES, 'opentdb-broken.json.txt'), '--format', 'opentdb']).lines[0]).toMatch(/^import failed: opentdb-broken\.json\.txt:2: file, field "-": not valid JSON/);
  });

  it('says "no input file given" for an empty name, and echoes a very long name or option value clipped', () => {
    expect(runImport(['', '--out', '/tmp'])).toMatchObject({ exitCode: 1, lines: ['import: no input file given (the file name is empty)', expect.stringMatching(/^usage: /)] });
    const long = `${'a'.repeat(5000)}.csv`;
    expect(runImport([long, '--out', '/tmp'])).toEqual({ lines: [`import failed: ${'a'.repeat(40)}…: the name is too long for a file`], warnings: [], exitCode: 1 });
    expect(runImport([`${'b'.repeat(200)}.csv`, '--out', '/tmp']).lines).toEqual([`import failed: ${'b'.repeat(40)}…: no such file`]);
    expect(runImport(['a.txt', '--format', 'x'.repeat(300)]).lines[0]).toBe(`import: --format must be one of chapter, csv, tsv, apkg, opentdb (got "${'x'.repeat(40)}…")`);
    expect(runImport(['a.txt', `--${'y'.repeat(300)}`]).lines[0]).toBe(`import: unknown option --${'y'.repeat(38)}…`);
  });

  it('builds a draft from bytes (a file attached in chat) without touching the disk', () => {
    const draft = draftFromBytes(readFileSync(path.join(FIXTURES, 'ebs-bank.tsv')), { format: 'tsv', file: 'ebs-bank.tsv', id: 'ebs', chapter: 8 });
    expect(draft.meta).toMatchObject({ id: 'ebs', chapter: { number: 8, title: 'ebs-bank' } });
    expect(draft.questions).toHaveLength(1);
  });

  it('parses its arguments and picks the format from the extension', () => {
    expect(parseImportArgs(['x.csv'])).toEqual({ file: 'x.csv', format: 'csv', out: DEFAULT_OUT, force: false });
    expect(parseImportArgs(['x.txt', '--format', 'tsv', '--chapter', '3', '--force'])).toMatchObject({ format: 'tsv', chapter: 3, force: true });
    expect(['a.csv', 'a.TSV', 'a.apkg', 'a.json', 'a.txt', 'chapter'].map(formatFromName)).toEqual(['csv', 'tsv', 'apkg', 'opentdb', 'chapter', 'chapter']);
    expect(() => parseImportArgs(['x.txt', '--chapter', '0'])).toThrow('--chapter must be a positive whole number (got "0")');
  });

  it('runs as `npm run import` (tsx src/import.ts) and the output passes `npm run content:check`', async () => {
    temp = tempDecks();
    const imported = await run('npx', ['tsx', 'src/import.ts', SAMPLE, '--out', temp.decksDir], { cwd: ROOT });
    expect(imported.stdout).toContain('12 terms, 35 concept cards, 26 questions (24 generated), 1 scenario, 6 warnings');
    const checked = await run('npx', ['tsx', 'src/content-check.ts', temp.contentDir], { cwd: ROOT });
    expect(checked.stdout).toContain(`${DECK}: 12 terms, 35 concept cards, 26 questions, 1 scenario — OK`);
  });
});
