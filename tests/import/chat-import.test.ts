import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkContent, contentCheckArgs } from '../../src/content-check.js';
import { chatImporter } from '../../src/import/chat-import.js';
import { runImport } from '../../src/import/run-import.js';
import { SAMPLE, tempDecks, type TempDecks } from './helpers.js';

const temps: TempDecks[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) t.remove();
});

/** A fetch that serves `bytes` for any URL, as a file host would. */
function serving(bytes: Uint8Array): typeof fetch {
  return async () => new Response(new Uint8Array(bytes), { status: 200, headers: { 'content-length': String(bytes.byteLength) } });
}

const ESC = '\x1b';
/** Where the tests import: one Discord guild's own folder, beside no shared decks. */
const TARGET = { team: { platform: 'discord', teamId: '1200000000000000003' }, sharedIds: new Set<string>() };

describe('import in chat (an attached file)', () => {
  it('shows the same warnings as npm run import, answer tells included, counted in the summary', async () => {
    const cli = tempDecks();
    const chat = tempDecks();
    temps.push(cli, chat);
    const printed = runImport([SAMPLE, '--out', cli.decksDir]);
    expect(printed.exitCode).toBe(0);
    const importer = chatImporter({ decksDir: chat.decksDir, fetch: serving(readFileSync(SAMPLE)) });
    const outcome = await importer.importFile({ name: path.basename(SAMPLE), size: 1, url: 'https://files.example/sample.txt' }, TARGET);
    if (outcome.status !== 'imported') throw new Error(`refused: ${outcome.problem}`);
    expect(outcome.warnings.length).toBeGreaterThan(0);
    // Answer tells about one question name the chapter's line, as the importer's own warnings do (a writer fixes the chapter);
    // any naming a written file names it from the deck folder's own name down in chat (never the server's path, nor the team's folder).
    expect(printed.warnings).toContainEqual(expect.stringMatching(/^warning: chapter-08-sample\.txt:104: question q-kms-key-types-and-s3-ebs-rds-basics, field "choices\[2\]\.text": absolute words/));
    expect(outcome.warnings).toEqual(printed.warnings.map((w) => w.replace(/^warning: /, '').replace(`${cli.decksDir}/`, '')));
    expect(outcome.warnings.some((w) => w.includes('which gives the right one away'))).toBe(true);
    expect(outcome.summary).toBe(printed.lines[1]);
  });

  it('escapes control and bidi-override characters of the file name in what it says', async () => {
    const chat = tempDecks();
    temps.push(chat);
    const importer = chatImporter({ decksDir: chat.decksDir, fetch: serving(new Uint8Array()) });
    const outcome = await importer.importFile({ name: `evil${ESC}[2J\u202e.txt`, size: 0, url: 'https://files.example/x' }, TARGET);
    expect(outcome.status).toBe('refused');
    if (outcome.status !== 'refused') return;
    expect(outcome.problem).toMatch(/^evil\\x1b\[2J\\u202e\.txt: /);
    expect(outcome.problem).not.toContain(ESC);
  });
});

describe('file names and folders echoed by npm run import and content:check', () => {
  it('are printed with control and bidi-override characters escaped', () => {
    const imported = runImport([`/nowhere/${ESC}[31mred\u202e.txt`]);
    expect(imported).toMatchObject({ exitCode: 1, lines: ['import failed: /nowhere/\\x1b[31mred\\u202e.txt: no such file'] });
    const checked = checkContent(`/nowhere/${ESC}]0;title\x07`);
    expect(checked.exitCode).toBe(1);
    expect(checked.lines.join('\n')).toContain('/nowhere/\\x1b]0;title\\x07');
    expect(checked.lines.join('\n')).not.toContain(ESC);
    expect(checked.lines.join('\n')).not.toContain('\x07');
    const args = contentCheckArgs([`--${ESC}[2J`], {});
    expect(args).toMatchObject({ kind: 'problem' });
    expect(args.kind === 'problem' && args.text.split('\n')[0]).toBe('content:check: unknown option "--\\x1b[2J"');
  });
});
