import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoundRow } from '../../src/core/ports/store.js';
import { openStore, type SqliteStore } from '../../src/store/index.js';
import {
  answer,
  channel,
  channelRound,
  dailyRound,
  discordSameIds,
  otherChannel,
  otherTeam,
  practiceRound,
  team,
} from './fixtures.js';

let store: SqliteStore;
beforeEach(() => {
  store = openStore(':memory:');
});
afterEach(async () => {
  await store.close();
});

/** A daily round in `ch` for `date` with the given question and tags. */
function daily(date: string, over: Partial<RoundRow> = {}, ch = channel): Promise<RoundRow> {
  return store.createRound({ ...dailyRound(date, over), ...ch });
}

/** Record an answer at `at` (ms) on local date `date`. */
async function play(round: RoundRow, userId: string, correct: boolean, at: number, date = round.localDate ?? '2026-01-05') {
  const result = await store.recordAnswer(answer(round, userId, { correct, answeredAt: at, localDate: date, userName: `N${userId}` }));
  expect(result.status).toBe('recorded');
}

describe('scoreLines', () => {
  beforeEach(async () => {
    const mon = await daily('2026-01-05');
    const tue = await daily('2026-01-06');
    const wed2 = await daily('2026-01-07', {}, otherChannel);
    await play(mon, 'U1', true, 100);
    await play(mon, 'U2', true, 90);
    await play(tue, 'U1', false, 200);
    await play(tue, 'U2', true, 210);
    await play(tue, 'U3', false, 220);
    await play(wed2, 'U3', true, 300);
    await play(wed2, 'U1', true, 310);
  });

  it('sums the whole team over all dates, with names, by user id', async () => {
    expect(await store.scoreLines({ scope: team })).toEqual([
      { userId: 'U1', userName: 'NU1', points: 2, answered: 3, correct: 2, reachedAt: 310 },
      { userId: 'U2', userName: 'NU2', points: 2, answered: 2, correct: 2, reachedAt: 210 },
      { userId: 'U3', userName: 'NU3', points: 1, answered: 2, correct: 1, reachedAt: 300 },
    ]);
  });

  it('narrows to one channel', async () => {
    expect(await store.scoreLines({ scope: team, channelId: 'C2' })).toEqual([
      { userId: 'U1', userName: 'NU1', points: 1, answered: 1, correct: 1, reachedAt: 310 },
      { userId: 'U3', userName: 'NU3', points: 1, answered: 1, correct: 1, reachedAt: 300 },
    ]);
    expect(await store.scoreLines({ scope: team, channelId: 'C-none' })).toEqual([]);
  });

  it('takes inclusive date ranges, open at either end', async () => {
    const tuesdayOnly = await store.scoreLines({ scope: team, fromDate: '2026-01-06', toDate: '2026-01-06' });
    expect(tuesdayOnly.map((l) => [l.userId, l.points, l.answered])).toEqual([
      ['U1', 0, 1],
      ['U2', 1, 1],
      ['U3', 0, 1],
    ]);
    expect((await store.scoreLines({ scope: team, fromDate: '2026-01-07' })).map((l) => l.userId)).toEqual(['U1', 'U3']);
    expect((await store.scoreLines({ scope: team, toDate: '2026-01-05' })).map((l) => l.userId)).toEqual(['U1', 'U2']);
    expect(await store.scoreLines({ scope: team, fromDate: '2026-01-08' })).toEqual([]);
    expect(
      (await store.scoreLines({ scope: team, channelId: 'C1', fromDate: '2026-01-06', toDate: '2026-01-07' })).map((l) => l.userId),
    ).toEqual(['U1', 'U2', 'U3']);
  });

  it('reachedAt: last point-earning answer in range; first answer when the user has no points', async () => {
    const tuesday = await store.scoreLines({ scope: team, fromDate: '2026-01-06', toDate: '2026-01-06' });
    // U1 and U3 scored nothing on Tuesday: their first answer that day.
    expect(tuesday.map((l) => [l.userId, l.reachedAt])).toEqual([
      ['U1', 200],
      ['U2', 210],
      ['U3', 220],
    ]);
    // Over Monday-Tuesday U1's last point is Monday's (the wrong Tuesday answer does not move it).
    expect((await store.scoreLines({ scope: team, toDate: '2026-01-06' })).find((l) => l.userId === 'U1')?.reachedAt).toBe(100);
  });

  it('uses the answer local date, not the round date, for ranges', async () => {
    const thu = await daily('2026-01-08');
    await play(thu, 'U4', true, 400, '2026-01-09'); // answered after local midnight
    expect(await store.scoreLines({ scope: team, fromDate: '2026-01-08', toDate: '2026-01-08' })).toEqual([]);
    expect((await store.scoreLines({ scope: team, fromDate: '2026-01-09' })).map((l) => l.userId)).toEqual(['U4']);
  });

  it('counts channel rounds, never practice, and never another team or platform', async () => {
    const onDemand = await store.createRound(channelRound());
    await play(onDemand, 'U5', true, 500, '2026-01-05');
    const practice = await store.createRound(practiceRound('U6'));
    await play(practice, 'U6', true, 600, '2026-01-05');
    await play(await store.createRound({ ...dailyRound('2026-01-05'), ...otherTeam }), 'U7', true, 700);
    await play(await store.createRound({ ...dailyRound('2026-01-05'), ...discordSameIds }), 'U8', true, 800);
    const ids = (await store.scoreLines({ scope: team })).map((l) => l.userId);
    expect(ids).toEqual(['U1', 'U2', 'U3', 'U5']);
    expect((await store.scoreLines({ scope: { platform: 'slack', teamId: 'T2' } })).map((l) => l.userId)).toEqual(['U7']);
    expect((await store.scoreLines({ scope: { platform: 'discord', teamId: 'T1' } })).map((l) => l.userId)).toEqual(['U8']);
  });

  it('shows the user id when no name is stored', async () => {
    store.db.prepare("DELETE FROM users WHERE user_id = 'U2'").run();
    expect((await store.scoreLines({ scope: team })).find((l) => l.userId === 'U2')?.userName).toBe('U2');
  });
});

