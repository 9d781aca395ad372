import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, runMain, startMain, tempDir } from './run-cli.js';

afterAll(removeTempDirs);

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

  it('a bad database path prints one line and exits 1', async () => {
    const dir = tempDir();
    const result = await runMain([], { DATABASE_PATH: dir }, '');
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(dir);
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
});
