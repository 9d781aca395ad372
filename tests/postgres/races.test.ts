/**
 * PostgreSQL-specific rules of PostgresStore that SQLite gets for free (one writer at a time), each
 * checked with 8 pooled connections racing: an answer racing a close, forget-me racing answers,
 * concurrent first answers and round slots; plus numbers coming back as numbers and text sorting in
 * byte order whatever the database's collation. Needs TEST_DATABASE_URL (skipped, saying so, without).
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { RoundRow, StoreHandle } from '../../src/core/ports/store.js';
import { openPostgresStore } from '../../src/store/postgres/open.js';
import type { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { answer, channel, channelRound, dailyRound, team } from '../store/fixtures.js';
import { SKIP_REASON, TestSchemas, testDatabaseUrl } from './server.js';

const RACERS = 8;

if (testDatabaseUrl === undefined) {
  describe(`PostgreSQL races ${SKIP_REASON}`, () => {
    it.skip('needs a PostgreSQL server', () => {});
  });
} else {
  const url = testDatabaseUrl;
  const schemas = new TestSchemas('races');
  afterAll(() => schemas.dropAll());

  /** A store on a fresh schema with RACERS pooled connections and no round memory. */
  const fresh = () => schemas.store({ maxConnections: RACERS, roundCacheMs: 0 });

  /**
   * Widen the race windows: in this test schema only, every answer insert waits 50 ms inside its
   * transaction (as a slow disk or a busy server would), so racing statements really interleave.
   */
  const slowAnswers = async (store: PostgresStore) => {
    await store.pool.query(`
      CREATE FUNCTION slow_answer() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.05); RETURN NULL; END $$;
      CREATE TRIGGER answers_slow AFTER INSERT ON answers FOR EACH ROW EXECUTE FUNCTION slow_answer();`);
  };

  describe('PostgreSQL races (8 connections)', () => {
    it('an answer racing a close is either in the revealed tally or refused: nothing commits after the close', async () => {
      const store = await fresh();
      await slowAnswers(store);
      try {
        for (let trial = 0; trial < 3; trial++) {
          const round = await store.createRound(channelRound({ questionId: `q${trial}` }));
          const clicks = Array.from({ length: 2 * RACERS }, (_, i) => store.recordAnswer(answer(round, `U${i}`)));
          // The revealer: close while answers are in flight, then read the tally it would show.
          const revealed = (async () => {
            await pause(20);
            expect(await store.closeRound(round.id, 10_000)).toBe(true);
            return (await store.roundTally(round.id, 3)).answered;
          })();
          const results = await Promise.all(clicks);
          const recorded = results.filter((r) => r.status === 'recorded').length;
          expect(results.every((r) => r.status === 'recorded' || r.status === 'closed')).toBe(true);
          expect(await revealed).toBe(recorded);
          expect((await store.roundTally(round.id, 3)).answered).toBe(recorded);
        }
      } finally {
        await store.close();
      }
    });

    it('an answer racing the delete of an unposted round keeps the round, or is refused with it: no answer outlives its round', async () => {
      const store = await fresh();
      await slowAnswers(store);
      try {
        for (let trial = 0; trial < 4; trial++) {
          const round = await store.createRound(dailyRound(`2026-05-0${trial + 1}`));
          // Even trials: the delete comes while answers are in flight; odd ones: before they are sent.
          const deleted = (async () => {
            if (trial % 2 === 0) await pause(20);
            return store.deleteUnpostedRound(round.id);
          })();
          if (trial % 2 === 1) await deleted;
          const results = await Promise.all(Array.from({ length: RACERS }, (_, i) => store.recordAnswer(answer(round, `U${i}`))));
          const recorded = results.filter((r) => r.status === 'recorded').length;
          expect(results.every((r) => r.status === 'recorded' || r.status === 'closed')).toBe(true);
          if (await deleted) {
            expect(recorded).toBe(0);
            expect(await store.getRound(round.id)).toBeUndefined();
          } else {
            expect(trial % 2).toBe(0);
            expect(recorded).toBe(RACERS);
          }
          expect((await store.roundTally(round.id, 3)).answered).toBe(recorded);
          const orphans = await store.pool.query<{ n: number }>(
            'SELECT count(*) AS n FROM answers a WHERE NOT EXISTS (SELECT 1 FROM rounds r WHERE r.id = a.round_id)',
          );
          expect(orphans.rows[0]?.n).toBe(0);
        }
      } finally {
        await store.close();
      }
    });

    it("an answer racing a mock exam's end is counted in the results or refused: nothing commits after the end", async () => {
      const store = await fresh();
      await slowAnswers(store);
      try {
        for (let trial = 0; trial < 3; trial++) {
          const started = await store.startMockExam({
            ...channel,
            userId: 'U1',
            deckId: 'kms',
            direct: false,
            startedAt: 1_000,
            endsAt: 1_000 + 30 * 60_000,
            retakeOf: null,
            questions: Array.from({ length: RACERS }, (_, i) => ({ questionId: `q${i}`, domain: 'KMS', choiceOrder: [0, 1, 2], correctIndex: 1, tags: ['kms'] })),
          });
          if (started.status !== 'started') throw new Error('mock not started');
          const rounds = await Promise.all(
            started.exam.questions.map(async (q) => {
              const round = await store.getRound(q.roundId);
              if (round === undefined) throw new Error(`mock round ${q.roundId} not found`);
              return round;
            }),
          );
          const clicks = rounds.map((r) => store.recordAnswer(answer(r, 'U1')));
          const ended = (async () => {
            await pause(20);
            expect(await store.endMockExam(started.exam.id, 10_000, 'ended-early')).toBe(true);
            return countAnswers(store, rounds);
          })();
          const results = await Promise.all(clicks);
          const recorded = results.filter((r) => r.status === 'recorded').length;
          expect(results.every((r) => r.status === 'recorded' || r.status === 'closed')).toBe(true);
          expect(await ended).toBe(recorded);
          expect(await countAnswers(store, rounds)).toBe(recorded);
        }
      } finally {
        await store.close();
      }
    });

    it('forget-me racing answers leaves no stats or board rows counting an answer that is gone, nor misses one that stays', async () => {
      const store = await fresh();
      await slowAnswers(store);
      try {
        for (let trial = 0; trial < 3; trial++) {
          const rounds: RoundRow[] = [];
          for (let day = 1; day <= RACERS; day++) {
            rounds.push(await store.createRound({ ...dailyRound(`2026-01-${String(day).padStart(2, '0')}`), channelId: `C${trial}` }));
          }
          for (const r of rounds) await store.recordAnswer(answer(r, 'U1'));
          // While U2's answers (and U1's second clicks) are in flight, U1 forgets themselves: the day
          // rows U1's answers kept must stay for U2's, and U1's stats must not come back.
          const clicks = rounds.flatMap((r) => [store.recordAnswer(answer(r, 'U2')), store.recordAnswer(answer(r, 'U1'))]);
          const forget = (async () => {
            await pause(20);
            return store.forgetUser(team, 'U1');
          })();
          const results = await Promise.all(clicks);
          expect((await forget).answers).toBe(rounds.length);
          expect(results.filter((r) => r.status === 'recorded')).toHaveLength(rounds.length);
          await expectConsistent(store, rounds);
          expect((await store.userStats(team, 'U1')).answered).toBe(0);
        }
      } finally {
        await store.close();
      }
    });

    it('of 8 connections answering for one user at once exactly one answer counts, in the stats too', async () => {
      const store = await fresh();
      try {
        const round = await store.createRound(dailyRound('2026-02-02'));
        const results = await Promise.all(
          Array.from({ length: RACERS * 3 }, (_, i) => store.recordAnswer(answer(round, 'U1', { correct: i % 2 === 0, answeredAt: round.openedAt + i }))),
        );
        expect(results.filter((r) => r.status === 'recorded')).toHaveLength(1);
        expect((await store.userStats(team, 'U1')).answered).toBe(1);
        expect((await store.scoreLines({ scope: team, fromDate: '2026-02-02', toDate: '2026-02-02' }))[0]?.answered).toBe(1);
      } finally {
        await store.close();
      }
    });

    it('two stores (two processes) migrating one new schema at once apply each migration once', async () => {
      const schema = schemas.name();
      const opened = await Promise.all([openPostgresStore(url, { schema }), openPostgresStore(url, { schema })]);
      try {
        const applied = await opened[0].pool.query<{ version: number }>(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`);
        expect(applied.rows.map((r) => r.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
        const round = await opened[0].createRound(channelRound());
        expect((await opened[1].recordAnswer(answer(round, 'U1'))).status).toBe('recorded');
      } finally {
        await Promise.all(opened.map((s) => s.close()));
      }
    });

    it('ids, epoch milliseconds and counts come back as numbers, not strings', async () => {
      const store = await fresh();
      try {
        const at = Date.parse('2026-03-01T10:00:00Z'); // above 2^31
        const round = await store.createRound(dailyRound('2026-03-01', { openedAt: at }));
        await store.recordAnswer(answer(round, 'U1', { answeredAt: at + 5 }));
        expect(typeof round.id).toBe('number');
        expect((await store.getRound(round.id))?.openedAt).toBe(at);
        expect((await store.getAnswer(round.id, 'U1'))?.answeredAt).toBe(at + 5);
        expect(await store.roundTally(round.id, 3)).toEqual({ answered: 1, correct: 1, byChoice: [1, 0, 0] });
        expect(await store.scoreLines({ scope: team })).toEqual([{ userId: 'U1', userName: 'name-U1', points: 1, answered: 1, correct: 1, reachedAt: at + 5 }]);
        expect(await store.answersPerDay(team, '2026-03-01', '2026-03-01')).toEqual([{ date: '2026-03-01', answered: 1, correct: 1 }]);
        expect(await store.questionHistory(channel, 'kms')).toEqual([
          { deckId: 'kms', questionId: 'q-2026-03-01', times: 1, lastOpenedAt: at, answered: 1, correct: 1 },
        ]);
      } finally {
        await store.close();
      }
    });

    it('tags, names and boards sort in byte order even in a database whose collation is en-US', async () => {
      const database = `kms_icu_${process.pid}_${Date.now().toString(36)}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${database} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'`);
      const icuUrl = new URL(url);
      icuUrl.pathname = `/${database}`;
      const store: StoreHandle = await openPostgresStore(icuUrl.toString(), { roundCacheMs: 0 });
      try {
        const tags = ['b', 'B', 'a', '_x', 'A'];
        const round = await store.createRound(dailyRound('2026-04-01', { tags }));
        for (const u of ['b', 'B', 'a', '_x', 'A']) await store.recordAnswer(answer(round, u, { userName: `${u}name` }));
        const byteOrder = ['A', 'B', '_x', 'a', 'b'];
        expect((await store.tagTallies({ scope: team })).map((t) => t.tag)).toEqual(byteOrder);
        expect((await store.userStats(team, 'a')).byTag.map((t) => t.tag)).toEqual(byteOrder);
        expect((await store.scoreLines({ scope: team })).map((l) => l.userId)).toEqual(byteOrder);
        expect((await store.scoreLines({ scope: team, fromDate: '2026-04-01' })).map((l) => l.userId)).toEqual(byteOrder);
      } finally {
        await store.close();
        await admin.query(`DROP DATABASE IF EXISTS ${database}`);
        await admin.end();
      }
    });
  });
}

/** Resolve after `ms` (lets racing calls get their statements to the server first). */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** How many answers the rounds hold. */
async function countAnswers(store: StoreHandle, rounds: RoundRow[]): Promise<number> {
  let count = 0;
  for (const r of rounds) count += (await store.roundTally(r.id, 3)).answered;
  return count;
}

/**
 * The store agrees with itself: per user, the stats, the all-time board (user_stats) and the dated
 * board (answers through round_days) count exactly the answers still stored.
 */
async function expectConsistent(store: StoreHandle, rounds: RoundRow[]): Promise<void> {
  const stored = new Map<string, number>();
  for (const r of rounds) {
    for (const u of ['U1', 'U2']) if (await store.getAnswer(r.id, u)) stored.set(u, (stored.get(u) ?? 0) + 1);
  }
  const channelId = rounds[0]?.channelId ?? '';
  const allTime = await store.scoreLines({ scope: team, channelId });
  const dated = await store.scoreLines({ scope: team, channelId, fromDate: '2026-01-01', toDate: '2026-12-31' });
  for (const u of ['U1', 'U2']) {
    const count = stored.get(u) ?? 0;
    expect({ u, board: allTime.find((l) => l.userId === u)?.answered ?? 0 }).toEqual({ u, board: count });
    expect({ u, dated: dated.find((l) => l.userId === u)?.answered ?? 0 }).toEqual({ u, dated: count });
  }
  const stats = await store.userStats(team, 'U1');
  expect(stats.answered).toBe(stored.get('U1') ?? 0);
  // A day row survives only while an answer is on it: each (round, date) U1 alone answered is gone.
  const tally = await store.tagTallies({ scope: team, channelId, fromDate: '2026-01-01', toDate: '2026-12-31' });
  const total = (stored.get('U1') ?? 0) + (stored.get('U2') ?? 0);
  expect(tally.find((t) => t.tag === 'kms')?.answered ?? 0).toBe(total);
}
