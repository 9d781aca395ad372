import { afterEach, describe, expect, it } from 'vitest';
import type { SubscriptionRow } from '../../src/core/ports/store.js';
import type { DailyOutcome, DailyService } from '../../src/core/tutor-api.js';
import { RecordingPoster } from '../support/recording-poster.js';
import {
  BERLIN,
  NEW_YORK,
  adminCtx,
  deferred,
  flush,
  makeProc,
  startWorld,
  subscription,
  tempDir,
  type Proc,
  type World,
} from './helpers.js';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function world(proc: Proc, start: string, over: Parameters<typeof startWorld>[2] = {}): World {
  const w = startWorld(proc, start, over);
  cleanups.push(async () => {
    await w.scheduler.stop();
    await w.cron.dispose();
  });
  return w;
}

function fileProc(dbPath: string, poster?: RecordingPoster): Proc {
  const proc = makeProc(dbPath, poster ? { poster } : {});
  cleanups.push(() => proc.store.close());
  return proc;
}

function dbFile(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return `${t.dir}/kms-tutor.db`;
}

/** Fire the channel's subscription job at `at`, as node-cron would. */
async function fireJob(w: World, channelId: string, at: string): Promise<void> {
  w.clock.set(at);
  const job = w.cron.subscriptionJobs().find((j) => j.options.name.endsWith(`/${channelId}`));
  if (!job) throw new Error(`no job for ${channelId}`);
  await job.run();
}

describe('two channels in different zones', () => {
  it('each posts at its own local 09:00, once', async () => {
    const proc = fileProc(':memory:');
    await proc.store.upsertSubscription(subscription(BERLIN, { timeZone: 'Europe/Berlin' }));
    await proc.store.upsertSubscription(subscription(NEW_YORK, { timeZone: 'America/New_York' }));
    const w = world(proc, '2026-06-10T05:00:00Z'); // 07:00 Berlin, 01:00 New York
    expect((await w.scheduler.started).runs).toEqual([]);

    expect(w.scheduler.jobs().map((j) => [j.channel.channelId, j.expression, j.timeZone]).sort()).toEqual([
      ['C-BERLIN', '0 9 * * *', 'Europe/Berlin'],
      ['C-NEWYORK', '0 9 * * *', 'America/New_York'],
    ]);
    // Each job is built so that real node-cron fires it at 09:00 local.
    const [ber, ny] = ['C-BERLIN', 'C-NEWYORK'].map((id) => w.cron.subscriptionJobs().find((j) => j.options.name.endsWith(id))!);
    expect(w.cron.matches(ber!, new Date('2026-06-10T07:00:00Z'))).toBe(true);
    expect(w.cron.matches(ny!, new Date('2026-06-10T13:00:00Z'))).toBe(true);

    await w.scheduler.tick(new Date('2026-06-10T06:59:00Z'));
    expect(w.poster.posts).toHaveLength(0);

    await fireJob(w, 'C-BERLIN', '2026-06-10T07:00:00Z');
    expect(w.poster.posts.map((p) => p.channelId)).toEqual(['C-BERLIN']);
    expect((await proc.store.latestDailyRound(BERLIN))?.localDate).toBe('2026-06-10');

    // Minute ticks through the morning change nothing; New York is still before 09:00.
    for (const at of ['2026-06-10T07:01:00Z', '2026-06-10T10:00:00Z', '2026-06-10T12:59:00Z']) await w.scheduler.tick(new Date(at));
    expect(w.poster.posts).toHaveLength(1);

    await fireJob(w, 'C-NEWYORK', '2026-06-10T13:00:00Z');
    await fireJob(w, 'C-NEWYORK', '2026-06-10T13:00:00Z'); // a job that fires twice posts once
    await w.scheduler.tick(new Date('2026-06-10T13:01:00Z'));
    expect(w.poster.posts.map((p) => p.channelId)).toEqual(['C-BERLIN', 'C-NEWYORK']);
    expect((await proc.store.latestDailyRound(NEW_YORK))?.localDate).toBe('2026-06-10');
  });

  it('the next day closes yesterday\'s round with its reveal and posts a new one', async () => {
    const proc = fileProc(':memory:');
    await proc.store.upsertSubscription(subscription(BERLIN));
    const w = world(proc, '2026-06-10T07:00:00Z');
    await w.scheduler.started;
    const first = (await proc.store.latestDailyRound(BERLIN))!;
    await w.scheduler.tick(new Date('2026-06-11T07:00:00Z'));
    expect(w.poster.posts).toHaveLength(2);
    expect((await proc.store.getRound(first.id))?.closedAt).toBe(Date.parse('2026-06-11T07:00:00Z'));
    expect(w.poster.updates.map((u) => u.ref.messageId)).toEqual([first.messageRef!.messageId]);
    expect((await proc.store.latestDailyRound(BERLIN))?.localDate).toBe('2026-06-11');
  });
});

