import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DailyRounds } from '../../src/core/daily.js';
import { openStore } from '../../src/store/index.js';
import { damageTables, holdWriteLock, touchFromAnotherConnection } from '../store/damage.js';
import { tempDir } from '../store/fixtures.js';
import { makeHarness, textOf, type Harness } from './harness.js';

let tmp: ReturnType<typeof tempDir>;
let h: Harness | undefined;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  h?.close();
  h = undefined;
  tmp.cleanup();
});

describe('a locked database (another process holds the write lock)', () => {
  it('answers "the database is busy, try again" and logs a warning, not an apology with an error', async () => {
    const path = join(tmp.dir, 'kms.db');
    h = makeHarness({ store: openStore(path, { busyTimeoutMs: 0 }) });
    const release = holdWriteLock(path);
    let reply: Awaited<ReturnType<typeof h.say>>;
    try {
      reply = await h.say('quiz here');
    } finally {
      release();
    }
    expect(reply.tone).toBe('error');
    expect(reply.title).toBe('The database is busy — try again');
    expect(textOf(reply)).toContain('Another process is writing to the database right now, so that did not go through. Please try again in a moment.');
    expect(textOf(reply)).not.toMatch(/something went wrong|internal error/);
    expect(h.logger.errors).toEqual([]);
    expect(h.logger.warnings.map(([, msg]) => msg)).toContain('database busy: request refused');
    // Once the lock is gone the same command works.
    expect((await h.say('quiz here')).tone).not.toBe('error');
  });
});

describe('closing due rounds while the database is locked (what a one-shot `ask` does first)', () => {
  it('leaves the round for the next run and logs a warning instead of throwing', async () => {
    const path = join(tmp.dir, 'kms.db');
    h = makeHarness({ store: openStore(path, { busyTimeoutMs: 0 }) });
    await h.say('quiz here');
    const daily = new DailyRounds(h.deps);
    const afterClose = new Date(h.ctx().now.getTime() + 16 * 60_000);
    const release = holdWriteLock(path);
    try {
      await expect(daily.closeDueRounds(afterClose)).resolves.toBe(0);
    } finally {
      release();
    }
    expect(h.logger.warnings.map(([, msg]) => msg)).toContain('database busy: round left open for the next run');
    await expect(daily.closeDueRounds(afterClose)).resolves.toBe(1);
  });
});

describe('a database damaged while the bot runs', () => {
  it('answers that the database is damaged (never that nothing was lost) and logs the damage once', async () => {
    const path = join(tmp.dir, 'kms.db');
    const seed = makeHarness({ store: openStore(path) });
    await seed.say('quiz here', 'alice');
    await seed.say('answer 1 A', 'bob');
    seed.close();

    h = makeHarness({ store: openStore(path) });
    damageTables(path, ['answers', 'rounds', 'round_days', 'user_stats', 'users']);
    touchFromAnotherConnection(path);

    const first = await h.say('leaderboard');
    expect(first.tone).toBe('error');
    expect(first.title).toBe('Sorry — the database is damaged');
    const text = textOf(first);
    expect(text).toContain('The bot could not read or save that because its database file is damaged.');
    expect(text).toContain('Stored answers and scores may be missing until whoever runs the bot restores it from a backup.');
    expect(text).not.toMatch(/nothing (you had stored )?was lost/i);

    const second = await h.say('stats');
    expect(second.title).toBe('Sorry — the database is damaged');
    const damageLogs = h.logger.errors.filter(([, msg]) => msg === 'database damaged: restore it from a backup');
    expect(damageLogs).toHaveLength(1);
    expect(h.logger.errors.filter(([, msg]) => msg === 'handler failed')).toEqual([]);
  });
});

describe('a command still running after the store was closed (the bot stopping)', () => {
  it('answers "the bot is stopping, try again" with a warning, not an apology logged as an error', async () => {
    h = makeHarness({ store: openStore(join(tmp.dir, 'kms.db')) });
    await h.store.close();
    const reply = await h.say('quiz here');
    expect(reply.tone).toBe('error');
    expect(reply.title).toBe('The bot is stopping — try again');
    expect(textOf(reply)).toContain('The bot was shutting down, so that did not go through. Please try again in a moment, once it is back.');
    expect(h.logger.errors).toEqual([]);
    expect(h.logger.warnings.map(([, msg]) => msg)).toContain('database closed (stopping): request refused');
    h = undefined;
  });
});