describe('tagTallies and mostMissedQuestion', () => {
  it('sum round answers per tag over the query', async () => {
    const a = await daily('2026-01-05', { tags: ['kms', 'ebs'], questionId: 'qa' });
    const b = await daily('2026-01-06', { tags: ['kms', 's3'], questionId: 'qb' });
    const c = await daily('2026-01-06', { tags: ['rds'], questionId: 'qc' }, otherChannel);
    await play(a, 'U1', true, 1);
    await play(a, 'U2', false, 2);
    await play(b, 'U1', false, 3);
    await play(c, 'U1', false, 4);
    await play(await store.createRound(practiceRound('U1', { tags: ['kms'] })), 'U1', false, 5, '2026-01-06');
    expect(await store.tagTallies({ scope: team })).toEqual([
      { tag: 'ebs', answered: 2, correct: 1 },
      { tag: 'kms', answered: 3, correct: 1 },
      { tag: 'rds', answered: 1, correct: 0 },
      { tag: 's3', answered: 1, correct: 0 },
    ]);
    expect(await store.tagTallies({ scope: team, channelId: 'C1', fromDate: '2026-01-06' })).toEqual([
      { tag: 'kms', answered: 1, correct: 0 },
      { tag: 's3', answered: 1, correct: 0 },
    ]);
    expect(await store.tagTallies({ scope: otherTeam })).toEqual([]);
  });

  it('mostMissedQuestion: most wrong answers, ties broken by more answers; undefined when none missed', async () => {
    expect(await store.mostMissedQuestion({ scope: team })).toBeUndefined();
    const a = await daily('2026-01-05', { questionId: 'qa' });
    const b = await daily('2026-01-06', { questionId: 'qb' });
    const c = await daily('2026-01-07', { questionId: 'qa' }, otherChannel);
    await play(a, 'U1', true, 1);
    await play(a, 'U2', true, 1);
    expect(await store.mostMissedQuestion({ scope: team })).toBeUndefined();
    await play(b, 'U1', false, 2);
    await play(c, 'U1', false, 3);
    await play(c, 'U3', true, 3);
    // qa: 4 answered, 1 wrong; qb: 1 answered, 1 wrong -> tie on wrong, qa has more answers.
    expect(await store.mostMissedQuestion({ scope: team })).toEqual({ deckId: 'kms', questionId: 'qa', answered: 4, wrong: 1 });
    await play(b, 'U2', false, 2);
    expect(await store.mostMissedQuestion({ scope: team })).toEqual({ deckId: 'kms', questionId: 'qb', answered: 2, wrong: 2 });
    expect(await store.mostMissedQuestion({ scope: team, channelId: 'C2' })).toEqual({
      deckId: 'kms',
      questionId: 'qa',
      answered: 2,
      wrong: 1,
    });
    expect(await store.mostMissedQuestion({ scope: team, fromDate: '2026-01-05', toDate: '2026-01-05' })).toBeUndefined();
  });
});