describe('restarts', () => {
  it('a restart mid-day (11:00 local) before the post posts once at start-up', async () => {
    const db = dbFile();
    const first = fileProc(db);
    await first.store.upsertSubscription(subscription(BERLIN));
    const a = startWorld(first, '2026-06-10T05:00:00Z'); // 07:00 local: not yet
    expect((await a.scheduler.started).runs).toEqual([]);
    await a.scheduler.stop(); // the process goes down before 09:00

    const second = fileProc(db);
    const b = world(second, '2026-06-10T09:00:00Z'); // 11:00 local
    const started = await b.scheduler.started;
    expect(started.runs.map((r) => [r.channel.channelId, r.localDate, r.outcome.status])).toEqual([['C-BERLIN', '2026-06-10', 'posted']]);
    await b.scheduler.tick(new Date('2026-06-10T09:01:00Z'));
    await b.scheduler.tick(new Date('2026-06-10T12:00:00Z'));
    expect(second.poster.posts).toHaveLength(1);
    expect(first.poster.posts).toHaveLength(0);
  });

  it('a restart after the day\'s post posts nothing', async () => {
    const db = dbFile();
    const first = fileProc(db);
    await first.store.upsertSubscription(subscription(BERLIN));
    const a = startWorld(first, '2026-06-10T07:00:00Z');
    await a.scheduler.started;
    expect(first.poster.posts).toHaveLength(1);
    await a.scheduler.stop();
    await first.store.close();

    const second = fileProc(db);
    const b = world(second, '2026-06-10T10:00:00Z');
    const started = await b.scheduler.started;
    expect(started.runs.map((r) => r.outcome.status)).toEqual(['already-posted']);
    await b.scheduler.tick(new Date('2026-06-10T10:01:00Z'));
    expect(second.poster.posts).toHaveLength(0);
  });

  it('a start after 18:00 local does not back-fill; the next day posts as usual', async () => {
    const proc = fileProc(':memory:');
    await proc.store.upsertSubscription(subscription(BERLIN));
    const w = world(proc, '2026-06-10T16:30:00Z'); // 18:30 Berlin
    expect((await w.scheduler.started).runs).toEqual([]);
    await w.scheduler.tick(new Date('2026-06-10T21:59:00Z'));
    expect(w.poster.posts).toHaveLength(0);
    await w.scheduler.tick(new Date('2026-06-11T07:00:00Z'));
    expect(w.poster.posts).toHaveLength(1);
    expect((await proc.store.latestDailyRound(BERLIN))?.localDate).toBe('2026-06-11');
  });

  it('a missed earlier day is not back-filled', async () => {
    const db = dbFile();
    const first = fileProc(db);
    await first.store.upsertSubscription(subscription(BERLIN));
    const a = startWorld(first, '2026-06-08T07:00:00Z'); // Monday 09:00
    await a.scheduler.started;
    await a.scheduler.stop();
    await first.store.close();

    // Down all Tuesday; back on Wednesday at 08:00 local.
    const second = fileProc(db);
    const b = world(second, '2026-06-10T06:00:00Z');
    expect((await b.scheduler.started).runs).toEqual([]);
    await b.scheduler.tick(new Date('2026-06-10T07:00:00Z'));
    expect(second.poster.posts).toHaveLength(1);
    // Monday's round was closed and revealed by Wednesday's run; Tuesday never got one.
    const monday = await second.store.questionHistory(BERLIN, 'schedule-fixture');
    expect(monday.reduce((n, r) => n + r.times, 0)).toBe(2);
    expect((await second.store.latestDailyRound(BERLIN))?.localDate).toBe('2026-06-10');
    expect(second.poster.updates).toHaveLength(1);
  });
});

