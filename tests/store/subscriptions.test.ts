import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewSubscription } from '../../src/core/ports/store.js';
import { openStore, type SqliteStore } from '../../src/store/index.js';
import { channel, discordSameIds, otherChannel, otherTeam, team } from './fixtures.js';

let store: SqliteStore;
beforeEach(() => {
  store = openStore(':memory:');
});
afterEach(() => store.close());

const sub = (over: Partial<NewSubscription> = {}): NewSubscription => ({
  ...channel,
  deckId: 'kms',
  time: '09:00',
  timeZone: 'Europe/Berlin',
  cadence: 'weekdays',
  createdBy: 'U1',
  createdAt: 1_000,
  ...over,
});

describe('subscriptions', () => {
  it('upsert creates, reads back, and replaces the channel subscription', () => {
    const created = store.upsertSubscription(sub());
    expect(created).toEqual({ ...sub(), pausedReason: null, pausedAt: null });
    expect(store.getSubscription(channel)).toEqual(created);
    const replaced = store.upsertSubscription(sub({ time: '17:30', timeZone: 'America/New_York', cadence: 'daily', createdBy: 'U2', createdAt: 2_000 }));
    expect(replaced).toMatchObject({ time: '17:30', timeZone: 'America/New_York', cadence: 'daily', createdBy: 'U2' });
    expect(store.listSubscriptions()).toEqual([replaced]);
    expect(store.getSubscription(otherChannel)).toBeUndefined();
  });

  it('pause records the reason; an upsert resumes it', () => {
    store.upsertSubscription(sub());
    store.pauseSubscription(channel, 'channel_not_found', 5_000);
    expect(store.getSubscription(channel)).toMatchObject({ pausedReason: 'channel_not_found', pausedAt: 5_000 });
    expect(store.upsertSubscription(sub())).toMatchObject({ pausedReason: null, pausedAt: null });
    store.pauseSubscription(otherChannel, 'forbidden', 1); // none there: no-op
    expect(store.getSubscription(otherChannel)).toBeUndefined();
  });

  it('lists every platform and team; remove reports whether there was one', () => {
    store.upsertSubscription(sub({ ...otherTeam }));
    store.upsertSubscription(sub());
    store.upsertSubscription(sub({ ...discordSameIds }));
    store.upsertSubscription(sub({ ...otherChannel }));
    expect(store.listSubscriptions().map((s) => `${s.platform}/${s.teamId}/${s.channelId}`)).toEqual([
      'discord/T1/C1',
      'slack/T1/C1',
      'slack/T1/C2',
      'slack/T2/C1',
    ]);
    expect(store.removeSubscription(channel)).toBe(true);
    expect(store.removeSubscription(channel)).toBe(false);
    expect(store.getSubscription(channel)).toBeUndefined();
    expect(store.getSubscription(discordSameIds)).toBeDefined();
  });

  it('refuses an unknown cadence (schema check)', () => {
    expect(() => store.upsertSubscription(sub({ cadence: 'hourly' as 'daily' }))).toThrow(/CHECK constraint/);
  });

  it('claimDigest claims each (channel, ISO week) once', () => {
    expect(store.claimDigest(channel, '2026-W02', 1)).toBe(true);
    expect(store.claimDigest(channel, '2026-W02', 2)).toBe(false);
    expect(store.claimDigest(channel, '2026-W03', 3)).toBe(true);
    expect(store.claimDigest(otherChannel, '2026-W02', 4)).toBe(true);
    expect(store.claimDigest(discordSameIds, '2026-W02', 5)).toBe(true);
    expect(store.claimDigest({ ...team, channelId: 'C1' }, '2026-W02', 6)).toBe(false);
  });
});

describe('self-scores', () => {
  it('keeps the latest self-score per scenario, newest first', () => {
    expect(store.selfScores(team, 'U1')).toEqual([]);
    store.saveSelfScore(team, 'U1', { scenarioId: 'finance', deckId: 'kms', checked: [0, 2], total: 5, at: 100 });
    store.saveSelfScore(team, 'U1', { scenarioId: 'backup', deckId: 'kms', checked: [], total: 4, at: 150 });
    store.saveSelfScore(team, 'U1', { scenarioId: 'finance', deckId: 'kms', checked: [0, 1, 2, 4], total: 5, at: 200 });
    // An older save arriving late does not replace the newer one.
    store.saveSelfScore(team, 'U1', { scenarioId: 'finance', deckId: 'kms', checked: [1], total: 5, at: 120 });
    store.saveSelfScore(otherTeam, 'U1', { scenarioId: 'finance', deckId: 'kms', checked: [1], total: 5, at: 300 });
    expect(store.selfScores(team, 'U1')).toEqual([
      { scenarioId: 'finance', deckId: 'kms', checked: [0, 1, 2, 4], total: 5, at: 200 },
      { scenarioId: 'backup', deckId: 'kms', checked: [], total: 4, at: 150 },
    ]);
    expect(store.selfScores(team, 'U2')).toEqual([]);
  });
});
