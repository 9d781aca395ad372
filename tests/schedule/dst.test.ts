/**
 * Daylight-saving change days, replayed minute by minute with an injected clock: at every minute
 * the subscription's job fires exactly when real node-cron 4 would fire it (its own matcher, in the
 * job's zone), then the minute job ticks.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelScope } from '../../src/core/context.js';
import { makeProc, replayMinutes, startWorld, subscription, type World } from './helpers.js';

const worlds: World[] = [];
afterEach(async () => {
  for (const w of worlds.splice(0)) {
    await w.scheduler.stop();
    await w.cron.dispose();
    await w.store.close();
  }
});

const CHANNEL: ChannelScope = { platform: 'slack', teamId: 'T1', channelId: 'C-DST' };

async function replayDay(timeZone: string, time: string, from: string, to: string) {
  const proc = makeProc(':memory:');
  await proc.store.upsertSubscription(subscription(CHANNEL, { timeZone, time }));
  const w = startWorld(proc, from);
  worlds.push(w);
  await w.scheduler.started;
  const posted = await replayMinutes(w, from, to);
  return { w, posted, round: await proc.store.latestDailyRound(CHANNEL) };
}

describe('Europe/Berlin', () => {
  it('2026-03-29, 02:30 is in the spring-forward gap: posts once at 03:00 local (01:00 UTC)', async () => {
    const { posted, round, w } = await replayDay('Europe/Berlin', '02:30', '2026-03-28T22:00:00Z', '2026-03-29T06:00:00Z');
    expect(posted).toEqual([{ at: '2026-03-29T01:00:00.000Z', cronFired: false }]);
    expect(round).toMatchObject({ localDate: '2026-03-29', openedAt: Date.parse('2026-03-29T01:00:00Z') });
    expect(w.poster.posts).toHaveLength(1);
  });

  it('2026-10-25, 02:30 happens twice: posts once, at the first 02:30 (CEST)', async () => {
    const { posted, round, w } = await replayDay('Europe/Berlin', '02:30', '2026-10-24T22:00:00Z', '2026-10-25T06:00:00Z');
    expect(posted).toEqual([{ at: '2026-10-25T00:30:00.000Z', cronFired: true }]);
    expect(round).toMatchObject({ localDate: '2026-10-25', openedAt: Date.parse('2026-10-25T00:30:00Z') });
    expect(w.poster.posts).toHaveLength(1);
  });

  it('the day after the change posts at 02:30 local again', async () => {
    const { posted } = await replayDay('Europe/Berlin', '02:30', '2026-03-29T22:00:00Z', '2026-03-30T02:00:00Z');
    expect(posted).toEqual([{ at: '2026-03-30T00:30:00.000Z', cronFired: true }]);
  });
});

describe('America/New_York', () => {
  it('2026-03-08, 02:30 is in the spring-forward gap: posts once at 03:00 EDT (07:00 UTC)', async () => {
    const { posted, round } = await replayDay('America/New_York', '02:30', '2026-03-08T04:00:00Z', '2026-03-08T12:00:00Z');
    expect(posted).toEqual([{ at: '2026-03-08T07:00:00.000Z', cronFired: false }]);
    expect(round?.localDate).toBe('2026-03-08');
  });

  it('2026-11-01, 01:30 happens twice: posts once, at 01:30 EDT (05:30 UTC)', async () => {
    const { posted, round, w } = await replayDay('America/New_York', '01:30', '2026-11-01T03:00:00Z', '2026-11-01T09:00:00Z');
    expect(posted).toEqual([{ at: '2026-11-01T05:30:00.000Z', cronFired: true }]);
    expect(round?.localDate).toBe('2026-11-01');
    expect(w.poster.posts).toHaveLength(1);
  });

  it('a 09:00 subscription keeps 09:00 local across the change (13:00 UTC before, 14:00 UTC after fall-back)', async () => {
    const { posted } = await replayDay('America/New_York', '09:00', '2026-10-31T12:00:00Z', '2026-11-01T15:00:00Z');
    expect(posted).toEqual([
      { at: '2026-10-31T13:00:00.000Z', cronFired: true },
      { at: '2026-11-01T14:00:00.000Z', cronFired: true },
    ]);
  });
});