describe('two schedulers on one database file', () => {
  it('post once between them, even when they run at the same moment', async () => {
    const db = dbFile();
    const p1 = fileProc(db, new RecordingPoster('slack', 'a'));
    await p1.store.upsertSubscription(subscription(BERLIN));
    await p1.store.upsertSubscription(subscription(NEW_YORK, { timeZone: 'America/New_York' }));
    const p2 = fileProc(db, new RecordingPoster('slack', 'b'));
    const s1 = world(p1, '2026-06-10T05:00:00Z');
    const s2 = world(p2, '2026-06-10T05:00:00Z');
    await Promise.all([s1.scheduler.started, s2.scheduler.started]);

    // Both posters wait, so both processes are mid-run together.
    const gate = deferred();
    p1.poster.gate = gate.promise;
    p2.poster.gate = gate.promise;
    const at = new Date('2026-06-10T13:00:00Z'); // 15:00 Berlin, 09:00 New York: both due
    const runs = Promise.all([s1.scheduler.tick(at), s2.scheduler.tick(at)]);
    await flush();
    gate.release();
    const [r1, r2] = await runs;

    const posted = [...p1.poster.posts, ...p2.poster.posts].map((p) => p.channelId).sort();
    expect(posted).toEqual(['C-BERLIN', 'C-NEWYORK']);
    const statuses = [...r1.runs, ...r2.runs].map((r) => r.outcome.status).sort();
    expect(statuses).toEqual(['already-posted', 'already-posted', 'posted', 'posted']);

    await Promise.all([s1.scheduler.tick(new Date('2026-06-10T13:05:00Z')), s2.scheduler.tick(new Date('2026-06-10T13:05:00Z'))]);
    expect(p1.poster.posts.length + p2.poster.posts.length).toBe(2);
  });
});

describe('reload', () => {
  it('subscribe and unsubscribe take effect at once, without a restart', async () => {
    const proc = fileProc(':memory:');
    proc.deps.posters = { terminal: new RecordingPoster('terminal'), slack: proc.poster };
    const w = world(proc, '2026-06-10T05:00:00Z');
    await w.scheduler.started;
    expect(w.scheduler.jobs()).toEqual([]);

    const now = new Date('2026-06-10T05:00:00Z');
    await proc.tutor.handleText('subscribe 09:00 Europe/Berlin daily schedule-fixture', adminCtx(BERLIN, now));
    expect(w.scheduler.jobs()).toEqual([{ channel: BERLIN, expression: '0 9 * * *', timeZone: 'Europe/Berlin' }]);

    // A change of time replaces the job.
    await proc.tutor.handleText('subscribe 07:15 America/New_York weekdays', adminCtx(BERLIN, now));
    expect(w.scheduler.jobs()).toEqual([{ channel: BERLIN, expression: '15 7 * * 1-5', timeZone: 'America/New_York' }]);
    expect(w.cron.subscriptionJobs()).toHaveLength(1);

    // A refused subscribe changes nothing.
    const refused = await proc.tutor.handleText('subscribe 25:00', adminCtx(BERLIN, now));
    expect(refused.tone).toBe('error');
    const nonAdmin = await proc.tutor.handleText('unsubscribe', adminCtx(BERLIN, now, { isAdmin: false }));
    expect(nonAdmin.tone).toBe('error');
    expect(w.scheduler.jobs()).toHaveLength(1);

    await proc.tutor.handleText('unsubscribe', adminCtx(BERLIN, now));
    expect(w.scheduler.jobs()).toEqual([]);
    expect(w.cron.subscriptionJobs()).toEqual([]);
    await w.scheduler.tick(new Date('2026-06-10T11:15:00Z')); // 07:15 New York
    expect(w.poster.posts).toHaveLength(0);
  });

  it('a subscription made after its post time posts today within the minute (before 18:00 local)', async () => {
    const proc = fileProc(':memory:');
    const w = world(proc, '2026-06-10T08:00:00Z');
    await w.scheduler.started;
    await proc.tutor.handleText('subscribe 09:00 Europe/Berlin daily', adminCtx(BERLIN, new Date('2026-06-10T08:00:00Z')));
    await w.scheduler.tick(new Date('2026-06-10T08:01:00Z'));
    expect(w.poster.postsIn('C-BERLIN')).toHaveLength(1);
  });
});

