import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScoreQuery } from '../../src/core/ports/store.js';
import { openStore, type SqliteStore } from '../../src/store/index.js';
import { answer, channel, channelRound, dailyRound, otherChannel, otherTeam, practiceRound, team } from './fixtures.js';

let store: SqliteStore;
let twin: SqliteStore; // the same activity without U1
beforeEach(async () => {
  store = openStore(':memory:');
  twin = openStore(':memory:');
  await play(store, ['U1', 'U2', 'U3']);
  await play(twin, ['U2', 'U3']);
});
afterEach(async () => {
  await store.close();
  await twin.close();
});

/** A week of activity by `users` in two channels (round ids line up in both stores). */
async function play(s: SqliteStore, users: string[]): Promise<void> {
  for (let day = 5; day <= 9; day++) {
    const date = `2026-01-0${day}`;
    for (const ch of [channel, otherChannel]) {
      const daily = await s.createRound({ ...dailyRound(date, { questionId: `q${day % 2}`, tags: ['kms', `t${day % 3}`] }), ...ch });
      for (const u of users) {
        const i = Number(u.slice(1));
        if ((day + i) % 4 !== 0) await s.recordAnswer(answer(daily, u, { correct: (day * i) % 3 !== 0, answeredAt: day * 1000 + i }));
      }
      await s.closeRound(daily.id, day * 1000 + 999);
    }
  }
  const onDemand = await s.createRound(channelRound({ openedBy: users.includes('U1') ? 'U1' : 'U2', tags: ['s3'] }));
  for (const u of users) await s.recordAnswer(answer(onDemand, u, { correct: u !== 'U2', localDate: '2026-01-07' }));
  for (const u of users) {
    const practice = await s.createRound(practiceRound(u));
    await s.recordAnswer(answer(practice, u, { practiceCard: `card-${u}` }));
    await s.saveSelfScore(team, u, { scenarioId: 'finance', deckId: 'kms', checked: [1], total: 4, at: 1 });
  }
  const elsewhere = await s.createRound({ ...dailyRound('2026-01-05'), ...otherTeam });
  await s.recordAnswer(answer(elsewhere, 'U1'));
  await s.saveSelfScore(otherTeam, 'U1', { scenarioId: 'finance', deckId: 'kms', checked: [], total: 4, at: 1 });
}

const queries: ScoreQuery[] = [
  { scope: team },
  { scope: team, channelId: 'C2' },
  { scope: team, fromDate: '2026-01-06', toDate: '2026-01-07' },
];

