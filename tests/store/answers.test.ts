import { fork } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnswerRow, RecordAnswerResult } from '../../src/core/ports/store.js';
import { openStore, type SqliteStore } from '../../src/store/index.js';
import { answer, channelRound, dailyRound, practiceRound, team, tempDir } from './fixtures.js';

let store: SqliteStore;
beforeEach(() => {
  store = openStore(':memory:');
});
afterEach(async () => {
  await store.close();
});

const count = (sql: string, ...params: unknown[]) => store.db.prepare(sql).pluck().get(...params) as number;

describe('recordAnswer', () => {
  it('records a first answer with the round scope and returns the stored row', async () => {
    const round = await store.createRound(dailyRound('2026-01-05'));
    const result = await store.recordAnswer(answer(round, 'U1', { answeredAt: 1234, localDate: '2026-01-06' }));
    const expected: AnswerRow = {
      roundId: round.id,
      userId: 'U1',
      platform: 'slack',
      teamId: 'T1',
      channelId: 'C1',
      letter: 'B',
      choiceIndex: round.correctIndex,
      correct: true,
      points: 1,
      answeredAt: 1234,
      localDate: '2026-01-06',
    };
    expect(result).toEqual({ status: 'recorded', answer: expected });
    expect(await store.getAnswer(round.id, 'U1')).toEqual(expected);
    expect(await store.getAnswer(round.id, 'U2')).toBeUndefined();
    expect(await store.findUsers(team, 'name-U1')).toEqual([{ userId: 'U1', userName: 'name-U1' }]);
  });

  it('keeps the first answer: a second one is a duplicate and changes nothing', async () => {
    const round = await store.createRound(channelRound());
    await store.recordAnswer(answer(round, 'U1', { correct: false, answeredAt: 10 }));
    const second = await store.recordAnswer(answer(round, 'U1', { correct: true, answeredAt: 20, userName: 'Renamed' }));
    expect(second.status).toBe('duplicate');
    expect(second.status === 'duplicate' && second.existing).toMatchObject({ correct: false, answeredAt: 10, points: 0 });
    expect(count('SELECT count(*) FROM answers')).toBe(1);
    expect(await store.scoreLines({ scope: team })).toEqual([
      { userId: 'U1', userName: 'name-U1', points: 0, answered: 1, correct: 0, reachedAt: 10 },
    ]);
  });

  it('refuses answers to a closed round, nothing written; a user who answered before gets their answer', async () => {
    const round = await store.createRound(channelRound());
    await store.recordAnswer(answer(round, 'U1'));
    await store.closeRound(round.id, 5_000);
    expect(await store.recordAnswer(answer(round, 'U2'))).toEqual({ status: 'closed' });
    expect((await store.recordAnswer(answer(round, 'U1', { correct: false }))).status).toBe('duplicate');
    expect(count('SELECT count(*) FROM answers')).toBe(1);
    expect((await store.scoreLines({ scope: team })).map((l) => l.answered)).toEqual([1]);
    expect(await store.findUsers(team, 'name-U2')).toEqual([]);
  });

  it('refuses answers to a deleted round', async () => {
    const round = await store.createRound(channelRound());
    expect(await store.deleteUnpostedRound(round.id)).toBe(true);
    expect(await store.recordAnswer(answer(round, 'U1'))).toEqual({ status: 'closed' });
    expect(count('SELECT count(*) FROM answers')).toBe(0);
  });

  it('judges the round by the stored row, not the caller copy', async () => {
    const round = await store.createRound(channelRound());
    await store.closeRound(round.id, 5_000);
    // The caller still holds the open copy.
    expect(round.closedAt).toBeNull();
    expect((await store.recordAnswer(answer(round, 'U1'))).status).toBe('closed');
  });

  it('records 50 users answering one round at once, each exactly once', async () => {
    const round = await store.createRound(dailyRound('2026-01-05'));
    const users = Array.from({ length: 50 }, (_, i) => `U${i}`);
    const clicks = [...users, ...users]; // every user clicks twice
    const results = await Promise.all(clicks.map(async (u, i) => store.recordAnswer(answer(round, u, { answeredAt: i }))));
    expect(results.filter((r) => r.status === 'recorded')).toHaveLength(50);
    expect(results.filter((r) => r.status === 'duplicate')).toHaveLength(50);
    expect(await store.roundTally(round.id, 3)).toEqual({ answered: 50, correct: 50, byChoice: [50, 0, 0] });
    expect(await store.scoreLines({ scope: team })).toHaveLength(50);
    expect(await store.tagTallies({ scope: team, fromDate: '2026-01-05', toDate: '2026-01-05' })).toEqual([
      { tag: 'ebs', answered: 50, correct: 50 },
      { tag: 'kms', answered: 50, correct: 50 },
    ]);
    expect(count('SELECT count(*) FROM round_days')).toBe(1);
  });

  it('two connections to one file answering the same round for the same user store one row', async () => {
    const tmp = tempDir();
    try {
      const path = join(tmp.dir, 'shared.db');
      const a = openStore(path);
      const b = openStore(path);
      const round = await a.createRound(dailyRound('2026-01-05'));
      const first = await a.recordAnswer(answer(round, 'U1', { correct: true }));
      const second = await b.recordAnswer(answer(round, 'U1', { correct: false }));
      expect(first.status).toBe('recorded');
      expect(second).toEqual({ status: 'duplicate', existing: first.status === 'recorded' && first.answer });
      expect(b.db.prepare('SELECT count(*) FROM answers').pluck().get()).toBe(1);
      expect(await b.userStats(team, 'U1')).toMatchObject({ answered: 1, correct: 1, points: 1 });
      await a.close();
      await b.close();
    } finally {
      tmp.cleanup();
    }
  });

  it('two processes racing to answer one round for the same 200 users store each user once', async () => {
    const tmp = tempDir();
    try {
      const path = join(tmp.dir, 'race.db');
      const setup = openStore(path);
      const round = await setup.createRound(dailyRound('2026-01-05'));
      await setup.close();
      const users = Array.from({ length: 200 }, (_, i) => `U${i}`);
      const orders = [users, [...users].reverse()];
      const script = fileURLToPath(new URL('./answer-race-child.ts', import.meta.url));
      const children = orders.map((order) =>
        fork(script, [path, String(round.id), order.join(',')], { execArgv: ['--import', 'tsx'], stdio: 'inherit' }),
      );
      const ready = children.map((child) => new Promise<void>((resolve) => child.once('message', () => resolve())));
      const done = children.map(
        (child) =>
          new Promise<{ userId: string; status: RecordAnswerResult['status'] }[]>((resolve, reject) => {
            child.on('message', (m) => {
              if (typeof m === 'object' && m !== null && 'outcomes' in m) resolve((m as { outcomes: never[] }).outcomes);
            });
            child.once('exit', (code) => code !== 0 && reject(new Error(`child exited with ${code}`)));
          }),
      );
      await Promise.all(ready);
      for (const child of children) child.send('go');
      const outcomes = (await Promise.all(done)).flat();

      expect(outcomes).toHaveLength(400);
      for (const u of users) {
        const statuses = outcomes.filter((o) => o.userId === u).map((o) => o.status).sort();
        expect(statuses).toEqual(['duplicate', 'recorded']);
      }
      const check = openStore(path);
      expect((await check.roundTally(round.id, 3)).answered).toBe(200);
      expect(await check.scoreLines({ scope: team, fromDate: '2026-01-05', toDate: '2026-01-05' })).toHaveLength(200);
      expect(await check.scoreLines({ scope: team })).toHaveLength(200);
      expect(await check.streaks(team, 'U7')).toEqual([{ channelId: 'C1', current: 1, best: 1, lastDate: '2026-01-05' }]);
      await check.close();
    } finally {
      tmp.cleanup();
    }
  });

  it('practice answers save the card and reach user stats, never boards', async () => {
    const round = await store.createRound(practiceRound('U1', { questionId: 'q-p', tags: ['rds', 'kms'] }));
    const result = await store.recordAnswer(answer(round, 'U1', { practiceCard: '{"due":"2026-01-09"}', localDate: '2026-01-05' }));
    expect(result.status).toBe('recorded');
    expect(await store.practiceCards(team, 'U1', 'kms')).toEqual(new Map([['q-p', '{"due":"2026-01-09"}']]));
    expect(await store.practiceCards(team, 'U1', 'other')).toEqual(new Map());
    expect(await store.userStats(team, 'U1')).toEqual({
      answered: 0,
      correct: 0,
      points: 0,
      practiceAnswered: 1,
      practiceCorrect: 1,
      byTag: [
        { tag: 'kms', answered: 1, correct: 1 },
        { tag: 'rds', answered: 1, correct: 1 },
      ],
    });
    expect(await store.scoreLines({ scope: team })).toEqual([]);
    expect(await store.tagTallies({ scope: team })).toEqual([]);
    expect(await store.mostMissedQuestion({ scope: team })).toBeUndefined();
    expect(await store.streaks(team, 'U1')).toEqual([]);
  });

  it('a later practice answer replaces the card of that question', async () => {
    const first = await store.createRound(practiceRound('U1', { questionId: 'q-p' }));
    await store.recordAnswer(answer(first, 'U1', { practiceCard: 'card-1' }));
    const second = await store.createRound(practiceRound('U1', { questionId: 'q-p' }));
    await store.recordAnswer(answer(second, 'U1', { practiceCard: 'card-2', correct: false }));
    expect(await store.practiceCards(team, 'U1', 'kms')).toEqual(new Map([['q-p', 'card-2']]));
    expect(await store.userStats(team, 'U1')).toMatchObject({ practiceAnswered: 2, practiceCorrect: 1 });
  });
});

