import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, runMain, runMainWithoutTerminal, startMain, tempDir } from './run-cli.js';

afterAll(removeTempDirs);

/** A loopback port nothing listens on (bound, then closed): connections to it are refused. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm start without chat tokens', () => {
  it('runs the terminal channel on piped input and exits 0 at end of input, closing the database', async () => {
    const db = path.join(tempDir(), 'kms.db');
    const result = await runMain(['--user', 'dora'], { DATABASE_PATH: db }, 'help\nexplain sse kms\nquiz here\nexit\n');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('terminal channel #terminal on team "local", as dora');
    expect(result.stdout).toContain('To connect Slack');
    expect(result.stdout).toContain('kms> explain sse kms');
    expect(result.stdout).toMatch(/── #terminal ──\nRound #1/);
    expect(result.stdout).toContain('Bye.');
    expect(result.stderr).toBe('');
    expect(existsSync(db)).toBe(true);
    // A clean close checkpoints the WAL and removes it.
    expect(existsSync(`${db}-wal`)).toBe(false);
  }, 60_000);

  it('with no tokens and no terminal (stdin on /dev/null): one line saying there is nothing to serve, exit 1 (issue 15 item 6)', async () => {
    const result = await runMainWithoutTerminal([], { DATABASE_PATH: path.join(tempDir(), 'kms.db') });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('kms-tutor: no SLACK_* or DISCORD_* variables and no terminal: nothing to serve (set the tokens, or run it in a terminal, or pipe commands into it)\n');
    expect(result.stdout).toBe('');
  }, 30_000);

  it('a bad database path prints one line and exits 1', async () => {
    const dir = tempDir();
    const result = await runMain([], { DATABASE_PATH: dir }, '');
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(dir);
  }, 30_000);

  it('a HEARTBEAT_PATH that cannot be written (in /proc, or under a file) prints one line naming it and exits 1', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a-file'), '');
    for (const heartbeat of ['/proc/kms-tutor-heartbeat', '/proc/kms-tutor/heartbeat', path.join(dir, 'a-file', 'heartbeat')]) {
      const result = await runMain([], { DATABASE_PATH: path.join(dir, 'db.sqlite'), HEARTBEAT_PATH: heartbeat }, '');
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(`kms-tutor: HEARTBEAT_PATH "${heartbeat}" cannot be written`);
    }
  }, 30_000);

  it('an unknown option or a stray word: one line naming it, then the usage line, exit 1 (nothing starts)', async () => {
    const db = path.join(tempDir(), 'kms.db');
    const flag = await runMain(['--foo'], { DATABASE_PATH: db }, 'help\n');
    expect(flag.code).toBe(1);
    expect(flag.stdout).toBe('');
    expect(flag.stderr.trim().split('\n')).toEqual(['kms-tutor: unknown option "--foo" (the only option is --user NAME)', 'usage: npm start [-- --user NAME]']);
    const word = await runMain(['explain'], { DATABASE_PATH: db }, 'help\n');
    expect(word.code).toBe(1);
    expect(word.stderr).toContain('unexpected argument "explain"');
    expect(existsSync(db)).toBe(false);
  }, 30_000);

  it('shuts down gracefully on SIGTERM: exit 0, database closed', async () => {
    const db = path.join(tempDir(), 'kms.db');
    const main = startMain({ DATABASE_PATH: db });
    const start = Date.now();
    while (!main.stdout().includes('To connect Discord')) {
      if (Date.now() - start > 20_000) throw new Error('no banner');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(existsSync(`${db}-wal`)).toBe(true);
    main.child.kill('SIGTERM');
    const result = await main.exited;
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(existsSync(`${db}-wal`)).toBe(false);
  }, 30_000);

  it('a SIGTERM while the Slack adapter is still starting (API refusing connections) shuts down: exit 0, database closed', async () => {
    const db = path.join(tempDir(), 'kms.db');
    const apiPort = await closedPort();
    const main = startMain({
      DATABASE_PATH: db,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'sigsecret123',
      SLACK_API_URL: `http://127.0.0.1:${apiPort}/api/`,
      PORT: String(await closedPort()),
    });
    // The WebClient retries auth.test against the refusing port: start-up is under way, not done.
    await waitFor(() => main.stdout().includes('http request failed'), 'the first failed auth.test');
    expect(main.stdout()).not.toContain('kms-tutor started');
    expect(existsSync(`${db}-wal`)).toBe(true);
    const signalledAt = Date.now();
    main.child.kill('SIGTERM');
    const result = await main.exited;
    expect(result.code).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(8_000);
    expect(result.stdout).toContain('signal during start-up');
    expect(existsSync(`${db}-wal`)).toBe(false);
  }, 40_000);
});
