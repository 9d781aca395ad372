import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { DailyRounds } from '../../src/core/daily.js';
import { loadLibrary } from '../../src/core/deck/loader.js';
import { silentLogger } from '../../src/core/ports/logger.js';
import { type MessageRef, type Poster, PosterError } from '../../src/core/ports/poster.js';
import type { NewSubscription } from '../../src/core/ports/store.js';
import type { Reply } from '../../src/core/reply.js';
import { openStore, type SqliteStore } from '../../src/store/index.js';
import { answer, channel, dailyRound, discordSameIds, otherChannel, otherTeam, team } from './fixtures.js';

let store: SqliteStore;
beforeEach(() => {
  store = openStore(':memory:');
});
afterEach(async () => {
  await store.close();
});

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
  it('upsert creates, reads back, and replaces the channel subscription', async () => {
    const created = await store.upsertSubscription(sub());
    expect(created).toEqual({ ...sub(), pausedReason: null, pausedAt: null });
    expect(await store.getSubscription(channel)).toEqual(created);
    const replaced = await store.upsertSubscription(sub({ time: '17:30', timeZone: 'America/New_York', cadence: 'daily', createdBy: 'U2', createdAt: 2_000 }));
    expect(replaced).toMatchObject({ time: '17:30', timeZone: 'America/New_York', cadence: 'daily', createdBy: 'U2' });
    expect(await store.listSubscriptions()).toEqual([replaced]);
    expect(await store.getSubscription(otherChannel)).toBeUndefined();
  });

  it('pause records the reason; an upsert resumes it', async () => {
    await store.upsertSubscription(sub());
    await store.pauseSubscription(channel, 'channel_not_found', 5_000);
    expect(await store.getSubscription(channel)).toMatchObject({ pausedReason: 'channel_not_found', pausedAt: 5_000 });
    expect(await store.upsertSubscription(sub())).toMatchObject({ pausedReason: null, pausedAt: null });
    await store.pauseSubscription(otherChannel, 'forbidden', 1); // none there: no-op
    expect(await store.getSubscription(otherChannel)).toBeUndefined();
  });

  it('lists every platform and team; remove reports whether there was one', async () => {
    await store.upsertSubscription(sub({ ...otherTeam }));
    await store.upsertSubscription(sub());
    await store.upsertSubscription(sub({ ...discordSameIds }));
    await store.upsertSubscription(sub({ ...otherChannel }));
    expect((await store.listSubscriptions()).map((s) => `${s.platform}/${s.teamId}/${s.channelId}`)).toEqual([
      'discord/T1/C1',
      'slack/T1/C1',
      'slack/T1/C2',
      'slack/T2/C1',
    ]);
    expect(await store.removeSubscription(channel)).toBe(true);
    expect(await store.removeSubscription(channel)).toBe(false);
    expect(await store.getSubscription(channel)).toBeUndefined();
    expect(await store.getSubscription(discordSameIds)).toBeDefined();
  });

  it('refuses an unknown cadence (schema check)', async () => {
    await expect(store.upsertSubscription(sub({ cadence: 'hourly' as 'daily' }))).rejects.toThrow(/CHECK constraint/);
  });

  it('claimDigest claims each (channel, ISO week) once', async () => {
    expect(await store.claimDigest(channel, '2026-W02', 1)).toBe(true);
    expect(await store.claimDigest(channel, '2026-W02', 2)).toBe(false);
    expect(await store.claimDigest(channel, '2026-W03', 3)).toBe(true);
    expect(await store.claimDigest(otherChannel, '2026-W02', 4)).toBe(true);
    expect(await store.claimDigest(discordSameIds, '2026-W02', 5)).toBe(true);
    expect(await store.claimDigest({ ...team, channelId: 'C1' }, '2026-W02', 6)).toBe(false);
  });

  it('releaseDigest gives back one claim, so the week can be claimed again', async () => {
    expect(await store.releaseDigest(channel, '2026-W02')).toBe(false);
    expect(await store.claimDigest(channel, '2026-W02', 1)).toBe(true);
    expect(await store.claimDigest(channel, '2026-W03', 2)).toBe(true);
    expect(await store.claimDigest(otherChannel, '2026-W02', 3)).toBe(true);
    expect(await store.releaseDigest(channel, '2026-W02')).toBe(true);
    expect(await store.releaseDigest(channel, '2026-W02')).toBe(false);
    // Only that (channel, week) was released.
    expect(await store.claimDigest(channel, '2026-W03', 4)).toBe(false);
    expect(await store.claimDigest(otherChannel, '2026-W02', 5)).toBe(false);
    expect(await store.claimDigest(channel, '2026-W02', 6)).toBe(true);
  });

  it('a digest whose post failed is released by runDigest and posted by the next run', async () => {
    const subscription = await store.upsertSubscription(sub({ cadence: 'daily' }));
    // Someone answered in ISO week 2026-W02 (Mon 5 .. Sun 11 January).
    await store.recordAnswer(answer(await store.createRound(dailyRound('2026-01-06')), 'U1'));
    const posted: Reply[] = [];
    let failing = true;
    const poster: Poster = {
      platform: 'slack',
      async post(channelId: string, reply: Reply): Promise<MessageRef> {
        if (failing) throw new PosterError('transient', 'HTTP 503');
        posted.push(reply);
        return { platform: 'slack', channelId, messageId: `m${posted.length}` };
      },
      async update(): Promise<void> {},
      async sendDirect(userId: string): Promise<MessageRef> {
        return { platform: 'slack', channelId: `dm:${userId}`, messageId: 'd1' };
      },
    };
    const daily = new DailyRounds({
      store,
      library: loadLibrary(fileURLToPath(new URL('../../content', import.meta.url))),
      posters: { slack: poster },
      logger: silentLogger,
      random: () => 0.5,
      timers: { after: () => () => {} },
      settings: { channelRoundMs: 15 * 60_000, roundRefreshMs: 10_000 },
    });
    const monday = new Date('2026-01-12T08:00:00Z');

    const failed = await daily.runDigest(subscription, monday);
    expect(failed).toMatchObject({ status: 'failed', retry: true });
    expect(failed.status === 'failed' && failed.reason).toContain('HTTP 503');
    expect(posted).toHaveLength(0);

    failing = false;
    expect(await daily.runDigest(subscription, new Date(monday.getTime() + 60_000))).toEqual({ status: 'posted' });
    expect(posted.map((r) => r.title)).toEqual(['Weekly digest · 2026-W02']);
    expect(await daily.runDigest(subscription, new Date(monday.getTime() + 120_000))).toEqual({ status: 'already-posted' });
    expect(posted).toHaveLength(1);
  });
});

