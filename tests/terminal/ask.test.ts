import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ask, askIntoClosedPipe, removeTempDirs, tempDir } from './run-cli.js';

afterAll(removeTempDirs);

describe('npm run ask (end to end)', () => {
  it('a refused --user name is printed with its escape sequence escaped, never the raw ESC byte', async () => {
    const env = { DATABASE_PATH: path.join(tempDir(), 'kms.db') };
    const refused = await ask(['--user', 'e\u001b[2Jvil', 'quiz'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--user "e\\x1b[2Jvil" is not a usable name');
    expect(refused.stderr).not.toContain('\u001b');
  });

  it('opens a round as alice, answers as bob and carol; a second answer is told which stands', async () => {
    const env = { DATABASE_PATH: path.join(tempDir(), 'kms.db') };

    const open = await ask(['--user', 'alice', 'quiz here'], env);
    expect(open.stderr).toBe('');
    expect(open.code).toBe(0);
    expect(open.stdout).toContain('── #terminal ──');
    const id = /\[answer (\d+) A\]/.exec(open.stdout)?.[1];
    expect(id).toBeDefined();
    expect(open.stdout).toContain(`Round #${id} is open`);

    const bob = await ask(['--user', 'bob', `answer ${id} a`], env);
    expect(bob.code).toBe(0);
    expect(bob.stdout).toMatch(new RegExp(`(Correct|Not quite) · round #${id}`));

    const carol = await ask(['--user=carol', `answer ${id} B`], env);
    expect(carol.code).toBe(0);
    expect(carol.stdout).toMatch(new RegExp(`(Correct|Not quite) · round #${id}`));

    const again = await ask(['--user', 'bob', `answer ${id} C`], env);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('Already answered');
    expect(again.stdout).toContain(`round #${id} with A`);

    const close = await ask(['--user', 'alice', 'close'], env);
    expect(close.code).toBe(0);
    expect(close.stdout).toContain(`round #${id} closed`);
    expect(close.stdout).toMatch(/2 answered/);

    const board = await ask(['--user', 'carol', 'leaderboard'], env);
    expect(board.code).toBe(0);
    expect(board.stdout).toMatch(/bob/);
    expect(board.stdout).toMatch(/carol .*← you/);
  }, 90_000);

  it('a one-shot reply is only what was asked: a round whose time ran out closes without its reveal printed first (issue 15 item 16)', async () => {
    const dbPath = path.join(tempDir(), 'kms.db');
    const env = { DATABASE_PATH: dbPath };
    const open = await ask(['--user', 'alice', 'quiz here'], env);
    expect(open.code).toBe(0);
    const db = new Database(dbPath);
    db.prepare('UPDATE rounds SET closes_at = 1').run();
    db.close();
    const stats = await ask(['--user', 'bob', 'stats'], env);
    expect(stats.code).toBe(0);
    expect(stats.stdout).toMatch(/^Your stats\n/);
    expect(stats.stdout).not.toContain('closed');
    // The round did close.
    const answer = await ask(['--user', 'bob', 'answer 1 A'], env);
    expect(answer.stdout).toContain('Round #1 is closed');
  }, 60_000);

  it('a one-shot subscribe says nothing posts until npm start runs (issue 15 item 16)', async () => {
    const env = { DATABASE_PATH: path.join(tempDir(), 'kms.db') };
    const sub = await ask(['--user', 'alice', 'subscribe 09:00 Europe/Berlin'], env);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain('Nothing is posted until `npm start` runs');
  }, 60_000);

  it('bad input prints the message and exits 1; a good lookup exits 0', async () => {
    const env = { DATABASE_PATH: path.join(tempDir(), 'kms.db') };
    const bad = await ask(['explian grants'], env);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('unknown subcommand "explian" — did you mean `explain`?');
    const good = await ask(['explain', 'grants'], env);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/^Grant/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for the ESC byte that starts an ANSI colour code
    expect(good.stdout).not.toMatch(/\u001b\[/);
  }, 60_000);

  it('a database path that is not a database: one line naming the path, exit 1', async () => {
    const dir = tempDir();
    const notADb = path.join(dir, 'notes.txt');
    writeFileSync(notADb, 'this is not a database, just some text that is long enough to have a header '.repeat(20));
    const result = await ask(['help'], { DATABASE_PATH: notADb });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(notADb);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const isDir = await ask(['help'], { DATABASE_PATH: dir });
    expect(isDir.code).toBe(1);
    expect(isDir.stderr.trim().split('\n')).toHaveLength(1);
  }, 60_000);

  it('a malformed variable: one line naming it, no token, exit 1', async () => {
    const result = await ask(['help'], { DATABASE_PATH: path.join(tempDir(), 'kms.db'), SLACK_BOT_TOKEN: 'xoxp-not-a-bot-token' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('SLACK_BOT_TOKEN');
    expect(result.stderr).not.toContain('xoxp-not-a-bot-token');
  }, 30_000);

  it('an IMPORT_DIR that does not exist stops start-up: one line naming IMPORT_DIR, exit 1', async () => {
    const missing = path.join(tempDir(), 'no-such-folder');
    const result = await ask(['help'], { DATABASE_PATH: path.join(tempDir(), 'kms.db'), IMPORT_DIR: missing });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('IMPORT_DIR');
    expect(result.stderr).toContain('does not exist');
  }, 30_000);

  it('a CONTENT_DIR that is not a folder stops start-up: one line naming CONTENT_DIR, exit 1', async () => {
    const missing = path.join(tempDir(), 'no-content');
    const result = await ask(['help'], { DATABASE_PATH: path.join(tempDir(), 'kms.db'), CONTENT_DIR: missing });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([`kms-tutor: CONTENT_DIR "${missing}" is not a folder (it should hold decks/<deck-id>/; default "content")`]);
  }, 30_000);

  it('import in the terminal says how to import on the server, even with DECKS_PATH set', async () => {
    const result = await ask(['import'], { DATABASE_PATH: path.join(tempDir(), 'kms.db'), DECKS_PATH: tempDir() });
    expect(result.stdout).toContain('npm run import');
    expect(result.stdout).not.toContain('Attach a file to import');
  }, 30_000);

  it('invalid content: every problem, then refusing to start, exit 1', async () => {
    const content = tempDir();
    const deck = path.join(content, 'decks', 'broken');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(deck, { recursive: true });
    writeFileSync(path.join(deck, 'deck.yaml'), 'id: broken\ntitle: Broken\nchapter: { number: 1, title: X }\nsource: test\ntags: [kms]\n');
    writeFileSync(path.join(deck, 'terms.yaml'), 'terms:\n  - id: t1\n    name: 1.0\n    summary: s\n    explanation: e\n    section: S\n');
    writeFileSync(path.join(deck, 'questions.yaml'), 'questions: []\n');
    writeFileSync(path.join(deck, 'scenarios.yaml'), 'scenarios: []\n');
    const result = await ask(['help'], { DATABASE_PATH: path.join(tempDir(), 'kms.db'), CONTENT_DIR: content });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('terms.yaml');
    expect(result.stderr).toContain('refusing to start');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 30_000);

  it('a reader that closes the pipe early (`| true`) ends it quietly with the intended exit status', async () => {
    const env = { DATABASE_PATH: path.join(tempDir(), 'kms.db') };
    const help = await askIntoClosedPipe(['help'], env);
    expect(help).toEqual({ code: 0, stderr: '' });
    const bad = await askIntoClosedPipe(['explian grants'], env);
    expect(bad).toEqual({ code: 1, stderr: '' });
  }, 60_000);

  it('an unknown option: one line naming it, then the usage line, exit 1', async () => {
    const result = await ask(['--foo', 'help'], { DATABASE_PATH: path.join(tempDir(), 'kms.db') });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      'kms-tutor: unknown option "--foo" (the only option is --user NAME)',
      expect.stringMatching(/^usage: npm run ask -- \[--user NAME\]/),
    ]);
  }, 30_000);

  it('DEFAULT_DECK naming no deck is an environment problem: one line naming it and the decks, exit 1', async () => {
    const result = await ask(['help'], { DATABASE_PATH: path.join(tempDir(), 'kms.db'), DEFAULT_DECK: 'nope' });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^kms-tutor: DEFAULT_DECK "nope" is not a deck \(available: [^)]*kms-encryption-at-rest[^)]*\)\n$/);
  }, 30_000);
});
