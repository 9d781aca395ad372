/**
 * The daily-quiz scheduler: one node-cron job per active subscription at its local post time (the
 * job's `timezone` is the subscription's zone), a once-a-minute job, and a catch-up run at start.
 *
 * Every path ends in `runDue(now)`: for each served, unpaused subscription whose post time today
 * (local, daylight saving applied) has come and whose catch-up window (until 18:00 local) is open,
 * call `DailyService.runDaily` (and `runDigest` on Mondays). The store's unique key on (channel,
 * local date) makes that idempotent, so a job that fires twice (fall-back overlap), a restart or a
 * second process never double-posts. The minute job re-checks due subscriptions, which covers a
 * post time inside a spring-forward gap (node-cron skips it; we post at the first valid minute).
 *
 * Nothing thrown by a run escapes: every outcome is logged with the channel. A transient failure
 * (`failed`, `retry: true`) is retried a bounded number of times with backoff via injected timers;
 * after that the channel waits for the next day. A paused subscription is skipped and loses its job.
 */
import type { ChannelScope, Platform } from '../core/context.js';
import type { Timers } from '../core/deps.js';
import { isValidZone, weekdayOf } from '../core/local-time.js';
import type { Logger } from '../core/ports/logger.js';
import type { SubscriptionRow, SubscriptionsPort } from '../core/ports/store.js';
import type { DailyOutcome, DailyService } from '../core/tutor-api.js';
import { EVERY_MINUTE, nodeCronScheduler, postCronExpression, type CronScheduler, type CronTask } from './cron.js';
import { checkDue } from './due.js';
import { writeHeartbeat } from './heartbeat.js';

/** Where "now" comes from: production passes `{ now: () => new Date() }`, tests a settable clock. */
export interface Clock {
  now(): Date;
}

/** Bounded retries of transient failures. */
interface RetryPolicy {
  /** Total attempts per (channel, local date), the first included. Default 3. */
  attempts: number;
  /** Wait before attempt 2, 3, … in ms (the last value repeats). Default [30 000, 120 000]. */
  backoffMs: readonly number[];
}

/** What `startScheduler` needs. */
export interface SchedulerOptions {
  /** Read access to subscriptions. */
  store: Pick<SubscriptionsPort, 'listSubscriptions' | 'getSubscription'>;
  daily: DailyService;
  /** The platforms whose adapters run; only their subscriptions are served. Read on every run. */
  platforms: () => Platform[];
  clock: Clock;
  logger: Logger;
  /** Job factory; default node-cron 4. */
  cron?: CronScheduler;
  /** Retry backoff and the stop() bound; default setTimeout (unref'd). */
  timers?: Timers;
  retry?: RetryPolicy;
  /** The minute job writes a heartbeat file here (see heartbeat.ts); none when undefined. */
  heartbeatPath?: string;
  /** How long stop() waits for in-flight runs, in ms. Default 10 000. */
  stopTimeoutMs?: number;
  /**
   * Run by the minute job after the daily posts: sends the reminders due at `now` (see
   * core/exam/reminders.ts). Must not reject; a rejection is logged. None when undefined.
   */
  reminders?: (now: Date) => Promise<unknown>;
  /**
   * Whether this process leads the scheduled work (several processes on one database); asked at
   * every run and tick. Default: always. A process that does not lead still writes its heartbeat.
   */
  leader?: () => Promise<boolean>;
}

/** One subscription's scheduled run. */
interface DueRun {
  channel: ChannelScope;
  /** The channel-local date the run posted (or tried to post) for, "YYYY-MM-DD". */
  localDate: string;
  /** 1 for the first attempt of the day, 2.. for retries. */
  attempt: number;
  outcome: DailyOutcome;
  /** Mondays: the weekly digest's outcome. */
  digest?: DailyOutcome;
}

/** What one minute tick (and the start-up catch-up) did. */
interface TickReport {
  /** On-demand rounds closed by `closeDueRounds`. */
  closedRounds: number;
  runs: DueRun[];
}

/** A subscription's cron job. */
interface ScheduledJob {
  channel: ChannelScope;
  /** node-cron expression, e.g. "0 9 * * 1-5". */
  expression: string;
  timeZone: string;
}

