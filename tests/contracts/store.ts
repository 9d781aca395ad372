/**
 * The store contract: every rule the store ports (src/core/ports/store/) promise, checked through
 * the ports only, so any backend can run it. A backend's test file calls `storeContract` with a
 * factory of fresh, empty stores (and, optionally, stores opened on databases written by older
 * schema versions holding OLDER_DATA). No SQL here: how an older database is written is the
 * backend's business (see sqlite-store.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { TeamScope } from '../../src/core/context.js';
import { type NewMockExam, RoundConflictError, type NewReport, type RoundRow, type ScoreQuery, type StoreHandle } from '../../src/core/ports/store.js';
import { StoreUnavailableError } from '../../src/core/ports/store-unavailable.js';
import { answer, channel, channelRound, dailyRound, otherChannel, otherTeam, practiceRound, team } from '../store/fixtures.js';

/** Builds a store for one test; the contract closes it. */
export type StoreFactory = () => Promise<StoreHandle>;

/**
 * An older database for the contract: a label (e.g. "schema version 2") and a store opened on it.
 * Every older database holds (team slack/T1, channel C1), written with that older schema's own
 * means:
 * - users U1 "Ann" and U2 "Bob";
 * - round 1: daily, deck "kms", question "q1", choice order [0,1,2], correct index 0, tags
 *   ["kms","ebs"], opened at 100 by nobody, closed at 500, local date 2026-01-05, no message;
 * - round 2: practice for U1, question "q2", choice order [0,1,2], correct index 1, tags ["rds"],
 *   opened at 100, open;
 * - answers: U1 on round 1 "A" (choice 0, right, 1 point, at 200), U2 on round 1 "B" (choice 1,
 *   wrong, 0 points, at 150), U1 on round 2 "B" (choice 1, right, 0 points, at 300), all local
 *   date 2026-01-05;
 * - C1's subscription: deck "kms", 09:00 Europe/Berlin, weekdays, created by U1 at 50, not paused.
 */
export interface OlderDatabase {
  label: string;
  open: StoreFactory;
}

/**
 * Register the store contract's tests for one backend.
 * @param backend name shown in the test titles
 * @param fresh a new store on a new, empty database (migrated as the backend does on open)
 * @param older stores opened on older databases holding the data described at OlderDatabase
 */
