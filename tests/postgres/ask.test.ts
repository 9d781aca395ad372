/**
 * `npm run ask` with DATABASE_URL: a server that cannot be reached is one line naming the URL without
 * its password; with TEST_DATABASE_URL, a round opened, answered by two users from two processes,
 * closed and shown on the board, all on PostgreSQL (its own schema, via the URL's ?schema=).
 */
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { ask, removeTempDirs } from '../terminal/run-cli.js';
import { SKIP_REASON, TestSchemas, testDatabaseUrl } from './server.js';

afterAll(removeTempDirs);

/** A loopback port nothing listens on (taken, then freed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('npm run ask with DATABASE_URL', () => {
  it('a server that cannot be reached: one line naming the URL without its password, exit 1', async () => {
    const port = await closedPort();
    const result = await ask(['help'], { DATABASE_URL: `postgres://kms:hunter2-secret@127.0.0.1:${port}/kms` });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`postgres://kms:***@127.0.0.1:${port}/kms`);
    expect(result.stderr).not.toContain('hunter2-secret');
  }, 60_000);
});

if (testDatabaseUrl === undefined) {
  describe(`npm run ask on PostgreSQL ${SKIP_REASON}`, () => {
    it.skip('needs a PostgreSQL server', () => {});
  });
} else {
  const serverUrl = testDatabaseUrl;
  const schemas = new TestSchemas('ask');
  afterAll(() => schemas.dropAll());

  describe('npm run ask on PostgreSQL', () => {
    it('opens a round as alice, answers as bob and carol at once, closes it and shows the board', async () => {
      const url = new URL(serverUrl);
      url.searchParams.set('schema', schemas.name());
      const env = { DATABASE_URL: url.toString(), DATABASE_PATH: '/nonexistent/never-used.db' };
      const open = await ask(['--user', 'alice', 'quiz here'], env);
      expect(open.stderr).toBe('');
      expect(open.code).toBe(0);
      const id = /\[answer (\d+) A\]/.exec(open.stdout)?.[1];
      expect(id).toBeDefined();
      const [bob, carol] = await Promise.all([ask(['--user', 'bob', `answer ${id} a`], env), ask(['--user', 'carol', `answer ${id} B`], env)]);
      expect(bob.stdout).toMatch(new RegExp(`(Correct|Not quite) · round #${id}`));
      expect(carol.stdout).toMatch(new RegExp(`(Correct|Not quite) · round #${id}`));
      const close = await ask(['--user', 'alice', 'close'], env);
      expect(close.stdout).toContain(`round #${id} closed`);
      expect(close.stdout).toMatch(/2 answered/);
      const board = await ask(['--user', 'carol', 'leaderboard'], env);
      expect(board.stdout).toMatch(/bob/);
      expect(board.stdout).toMatch(/carol .*← you/);
    }, 120_000);
  });
}
