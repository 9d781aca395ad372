import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type SqliteStore } from '../../src/store/index.js';
import { answer, channel, dailyRound, team } from './fixtures.js';

let store: SqliteStore;
beforeEach(() => {
  store = openStore(':memory:');
});
afterEach(async () => {
  await store.close();
});

describe('batch', () => {
  it('runs store writes as one transaction and returns the result', async () => {
    const id = store.batch((sync) => {
      const round = sync.createRound(dailyRound('2026-01-05'));
      expect(sync.recordAnswer(answer(round, 'U1')).status).toBe('recorded');
      expect(sync.recordAnswer(answer(round, 'U1')).status).toBe('duplicate');
      return round.id;
    });
    expect(await store.getAnswer(id, 'U1')).toBeDefined();
    expect((await store.userStats(team, 'U1')).answered).toBe(1);
  });

  it('rolls every write back when the batch throws', async () => {
    expect(() =>
      store.batch((sync) => {
        const round = sync.createRound(dailyRound('2026-01-05'));
        sync.recordAnswer(answer(round, 'U1'));
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(await store.latestDailyRound(channel)).toBeUndefined();
    expect((await store.userStats(team, 'U1')).answered).toBe(0);
    expect(await store.streaks(team, 'U1')).toEqual([]);
  });
});