export function storeContract(backend: string, fresh: StoreFactory, older: OlderDatabase[] = []): void {
  /** Run `fn` on a fresh store and close it afterwards. */
  const withStore = (fn: (store: StoreHandle) => Promise<void>) => async () => {
    const store = await fresh();
    try {
      await fn(store);
    } finally {
      await store.close();
    }
  };

  describe(`store contract: ${backend}`, () => {
    describe('mock exams and activity', () => {
      const exam = (userId: string, over: Partial<NewMockExam> = {}): NewMockExam => ({
        ...channel,
        userId,
        deckId: 'kms',
        direct: false,
        startedAt: 1_000,
        endsAt: 1_000 + 30 * 60_000,
        retakeOf: null,
        questions: [
          { questionId: 'q1', domain: 'S3', choiceOrder: [0, 1, 2], correctIndex: 1, tags: ['s3'] },
          { questionId: 'q2', domain: 'KMS', choiceOrder: [2, 0, 1], correctIndex: 0, tags: ['kms'] },
        ],
        ...over,
      });

      it(
        'starts a mock as practice rounds, one running per (team, user), flags, ends once and closes its rounds',
        withStore(async (store) => {
          const started = await store.startMockExam(exam('U1'));
          if (started.status !== 'started') throw new Error('not started');
          const m = started.exam;
          expect(m).toMatchObject({ userId: 'U1', deckId: 'kms', direct: false, endedAt: null, endReason: null, resultsSeen: false });
          expect(m.questions.map((q) => [q.position, q.questionId, q.domain, q.flagged])).toEqual([
            [0, 'q1', 'S3', false],
            [1, 'q2', 'KMS', false],
          ]);
          const round = await store.getRound(m.questions[0]?.roundId ?? 0);
          expect(round).toMatchObject({ kind: 'practice', openedBy: 'U1', closesAt: m.endsAt, choiceOrder: [0, 1, 2], correctIndex: 1 });
          const busy = await store.startMockExam(exam('U1'));
          expect(busy.status).toBe('busy');
          expect(busy.status === 'busy' && busy.existing.id).toBe(m.id);
          expect((await store.startMockExam(exam('U2'))).status).toBe('started');
          expect((await store.runningMockExam(team, 'U1'))?.id).toBe(m.id);

          expect(await store.flagMockQuestion(m.id, 1, true)).toBe(true);
          expect(await store.flagMockQuestion(m.id, 9, true)).toBe(false);
          expect((await store.getMockExam(m.id))?.questions[1]?.flagged).toBe(true);

          // A mock answer is a practice answer: no points, a card.
          const recorded = await store.recordAnswer({ ...answer(round as RoundRow, 'U1'), practiceCard: '{"due":"2026-01-06T00:00:00.000Z"}' });
          expect(recorded.status).toBe('recorded');
          expect((await store.userStats(team, 'U1')).practiceAnswered).toBe(1);
          expect((await store.practiceCards(team, 'U1', 'kms')).has('q1')).toBe(true);

          expect(await store.dueMockExams(m.endsAt - 1)).toEqual([]);
          expect((await store.dueMockExams(m.endsAt)).map((d) => d.id)).toContain(m.id);
          expect(await store.endMockExam(m.id, m.endsAt, 'time-up')).toBe(true);
          expect(await store.endMockExam(m.id, m.endsAt, 'finished')).toBe(false);
          const ended = await store.getMockExam(m.id);
          expect(ended).toMatchObject({ endedAt: m.endsAt, endReason: 'time-up' });
          expect(await store.runningMockExam(team, 'U1')).toBeUndefined();
          const second = await store.getRound(m.questions[1]?.roundId ?? 0);
          expect(second?.closedAt).toBe(m.endsAt);
          expect(await store.recordAnswer(answer(second as RoundRow, 'U1'))).toEqual({ status: 'closed' });

          expect((await store.unseenMockResults(team, 'U1'))?.id).toBe(m.id);
          await store.markMockResultsSeen(m.id);
          expect(await store.unseenMockResults(team, 'U1')).toBeUndefined();
          expect((await store.startMockExam(exam('U1', { retakeOf: m.id }))).status).toBe('started');
        }),
      );

      it(
        'forgetUser deletes the user\'s mocks; answersPerDay counts answers per local date',
        withStore(async (store) => {
          const started = await store.startMockExam(exam('U1'));
          if (started.status !== 'started') throw new Error('not started');
          await store.forgetUser(team, 'U1');
          expect(await store.getMockExam(started.exam.id)).toBeUndefined();
          expect(await store.runningMockExam(team, 'U1')).toBeUndefined();

          const r1 = await store.createRound(dailyRound('2026-01-05'));
          await store.recordAnswer(answer(r1, 'U2'));
          await store.recordAnswer(answer(r1, 'U3', { correct: false, localDate: '2026-01-06' }));
          expect(await store.answersPerDay(team, '2026-01-01', '2026-01-31')).toEqual([
            { date: '2026-01-05', answered: 1, correct: 1 },
            { date: '2026-01-06', answered: 1, correct: 0 },
          ]);
          expect(await store.answersPerDay(team, '2026-01-01', '2026-01-31', 'U3')).toEqual([{ date: '2026-01-06', answered: 1, correct: 0 }]);
          expect(await store.answersPerDay(team, '2026-01-06', '2026-01-06')).toEqual([{ date: '2026-01-06', answered: 1, correct: 0 }]);
          expect(await store.answersPerDay(otherTeam, '2026-01-01', '2026-01-31')).toEqual([]);
        }),
      );
    });

    describe('an empty database', () => {
      it(
        'migrates to a store that holds nothing and works through every port',
        withStore(async (store) => {
          expect(await store.getRound(1)).toBeUndefined();
          expect(await store.getRoundWithZone(1)).toBeUndefined();
          expect(await store.latestDailyRound(channel)).toBeUndefined();
          expect(await store.openChannelRound(channel)).toBeUndefined();
          expect(await store.dueRounds(Number.MAX_SAFE_INTEGER)).toEqual([]);
          expect(await store.listSubscriptions()).toEqual([]);
          expect(await store.scoreLines({ scope: team })).toEqual([]);
          expect(await store.tagTallies({ scope: team })).toEqual([]);
          expect(await store.mostMissedQuestion({ scope: team })).toBeUndefined();
          expect(await store.longestCurrentStreak(channel)).toBeUndefined();
          expect(await store.findUsers(team, 'U1')).toEqual([]);
          expect(await store.streaks(team, 'U1')).toEqual([]);
          expect(await store.selfScores(team, 'U1')).toEqual([]);
          expect((await store.practiceCards(team, 'U1', 'kms')).size).toBe(0);
          expect(await store.userStats(team, 'U1')).toEqual({ answered: 0, correct: 0, points: 0, practiceAnswered: 0, practiceCorrect: 0, byTag: [] });
          expect(await store.openReports(team)).toEqual([]);
          expect(await store.reportedItems(team, 1)).toEqual([]);
          expect(await store.itemAnswers(team, 'kms', 'q1')).toEqual({ learners: [], picks: [] });

          const round = await store.createRound(dailyRound('2026-01-05'));
          expect(await store.getRound(round.id)).toEqual(round);
          expect((await store.recordAnswer(answer(round, 'U1'))).status).toBe('recorded');
          expect(await store.scoreLines({ scope: team })).toHaveLength(1);
        }),
      );
    });

    describe('first answer wins', () => {
      it(
        'of many concurrent answers by one user to one round exactly one is recorded; the rest see it',
        withStore(async (store) => {
          const round = await store.createRound(dailyRound('2026-01-05'));
          const letters = ['A', 'B', 'C'];
          const results = await Promise.all(
            Array.from({ length: 30 }, (_, i) =>
              store.recordAnswer(
                answer(round, 'U1', { correct: i % 3 === 0, letter: letters[i % 3]!, choiceIndex: i % 3, answeredAt: round.openedAt + i }),
              ),
            ),
          );
          const recorded = results.filter((r) => r.status === 'recorded');
          expect(recorded).toHaveLength(1);
          const winner = (recorded[0] as { answer: unknown }).answer;
          for (const r of results) if (r.status !== 'recorded') expect(r).toEqual({ status: 'duplicate', existing: winner });
          expect(await store.getAnswer(round.id, 'U1')).toEqual(winner);
          const tally = await store.roundTally(round.id, 3);
          expect(tally.answered).toBe(1);
          expect((await store.userStats(team, 'U1')).answered).toBe(1);
          expect(await store.streaks(team, 'U1')).toEqual([{ channelId: 'C1', current: 1, best: 1, lastDate: '2026-01-05' }]);
        }),
      );

      it(
        'concurrent answers by many users to one round are each recorded once',
        withStore(async (store) => {
          const round = await store.createRound(channelRound());
          const users = Array.from({ length: 25 }, (_, i) => `U${i}`);
          const results = await Promise.all([...users, ...users].map((u) => store.recordAnswer(answer(round, u))));
          expect(results.filter((r) => r.status === 'recorded')).toHaveLength(users.length);
          expect(results.filter((r) => r.status === 'duplicate')).toHaveLength(users.length);
          expect((await store.roundTally(round.id, 3)).answered).toBe(users.length);
          expect((await store.scoreLines({ scope: team })).map((l) => l.answered)).toEqual(users.map(() => 1));
        }),
      );
    });

    describe('a closed round takes no answer', () => {
      it(
        'an answer after closeRound is refused as closed and nothing is stored',
        withStore(async (store) => {
          const round = await store.createRound(channelRound());
          expect((await store.recordAnswer(answer(round, 'U1'))).status).toBe('recorded');
          expect(await store.closeRound(round.id, 5_000)).toBe(true);
          expect(await store.recordAnswer(answer(round, 'U2'))).toEqual({ status: 'closed' });
          expect(await store.getAnswer(round.id, 'U2')).toBeUndefined();
          expect((await store.roundTally(round.id, 3)).answered).toBe(1);
          expect((await store.userStats(team, 'U2')).answered).toBe(0);
          // The user who answered before the close is still told their answer stands.
          expect((await store.recordAnswer(answer(round, 'U1'))).status).toBe('duplicate');
        }),
      );

      it(
        'a round deleted as unposted takes no answer',
        withStore(async (store) => {
          const round = await store.createRound(channelRound());
          expect(await store.deleteUnpostedRound(round.id)).toBe(true);
          expect(await store.getRound(round.id)).toBeUndefined();
          expect(await store.recordAnswer(answer(round, 'U1'))).toEqual({ status: 'closed' });
        }),
      );

      it(
        'answers racing a close: each is either recorded before it or refused after it',
        withStore(async (store) => {
          const round = await store.createRound(channelRound());
          const users = Array.from({ length: 10 }, (_, i) => `U${i}`);
          const answers = users.map((u) => store.recordAnswer(answer(round, u)));
          const close = store.closeRound(round.id, 5_000);
          const late = users.map((u) => store.recordAnswer(answer(round, `late-${u}`)));
          const results = await Promise.all([...answers, ...late]);
          expect(await close).toBe(true);
          const recorded = results.filter((r) => r.status === 'recorded').length;
          expect(results.every((r) => r.status === 'recorded' || r.status === 'closed')).toBe(true);
          expect((await store.roundTally(round.id, 3)).answered).toBe(recorded);
          expect(await store.recordAnswer(answer(round, 'after'))).toEqual({ status: 'closed' });
        }),
      );
    });

    describe('a closed store', () => {
      it('rejects every later call with StoreUnavailableError "closed", also an answer made in a burst, never a raw driver error', async () => {
        const store = await fresh();
        const round = await store.createRound(channelRound());
        // A burst is going on when the store closes: answers arriving turn after turn, written in groups
        // (the group commit's path on SQLite, which the next answer joins).
        expect((await store.recordAnswer(answer(round, 'U1'))).status).toBe('recorded');
        await new Promise((resolve) => setImmediate(resolve));
        const burst = await Promise.all([store.recordAnswer(answer(round, 'U2')), store.recordAnswer(answer(round, 'U4'))]);
        expect(burst.map((r) => r.status)).toEqual(['recorded', 'recorded']);
        await store.close();
        const calls: [string, () => Promise<unknown>][] = [
          ['recordAnswer', () => store.recordAnswer(answer(round, 'U3'))],
          ['getRound', () => store.getRound(round.id)],
          ['createRound', () => store.createRound(channelRound({ channelId: 'C2' }))],
          ['scoreLines', () => store.scoreLines({ scope: team })],
          ['forgetUser', () => store.forgetUser(team, 'U1')],
        ];
        for (const [name, call] of calls) {
          const outcome = await call().then(
            (value) => ({ value }),
            (err: unknown) => ({ err }),
          );
          expect(outcome, name).toHaveProperty('err');
          const err = (outcome as { err: unknown }).err;
          expect(err, name).toBeInstanceOf(StoreUnavailableError);
          expect((err as StoreUnavailableError).kind, name).toBe('closed');
          expect((err as StoreUnavailableError).message).toBe('the database is closed (the bot is stopping)');
        }
      });
    });

    describe('rounds', () => {
      it(
        'one daily round per (channel, local date), even when created concurrently',
        withStore(async (store) => {
          const attempts = await Promise.allSettled(
            Array.from({ length: 8 }, (_, i) => store.createRound(dailyRound('2026-01-05', { questionId: `q${i}` }))),
          );
          const made = attempts.filter((a): a is PromiseFulfilledResult<RoundRow> => a.status === 'fulfilled');
          expect(made).toHaveLength(1);
          const winner = made[0]!.value;
          for (const a of attempts) {
            if (a.status === 'rejected') {
              expect(a.reason).toBeInstanceOf(RoundConflictError);
              expect((a.reason as RoundConflictError).existing).toEqual(winner);
            }
          }
          expect(await store.latestDailyRound(channel)).toEqual(winner);
          // Closing it frees nothing: the date stays taken.
          await store.closeRound(winner.id, 9_000);
          await expect(store.createRound(dailyRound('2026-01-05'))).rejects.toBeInstanceOf(RoundConflictError);
          // Other dates, channels, teams and platforms are separate slots.
          for (const other of [
            dailyRound('2026-01-06'),
            { ...dailyRound('2026-01-05'), ...otherChannel },
            { ...dailyRound('2026-01-05'), ...otherTeam },
            { ...dailyRound('2026-01-05'), platform: 'discord' as const },
          ]) {
            expect((await store.createRound(other)).id).toBeGreaterThan(winner.id);
          }
          expect((await store.latestDailyRound(channel))?.localDate).toBe('2026-01-06');
        }),
      );

      it(
        'one open channel round per channel; a new one once it is closed',
        withStore(async (store) => {
          const attempts = await Promise.allSettled([1, 2, 3].map((i) => store.createRound(channelRound({ questionId: `q${i}` }))));
          const made = attempts.filter((a): a is PromiseFulfilledResult<RoundRow> => a.status === 'fulfilled');
          expect(made).toHaveLength(1);
          const first = made[0]!.value;
          for (const a of attempts) if (a.status === 'rejected') expect((a.reason as RoundConflictError).existing).toEqual(first);
          expect(await store.openChannelRound(channel)).toEqual(first);
          // Practice rounds do not hold the channel's slot.
          await store.createRound(practiceRound('U1'));
          await store.closeRound(first.id, 2_000);
          expect(await store.openChannelRound(channel)).toBeUndefined();
          const second = await store.createRound(channelRound({ questionId: 'q9' }));
          expect(second.id).toBeGreaterThan(first.id);
        }),
      );

      it(
        "a learner's open practice round: the newest untimed one of that user in that channel, never a mock exam's, a closed one or another user's",
        withStore(async (store) => {
          expect(await store.openPracticeRound(channel, 'U1')).toBeUndefined();
          const older = await store.createRound(practiceRound('U1', { openedAt: 1_000 }));
          const newer = await store.createRound(practiceRound('U1', { openedAt: 2_000, questionId: 'q-newer' }));
          // Not: another user's, another channel's or team's, a channel round, a timed (mock exam) practice round.
          await store.createRound(practiceRound('U2', { openedAt: 3_000 }));
          await store.createRound({ ...practiceRound('U1', { openedAt: 3_000 }), ...otherChannel });
          await store.createRound({ ...practiceRound('U1', { openedAt: 3_000 }), ...otherTeam });
          await store.createRound(channelRound({ openedBy: 'U1', openedAt: 3_000 }));
          await store.createRound(practiceRound('U1', { openedAt: 3_000, closesAt: 90_000, questionId: 'q-mock' }));
          expect(await store.openPracticeRound(channel, 'U1')).toEqual(newer);
          expect((await store.openPracticeRound(channel, 'U2'))?.openedBy).toBe('U2');
          expect(await store.openPracticeRound(channel, 'U3')).toBeUndefined();
          // Answered (closed) practice rounds no longer count: the older open one is next, then none.
          await store.closeRound(newer.id, 4_000);
          expect(await store.openPracticeRound(channel, 'U1')).toEqual(older);
          await store.closeRound(older.id, 4_000);
          expect(await store.openPracticeRound(channel, 'U1')).toBeUndefined();
        }),
      );

      it(
        'one revealer per round: of concurrent closeRound calls exactly one resolves true',
        withStore(async (store) => {
          const round = await store.createRound(channelRound());
          const closed = await Promise.all(Array.from({ length: 12 }, (_, i) => store.closeRound(round.id, 2_000 + i)));
          expect(closed.filter(Boolean)).toHaveLength(1);
          const stored = await store.getRound(round.id);
          expect(stored?.closedAt).toBe(2_000 + closed.indexOf(true));
          expect(await store.closeRound(round.id, 9_000)).toBe(false);
          expect(await store.getRound(round.id)).toEqual(stored);
        }),
      );

      it(
        'only due open rounds are due; a posted round is not deleted as unposted',
        withStore(async (store) => {
          const due = await store.createRound(channelRound({ closesAt: 1_000 }));
          await store.createRound({ ...channelRound({ closesAt: 5_000 }), ...otherChannel });
          expect((await store.dueRounds(1_000)).map((r) => r.id)).toEqual([due.id]);
          const ref = { platform: 'slack' as const, channelId: 'C1', messageId: 'm1' };
          await store.setRoundMessage(due.id, ref);
          expect((await store.getRound(due.id))?.messageRef).toEqual(ref);
          expect((await store.getRoundWithZone(due.id))?.round.messageRef).toEqual(ref);
          expect(await store.deleteUnpostedRound(due.id)).toBe(false);
          await store.closeRound(due.id, 1_500);
          expect(await store.dueRounds(10_000)).toHaveLength(1);
        }),
      );
    });

    describe('digest claims', () => {
      it(
        'one claim per (channel, ISO week), even when claimed concurrently; a released week can be claimed again',
        withStore(async (store) => {
          const claims = await Promise.all(Array.from({ length: 6 }, (_, i) => store.claimDigest(channel, '2026-W02', 1_000 + i)));
          expect(claims.filter(Boolean)).toHaveLength(1);
          expect(await store.claimDigest(channel, '2026-W02', 9_000)).toBe(false);
          expect(await store.claimDigest(channel, '2026-W03', 9_000)).toBe(true);
          expect(await store.claimDigest(otherChannel, '2026-W02', 9_000)).toBe(true);
          expect(await store.claimDigest(otherTeam, '2026-W02', 9_000)).toBe(true);
          expect(await store.releaseDigest(channel, '2026-W02')).toBe(true);
          expect(await store.releaseDigest(channel, '2026-W02')).toBe(false);
          expect(await store.releaseDigest(channel, '2026-W09')).toBe(false);
          expect(await store.claimDigest(channel, '2026-W02', 10_000)).toBe(true);
        }),
      );
    });

    describe('subscriptions', () => {
      it(
        'an upsert replaces the subscription and clears its pause; remove says whether there was one',
        withStore(async (store) => {
          const sub = { ...channel, deckId: 'kms', time: '09:00', timeZone: 'Europe/Berlin', cadence: 'weekdays' as const, createdBy: 'U1', createdAt: 1 };
          expect(await store.upsertSubscription(sub)).toEqual({ ...sub, pausedReason: null, pausedAt: null });
          await store.pauseSubscription(channel, 'the bot was removed', 5);
          expect(await store.getSubscription(channel)).toMatchObject({ pausedReason: 'the bot was removed', pausedAt: 5 });
          expect(await store.upsertSubscription({ ...sub, time: '10:30' })).toEqual({ ...sub, time: '10:30', pausedReason: null, pausedAt: null });
          expect(await store.listSubscriptions()).toHaveLength(1);
          expect((await store.getRoundWithZone((await store.createRound(channelRound())).id))?.timeZone).toBe('Europe/Berlin');
          expect(await store.removeSubscription(channel)).toBe(true);
          expect(await store.removeSubscription(channel)).toBe(false);
          expect(await store.getSubscription(channel)).toBeUndefined();
        }),
      );
    });

    describe('exam dates and reminders', () => {
      const exam = { deckId: 'kms', date: '2026-06-30', timeZone: 'Europe/Berlin', setBy: 'U1', setAt: 10 };
      const settings = { at: '18:00', quiet: '22:00-07:00', weekdaysOnly: true, timeZone: 'Europe/Berlin', deckId: 'kms' };

      it(
        'keeps a learner\'s and a channel\'s exam date apart, per team; set replaces, clear says whether there was one',
        withStore(async (store) => {
          expect(await store.userExam(team, 'U1')).toBeUndefined();
          await store.setUserExam(team, 'U1', exam);
          await store.setChannelExam(channel, { ...exam, date: '2026-07-15' });
          expect(await store.userExam(team, 'U1')).toEqual(exam);
          expect(await store.channelExam(channel)).toEqual({ ...exam, date: '2026-07-15' });
          expect(await store.channelExam(otherChannel)).toBeUndefined();
          expect(await store.userExam(otherTeam, 'U1')).toBeUndefined();
          await store.setUserExam(team, 'U1', { ...exam, date: '2026-08-01', setAt: 20 });
          expect(await store.userExam(team, 'U1')).toMatchObject({ date: '2026-08-01', setAt: 20 });
          expect(await store.clearUserExam(team, 'U1')).toBe(true);
          expect(await store.clearUserExam(team, 'U1')).toBe(false);
          expect(await store.channelExam(channel)).toBeDefined();
          expect(await store.clearChannelExam(channel)).toBe(true);
          expect(await store.clearChannelExam(channel)).toBe(false);
        }),
      );

      it(
        'a reminder is on until removed; a pause hides it from the sweep until it is set again',
        withStore(async (store) => {
          await store.setReminder(team, 'U1', settings);
          await store.setReminder(otherTeam, 'U1', { ...settings, quiet: null, weekdaysOnly: false });
          expect(await store.reminder(team, 'U1')).toEqual({ ...team, userId: 'U1', ...settings, pausedReason: null, lastSentDate: null });
          expect((await store.activeReminders()).map((r) => r.teamId)).toEqual(['T1', 'T2']);
          await store.pauseReminder(team, 'U1', 'does not accept direct messages');
          expect(await store.reminder(team, 'U1')).toMatchObject({ pausedReason: 'does not accept direct messages' });
          expect((await store.activeReminders()).map((r) => r.teamId)).toEqual(['T2']);
          await store.setReminder(team, 'U1', { ...settings, at: '07:30' });
          expect(await store.reminder(team, 'U1')).toMatchObject({ at: '07:30', pausedReason: null });
          expect(await store.removeReminder(team, 'U1')).toBe(true);
          expect(await store.removeReminder(team, 'U1')).toBe(false);
          expect(await store.reminder(team, 'U1')).toBeUndefined();
        }),
      );

      it(
        'one reminder claim per learner and local date, even when claimed concurrently',
        withStore(async (store) => {
          await store.setReminder(team, 'U1', settings);
          const claims = await Promise.all(Array.from({ length: 5 }, (_, i) => store.claimReminder(team, 'U1', '2026-03-02', 100 + i)));
          expect(claims.filter(Boolean)).toHaveLength(1);
          expect(await store.claimReminder(team, 'U1', '2026-03-03', 200)).toBe(true);
          expect(await store.claimReminder(team, 'U2', '2026-03-02', 200)).toBe(true);
          expect(await store.claimReminder(otherTeam, 'U1', '2026-03-02', 200)).toBe(true);
          expect(await store.reminder(team, 'U1')).toMatchObject({ lastSentDate: '2026-03-03' });
        }),
      );

      it(
        'recent answers: a learner\'s answers to a deck since a time, oldest first; active learners of a channel',
        withStore(async (store) => {
          const round = await store.createRound(practiceRound('U1', { questionId: 'q1' }));
          await store.recordAnswer(answer(round, 'U1', { correct: false, answeredAt: 500 }));
          const daily = await store.createRound(dailyRound('2026-01-05', { questionId: 'q2' }));
          await store.recordAnswer(answer(daily, 'U1', { answeredAt: 400 }));
          await store.recordAnswer(answer(daily, 'U2', { answeredAt: 450 }));
          expect(await store.recentAnswers(team, 'U1', round.deckId, 0)).toEqual([
            { questionId: 'q2', correct: true, answeredAt: 400 },
            { questionId: 'q1', correct: false, answeredAt: 500 },
          ]);
          expect(await store.recentAnswers(team, 'U1', round.deckId, 450)).toHaveLength(1);
          expect(await store.recentAnswers(team, 'U1', 'other-deck', 0)).toEqual([]);
          expect(await store.activeLearners(channel, 0)).toEqual(['U1', 'U2']);
          expect(await store.activeLearners(channel, 420)).toEqual(['U1', 'U2']);
          expect(await store.activeLearners(channel, 460)).toEqual(['U1']);
        }),
      );

      it(
        'forget-me removes the learner\'s exam date, reminder and sends, and keeps the channel\'s exam date',
        withStore(async (store) => {
          await store.setUserExam(team, 'U1', exam);
          await store.setChannelExam(channel, exam);
          await store.setReminder(team, 'U1', settings);
          await store.claimReminder(team, 'U1', '2026-03-02', 1);
          await store.setUserExam(team, 'U2', exam);
          await store.forgetUser(team, 'U1');
          expect(await store.userExam(team, 'U1')).toBeUndefined();
          expect(await store.reminder(team, 'U1')).toBeUndefined();
          expect(await store.claimReminder(team, 'U1', '2026-03-02', 2)).toBe(true);
          expect(await store.channelExam(channel)).toEqual(exam);
          expect(await store.userExam(team, 'U2')).toEqual(exam);
        }),
      );
    });

    describe('channel decks', () => {
      it(
        'a channel has no deck until one is set; setting again replaces it; channels and teams are apart',
        withStore(async (store) => {
          expect(await store.getChannelDeck(channel)).toBeUndefined();
          const row = { ...channel, deckId: 'kms', setBy: 'U1', setAt: 10 };
          expect(await store.setChannelDeck(row)).toEqual(row);
          expect(await store.getChannelDeck(channel)).toEqual(row);
          expect(await store.setChannelDeck({ ...row, deckId: 'tls', setBy: 'U2', setAt: 20 })).toEqual({ ...row, deckId: 'tls', setBy: 'U2', setAt: 20 });
          expect(await store.getChannelDeck(channel)).toEqual({ ...row, deckId: 'tls', setBy: 'U2', setAt: 20 });
          expect(await store.getChannelDeck(otherChannel)).toBeUndefined();
          expect(await store.getChannelDeck({ ...otherTeam, channelId: channel.channelId })).toBeUndefined();
          // A subscription is its own row: setting the channel deck does not create or change one.
          expect(await store.getSubscription(channel)).toBeUndefined();
        }),
      );

      it(
        "deck tallies count a user's answers per deck (every round kind), decks A-Z, in their team only",
        withStore(async (store) => {
          expect(await store.deckTallies(team, 'U1')).toEqual([]);
          const kms = await store.createRound(channelRound());
          const tls = await store.createRound(channelRound({ channelId: otherChannel.channelId, deckId: 'tls', questionId: 'q-tls' }));
          const practice = await store.createRound(practiceRound('U1', { deckId: 'tls' }));
          await store.recordAnswer(answer(kms, 'U1', { correct: false }));
          await store.recordAnswer(answer(tls, 'U1'));
          await store.recordAnswer(answer(practice, 'U1'));
          await store.recordAnswer(answer(kms, 'U2'));
          expect(await store.deckTallies(team, 'U1')).toEqual([
            { deckId: 'kms', answered: 1, correct: 0 },
            { deckId: 'tls', answered: 2, correct: 2 },
          ]);
          expect(await store.deckTallies(otherTeam, 'U1')).toEqual([]);
        }),
      );
    });

    describe('forget-me', () => {
      it('removes everything it says for that user in that team, and nothing of other users or teams', async () => {
        const store = await fresh();
        const twin = await fresh(); // the same activity without U1
        try {
          await play(store, ['U1', 'U2', 'U3']);
          await play(twin, ['U2', 'U3']);
          const answersOfU1 = (await store.userStats(team, 'U1')).answered + (await store.userStats(team, 'U1')).practiceAnswered;
          expect(answersOfU1).toBeGreaterThan(5);
          const otherTeamBefore = await teamView(store, otherTeam, ['U1']);
          expect(await store.forgetUser(team, 'U1')).toEqual({ answers: answersOfU1, selfScores: 1 });

          // Everything of U1 in the team is gone.
          expect(await store.userStats(team, 'U1')).toEqual({ answered: 0, correct: 0, points: 0, practiceAnswered: 0, practiceCorrect: 0, byTag: [] });
          expect(await store.streaks(team, 'U1')).toEqual([]);
          expect(await store.selfScores(team, 'U1')).toEqual([]);
          expect((await store.practiceCards(team, 'U1', 'kms')).size).toBe(0);
          expect(await store.findUsers(team, 'U1')).toEqual([]);
          expect(await store.findUsers(team, 'name-U1')).toEqual([]);
          const rounds = await allRounds(store);
          for (const r of rounds) if (r.teamId === 'T1') expect(await store.getAnswer(r.id, 'U1')).toBeUndefined();
          expect(rounds.filter((r) => r.kind === 'practice' && r.openedBy === 'U1' && r.teamId === 'T1')).toEqual([]);
          expect(rounds.some((r) => r.openedBy === 'U1' && r.teamId === 'T1')).toBe(false);
          // Opened by U1 in the twin's world is opened by U2; here the opener is blanked.
          expect(rounds.find((r) => r.kind === 'channel')?.openedBy).toBeNull();

          // Every team-level view and every other user now reads as if U1 had never played.
          expect(await teamView(store, team, ['U2', 'U3'])).toEqual(await teamView(twin, team, ['U2', 'U3']));
          // The same user in another team keeps everything.
          expect(await teamView(store, otherTeam, ['U1'])).toEqual(otherTeamBefore);
        } finally {
          await store.close();
          await twin.close();
        }
      });
    });

    describe('forget-me and app installations', () => {
      /** An installation record as an adapter stores it: the app's part and, when known, the installer's `user` part. */
      const record = (bot: string, installer?: string) =>
        JSON.stringify({
          team: { id: 'T1' },
          ...(installer === undefined ? {} : { user: { id: installer, token: `xoxp-${installer}`, scopes: ['search:read'] } }),
          bot: { token: bot, scopes: ['commands', 'chat:write'], id: 'B1', userId: 'UBOT' },
          appId: 'A1',
        });
      const installation = (scope: TeamScope, enterpriseId: string | null, bot: string, installer: string | null) => ({
        platform: scope.platform,
        teamId: scope.teamId,
        enterpriseId,
        installation: record(bot, installer ?? undefined),
        installerId: installer,
        installedAt: 10,
      });

      it(
        "removes the installer's id and tokens from the team's installation and from organisation-wide ones they installed, and keeps the app's part",
        withStore(async (store) => {
          const org = { platform: 'slack' as const, teamId: 'E1' };
          const elsewhere = { platform: 'slack' as const, teamId: 'T3' };
          await store.saveInstallation(installation(team, 'E1', 'xoxb-here', 'U1'));
          await store.saveInstallation(installation(org, 'E1', 'xoxb-org', 'U1'));
          await store.saveInstallation(installation(otherTeam, 'E1', 'xoxb-other', 'U1'));
          await store.saveInstallation(installation(elsewhere, null, 'xoxb-elsewhere', 'U2'));
          const otherBefore = await store.getInstallation(otherTeam);
          const elsewhereBefore = await store.getInstallation(elsewhere);

          await store.forgetUser(team, 'U1');

          for (const [scope, bot] of [
            [team, 'xoxb-here'],
            [org, 'xoxb-org'],
          ] as const) {
            const row = await store.getInstallation(scope);
            expect(row).toMatchObject({ teamId: scope.teamId, enterpriseId: 'E1', installerId: null, installedAt: 10 });
            expect(JSON.parse(row?.installation ?? '{}')).toEqual(JSON.parse(record(bot)));
            expect(row?.installation).not.toContain('U1');
            expect(row?.installation).not.toContain('xoxp-');
          }
          // Another team's own installation by the same user id, and another installer, are not touched.
          expect(await store.getInstallation(otherTeam)).toEqual(otherBefore);
          expect(await store.getInstallation(elsewhere)).toEqual(elsewhereBefore);
          // Forgetting a user who installed nothing there, or nothing at all, changes no installation.
          await store.forgetUser(team, 'U2');
          await store.forgetUser(elsewhere, 'U9');
          expect(await store.getInstallation(elsewhere)).toEqual(elsewhereBefore);
        }),
      );

      it(
        "revoking user tokens removes the installer's part when they are among them, keeps the app's part, and touches nothing else",
        withStore(async (store) => {
          const org = { platform: 'slack' as const, teamId: 'E1' };
          await store.saveInstallation(installation(team, 'E1', 'xoxb-here', 'U1'));
          await store.saveInstallation(installation(org, 'E1', 'xoxb-org', 'U1'));
          await store.saveInstallation(installation(otherTeam, null, 'xoxb-other', 'U1'));
          const otherBefore = await store.getInstallation(otherTeam);
          // Tokens of people who did not install the app: nothing changes.
          expect(await store.revokeInstallerTokens(team, ['U7', 'U8'])).toBe(0);
          expect(await store.revokeInstallerTokens(team, [])).toBe(0);
          expect((await store.getInstallation(team))?.installerId).toBe('U1');

          expect(await store.revokeInstallerTokens(team, ['U7', 'U1'])).toBe(2);
          for (const [scope, bot] of [
            [team, 'xoxb-here'],
            [org, 'xoxb-org'],
          ] as const) {
            const row = await store.getInstallation(scope);
            expect(row).toMatchObject({ teamId: scope.teamId, installerId: null, installedAt: 10 });
            expect(JSON.parse(row?.installation ?? '{}')).toEqual(JSON.parse(record(bot)));
          }
          expect(await store.getInstallation(otherTeam)).toEqual(otherBefore);
          // A second delivery of the same event changes nothing more.
          expect(await store.revokeInstallerTokens(team, ['U1'])).toBe(0);
        }),
      );
    });

    describe('forget-me and open rounds', () => {
      it(
        'a user who answered an open round and then forgot themselves cannot answer it again until it closes',
        withStore(async (store) => {
          const open = await store.createRound(channelRound());
          const daily = await store.createRound(dailyRound('2026-01-05', { closesAt: 10_000 }));
          expect((await store.recordAnswer(answer(open, 'U1', { correct: false, letter: 'B', choiceIndex: 1, points: 0 }))).status).toBe('recorded');
          expect((await store.recordAnswer(answer(daily, 'U1'))).status).toBe('recorded');
          expect(await store.forgetUser(team, 'U1')).toEqual({ answers: 2, selfScores: 0 });

          // The answers are gone, and so is every trace a view could show ...
          expect(await store.getAnswer(open.id, 'U1')).toBeUndefined();
          expect((await store.roundTally(open.id, 3)).answered).toBe(0);
          // ... but a second answer to a round that was open when they answered is refused.
          expect(await store.recordAnswer(answer(open, 'U1'))).toEqual({ status: 'forgotten' });
          expect(await store.recordAnswer(answer(daily, 'U1'))).toEqual({ status: 'forgotten' });
          expect(await store.getAnswer(open.id, 'U1')).toBeUndefined();
          expect(await store.userStats(team, 'U1')).toEqual({ answered: 0, correct: 0, points: 0, practiceAnswered: 0, practiceCorrect: 0, byTag: [] });
          expect(await store.scoreLines({ scope: team })).toEqual([]);
          // Other users, and rounds the user never answered, are unaffected.
          expect((await store.recordAnswer(answer(open, 'U2'))).status).toBe('recorded');
          const later = await store.createRound(dailyRound('2026-01-06'));
          expect((await store.recordAnswer(answer(later, 'U1'))).status).toBe('recorded');
          // Once the round closes it is closed like for anyone else.
          expect(await store.closeRound(open.id, 5_000)).toBe(true);
          expect(await store.recordAnswer(answer(open, 'U1'))).toEqual({ status: 'closed' });
        }),
      );

      it(
        'forgetting in one team leaves the same user id free in another team',
        withStore(async (store) => {
          const here = await store.createRound(channelRound());
          const there = await store.createRound(channelRound({ ...otherTeam }));
          expect((await store.recordAnswer(answer(here, 'U1'))).status).toBe('recorded');
          await store.forgetUser(team, 'U1');
          expect((await store.recordAnswer(answer(there, 'U1'))).status).toBe('recorded');
        }),
      );
    });

    describe('user names', () => {
      it(
        'renameUser replaces a stored name, and gives none to a user without one (never seen, or forgotten)',
        withStore(async (store) => {
          expect(await store.storedUserName(team, 'U1')).toBeUndefined();
          expect(await store.renameUser(team, 'U1', 'Ann Example', 100)).toBe(false);
          expect(await store.storedUserName(team, 'U1')).toBeUndefined();
          expect(await store.findUsers(team, 'ann')).toEqual([]);

          const round = await store.createRound(channelRound());
          expect((await store.recordAnswer(answer(round, 'U1', { userName: 'ann' }))).status).toBe('recorded');
          expect(await store.storedUserName(team, 'U1')).toBe('ann');
          expect(await store.renameUser(team, 'U1', 'Ann Example', 200)).toBe(true);
          expect(await store.renameUser(team, 'U1', 'Ann Example', 300)).toBe(true);
          expect(await store.storedUserName(team, 'U1')).toBe('Ann Example');
          expect(await store.findUsers(team, 'ann ex')).toEqual([{ userId: 'U1', userName: 'Ann Example' }]);
          expect((await store.scoreLines({ scope: team }))[0]?.userName).toBe('Ann Example');
          // Another team's user of the same id is another user.
          expect(await store.storedUserName(otherTeam, 'U1')).toBeUndefined();

          // A rename that lands after forget-me stores nothing.
          await store.forgetUser(team, 'U1');
          expect(await store.renameUser(team, 'U1', 'Ann Example', 400)).toBe(false);
          expect(await store.storedUserName(team, 'U1')).toBeUndefined();
          expect(await store.findUsers(team, 'ann')).toEqual([]);
        }),
      );

      it(
        'a handle-only answer (userNameIsHandle) stores the handle for a user with no name and never replaces a stored name',
        withStore(async (store) => {
          const handle = { userNameIsHandle: true };
          const rounds = [
            await store.createRound(channelRound()),
            await store.createRound(channelRound({ ...otherChannel })),
            await store.createRound(channelRound({ ...otherTeam })),
          ] as const;
          // No name stored: the handle is.
          expect((await store.recordAnswer(answer(rounds[0], 'U1', { userName: 'ann', ...handle }))).status).toBe('recorded');
          expect(await store.storedUserName(team, 'U1')).toBe('ann');
          // A display name looked up later replaces it; later handle-only answers leave it alone.
          expect(await store.renameUser(team, 'U1', 'Ann Example', 200)).toBe(true);
          expect((await store.recordAnswer(answer(rounds[1], 'U1', { userName: 'ann', ...handle }))).status).toBe('recorded');
          expect(await store.storedUserName(team, 'U1')).toBe('Ann Example');
          // A name stored by a command (upsertUser) stays too; an answer under a display name replaces it.
          await store.upsertUser(team, 'U2', 'Bob Display', 100);
          expect((await store.recordAnswer(answer(rounds[0], 'U2', { userName: 'bob', ...handle }))).status).toBe('recorded');
          expect(await store.storedUserName(team, 'U2')).toBe('Bob Display');
          expect((await store.recordAnswer(answer(rounds[1], 'U2', { userName: 'Robert' }))).status).toBe('recorded');
          expect(await store.storedUserName(team, 'U2')).toBe('Robert');
          // The same user id in another team has no name there yet.
          expect((await store.recordAnswer(answer(rounds[2], 'U1', { userName: 'ann-t2', ...handle }))).status).toBe('recorded');
          expect(await store.storedUserName(otherTeam, 'U1')).toBe('ann-t2');
          expect(await store.storedUserName(team, 'U1')).toBe('Ann Example');
          // After forget-me the user has no name: their next handle-only answer stores the handle.
          await store.forgetUser(team, 'U1');
          const later = await store.createRound(dailyRound('2026-01-05'));
          expect((await store.recordAnswer(answer(later, 'U1', { userName: 'ann', ...handle }))).status).toBe('recorded');
          expect(await store.storedUserName(team, 'U1')).toBe('ann');
          expect(await store.findUsers(team, 'ann')).toEqual([{ userId: 'U1', userName: 'ann' }]);
        }),
      );
    });

    describe('problem reports', () => {
      const filed = (userId: string, over: Partial<NewReport> = {}): NewReport => ({
        deckId: 'kms',
        itemKind: 'question',
        itemId: 'q1',
        file: 'content/decks/kms/questions.yaml',
        line: 12,
        userId,
        reason: 'outdated',
        text: '',
        at: 1_000,
        ...over,
      });

      it(
        'one open report per user per item: a second one updates the first; after resolving a new one may be filed',
        withStore(async (store) => {
          const first = await store.fileReport(team, filed('U1'));
          expect(first.created).toBe(true);
          expect(first.report).toEqual({
            ...filed('U1'),
            id: first.report.id,
            status: 'open',
            resolvedAt: null,
            resolvedBy: null,
            note: null,
          });
          const again = await store.fileReport(team, filed('U1', { reason: 'wrong', text: 'the quota changed', at: 2_000 }));
          expect(again).toEqual({ created: false, report: { ...first.report, reason: 'wrong', text: 'the quota changed', at: 2_000 } });
          // Another user, another item, another team: separate reports.
          expect((await store.fileReport(team, filed('U2'))).created).toBe(true);
          expect((await store.fileReport(team, filed('U1', { itemKind: 'term', itemId: 'q1' }))).created).toBe(true);
          expect((await store.fileReport(otherTeam, filed('U1'))).created).toBe(true);
          expect((await store.openReports(team)).map((r) => [r.userId, r.itemKind])).toEqual([
            ['U1', 'question'],
            ['U2', 'question'],
            ['U1', 'term'],
          ]);
          expect(await store.getReport(otherTeam, first.report.id)).toBeUndefined();

          expect((await store.resolveReport(team, first.report.id, 'U9', 'fixed', 3_000)).status).toBe('resolved');
          const refiled = await store.fileReport(team, filed('U1', { at: 4_000 }));
          expect(refiled.created).toBe(true);
          expect(refiled.report.id).toBeGreaterThan(first.report.id);
        }),
      );

      it(
        'resolving is idempotent and scoped to the team; a missing report says so',
        withStore(async (store) => {
          const { report } = await store.fileReport(team, filed('U1'));
          expect(await store.resolveReport(otherTeam, report.id, 'U9', 'no', 2_000)).toEqual({ status: 'missing' });
          const done = await store.resolveReport(team, report.id, 'U9', 'fixed the explanation', 2_000);
          const resolved = { ...report, status: 'resolved', resolvedAt: 2_000, resolvedBy: 'U9', note: 'fixed the explanation' };
          expect(done).toEqual({ status: 'resolved', report: resolved });
          expect(await store.resolveReport(team, report.id, 'U8', 'again', 3_000)).toEqual({ status: 'already-resolved', report: resolved });
          expect(await store.getReport(team, report.id)).toEqual(resolved);
          expect(await store.openReports(team)).toEqual([]);
          expect(await store.resolveReport(team, 999, 'U9', '', 2_000)).toEqual({ status: 'missing' });
        }),
      );

      it(
        'reportedItems counts open reports per item, at least the threshold, most reported first',
        withStore(async (store) => {
          for (const u of ['U1', 'U2', 'U3']) await store.fileReport(team, filed(u));
          for (const u of ['U1', 'U2']) await store.fileReport(team, filed(u, { itemId: 'q2' }));
          await store.fileReport(team, filed('U1', { itemId: 'q2' })); // an update, not a third report
          await store.fileReport(otherTeam, filed('U4', { itemId: 'q2' }));
          expect(await store.reportedItems(team, 3)).toEqual([{ deckId: 'kms', itemKind: 'question', itemId: 'q1', open: 3 }]);
          expect(await store.reportedItems(team, 1)).toEqual([
            { deckId: 'kms', itemKind: 'question', itemId: 'q1', open: 3 },
            { deckId: 'kms', itemKind: 'question', itemId: 'q2', open: 2 },
          ]);
          const open = await store.openReports(team);
          await store.resolveReport(team, open[0]!.id, 'U9', '', 5_000);
          expect(await store.reportedItems(team, 3)).toEqual([]);
        }),
      );

      it(
        "forget-me deletes the user's reports in that team and blanks them as resolver; others stay",
        withStore(async (store) => {
          const mine = (await store.fileReport(team, filed('U1'))).report;
          const theirs = (await store.fileReport(team, filed('U2'))).report;
          const elsewhere = (await store.fileReport(otherTeam, filed('U1'))).report;
          await store.resolveReport(team, theirs.id, 'U1', 'fixed', 2_000);
          await store.forgetUser(team, 'U1');
          expect(await store.getReport(team, mine.id)).toBeUndefined();
          expect(await store.getReport(team, theirs.id)).toMatchObject({ userId: 'U2', status: 'resolved', resolvedBy: null, note: 'fixed' });
          expect(await store.getReport(otherTeam, elsewhere.id)).toEqual(elsewhere);
        }),
      );
    });

    for (const db of older) {
      describe(`an older database (${db.label})`, () => {
        it('keeps its rows, counts its answers, and takes new rounds and answers', async () => {
          const store = await db.open();
          try {
            expect(await store.getRound(1)).toMatchObject({ kind: 'daily', questionId: 'q1', tags: ['kms', 'ebs'], closedAt: 500, localDate: '2026-01-05' });
            expect((await store.getAnswer(1, 'U2'))?.correct).toBe(false);
            expect((await store.getSubscription(channel))?.timeZone).toBe('Europe/Berlin');
            expect(await store.findUsers(team, 'ann')).toEqual([{ userId: 'U1', userName: 'Ann' }]);
            expect(await store.scoreLines({ scope: team })).toEqual([
              { userId: 'U1', userName: 'Ann', points: 1, answered: 1, correct: 1, reachedAt: 200 },
              { userId: 'U2', userName: 'Bob', points: 0, answered: 1, correct: 0, reachedAt: 150 },
            ]);
            expect(await store.userStats(team, 'U1')).toEqual({
              answered: 1,
              correct: 1,
              points: 1,
              practiceAnswered: 1,
              practiceCorrect: 1,
              byTag: [
                { tag: 'ebs', answered: 1, correct: 1 },
                { tag: 'kms', answered: 1, correct: 1 },
                { tag: 'rds', answered: 1, correct: 1 },
              ],
            });
            expect(await store.mostMissedQuestion({ scope: team })).toEqual({ deckId: 'kms', questionId: 'q1', answered: 2, wrong: 1 });
            expect(await store.streaks(team, 'U2')).toEqual([{ channelId: 'C1', current: 1, best: 1, lastDate: '2026-01-05' }]);

            // The rules hold on the migrated rows.
            await expect(store.createRound(dailyRound('2026-01-05'))).rejects.toBeInstanceOf(RoundConflictError);
            expect(await store.recordAnswer(answer((await store.getRound(1))!, 'U3'))).toEqual({ status: 'closed' });
            expect((await store.recordAnswer(answer((await store.getRound(2))!, 'U1'))).status).toBe('duplicate');
            const next = await store.createRound(dailyRound('2026-01-06'));
            expect(next.id).toBeGreaterThan(2);
            expect((await store.recordAnswer(answer(next, 'U2', { userName: 'Bob' }))).status).toBe('recorded');
            expect((await store.scoreLines({ scope: team })).find((l) => l.userId === 'U2')).toMatchObject({ points: 1, answered: 2 });
            expect(await store.streaks(team, 'U2')).toEqual([{ channelId: 'C1', current: 2, best: 2, lastDate: '2026-01-06' }]);
          } finally {
            await store.close();
          }
        });
      });
    }
  });
}

