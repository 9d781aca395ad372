import { afterEach, describe, expect, it } from 'vitest';
import { PosterError } from '../../src/core/ports/poster.js';
import type { DailyService } from '../../src/core/tutor-api.js';
import { BERLIN, NEW_YORK, adminCtx, makeProc, startWorld, subscription, tickAt, type Proc, type World } from './helpers.js';

const worlds: World[] = [];
afterEach(async () => {
  for (const w of worlds.splice(0)) {
    await w.scheduler.stop();
    await w.cron.dispose();
    await w.store.close();
  }
});

function world(proc: Proc, start: string, over: Parameters<typeof startWorld>[2] = {}): World {
  const w = startWorld(proc, start, over);
  worlds.push(w);
  return w;
}

/** Two channels in Berlin, both due at 07:00 UTC on 2026-06-10. */
async function twoChannels(start = '2026-06-10T05:00:00Z', over: Parameters<typeof startWorld>[2] = {}) {
  const proc = makeProc(':memory:');
  await proc.store.upsertSubscription(subscription(BERLIN));
  await proc.store.upsertSubscription(subscription(NEW_YORK)); // same zone here: only the channel differs
  const w = world(proc, start, over);
  await w.scheduler.started;
  return w;
}

describe('a permanent Poster failure', () => {
  it('pauses that channel only, shows the reason in `schedule`, and `subscribe` again resumes it', async () => {
    const w = await twoChannels();
    w.poster.failAlways('C-BERLIN', new PosterError('channel_not_found', 'channel_not_found'));

    const { runs } = await tickAt(w, '2026-06-10T07:00:00Z');
    const byChannel = Object.fromEntries(runs.map((r) => [r.channel.channelId, r.outcome.status]));
    expect(byChannel).toEqual({ 'C-BERLIN': 'paused', 'C-NEWYORK': 'posted' });
    expect(w.poster.posts.map((p) => p.channelId)).toEqual(['C-NEWYORK']);
    expect((await w.store.getSubscription(BERLIN))?.pausedReason).toMatch(/channel is gone/);
    expect(w.scheduler.jobs().map((j) => j.channel.channelId)).toEqual(['C-NEWYORK']);
    expect(w.logger.entries.some((e) => e.level === 'warn' && e.obj.channelId === 'C-BERLIN' && e.obj.outcome === 'paused')).toBe(true);

    // Paused: later ticks and days leave it alone; the other channel carries on.
    await tickAt(w, '2026-06-10T07:05:00Z');
    await tickAt(w, '2026-06-11T07:00:00Z');
    expect(w.poster.attempts.filter((c) => c === 'C-BERLIN')).toHaveLength(1);
    expect(w.poster.postsIn('C-NEWYORK')).toHaveLength(2);

    const now = new Date('2026-06-11T08:00:00Z');
    const schedule = await w.tutor.handleText('schedule', adminCtx(BERLIN, now));
    expect(JSON.stringify(schedule)).toMatch(/Paused/);
    expect(JSON.stringify(schedule)).toMatch(/channel is gone/);

    // The admin fixes the channel and subscribes again: the job is back at once and today's round posts.
    w.poster.heal('C-BERLIN');
    const resumed = await w.tutor.handleText('subscribe', adminCtx(BERLIN, now));
    expect(resumed.title).toMatch(/resumed/);
    expect((await w.store.getSubscription(BERLIN))?.pausedReason).toBeNull();
    expect(w.scheduler.jobs().map((j) => j.channel.channelId).sort()).toEqual(['C-BERLIN', 'C-NEWYORK']);
    await tickAt(w, '2026-06-11T08:01:00Z');
    expect(w.poster.postsIn('C-BERLIN')).toHaveLength(1);
    expect((await w.store.latestDailyRound(BERLIN))?.localDate).toBe('2026-06-11');
  });
});

