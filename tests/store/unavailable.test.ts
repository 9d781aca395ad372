import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/core/ports/store-unavailable.js';
import { openStore, StoreOpenError } from '../../src/store/index.js';
import { damageTables, holdWriteLock, touchFromAnotherConnection } from './damage.js';
import { channel, channelRound, dailyRound, playDaily, tempDir } from './fixtures.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

/** The error `fn` throws (fails the test when it does not throw). */
async function thrown(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

/** A database file with a few rounds and answers in it, closed. */
async function seeded(name = 'kms.db'): Promise<string> {
  const path = join(tmp.dir, name);
  const store = openStore(path);
  for (let day = 1; day <= 9; day++) await playDaily(store, `2026-01-0${day}`, ['U1', 'U2', 'U3'], ['U2']);
  await store.close();
  return path;
}

describe('a damaged database file', () => {
  it('is refused at start-up (quick_check) with one line naming the path and how to restore it', async () => {
    const path = await seeded();
    expect(damageTables(path, ['answers']).length).toBeGreaterThan(0);
    const err = await thrown(() => openStore(path));
    expect(err).toBeInstanceOf(StoreOpenError);
    const message = (err as StoreOpenError).message;
    expect(message).not.toContain('\n');
    expect(message).toBe(
      `cannot open database "${path}": the file is damaged (SQLite's integrity check failed); ` +
        'restore it from a backup (see "Back-ups and restore" in the README) or move it aside to start empty',
    );
  });

  it('found while running: reads and writes reject with StoreUnavailableError "damaged", not a raw SQLite error', async () => {
    const path = await seeded();
    const store = openStore(path);
    try {
      damageTables(path, ['answers', 'rounds', 'round_days', 'user_stats']);
      touchFromAnotherConnection(path);
      for (const work of [
        () => store.scoreLines({ scope: { platform: 'slack', teamId: 'T1' } }),
        () => store.latestDailyRound(channel),
        () => store.createRound(dailyRound('2026-02-01')),
      ]) {
        const err = await thrown(work);
        expect(err).toBeInstanceOf(StoreUnavailableError);
        expect((err as StoreUnavailableError).kind).toBe('damaged');
        expect((err as StoreUnavailableError).message).toBe('the database file is damaged');
        expect((err as StoreUnavailableError).cause).toMatchObject({ code: 'SQLITE_CORRUPT' });
      }
    } finally {
      await store.close();
    }
  });
});

describe('the README section the damaged-file message points to', () => {
  it('exists and says how to back up while running (.backup, VACUUM INTO) and how to restore', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const start = readme.indexOf('\n### Back-ups and restore\n');
    expect(start).toBeGreaterThan(0);
    const section = readme.slice(start, readme.indexOf('\n## ', start));
    expect(section).toContain('.backup');
    expect(section).toContain('VACUUM INTO');
    expect(section).toMatch(/To restore: stop the bot/);
    expect(section).toContain('PRAGMA quick_check');
  });
});

describe('a database locked by another process', () => {
  it('waits a short busy_timeout (2 s by default), enough for ordinary contention', async () => {
    const store = openStore(join(tmp.dir, 'kms.db'));
    try {
      expect(store.db.pragma('busy_timeout', { simple: true })).toBe(2000);
    } finally {
      await store.close();
    }
  });

  it('then rejects with StoreUnavailableError "busy"; once the lock is gone the same write works', async () => {
    const path = join(tmp.dir, 'kms.db');
    const store = openStore(path, { busyTimeoutMs: 0 });
    const release = holdWriteLock(path);
    try {
      const err = await thrown(() => store.createRound(channelRound()));
      expect(err).toBeInstanceOf(StoreUnavailableError);
      expect((err as StoreUnavailableError).kind).toBe('busy');
      expect((err as StoreUnavailableError).message).toBe('the database is busy (another process holds its write lock)');
      expect((err as StoreUnavailableError).cause).toMatchObject({ code: 'SQLITE_BUSY' });
    } finally {
      release();
    }
    expect((await store.createRound(channelRound())).id).toBeGreaterThan(0);
    await store.close();
  });
});