/** A week of activity by `users` in two channels of the team, plus practice, self-scores and another team. */
async function play(s: StoreHandle, users: string[]): Promise<void> {
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
  const onDemand = await s.createRound(channelRound({ openedBy: users.includes('U1') ? 'U1' : null, tags: ['s3'] }));
  for (const u of users) await s.recordAnswer(answer(onDemand, u, { correct: u !== 'U2', localDate: '2026-01-07' }));
  for (const u of users) {
    const practice = await s.createRound(practiceRound(u));
    await s.recordAnswer(answer(practice, u, { practiceCard: `card-${u}` }));
    await s.saveSelfScore(team, u, { scenarioId: 'finance', deckId: 'kms', checked: [1], total: 4, at: 1 });
  }
  const elsewhere = await s.createRound({ ...dailyRound('2026-01-05'), ...otherTeam });
  await s.recordAnswer(answer(elsewhere, 'U1'));
  await s.saveSelfScore(otherTeam, 'U1', { scenarioId: 'finance', deckId: 'kms', checked: [], total: 4, at: 1 });
  await s.claimDigest(channel, '2026-W02', 1);
}

/** Every round the store holds with ids 1..60 (the contract's stores hold fewer). */
async function allRounds(s: StoreHandle): Promise<RoundRow[]> {
  const rounds: RoundRow[] = [];
  for (let id = 1; id <= 60; id++) {
    const round = await s.getRound(id);
    if (round) rounds.push(round);
  }
  return rounds;
}