describe('self-scores', () => {
  it('keeps the latest self-score per scenario, newest first', async () => {
    expect(await store.selfScores(team, 'U1')).toEqual([]);
    await store.saveSelfScore(team, 'U1', { scenarioId: 'finance', deckId: 'kms', checked: [0, 2], total: 5, at: 100 });
    await store.saveSelfScore(team, 'U1', { scenarioId: 'backup', deckId: 'kms', checked: [], total: 4, at: 150 });
    await store.saveSelfScore(team, 'U1', { scenarioId: 'finance', deckId: 'kms', checked: [0, 1, 2, 4], total: 5, at: 200 });
    // An older save arriving late does not replace the newer one.
    await store.saveSelfScore(team, 'U1', { scenarioId: 'finance', deckId: 'kms', checked: [1], total: 5, at: 120 });
    await store.saveSelfScore(otherTeam, 'U1', { scenarioId: 'finance', deckId: 'kms', checked: [1], total: 5, at: 300 });
    expect(await store.selfScores(team, 'U1')).toEqual([
      { scenarioId: 'finance', deckId: 'kms', checked: [0, 1, 2, 4], total: 5, at: 200 },
      { scenarioId: 'backup', deckId: 'kms', checked: [], total: 4, at: 150 },
    ]);
    expect(await store.selfScores(team, 'U2')).toEqual([]);
  });
});