describe('what is served', () => {
  it('serves only the running platforms, skips paused subscriptions and weekends of weekday subscriptions', async () => {
    const proc = fileProc(':memory:');
    const discord = { platform: 'discord' as const, teamId: 'G1', channelId: '111' };
    await proc.store.upsertSubscription(subscription(BERLIN, { cadence: 'weekdays' }));
    await proc.store.upsertSubscription(subscription(NEW_YORK));
    await proc.store.upsertSubscription(subscription(discord));
    await proc.store.pauseSubscription(NEW_YORK, 'the channel is gone', 0);
    const w = world(proc, '2026-06-13T07:00:00Z'); // Saturday 09:00 Berlin
    expect((await w.scheduler.started).runs).toEqual([]);
    expect(w.scheduler.jobs().map((j) => j.channel.channelId)).toEqual(['C-BERLIN']);
    await w.scheduler.tick(new Date('2026-06-15T07:00:00Z')); // Monday
    expect(w.poster.posts.map((p) => p.channelId)).toEqual(['C-BERLIN']);
  });

  it('runs the weekly digest on Mondays only, once a day', async () => {
    const proc = fileProc(':memory:');
    await proc.store.upsertSubscription(subscription(BERLIN));
    const digests: string[] = [];
    const daily: DailyService = {
      runDaily: (sub, now) => proc.daily.runDaily(sub, now),
      closeDueRounds: (now) => proc.daily.closeDueRounds(now),
      runDigest: async (sub: SubscriptionRow, now: Date): Promise<DailyOutcome> => {
        digests.push(now.toISOString());
        return proc.daily.runDigest(sub, now);
      },
    };
    const w = world(proc, '2026-06-12T07:00:00Z', { daily }); // Friday
    await w.scheduler.started;
    for (const at of ['2026-06-13T07:00:00Z', '2026-06-14T07:00:00Z', '2026-06-15T07:00:00Z', '2026-06-15T07:01:00Z', '2026-06-16T07:00:00Z']) {
      await w.scheduler.tick(new Date(at));
    }
    expect(digests).toEqual(['2026-06-15T07:00:00.000Z']);
    expect(w.poster.posts).toHaveLength(5); // Friday..Tuesday; nobody answered, so no digest message
  });
});

describe('stop', () => {
  it('waits for in-flight runs, then stops every job', async () => {
    const proc = fileProc(':memory:');
    await proc.store.upsertSubscription(subscription(BERLIN));
    const w = world(proc, '2026-06-10T05:00:00Z');
    await w.scheduler.started;
    const gate = deferred();
    w.poster.gate = gate.promise;
    void w.scheduler.tick(new Date('2026-06-10T07:00:00Z'));
    await flush();

    let stopped: { timedOut: boolean } | undefined;
    const stopping = w.scheduler.stop().then((r) => (stopped = r));
    await flush();
    expect(stopped).toBeUndefined();
    expect(w.cron.live()).toEqual([]);

    gate.release();
    await stopping;
    expect(stopped).toEqual({ timedOut: false });
    expect(w.poster.posts).toHaveLength(1);
    expect((await proc.store.latestDailyRound(BERLIN))?.messageRef).not.toBeNull();
    // Stopped: nothing runs any more.
    expect(await w.scheduler.tick(new Date('2026-06-11T07:00:00Z'))).toEqual({ closedRounds: 0, runs: [] });
    expect(w.poster.posts).toHaveLength(1);
  });

  it('gives up waiting after the bound', async () => {
    const proc = fileProc(':memory:');
    await proc.store.upsertSubscription(subscription(BERLIN));
    const w = world(proc, '2026-06-10T05:00:00Z', { stopTimeoutMs: 10_000 });
    await w.scheduler.started;
    const gate = deferred();
    w.poster.gate = gate.promise;
    void w.scheduler.tick(new Date('2026-06-10T07:00:00Z'));
    await flush();
    const stopping = w.scheduler.stop();
    await flush();
    w.timers.advance(9_999);
    let done = false;
    void stopping.then(() => (done = true));
    await flush();
    expect(done).toBe(false);
    w.timers.advance(1);
    expect(await stopping).toEqual({ timedOut: true });
    gate.release();
  });
});
