import { join } from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GroupCommit, type GroupWriter } from '../../src/store/group-commit.js';
import { openStore, type SqliteStore } from '../../src/store/index.js';
import type { NewAnswer, RoundRow } from '../../src/core/ports/store.js';
import { answer, dailyRound, tempDir } from './fixtures.js';

/** A writer that logs how it was called: `one:x` for a write alone, `all:x,y` for a group. */
function loggingWriter(fail: (input: string) => boolean = () => false) {
  const calls: string[] = [];
  const writer: GroupWriter<string, string> = {
    all(inputs) {
      calls.push(`all:${inputs.join(',')}`);
      if (inputs.some(fail)) throw new Error('group rolled back');
      return inputs.map((i) => `ok ${i}`);
    },
    one(input) {
      calls.push(`one:${input}`);
      return fail(input) ? Promise.reject(new Error(`bad ${input}`)) : Promise.resolve(`ok ${input}`);
    },
  };
  return { writer, calls };
}

/**
 * A GroupCommit (default window) over a loggingWriter (`fail` as there) that has written 'a' and seen
 * the event loop turn since, its clock 1 ms on: the next calls are in a burst.
 */
async function inBurst(fail?: (input: string) => boolean) {
  const { writer, calls } = loggingWriter(fail);
  let clock = 0;
  const group = new GroupCommit(writer, { now: () => clock });
  await group.add('a');
  await turn();
  clock = 1;
  return { group, calls };
}

describe('GroupCommit', () => {
  it('writes calls made one after another, without the event loop turning, at once and alone', async () => {
    const { writer, calls } = loggingWriter();
    const group = new GroupCommit(writer, { now: () => 0 });
    for (const x of ['a', 'b', 'c']) expect(await group.add(x)).toBe(`ok ${x}`);
    expect(calls).toEqual(['one:a', 'one:b', 'one:c']);
  });

  it('in a burst (writes turn after turn within the window) writes a turn\'s calls together on the next turn', async () => {
    const { writer, calls } = loggingWriter();
    let clock = 0;
    const group = new GroupCommit(writer, { now: () => clock, windowMs: 10 });
    const first = group.add('a');
    expect(calls).toEqual(['one:a']);
    await turn();
    clock = 3;
    const burst = [group.add('b'), group.add('c'), group.add('d')];
    expect(group.pending).toBe(3);
    expect(calls).toEqual(['one:a']);
    expect(await Promise.all([first, ...burst])).toEqual(['ok a', 'ok b', 'ok c', 'ok d']);
    expect(calls).toEqual(['one:a', 'all:b,c,d']);
    // The burst goes on while calls keep coming within the window: the next ones group again.
    clock = 6;
    const more = [group.add('e'), group.add('f')];
    expect(await Promise.all(more)).toEqual(['ok e', 'ok f']);
    expect(calls.at(-1)).toBe('all:e,f');
    // After a quiet spell longer than the window, a call is written at once again.
    clock = 100;
    const late = group.add('g');
    expect(calls.at(-1)).toBe('one:g');
    expect(await late).toBe('ok g');
  });

  it('after a "group" of one, calls one after another are written at once again (no turn paid per call)', async () => {
    const { group, calls } = await inBurst();
    expect(await group.add('b')).toBe('ok b');
    // 'b' waited for a turn and was written alone; 'c' and 'd', each made after the last resolved,
    // are written at call time.
    const c = group.add('c');
    expect(calls.at(-1)).toBe('one:c');
    await c;
    await group.add('d');
    expect(calls).toEqual(['one:a', 'one:b', 'one:c', 'one:d']);
    expect(group.pending).toBe(0);
  });

  it('writes a call at once when the last write was longer ago than the window', async () => {
    const { writer, calls } = loggingWriter();
    let clock = 0;
    const group = new GroupCommit(writer, { now: () => clock, windowMs: 10 });
    await group.add('a');
    await turn();
    clock = 50;
    await group.add('b');
    expect(calls).toEqual(['one:a', 'one:b']);
  });

  it('when the group fails, writes each alone so only the bad one fails', async () => {
    const { group, calls } = await inBurst((x) => x === 'bad');
    const results = await Promise.allSettled([group.add('b'), group.add('bad'), group.add('c')]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['ok b', 'bad bad', 'ok c']);
    expect(calls).toEqual(['one:a', 'all:b,bad,c', 'one:b', 'one:bad', 'one:c']);
  });

  it('flush writes what is queued at once (before the store closes)', async () => {
    const { group, calls } = await inBurst();
    const queued = [group.add('b'), group.add('c')];
    group.flush();
    expect(calls).toEqual(['one:a', 'all:b,c']);
    expect(group.pending).toBe(0);
    expect(await Promise.all(queued)).toEqual(['ok b', 'ok c']);
  });
});

