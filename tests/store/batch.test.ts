import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type SqliteStore } from '../../src/store/index.js';
import { answer, channel, dailyRound, team } from './fixtures.js';

let store: SqliteStore;
beforeEach(() => {
  store = openStore(':memory:');
});
afterEach(() => store.close());

describe('batch', () => {
  it('runs store writes as one transaction and returns the result', () => {
    const id = store.batch(() => {
      const round = store.createRound(dailyRound('2026-01-05'));
      expect(store.recordAnswer(answer(round, 'U1')).status).toBe('recorded');
      expect(store.recordAnswer(answer(round, 'U1')).status).toBe('duplicate');
      return round.id;
    });
    expect(store.getAnswer(id, 'U1')).toBeDefined();
    expect(store.userStats(team, 'U1').answered).toBe(1);
  });

  it('rolls every write back when the batch throws', () => {
    expect(() =>
      store.batch(() => {
        const round = store.createRound(dailyRound('2026-01-05'));
        store.recordAnswer(answer(round, 'U1'));
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(store.latestDailyRound(channel)).toBeUndefined();
    expect(store.userStats(team, 'U1').answered).toBe(0);
    expect(store.streaks(team, 'U1')).toEqual([]);
  });
});