describe('transient failures', () => {
  it('are retried a bounded number of times with backoff, then wait for the next day', async () => {
    const w = await twoChannels('2026-06-10T05:00:00Z', { retry: { attempts: 3, backoffMs: [30_000, 120_000] } });
    w.poster.failAlways('C-BERLIN', new PosterError('transient', 'HTTP 503'));

    const { runs } = await tickAt(w, '2026-06-10T07:00:00Z');
    expect(runs.find((r) => r.channel.channelId === 'C-BERLIN')?.outcome).toMatchObject({ status: 'failed', retry: true });
    const berlinAttempts = () => w.poster.attempts.filter((c) => c === 'C-BERLIN').length;
    expect(berlinAttempts()).toBe(1);
    // Nothing half-stored: no daily round for today.
    expect(await w.store.latestDailyRound(BERLIN)).toBeUndefined();

    // The minute job does not retry on its own while a retry is pending.
    await tickAt(w, '2026-06-10T07:00:20Z');
    expect(berlinAttempts()).toBe(1);

    w.timers.advance(29_999);
    await w.scheduler.idle();
    expect(berlinAttempts()).toBe(1);
    w.timers.advance(1);
    await w.scheduler.idle();
    expect(berlinAttempts()).toBe(2);
    w.timers.advance(120_000);
    await w.scheduler.idle();
    expect(berlinAttempts()).toBe(3);

    // Three attempts: it gives up for today, whatever the timers or ticks do.
    w.timers.advance(3_600_000);
    await w.scheduler.idle();
    for (const at of ['2026-06-10T07:10:00Z', '2026-06-10T12:00:00Z']) await tickAt(w, at);
    expect(berlinAttempts()).toBe(3);
    expect(w.timers.size).toBe(0);
    expect(w.logger.entries.some((e) => e.level === 'error' && e.obj.channelId === 'C-BERLIN' && e.obj.attempt === 3)).toBe(true);
    expect((await w.store.getSubscription(BERLIN))?.pausedReason).toBeNull();
    expect(w.poster.postsIn('C-NEWYORK')).toHaveLength(1);

    // The next day starts afresh.
    w.poster.heal('C-BERLIN');
    await tickAt(w, '2026-06-11T07:00:00Z');
    expect(w.poster.postsIn('C-BERLIN')).toHaveLength(1);
  });

  it('a retry that succeeds posts once', async () => {
    const w = await twoChannels();
    w.poster.failNext('C-BERLIN', new PosterError('rate_limited', 'ratelimited'));
    await tickAt(w, '2026-06-10T07:00:00Z');
    expect(w.poster.postsIn('C-BERLIN')).toHaveLength(0);
    w.clock.set('2026-06-10T07:00:30Z');
    w.timers.advance(30_000);
    await w.scheduler.idle();
    expect(w.poster.postsIn('C-BERLIN')).toHaveLength(1);
    await tickAt(w, '2026-06-10T07:01:00Z');
    expect(w.poster.postsIn('C-BERLIN')).toHaveLength(1);
    expect((await w.store.latestDailyRound(BERLIN))?.openedAt).toBe(Date.parse('2026-06-10T07:00:30Z'));
  });

  it('unsubscribing cancels a pending retry', async () => {
    const w = await twoChannels();
    w.poster.failAlways('C-BERLIN', new PosterError('transient', 'socket hang up'));
    await tickAt(w, '2026-06-10T07:00:00Z');
    expect(w.timers.size).toBe(1);
    await w.tutor.handleText('unsubscribe', adminCtx(BERLIN, new Date('2026-06-10T07:00:10Z')));
    expect(w.timers.size).toBe(0);
    w.timers.advance(600_000);
    await w.scheduler.idle();
    expect(w.poster.attempts.filter((c) => c === 'C-BERLIN')).toHaveLength(1);
  });
});

describe('a run that throws', () => {
  it('is logged with its channel and never crashes the scheduler; other channels carry on', async () => {
    const proc = makeProc(':memory:');
    await proc.store.upsertSubscription(subscription(BERLIN));
    await proc.store.upsertSubscription(subscription(NEW_YORK));
    const daily: DailyService = {
      runDaily: async (sub, now) => {
        if (sub.channelId === 'C-BERLIN') throw new Error('SQLITE_BUSY: database is locked');
        return proc.daily.runDaily(sub, now);
      },
      runDigest: (sub, now) => proc.daily.runDigest(sub, now),
      closeDueRounds: async () => {
        throw new Error('closeDueRounds exploded');
      },
    };
    const w = world(proc, '2026-06-10T07:00:00Z', { daily, retry: { attempts: 2, backoffMs: [1_000] } });
    const started = await w.scheduler.started;
    expect(started.closedRounds).toBe(0);
    expect(started.runs.map((r) => [r.channel.channelId, r.outcome.status]).sort()).toEqual([
      ['C-BERLIN', 'failed'],
      ['C-NEWYORK', 'posted'],
    ]);
    w.timers.advance(1_000);
    await w.scheduler.idle();
    const errors = w.logger.entries.filter((e) => e.level === 'error');
    expect(errors.some((e) => e.obj.channelId === 'C-BERLIN' && /SQLITE_BUSY/.test(String(e.obj.reason)))).toBe(true);
    expect(errors.some((e) => /closing due rounds/.test(e.msg ?? ''))).toBe(true);
  });

  it('a stored subscription with a broken zone is logged once and skipped, not retried every minute', async () => {
    const proc = makeProc(':memory:');
    await proc.store.upsertSubscription(subscription(BERLIN, { timeZone: 'Mars/Base' }));
    await proc.store.upsertSubscription(subscription(NEW_YORK));
    const w = world(proc, '2026-06-10T07:00:00Z');
    await w.scheduler.started;
    await tickAt(w, '2026-06-10T07:01:00Z');
    await tickAt(w, '2026-06-10T07:02:00Z');
    expect(w.poster.posts.map((p) => p.channelId)).toEqual(['C-NEWYORK']);
    const bad = w.logger.entries.filter((e) => e.level === 'error' && e.obj.channelId === 'C-BERLIN');
    // One for the job that could not be built, one for the schedule check.
    expect(bad.map((e) => e.msg)).toEqual(['could not schedule subscription', 'bad subscription schedule']);
  });
});