/** What the ports show of a team and some of its users (ids of practice rounds left out: they differ between stores). */
async function teamView(s: StoreHandle, of: TeamScope, users: string[]): Promise<unknown> {
  const scope: TeamScope = { platform: of.platform, teamId: of.teamId };
  const queries: ScoreQuery[] = [
    { scope },
    { scope, channelId: 'C2' },
    { scope, fromDate: '2026-01-06', toDate: '2026-01-07' },
  ];
  const boards = [];
  for (const q of queries) {
    boards.push(await s.scoreLines(q), await s.tagTallies(q), await s.mostMissedQuestion(q));
  }
  const people = [];
  for (const u of users) {
    people.push({
      u,
      stats: await s.userStats(scope, u),
      streaks: await s.streaks(scope, u),
      selfScores: await s.selfScores(scope, u),
      cards: [...(await s.practiceCards(scope, u, 'kms'))],
      names: await s.findUsers(scope, u),
    });
  }
  const rounds = (await allRounds(s)).filter((r) => r.teamId === scope.teamId && r.platform === scope.platform && r.kind !== 'practice');
  const tallies = [];
  for (const r of rounds) tallies.push({ ...r, id: 0, tally: await s.roundTally(r.id, 3) });
  return {
    boards,
    people,
    tallies,
    streaks: [await s.longestCurrentStreak({ ...scope, channelId: 'C1' }), await s.longestCurrentStreak({ ...scope, channelId: 'C2' })],
  };
}