/** The running scheduler. */
export interface Scheduler {
  /** The start-up catch-up tick (closes due rounds, posts today's missed rounds before 18:00 local). */
  readonly started: Promise<TickReport>;
  /**
   * A subscription changed (subscribe, unsubscribe, resume): rebuild that channel's job from the
   * store at once and forget its retry state; no argument rebuilds every job. Reloads run one
   * after another in call order; resolves when this one is done (`idle()` waits for it too).
   * Never rejects.
   */
  reload(channel?: ChannelScope): Promise<void>;
  /**
   * Run every due subscription (or only `channel`'s) at `now` (UTC instant). Resolves to the runs
   * made; never rejects. A channel already running joins that run instead of starting another.
   */
  runDue(now: Date, channel?: ChannelScope): Promise<DueRun[]>;
  /** The minute job's body: heartbeat, `closeDueRounds(now)`, `runDue(now)`, then the reminders. Never rejects. */
  tick(now: Date): Promise<TickReport>;
  /** The subscription jobs currently scheduled. */
  jobs(): ScheduledJob[];
  /** Resolves when no run is in flight (retries waiting on a timer do not count). */
  idle(): Promise<void>;
  /**
   * Stop every job, cancel pending retries, and wait for in-flight runs, at most `stopTimeoutMs`.
   * Idempotent. Resolves `{ timedOut: true }` when runs were still going at the bound.
   */
  stop(): Promise<{ timedOut: boolean }>;
}

/** The production clock: the wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/** setTimeout-based timers whose pending waits do not keep the process alive. */
const unrefTimers: Timers = {
  after(ms, fn) {
    const t = setTimeout(fn, ms);
    t.unref();
    return () => clearTimeout(t);
  },
};

const DEFAULT_RETRY: RetryPolicy = { attempts: 3, backoffMs: [30_000, 120_000] };

/** Per-channel progress on one local date. */
interface DayState {
  localDate: string;
  attempts: number;
  status: 'open' | 'running' | 'done' | 'retry-pending' | 'gave-up';
  cancelRetry?: () => void;
  digestDone: boolean;
}

type Key = string;

function keyOf(c: ChannelScope): Key {
  return `${c.platform}/${c.teamId}/${c.channelId}`;
}

