/**
 * `npm run db:copy` (src/db-copy.ts, src/store/copy/): SQLite -> SQLite end to end through the CLI
 * (no server needed): the copy, its check, and the refusal of a non-empty target, each in one line.
 * The PostgreSQL directions are in tests/postgres/db-copy.test.ts.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { tempDir, removeTempDirs } from '../terminal/run-cli.js';
import { playDaily, team } from './fixtures.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

afterAll(removeTempDirs);

function dbCopy(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(TSX, [path.join(ROOT, 'src', 'db-copy.ts'), ...args], { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('npm run db:copy (SQLite to SQLite)', () => {
  it('copies every table, checks counts and boards, and refuses a target that holds data', async () => {
    const dir = tempDir();
    const from = path.join(dir, 'from.db');
    const to = path.join(dir, 'to.db');
    const source = openStore(from);
    await playDaily(source, '2026-01-05', ['U1', 'U2'], ['U2']);
    await playDaily(source, '2026-01-06', ['U1']);
    const board = await source.scoreLines({ scope: team });
    await source.close();

    const copied = await dbCopy([from, to]);
    expect(copied.stderr).toBe('');
    expect(copied.code).toBe(0);
    expect(copied.stdout).toContain('answers: 3 rows');
    expect(copied.stdout).toMatch(/row counts match, and the boards of 1 team\(s\) match/);
    const target = openStore(to);
    expect(await target.scoreLines({ scope: team })).toEqual(board);
    expect(await target.streaks(team, 'U1')).toEqual([{ channelId: 'C1', current: 2, best: 2, lastDate: '2026-01-06' }]);
    await target.close();

    const again = await dbCopy(['--', from, to]);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toContain(`refusing to copy into ${to}: it is not empty`);

    const usage = await dbCopy([from]);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain('expected two arguments, got 1');
  }, 120_000);
});