describe('SqliteStore.recordAnswer in a burst', () => {
  let store: SqliteStore;
  beforeEach(() => {
    store = openStore(':memory:');
  });
  afterEach(async () => {
    await store.close();
  });

  /** A round with one answer written, then an event-loop turn: the next answers within the window come as a burst. */
  async function roundInBurst(): Promise<RoundRow> {
    const round = await store.createRound(dailyRound('2026-01-05'));
    await store.recordAnswer(answer(round, 'U0'));
    await turn();
    return round;
  }

  it('writes the answers of one turn in one transaction, each with its own result', async () => {
    const group = vi.spyOn(store.sync, 'recordAnswers');
    const round = await roundInBurst();
    const burst = ['U1', 'U2', 'U1', 'U3'].map((user) => store.recordAnswer(answer(round, user)));
    const results = await Promise.all(burst);
    expect(group).toHaveBeenCalledTimes(1);
    expect(group.mock.calls[0]?.[0].map((a) => a.userId)).toEqual(['U1', 'U2', 'U1', 'U3']);
    expect(results.map((r) => r.status)).toEqual(['recorded', 'recorded', 'duplicate', 'recorded']);
    expect(store.db.prepare('SELECT count(*) FROM answers').pluck().get()).toBe(4);
  });

  it('a failing answer in a group fails alone; the others are stored', async () => {
    const round = await roundInBurst();
    // A NOT NULL column left empty: the database refuses this one answer.
    const broken = { ...answer(round, 'U2'), letter: null } as unknown as NewAnswer;
    const results = await Promise.allSettled([
      store.recordAnswer(answer(round, 'U1')),
      store.recordAnswer(broken),
      store.recordAnswer(answer(round, 'U3')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const users = store.db.prepare('SELECT user_id FROM answers ORDER BY user_id').pluck().all();
    expect(users).toEqual(['U0', 'U1', 'U3']);
    expect(await store.findUsers({ platform: 'slack', teamId: 'T1' }, 'name-U3')).toEqual([{ userId: 'U3', userName: 'name-U3' }]);
  });

  it('a forget-me or a round close writes the answers still queued first (a click made before them is never stored after)', async () => {
    const round = await roundInBurst();
    const queued = [store.recordAnswer(answer(round, 'U1')), store.recordAnswer(answer(round, 'U2'))];
    const forgot = await store.forgetUser({ platform: 'slack', teamId: 'T1' }, 'U1');
    expect(forgot.answers).toBe(1);
    expect((await Promise.all(queued)).map((r) => r.status)).toEqual(['recorded', 'recorded']);
    expect(await store.getAnswer(round.id, 'U1')).toBeUndefined();
    expect(await store.findUsers({ platform: 'slack', teamId: 'T1' }, 'name-U1')).toEqual([]);
    await turn();
    const late = store.recordAnswer(answer(round, 'U3'));
    expect(await store.closeRound(round.id, Date.parse('2026-01-05T20:00:00Z'))).toBe(true);
    expect((await late).status).toBe('recorded');
    expect((await store.roundTally(round.id, 3)).answered).toBe(3);
  });

  it('close writes answers still queued first', async () => {
    const dir = tempDir();
    const path = join(dir.dir, 'kms.db');
    const onDisk = openStore(path);
    const round = await onDisk.createRound(dailyRound('2026-01-05'));
    await onDisk.recordAnswer(answer(round, 'U0'));
    await turn();
    const queued = onDisk.recordAnswer(answer(round, 'U1'));
    await onDisk.close();
    expect((await queued).status).toBe('recorded');
    const reopened = openStore(path);
    expect(reopened.db.prepare('SELECT user_id FROM answers ORDER BY user_id').pluck().all()).toEqual(['U0', 'U1']);
    await reopened.close();
    dir.cleanup();
  });
});