describe('userStats', () => {
  it('totals round and practice answers of one user in one team, tags A-Z', async () => {
    expect(await store.userStats(team, 'U1')).toEqual({
      answered: 0,
      correct: 0,
      points: 0,
      practiceAnswered: 0,
      practiceCorrect: 0,
      byTag: [],
    });
    await play(await daily('2026-01-05', { tags: ['kms', 'ebs'] }), 'U1', true, 1);
    await play(await daily('2026-01-06', { tags: ['kms'] }), 'U1', false, 2);
    await play(await store.createRound(channelRound({ tags: ['s3'] })), 'U1', true, 3, '2026-01-06');
    await play(await store.createRound(practiceRound('U1', { tags: ['kms'] })), 'U1', true, 4, '2026-01-06');
    await play(await store.createRound(practiceRound('U1', { tags: ['rds'] })), 'U1', false, 5, '2026-01-06');
    await play(await store.createRound({ ...dailyRound('2026-01-05'), ...otherTeam }), 'U1', true, 6);
    expect(await store.userStats(team, 'U1')).toEqual({
      answered: 3,
      correct: 2,
      points: 2,
      practiceAnswered: 2,
      practiceCorrect: 1,
      byTag: [
        { tag: 'ebs', answered: 1, correct: 1 },
        { tag: 'kms', answered: 3, correct: 2 },
        { tag: 'rds', answered: 1, correct: 0 },
        { tag: 's3', answered: 1, correct: 1 },
      ],
    });
    expect(await store.userStats(otherTeam, 'U1')).toMatchObject({ answered: 1, points: 1 });
  });
});

describe('users', () => {
  it('findUsers matches name or id case-insensitively, exact before prefix, at most 5, within the team', async () => {
    await store.upsertUser(team, 'U100', 'Anna', 1);
    await store.upsertUser(team, 'U200', 'ann', 1);
    await store.upsertUser(team, 'U300', 'Annabel', 1);
    await store.upsertUser(team, 'U400', 'Bob', 1);
    await store.upsertUser(otherTeam, 'U500', 'Ann', 1);
    expect(await store.findUsers(team, 'ANN')).toEqual([
      { userId: 'U200', userName: 'ann' },
      { userId: 'U100', userName: 'Anna' },
      { userId: 'U300', userName: 'Annabel' },
    ]);
    expect(await store.findUsers(team, 'u400')).toEqual([{ userId: 'U400', userName: 'Bob' }]);
    expect(await store.findUsers(team, 'U')).toHaveLength(4);
    for (let i = 0; i < 8; i++) await store.upsertUser(team, `X${i}`, `Zed ${i}`, 1);
    expect(await store.findUsers(team, 'zed')).toHaveLength(5);
    expect(await store.findUsers(team, '%')).toEqual([]);
    expect(await store.findUsers(team, '   ')).toEqual([]);
    expect(await store.findUsers(team, 'nobody')).toEqual([]);
  });

  it('upsertUser renames; non-ASCII names match case-insensitively', async () => {
    await store.upsertUser(team, 'U1', 'Émile', 1);
    expect(await store.findUsers(team, 'émile')).toEqual([{ userId: 'U1', userName: 'Émile' }]);
    await store.upsertUser(team, 'U1', 'Emil', 2);
    expect(await store.findUsers(team, 'émile')).toEqual([]);
    expect(await store.findUsers(team, 'EMIL')).toEqual([{ userId: 'U1', userName: 'Emil' }]);
  });
});