describe('forgetUser', () => {
  it('deletes the user answers, self-scores, streaks, cards, name and stats in that team', async () => {
    const answersBefore = store.db
      .prepare("SELECT count(*) FROM answers WHERE team_id = 'T1' AND user_id = 'U1'")
      .pluck()
      .get() as number;
    expect(answersBefore).toBeGreaterThan(5);
    expect(await store.forgetUser(team, 'U1')).toEqual({ answers: answersBefore, selfScores: 1 });

    expect(store.db.prepare("SELECT count(*) FROM answers WHERE team_id = 'T1' AND user_id = 'U1'").pluck().get()).toBe(0);
    expect(await store.userStats(team, 'U1')).toEqual({
      answered: 0,
      correct: 0,
      points: 0,
      practiceAnswered: 0,
      practiceCorrect: 0,
      byTag: [],
    });
    expect(await store.streaks(team, 'U1')).toEqual([]);
    expect(await store.practiceCards(team, 'U1', 'kms')).toEqual(new Map());
    expect(await store.selfScores(team, 'U1')).toEqual([]);
    expect(await store.findUsers(team, 'name-U1')).toEqual([]);
    for (const table of ['rounds', 'user_stats']) {
      const column = table === 'rounds' ? 'opened_by' : 'user_id';
      expect(store.db.prepare(`SELECT count(*) FROM ${table} WHERE team_id = 'T1' AND ${column} = 'U1'`).pluck().get()).toBe(0);
    }
    // Another user's data and the same user in another team are untouched.
    expect(await store.practiceCards(team, 'U2', 'kms')).toEqual(new Map([['q-practice', 'card-U2']]));
    expect(await store.userStats(otherTeam, 'U1')).toMatchObject({ answered: 1, points: 1 });
    expect(await store.selfScores(otherTeam, 'U1')).toHaveLength(1);
    expect(await store.findUsers(otherTeam, 'name-U1')).toHaveLength(1);
  });

  it('leaves boards, digests, tallies and history as if the user had never answered', async () => {
    await store.forgetUser(team, 'U1');
    for (const q of queries) {
      expect(await store.scoreLines(q)).toEqual(await twin.scoreLines(q));
      expect(await store.tagTallies(q)).toEqual(await twin.tagTallies(q));
      expect(await store.mostMissedQuestion(q)).toEqual(await twin.mostMissedQuestion(q));
    }
    for (const u of ['U2', 'U3']) {
      expect(await store.userStats(team, u)).toEqual(await twin.userStats(team, u));
      expect(await store.streaks(team, u)).toEqual(await twin.streaks(team, u));
    }
    expect(await store.questionHistory(channel, 'kms')).toEqual(await twin.questionHistory(channel, 'kms'));
    expect(await store.longestCurrentStreak(channel)).toEqual(await twin.longestCurrentStreak(channel));
    const onDemand = store.db.prepare("SELECT id FROM rounds WHERE kind = 'channel'").pluck().get() as number;
    expect(await store.roundTally(onDemand, 3)).toEqual(await twin.roundTally(onDemand, 3));
    expect((await store.getRound(onDemand))?.openedBy).toBeNull();
  });

  it('deleted the round days the user alone answered on, and nothing when the user has no data', async () => {
    // Practice rounds are per user, so round ids drift apart between the stores: compare days.
    const days = (s: SqliteStore) =>
      s.db.prepare('SELECT platform, team_id, local_date, channel_id FROM round_days ORDER BY 1, 2, 3, 4, round_id').all();
    // A day only U1 answered on.
    const saturday = await store.createRound(dailyRound('2026-01-10'));
    await twin.createRound(dailyRound('2026-01-10'));
    await store.recordAnswer(answer(saturday, 'U1'));
    expect(days(store).length).toBe(days(twin).length + 1);
    await store.forgetUser(team, 'U1');
    expect(days(store)).toEqual(days(twin));
    const unanswered = store.db
      .prepare('SELECT count(*) FROM round_days d WHERE NOT EXISTS (SELECT 1 FROM answers a WHERE a.round_id = d.round_id AND a.local_date = d.local_date)')
      .pluck()
      .get();
    expect(unanswered).toBe(0);
    expect(await store.forgetUser(team, 'U1')).toEqual({ answers: 0, selfScores: 0 });
    expect(await store.forgetUser(team, 'nobody')).toEqual({ answers: 0, selfScores: 0 });
  });

  it('lets the user start again afterwards', async () => {
    await store.forgetUser(team, 'U1');
    const next = await store.createRound(dailyRound('2026-01-12'));
    expect((await store.recordAnswer(answer(next, 'U1'))).status).toBe('recorded');
    expect(await store.userStats(team, 'U1')).toMatchObject({ answered: 1, points: 1 });
    expect(await store.streaks(team, 'U1')).toEqual([{ channelId: 'C1', current: 1, best: 1, lastDate: '2026-01-12' }]);
  });
});

describe('the markers forget-me leaves on open rounds', () => {
  it('hold only (round id, user id) of open rounds the user answered, and go when the round closes', async () => {
    const s = openStore(':memory:');
    try {
      const open = await s.createRound(channelRound());
      const closed = await s.createRound(dailyRound('2026-01-05'));
      await s.recordAnswer(answer(open, 'U1'));
      await s.recordAnswer(answer(closed, 'U1'));
      await s.closeRound(closed.id, 2_000);
      await s.forgetUser(team, 'U1');
      const markers = () => s.sync.db.prepare('SELECT * FROM forgotten_answers').all();
      expect(markers()).toEqual([{ round_id: open.id, user_id: 'U1' }]);
      await s.closeRound(open.id, 3_000);
      expect(markers()).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
