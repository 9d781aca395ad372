import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScoreQuery } from '../../src/core/ports/store.js';
import { openStore, type SqliteStore } from '../../src/store/index.js';
import { answer, channel, channelRound, dailyRound, otherChannel, otherTeam, practiceRound, team } from './fixtures.js';

let store: SqliteStore;
let twin: SqliteStore; // the same activity without U1
beforeEach(() => {
  store = openStore(':memory:');
  twin = openStore(':memory:');
  play(store, ['U1', 'U2', 'U3']);
  play(twin, ['U2', 'U3']);
});
afterEach(() => {
  store.close();
  twin.close();
});

/** A week of activity by `users` in two channels (round ids line up in both stores). */
function play(s: SqliteStore, users: string[]): void {
  for (let day = 5; day <= 9; day++) {
    const date = `2026-01-0${day}`;
    for (const ch of [channel, otherChannel]) {
      const daily = s.createRound({ ...dailyRound(date, { questionId: `q${day % 2}`, tags: ['kms', `t${day % 3}`] }), ...ch });
      for (const u of users) {
        const i = Number(u.slice(1));
        if ((day + i) % 4 !== 0) s.recordAnswer(answer(daily, u, { correct: (day * i) % 3 !== 0, answeredAt: day * 1000 + i }));
      }
      s.closeRound(daily.id, day * 1000 + 999);
    }
  }
  const onDemand = s.createRound(channelRound({ openedBy: users.includes('U1') ? 'U1' : 'U2', tags: ['s3'] }));
  for (const u of users) s.recordAnswer(answer(onDemand, u, { correct: u !== 'U2', localDate: '2026-01-07' }));
  for (const u of users) {
    const practice = s.createRound(practiceRound(u));
    s.recordAnswer(answer(practice, u, { practiceCard: `card-${u}` }));
    s.saveSelfScore(team, u, { scenarioId: 'finance', deckId: 'kms', checked: [1], total: 4, at: 1 });
  }
  const elsewhere = s.createRound({ ...dailyRound('2026-01-05'), ...otherTeam });
  s.recordAnswer(answer(elsewhere, 'U1'));
  s.saveSelfScore(otherTeam, 'U1', { scenarioId: 'finance', deckId: 'kms', checked: [], total: 4, at: 1 });
}

const queries: ScoreQuery[] = [
  { scope: team },
  { scope: team, channelId: 'C2' },
  { scope: team, fromDate: '2026-01-06', toDate: '2026-01-07' },
];

describe('forgetUser', () => {
  it('deletes the user answers, self-scores, streaks, cards, name and stats in that team', () => {
    const answersBefore = store.db
      .prepare("SELECT count(*) FROM answers WHERE team_id = 'T1' AND user_id = 'U1'")
      .pluck()
      .get() as number;
    expect(answersBefore).toBeGreaterThan(5);
    expect(store.forgetUser(team, 'U1')).toEqual({ answers: answersBefore, selfScores: 1 });

    expect(store.db.prepare("SELECT count(*) FROM answers WHERE team_id = 'T1' AND user_id = 'U1'").pluck().get()).toBe(0);
    expect(store.userStats(team, 'U1')).toEqual({
      answered: 0,
      correct: 0,
      points: 0,
      practiceAnswered: 0,
      practiceCorrect: 0,
      byTag: [],
    });
    expect(store.streaks(team, 'U1')).toEqual([]);
    expect(store.practiceCards(team, 'U1', 'kms')).toEqual(new Map());
    expect(store.selfScores(team, 'U1')).toEqual([]);
    expect(store.findUsers(team, 'name-U1')).toEqual([]);
    for (const table of ['rounds', 'user_stats']) {
      const column = table === 'rounds' ? 'opened_by' : 'user_id';
      expect(store.db.prepare(`SELECT count(*) FROM ${table} WHERE team_id = 'T1' AND ${column} = 'U1'`).pluck().get()).toBe(0);
    }
    // Another user's data and the same user in another team are untouched.
    expect(store.practiceCards(team, 'U2', 'kms')).toEqual(new Map([['q-practice', 'card-U2']]));
    expect(store.userStats(otherTeam, 'U1')).toMatchObject({ answered: 1, points: 1 });
    expect(store.selfScores(otherTeam, 'U1')).toHaveLength(1);
    expect(store.findUsers(otherTeam, 'name-U1')).toHaveLength(1);
  });

  it('leaves boards, digests, tallies and history as if the user had never answered', () => {
    store.forgetUser(team, 'U1');
    for (const q of queries) {
      expect(store.scoreLines(q)).toEqual(twin.scoreLines(q));
      expect(store.tagTallies(q)).toEqual(twin.tagTallies(q));
      expect(store.mostMissedQuestion(q)).toEqual(twin.mostMissedQuestion(q));
    }
    for (const u of ['U2', 'U3']) {
      expect(store.userStats(team, u)).toEqual(twin.userStats(team, u));
      expect(store.streaks(team, u)).toEqual(twin.streaks(team, u));
    }
    expect(store.questionHistory(channel, 'kms')).toEqual(twin.questionHistory(channel, 'kms'));
    expect(store.longestCurrentStreak(channel)).toEqual(twin.longestCurrentStreak(channel));
    const onDemand = store.db.prepare("SELECT id FROM rounds WHERE kind = 'channel'").pluck().get() as number;
    expect(store.roundTally(onDemand, 3)).toEqual(twin.roundTally(onDemand, 3));
    expect(store.getRound(onDemand)?.openedBy).toBeNull();
  });

  it('deleted the round days the user alone answered on, and nothing when the user has no data', () => {
    // Practice rounds are per user, so round ids drift apart between the stores: compare days.
    const days = (s: SqliteStore) =>
      s.db.prepare('SELECT platform, team_id, local_date, channel_id FROM round_days ORDER BY 1, 2, 3, 4, round_id').all();
    // A day only U1 answered on.
    const saturday = store.createRound(dailyRound('2026-01-10'));
    twin.createRound(dailyRound('2026-01-10'));
    store.recordAnswer(answer(saturday, 'U1'));
    expect(days(store).length).toBe(days(twin).length + 1);
    store.forgetUser(team, 'U1');
    expect(days(store)).toEqual(days(twin));
    const unanswered = store.db
      .prepare('SELECT count(*) FROM round_days d WHERE NOT EXISTS (SELECT 1 FROM answers a WHERE a.round_id = d.round_id AND a.local_date = d.local_date)')
      .pluck()
      .get();
    expect(unanswered).toBe(0);
    expect(store.forgetUser(team, 'U1')).toEqual({ answers: 0, selfScores: 0 });
    expect(store.forgetUser(team, 'nobody')).toEqual({ answers: 0, selfScores: 0 });
  });

  it('lets the user start again afterwards', () => {
    store.forgetUser(team, 'U1');
    const next = store.createRound(dailyRound('2026-01-12'));
    expect(store.recordAnswer(answer(next, 'U1')).status).toBe('recorded');
    expect(store.userStats(team, 'U1')).toMatchObject({ answered: 1, points: 1 });
    expect(store.streaks(team, 'U1')).toEqual([{ channelId: 'C1', current: 1, best: 1, lastDate: '2026-01-12' }]);
  });
});