describe('recordAnswer as its own transaction (names this process stored before)', () => {
  it('stores the name with a user\'s first answer, again after a rename, and again after forget-me', async () => {
    const first = await store.createRound(dailyRound('2026-01-05'));
    await store.recordAnswer(answer(first, 'U1', { userName: 'Ann' }));
    await store.recordAnswer(answer(await store.createRound(dailyRound('2026-01-06')), 'U1', { userName: 'Ann' }));
    expect(await store.findUsers(team, 'U1')).toEqual([{ userId: 'U1', userName: 'Ann' }]);
    await store.recordAnswer(answer(await store.createRound(dailyRound('2026-01-07')), 'U1', { userName: 'Annie' }));
    expect(await store.findUsers(team, 'U1')).toEqual([{ userId: 'U1', userName: 'Annie' }]);
    await store.forgetUser(team, 'U1');
    expect(await store.findUsers(team, 'U1')).toEqual([]);
    await store.recordAnswer(answer(await store.createRound(dailyRound('2026-01-08')), 'U1', { userName: 'Annie' }));
    expect(await store.findUsers(team, 'U1')).toEqual([{ userId: 'U1', userName: 'Annie' }]);
    // upsertUser with the stored name writes nothing; a new one is stored.
    await store.upsertUser(team, 'U1', 'Annie', 99);
    expect(store.db.prepare("SELECT updated_at FROM users WHERE user_id = 'U1'").pluck().get()).not.toBe(99);
    await store.upsertUser(team, 'U1', 'A.', 99);
    expect(await store.findUsers(team, 'U1')).toEqual([{ userId: 'U1', userName: 'A.' }]);
  });

  it('stores a remembered name again after a forget-me made by another connection (another process)', async () => {
    const tmp = tempDir();
    try {
      const path = join(tmp.dir, 'shared.db');
      const a = openStore(path);
      const b = openStore(path);
      await a.recordAnswer(answer(await a.createRound(dailyRound('2026-01-05')), 'U1', { userName: 'Ann' }));
      await a.recordAnswer(answer(await a.createRound(dailyRound('2026-01-06')), 'U2', { userName: 'Bo' }));
      // `a` remembers both names now; `b` forgets U1 (and, with it, the stored name).
      await b.forgetUser(team, 'U1');
      expect(await a.findUsers(team, 'U1')).toEqual([]);
      // U1's next click through `a` takes the one-statement path, sees the new epoch and stores the name again.
      await a.recordAnswer(answer(await a.createRound(dailyRound('2026-01-07')), 'U1', { userName: 'Ann' }));
      expect(await b.findUsers(team, 'U1')).toEqual([{ userId: 'U1', userName: 'Ann' }]);
      // Names remembered before the epoch changed are not trusted either: U2's is written again (same value).
      a.db.prepare("DELETE FROM users WHERE user_id = 'U2'").run();
      b.db.prepare('UPDATE forget_epoch SET epoch = epoch + 1 WHERE id = 1').run();
      await a.recordAnswer(answer(await a.createRound(dailyRound('2026-01-08')), 'U2', { userName: 'Bo' }));
      expect(await b.findUsers(team, 'U2')).toEqual([{ userId: 'U2', userName: 'Bo' }]);
      await a.close();
      await b.close();
    } finally {
      tmp.cleanup();
    }
  });

  it('refuses duplicates and closed rounds the same way', async () => {
    const round = await store.createRound(channelRound());
    expect((await store.recordAnswer(answer(round, 'U1'))).status).toBe('recorded');
    const other = await store.createRound({ ...channelRound(), channelId: 'C2' });
    // U1's name is known now: these take the single-statement path.
    const again = await store.recordAnswer(answer(round, 'U1', { correct: false }));
    expect(again.status === 'duplicate' && again.existing.correct).toBe(true);
    await store.closeRound(other.id, 5_000);
    expect(await store.recordAnswer(answer(other, 'U1'))).toEqual({ status: 'closed' });
    expect(count('SELECT count(*) FROM answers')).toBe(1);
    expect(await store.userStats(team, 'U1')).toMatchObject({ answered: 1, correct: 1, points: 1 });
  });

  it('keeps checkpointing the write-ahead log', async () => {
    const tmp = tempDir();
    try {
      const path = join(tmp.dir, 'wal.db');
      const file = openStore(path);
      file.db.pragma('wal_autocheckpoint = 50');
      const users = Array.from({ length: 20 }, (_, i) => `U${i}`);
      const rounds = await Promise.all(Array.from({ length: 30 }, (_, i) => file.createRound(dailyRound(`2026-03-${String(i + 1).padStart(2, '0')}`))));
      // Nothing but answers from here on.
      for (const round of rounds) for (const u of users) expect((await file.recordAnswer(answer(round, u))).status).toBe('recorded');
      // 600 answers of 2+ pages each: without checkpoints the log would hold well over 1,000 pages.
      const pageSize = file.db.pragma('page_size', { simple: true }) as number;
      expect(statSync(`${path}-wal`).size).toBeLessThan(200 * (pageSize + 24));
      await file.close();
    } finally {
      tmp.cleanup();
    }
  });
});

describe('roundTally', () => {
  it('splits answers by question choice index', async () => {
    const round = await store.createRound(channelRound());
    await store.recordAnswer(answer(round, 'U1', { choiceIndex: 1, correct: true }));
    await store.recordAnswer(answer(round, 'U2', { choiceIndex: 1, correct: true }));
    await store.recordAnswer(answer(round, 'U3', { choiceIndex: 0, correct: false }));
    await store.recordAnswer(answer(round, 'U4', { choiceIndex: 3, correct: false }));
    expect(await store.roundTally(round.id, 4)).toEqual({ answered: 4, correct: 2, byChoice: [1, 2, 0, 1] });
    expect(await store.roundTally(round.id + 1, 3)).toEqual({ answered: 0, correct: 0, byChoice: [0, 0, 0] });
  });
});