function scopeOf(c: ChannelScope): ChannelScope {
  return { platform: c.platform, teamId: c.teamId, channelId: c.channelId };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Start the scheduler: a job per active subscription of a served platform, the minute job, and the
 * start-up catch-up tick (see `Scheduler.started`).
 * @returns the running Scheduler; call `stop()` before closing the store.
 */
export function startScheduler(opts: SchedulerOptions): Scheduler {
  return new CronDailyScheduler(opts);
}

class CronDailyScheduler implements Scheduler {
  readonly started: Promise<TickReport>;
  private readonly cron: CronScheduler;
  private readonly timers: Timers;
  private readonly retry: RetryPolicy;
  private readonly log: Logger;
  private readonly subJobs = new Map<Key, { task: CronTask; job: ScheduledJob }>();
  private readonly days = new Map<Key, DayState>();
  private readonly inFlight = new Map<Key, Promise<DueRun | undefined>>();
  private readonly running = new Set<Promise<unknown>>();
  private minuteJob: CronTask | undefined;
  private stopping: Promise<{ timedOut: boolean }> | undefined;
  private heartbeatFailed = false;
  /** The latest reload; the next one starts after it (store reads yield, so reloads queue). */
  private reloads: Promise<void> = Promise.resolve();
  private readonly badSchedules = new Set<string>();
  /** Whether this process led at the last check (undefined before the first). */
  private leading: boolean | undefined;

  constructor(private readonly opts: SchedulerOptions) {
    this.log = opts.logger;
    this.cron = opts.cron ?? nodeCronScheduler(opts.logger);
    this.timers = opts.timers ?? unrefTimers;
    this.retry = opts.retry ?? DEFAULT_RETRY;
    const firstLoad = this.reload();
    try {
      this.minuteJob = this.cron.schedule(EVERY_MINUTE, () => this.track(this.tick(opts.clock.now())), { name: 'minute' });
    } catch (err) {
      this.log.error({ err: errorText(err) }, 'could not start the minute job');
    }
    const now = opts.clock.now();
    this.started = this.track(firstLoad.then(() => this.tick(now)));
  }

  reload(channel?: ChannelScope): Promise<void> {
    if (this.stopping) return Promise.resolve();
    if (channel !== undefined) this.forgetDay(keyOf(channel));
    this.reloads = this.track(this.reloads.then(() => (channel === undefined ? this.rebuildAll() : this.rebuildJob(channel))));
    return this.reloads;
  }

  /** Replace every job with one per stored subscription. */
  private async rebuildAll(): Promise<void> {
    if (this.stopping) return;
    let subs: SubscriptionRow[] = [];
    try {
      subs = await this.opts.store.listSubscriptions();
    } catch (err) {
      this.log.error({ err: errorText(err) }, 'could not read subscriptions');
    }
    for (const key of [...this.subJobs.keys()]) this.dropJob(key);
    for (const sub of subs) this.addJob(sub);
  }

  async runDue(now: Date, channel?: ChannelScope): Promise<DueRun[]> {
    if (this.stopping || !(await this.leads())) return [];
    let subs: SubscriptionRow[];
    try {
      if (channel) {
        const sub = await this.opts.store.getSubscription(channel);
        subs = sub ? [sub] : [];
      } else {
        subs = await this.opts.store.listSubscriptions();
      }
    } catch (err) {
      this.log.error({ err: errorText(err) }, 'could not read subscriptions');
      return [];
    }
    const runs = await Promise.all(subs.map((sub) => this.runOne(sub, now, false)));
    return runs.filter((r): r is DueRun => r !== undefined);
  }

  async tick(now: Date): Promise<TickReport> {
    if (this.stopping) return { closedRounds: 0, runs: [] };
    this.heartbeat(now);
    if (!(await this.leads())) return { closedRounds: 0, runs: [] };
    let closedRounds = 0;
    try {
      closedRounds = await this.opts.daily.closeDueRounds(now);
    } catch (err) {
      this.log.error({ err: errorText(err) }, 'closing due rounds failed');
    }
    const runs = await this.runDue(now);
    if (this.opts.reminders) {
      try {
        await this.opts.reminders(now);
      } catch (err) {
        this.log.error({ err: errorText(err) }, 'sending reminders failed');
      }
    }
    return { closedRounds, runs };
  }

  /** Whether this process leads now (see SchedulerOptions.leader); logs each change. */
  private async leads(): Promise<boolean> {
    const leads = this.opts.leader ? await this.opts.leader() : true;
    if (leads !== this.leading) {
      this.leading = leads;
      this.log.info({}, leads ? 'this process leads the scheduled posts' : 'another process leads the scheduled posts');
    }
    return leads;
  }

  jobs(): ScheduledJob[] {
    return [...this.subJobs.values()].map((j) => j.job);
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  stop(): Promise<{ timedOut: boolean }> {
    this.stopping ??= this.shutDown();
    return this.stopping;
  }

  private async shutDown(): Promise<{ timedOut: boolean }> {
    const tasks = [...this.subJobs.values()].map((j) => j.task);
    if (this.minuteJob) tasks.push(this.minuteJob);
    this.subJobs.clear();
    this.minuteJob = undefined;
    await Promise.allSettled(tasks.map(async (t) => t.destroy()));
    for (const key of [...this.days.keys()]) this.forgetDay(key);
    let cancelBound = () => {};
    const bound = new Promise<'timeout'>((resolve) => {
      cancelBound = this.timers.after(this.opts.stopTimeoutMs ?? 10_000, () => resolve('timeout'));
    });
    const result = await Promise.race([this.idle().then(() => 'idle' as const), bound]);
    cancelBound();
    const timedOut = result === 'timeout';
    if (timedOut) this.log.warn({ inFlight: this.inFlight.size }, 'scheduler stopped with runs still in flight');
    else this.log.info({}, 'scheduler stopped');
    return { timedOut };
  }

  /** Run one subscription if it is served, unpaused and due, and not already settled today. */
  private runOne(sub: SubscriptionRow, now: Date, isRetry: boolean): Promise<DueRun | undefined> {
    if (this.stopping || sub.pausedReason !== null) return Promise.resolve(undefined);
    if (!this.served(sub.platform)) return Promise.resolve(undefined);
    const key = keyOf(sub);
    const running = this.inFlight.get(key);
    if (running) return running;
    let check: ReturnType<typeof checkDue>;
    try {
      check = checkDue(sub, now);
    } catch (err) {
      // Log a broken stored schedule once, not once a minute.
      const bad = `${key}|${sub.time}|${sub.timeZone}`;
      if (!this.badSchedules.has(bad)) {
        this.badSchedules.add(bad);
        this.log.error({ ...scopeOf(sub), time: sub.time, timeZone: sub.timeZone, err: errorText(err) }, 'bad subscription schedule');
      }
      return Promise.resolve(undefined);
    }
    if (!check.due) return Promise.resolve(undefined);
    let day = this.days.get(key);
    if (!day || day.localDate !== check.localDate) {
      if (day) this.forgetDay(key);
      day = { localDate: check.localDate, attempts: 0, status: 'open', digestDone: false };
      this.days.set(key, day);
    } else if (!(day.status === 'open' || (isRetry && day.status === 'retry-pending'))) {
      return Promise.resolve(undefined);
    }
    const settled = day;
    const run = this.attempt(sub, day, now)
      .catch((err: unknown): undefined => {
        settled.status = 'gave-up';
        this.log.error({ ...scopeOf(sub), err: errorText(err) }, 'scheduled run crashed');
        return undefined;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, run);
    return this.track(run);
  }

  private async attempt(sub: SubscriptionRow, day: DayState, now: Date): Promise<DueRun> {
    day.status = 'running';
    day.cancelRetry = undefined;
    day.attempts += 1;
    const channel = scopeOf(sub);
    const where = { ...channel, localDate: day.localDate, attempt: day.attempts };
    let outcome: DailyOutcome;
    try {
      outcome = await this.opts.daily.runDaily(sub, now);
    } catch (err) {
      outcome = { status: 'failed', reason: errorText(err), retry: true };
    }
    switch (outcome.status) {
      case 'posted':
      case 'already-posted':
        day.status = 'done';
        this.log.info({ ...where, outcome: outcome.status }, 'daily round');
        break;
      case 'skipped':
        day.status = 'done';
        this.log.warn({ ...where, outcome: outcome.status, reason: outcome.reason }, 'daily round skipped');
        break;
      case 'paused':
        day.status = 'done';
        this.log.warn({ ...where, outcome: outcome.status, reason: outcome.reason }, 'subscription paused');
        this.rebuildJob(channel);
        break;
      case 'failed':
        this.afterFailure(sub, day, outcome, where);
        break;
    }
    const run: DueRun = { channel, localDate: day.localDate, attempt: day.attempts, outcome };
    if ((outcome.status === 'posted' || outcome.status === 'already-posted') && !day.digestDone && weekdayOf(day.localDate) === 1) {
      day.digestDone = true;
      run.digest = await this.digest(sub, now, where);
    }
    return run;
  }

  private afterFailure(
    sub: SubscriptionRow,
    day: DayState,
    outcome: Extract<DailyOutcome, { status: 'failed' }>,
    where: Record<string, unknown>,
  ): void {
    if (!outcome.retry || day.attempts >= this.retry.attempts || this.stopping) {
      day.status = 'gave-up';
      this.log.error({ ...where, outcome: 'failed', reason: outcome.reason, retry: false }, 'daily round failed; next try tomorrow');
      return;
    }
    const backoff = this.retry.backoffMs;
    const waitMs = backoff[Math.min(day.attempts - 1, backoff.length - 1)] ?? 0;
    day.status = 'retry-pending';
    this.log.warn({ ...where, outcome: 'failed', reason: outcome.reason, retryInMs: waitMs }, 'daily round failed; will retry');
    day.cancelRetry = this.timers.after(waitMs, () => {
      day.cancelRetry = undefined;
      if (this.stopping || this.days.get(keyOf(sub)) !== day) return;
      void this.track(this.retryRun(sub, day));
    });
  }

  /** A retry's run: re-read the subscription (it may be gone or changed), then run it. */
  private async retryRun(sub: SubscriptionRow, day: DayState): Promise<void> {
    let fresh: SubscriptionRow | undefined;
    try {
      fresh = await this.opts.store.getSubscription(sub);
    } catch (err) {
      this.log.error({ ...scopeOf(sub), err: errorText(err) }, 'could not read subscription for a retry');
    }
    if (this.stopping || this.days.get(keyOf(sub)) !== day) return;
    if (!fresh) {
      this.forgetDay(keyOf(sub));
      return;
    }
    await this.runOne(fresh, this.opts.clock.now(), true);
  }

  private async digest(sub: SubscriptionRow, now: Date, where: Record<string, unknown>): Promise<DailyOutcome> {
    let outcome: DailyOutcome;
    try {
      outcome = await this.opts.daily.runDigest(sub, now);
    } catch (err) {
      outcome = { status: 'failed', reason: errorText(err), retry: false };
    }
    const level = outcome.status === 'failed' || outcome.status === 'paused' ? 'warn' : 'info';
    this.log[level]({ ...where, digest: outcome.status, ...('reason' in outcome ? { reason: outcome.reason } : {}) }, 'weekly digest');
    return outcome;
  }

  private served(platform: Platform): boolean {
    try {
      return this.opts.platforms().includes(platform);
    } catch (err) {
      this.log.error({ err: errorText(err) }, 'could not read the running platforms');
      return false;
    }
  }

  /** Replace a channel's job with one built from its stored subscription (or none). */
  private async rebuildJob(channel: ChannelScope): Promise<void> {
    if (this.stopping) return;
    let sub: SubscriptionRow | undefined;
    try {
      sub = await this.opts.store.getSubscription(channel);
    } catch (err) {
      this.log.error({ ...scopeOf(channel), err: errorText(err) }, 'could not read subscription');
      this.dropJob(keyOf(channel));
      return;
    }
    this.dropJob(keyOf(channel));
    if (sub) this.addJob(sub);
  }

  private addJob(sub: SubscriptionRow): void {
    if (this.stopping) return;
    if (sub.pausedReason !== null || !this.served(sub.platform)) return;
    const channel = scopeOf(sub);
    const key = keyOf(channel);
    try {
      if (!isValidZone(sub.timeZone)) throw new RangeError(`unknown time zone "${sub.timeZone}"`);
      const expression = postCronExpression(sub);
      const task = this.cron.schedule(expression, () => this.track(this.runDue(this.opts.clock.now(), channel)), {
        timezone: sub.timeZone,
        name: `daily ${key}`,
      });
      this.subJobs.set(key, { task, job: { channel, expression, timeZone: sub.timeZone } });
    } catch (err) {
      this.log.error({ ...channel, time: sub.time, timeZone: sub.timeZone, err: errorText(err) }, 'could not schedule subscription');
    }
  }

  private dropJob(key: Key): void {
    const job = this.subJobs.get(key);
    if (!job) return;
    this.subJobs.delete(key);
    try {
      const done = job.task.destroy();
      if (done instanceof Promise) done.catch((err: unknown) => this.log.warn({ err: errorText(err) }, 'could not stop a job'));
    } catch (err) {
      this.log.warn({ err: errorText(err) }, 'could not stop a job');
    }
  }

  private forgetDay(key: Key): void {
    this.days.get(key)?.cancelRetry?.();
    this.days.delete(key);
  }

  private heartbeat(now: Date): void {
    if (this.opts.heartbeatPath === undefined) return;
    try {
      writeHeartbeat(this.opts.heartbeatPath, now);
      this.heartbeatFailed = false;
    } catch (err) {
      // Log the first failure of a streak only, not one line a minute.
      if (!this.heartbeatFailed) this.log.warn({ path: this.opts.heartbeatPath, err: errorText(err) }, 'could not write the heartbeat');
      this.heartbeatFailed = true;
    }
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.running.add(p);
    const forget = () => this.running.delete(p);
    p.then(forget, forget);
    return p;
  }
}
