import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { checkContent, contentCheckArgs, contentDirFrom } from '../../src/content-check.js';
import { copyFixture, FIXTURE_CONTENT, type TempContent } from './fixture-content.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..', '..');

describe('content check', () => {
  let content: TempContent | undefined;
  afterEach(() => {
    content?.remove();
    content = undefined;
  });

  it('prints one summary line per valid deck, then its answer-tell warnings, and exits 0', () => {
    // The fixture's yes/no question has "Only" in a wrong choice and no absolute in the right one.
    expect(checkContent(FIXTURE_CONTENT, path.dirname(FIXTURE_CONTENT))).toEqual({
      lines: [
        'mini-kms: 8 terms, 3 questions, 2 scenarios — OK',
        'warning: content/decks/mini-kms/questions.yaml: item "q-key-policy-alone", field "choices[0].text": absolute words ("only") appear only in wrong choices, which gives the right one away; balance the wording (line 21)',
        `1 warning (answer tells) in ${FIXTURE_CONTENT}`,
      ],
      exitCode: 0,
    });
  });

  it('warns about a right choice that alone has a semicolon, and still exits 0', () => {
    content = copyFixture();
    content.edit('questions.yaml', '      - text: A grant on the KMS key\n', '      - text: A grant on the KMS key; EBS creates it\n');
    const result = checkContent(content.contentDir, path.dirname(content.contentDir));
    expect(result.exitCode).toBe(0);
    expect(result.lines).toContain(
      'warning: content/decks/mini-kms/questions.yaml: item "q-grant-purpose", field "choices[0].text": the right choice is the only one with a semicolon, which gives it away; reword so wrong choices read alike (line 5)',
    );
    expect(result.lines.at(-1)).toBe(`2 warnings (answer tells) in ${content.contentDir}`);
  });

  it('prints every problem line and a count, and exits 1', () => {
    content = copyFixture();
    content.edit('questions.yaml', '      - text: SSE-S3\n', '      - text: 1.0\n');
    content.edit('scenarios.yaml', '    tags: [kms, ebs]', '    tags: [kms, nope]');
    // Run from the content folder's parent: paths are relative to the working directory.
    const result = checkContent(content.contentDir, path.dirname(content.contentDir));
    expect(result.exitCode).toBe(1);
    expect(result.lines).toHaveLength(5);
    expect(result.lines[0]).toMatch(/^content\/decks\/mini-kms\/questions\.yaml: item "q-s3-default", field "choices\[0\]\.text": expected text but YAML read a number \(1\.0\) — quote it/);
    expect(result.lines[1]).toMatch(/^content\/decks\/mini-kms\/scenarios\.yaml: item "cross-account-snapshot", field "tags\[1\]": unknown tag "nope"/);
    expect(result.lines[2]).toBe(`2 problems found in ${content.contentDir}`);
    // Warnings follow the problems, so an author sees them in the same run.
    expect(result.lines[3]).toMatch(/^warning: content\/decks\/mini-kms\/questions\.yaml: item "q-key-policy-alone"/);
  });

  it('prints paths that open from the working directory (absolute when the deck is outside it)', () => {
    content = copyFixture();
    content.edit('scenarios.yaml', '    tags: [kms, ebs]', '    tags: [kms, nope]');
    const fromRoot = checkContent(content.contentDir, ROOT);
    const file = fromRoot.lines[0]!.split(': ')[0]!;
    expect(file).toBe(path.join(content.deckDir, 'scenarios.yaml'));
    const fromDeck = checkContent(content.contentDir, content.deckDir);
    expect(fromDeck.lines[0]).toMatch(/^scenarios\.yaml: /);
    const fromInside = checkContent(path.relative(path.join(content.contentDir, 'decks'), content.contentDir) || '..', path.join(content.contentDir, 'decks'));
    const inside = fromInside.lines[0]!.split(': ')[0]!;
    expect(inside).toBe('mini-kms/scenarios.yaml');
    expect(existsSync(path.resolve(content.contentDir, 'decks', inside))).toBe(true);
  });

  it('reports one bad YAML line once, not once per follow-on error, without item/field labels', () => {
    content = copyFixture();
    // A line indented two spaces too little: YAML reports it and every later line of the item.
    content.edit('terms.yaml', '    aliases: ["grant", "grants", "KMS grant", "CreateGrant"]', '  aliases: ["grant", "grants", "KMS grant", "CreateGrant"]');
    const result = checkContent(content.contentDir, path.dirname(content.contentDir));
    expect(result.exitCode).toBe(1);
    // Two lines for the problem, then the answer-tell warnings of the (valid) questions file.
    expect(result.lines.filter((l) => !l.startsWith('warning: ') && !l.includes('(answer tells)'))).toHaveLength(2);
    expect(result.lines[0]).toMatch(/^content\/decks\/mini-kms\/terms\.yaml:\d+:\d+: YAML syntax error: /);
    expect(result.lines[0]).not.toContain('(file)');
    expect(result.lines[1]).toBe(`1 problem found in ${content.contentDir}`);
  });

  it('--help and -h print the usage and exit 0; an unknown option is refused with the usage', () => {
    for (const flag of ['--help', '-h']) {
      const args = contentCheckArgs([flag], {});
      expect(args).toEqual({ kind: 'help', text: expect.stringContaining('Usage: npm run content:check -- [content-dir]') });
    }
    const help = contentCheckArgs(['--help'], {});
    expect(help.kind === 'help' && help.text).toMatch(/CONTENT_DIR/);
    expect(help.kind === 'help' && help.text).toMatch(/decks\/<deck-id>\//);
    expect(contentCheckArgs(['--verbose'], {})).toEqual({ kind: 'problem', text: expect.stringMatching(/^content:check: unknown option "--verbose"\nUsage: /) });
    expect(contentCheckArgs(['a', 'b'], {})).toEqual({ kind: 'problem', text: expect.stringMatching(/^content:check: one content folder at most \(got 2\)\nUsage: /) });
    expect(contentCheckArgs(['x'], { CONTENT_DIR: 'y' })).toEqual({ kind: 'check', contentDir: 'x' });
  });

  it('runs --help as a script: usage on stdout, exit 0, no folder named "--help" checked', async () => {
    const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
    const { stdout, stderr } = await run(tsx, ['src/content-check.ts', '--help'], { cwd: ROOT });
    expect(stdout).toContain('Usage: npm run content:check -- [content-dir]');
    expect(stdout).not.toContain('--help/decks');
    expect(stderr).toBe('');
  });

  it('under `npm run` (which runs in the package folder), resolves and prints from where npm was started (INIT_CWD)', async () => {
    content = copyFixture();
    content.edit('terms.yaml', '    related: [aws-kms, grant]', '    related: [nope]');
    const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
    const started = path.dirname(content.contentDir);
    const failure = await run(tsx, ['src/content-check.ts', 'content'], { cwd: ROOT, env: { ...process.env, INIT_CWD: started } }).then(
      () => undefined,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('content/decks/mini-kms/terms.yaml: item "kms-key", field "related[0]": unknown term id "nope"');
    expect(existsSync(path.join(started, 'content/decks/mini-kms/terms.yaml'))).toBe(true);
  });

  it('chooses the folder from the first argument, then CONTENT_DIR, then ./content', () => {
    expect(contentDirFrom(['x'], { CONTENT_DIR: 'y' })).toBe('x');
    expect(contentDirFrom([], { CONTENT_DIR: 'y' })).toBe('y');
    expect(contentDirFrom([], {})).toBe('content');
  });

  it('runs as a script: problems on stderr, exit code 1, no stack trace', async () => {
    content = copyFixture();
    content.edit('terms.yaml', '    related: [aws-kms, grant]', '    related: [nope]');
    const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
    const failure = await run(tsx, [path.join(ROOT, 'src/content-check.ts'), 'content'], { cwd: path.dirname(content.contentDir), env: { ...process.env, INIT_CWD: '' } }).then(
      () => undefined,
      (err: { code: number; stdout: string; stderr: string }) => err,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('content/decks/mini-kms/terms.yaml: item "kms-key", field "related[0]": unknown term id "nope"');
    expect(failure?.stderr).not.toMatch(/\n\s+at /);
    expect(failure?.stdout).toBe('');
  });
});
