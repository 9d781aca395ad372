/**
 * PostgreSQL migration 7 (schema-click-previous.ts): a click whose round was just read
 * (getRoundWithZone) passes the channel's previous daily date to click_answer() instead of having
 * it read again, and the streak rule comes out as before: days in a row grow the streak, a missed
 * daily round starts it again, and an earlier-dated daily round created meanwhile in the channel is
 * the previous date at once. Needs TEST_DATABASE_URL (skipped, saying so, without).
 */
import type pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { answer, channel, dailyRound, team } from '../store/fixtures.js';
import { SKIP_REASON, TestSchemas, testDatabaseUrl } from './server.js';

/** `2026-01-01` plus `d` days, as a local date. */
const day = (d: number) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10);

/** The `p_prev` argument of every click_answer() call on the click pool, in call order. */
function passedPrevious(store: PostgresStore): (string | null)[] {
  const seen: (string | null)[] = [];
  const pool = store.clickPool;
  const query = pool.query.bind(pool) as (config: pg.QueryConfig) => Promise<pg.QueryResult>;
  (pool as unknown as { query: (config: pg.QueryConfig) => Promise<pg.QueryResult> }).query = (config) => {
    if (typeof config === 'object' && config.text.startsWith('SELECT click_answer(')) seen.push((config.values?.[13] ?? null) as string | null);
    return query(config);
  };
  return seen;
}

/** U1's streak in the fixtures' channel. */
async function streakOf(store: PostgresStore) {
  return (await store.streaks(team, 'U1')).find((s) => s.channelId === channel.channelId);
}

/** U1 answers `round` on its own local date, after reading it as a click does. */
async function click(store: PostgresStore, localDate: string, roundId: number) {
  const found = await store.getRoundWithZone(roundId);
  expect(found).toBeDefined();
  const result = await store.recordAnswer(answer(found!.round, 'U1', { answeredAt: Date.parse(`${localDate}T12:00:00Z`), localDate }));
  expect(result.status).toBe('recorded');
}

if (testDatabaseUrl === undefined) {
  describe(`PostgreSQL previous daily date ${SKIP_REASON}`, () => {
    it.skip('needs a PostgreSQL server', () => {});
  });
} else {
  const schemas = new TestSchemas('previous_daily');
  afterAll(() => schemas.dropAll());

  describe('PostgreSQL previous daily date (migration 7)', () => {
    it('a click after its round read passes the date; days in a row grow the streak, a missed day starts it again', async () => {
      const store = await schemas.store();
      const passed = passedPrevious(store);
      try {
        for (let d = 0; d < 10; d++) {
          const round = await store.createRound(dailyRound(day(d)));
          if (d !== 5) await click(store, day(d), round.id);
        }
        // The first daily round has no earlier one (''); the others name the day before.
        expect(passed).toEqual(['', day(0), day(1), day(2), day(3), day(5), day(6), day(7), day(8)]);
        expect(await streakOf(store)).toMatchObject({ current: 4, best: 5, lastDate: day(9) });
      } finally {
        await store.close();
      }
    });

    it('an answer without a round read passes nothing and click_answer() reads the date itself', async () => {
      const store = await schemas.store();
      const passed = passedPrevious(store);
      try {
        const first = await store.createRound(dailyRound(day(0)));
        const second = await store.createRound(dailyRound(day(1)));
        for (const [round, d] of [[first, 0], [second, 1]] as const) {
          expect((await store.recordAnswer(answer(round, 'U1', { localDate: day(d) }))).status).toBe('recorded');
        }
        expect(passed).toEqual([null, null]);
        expect(await streakOf(store)).toMatchObject({ current: 2, best: 2 });
      } finally {
        await store.close();
      }
    });

    it('an earlier-dated daily round created after the later round was read is its previous date at once', async () => {
      const store = await schemas.store();
      const passed = passedPrevious(store);
      try {
        const d0 = await store.createRound(dailyRound(day(0)));
        await click(store, day(0), d0.id);
        const d2 = await store.createRound(dailyRound(day(2)));
        expect((await store.getRoundWithZone(d2.id))?.round.id).toBe(d2.id); // remembered, previous date day 0
        // A time-zone change brings the channel an earlier "today": day 1's round after day 2's.
        await store.createRound(dailyRound(day(1)));
        await click(store, day(2), d2.id);
        expect(passed.at(-1)).toBe(day(1));
        // U1 did not answer day 1, the daily round before day 2: the streak starts again.
        expect(await streakOf(store)).toMatchObject({ current: 1, best: 1, lastDate: day(2) });
      } finally {
        await store.close();
      }
    });
  });
}
