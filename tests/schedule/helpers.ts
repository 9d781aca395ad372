/**
 * Test doubles for the scheduler tests: a settable clock, fake timers, a fake cron that records
 * jobs (and can replay real node-cron matching minute by minute), a recording Poster with failure
 * injection and a gate, and a "world" (real store on a temp file, real DailyRounds and Tutor,
 * a scheduler) built from them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cron from 'node-cron';
import type { ChannelScope, Context } from '../../src/core/context.js';
import { DailyRounds } from '../../src/core/daily.js';
import type { DeckLibrary } from '../../src/core/deck/library.js';
import { loadLibrary } from '../../src/core/deck/loader.js';
import type { CoreDeps, Timers } from '../../src/core/deps.js';
import type { Logger } from '../../src/core/ports/logger.js';
import type { NewSubscription, StoreHandle } from '../../src/core/ports/store.js';
import { Tutor } from '../../src/core/tutor.js';
import type { DailyService } from '../../src/core/tutor-api.js';
import { openStore } from '../../src/store/index.js';
import type { CronJobOptions, CronScheduler, CronTask } from '../../src/schedule/cron.js';
import { startScheduler, type Scheduler, type SchedulerOptions } from '../../src/schedule/scheduler.js';
import { FakeClock, FakeTimers } from '../support/fake-timers.js';
import { RecordingPoster } from '../support/recording-poster.js';
import { seededRandom } from '../support/seeded-random.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The scheduler fixture deck: 8 questions over s3, ebs, rds, kms. */
const FIXTURE_CONTENT = path.join(here, 'fixtures', 'content');
/** The bundled content (the real KMS deck). */
export const BUNDLED_CONTENT = path.join(here, '..', '..', 'content');

const libraries = new Map<string, DeckLibrary>();
/** A content folder's library, loaded once per test file. */
export function library(dir: string = FIXTURE_CONTENT): DeckLibrary {
  let lib = libraries.get(dir);
  if (!lib) {
    lib = loadLibrary(dir);
    libraries.set(dir, lib);
  }
  return lib;
}

/** One job the fake cron holds. */
export interface FakeJob {
  expression: string;
  options: CronJobOptions;
  run: () => Promise<unknown>;
  destroyed: boolean;
}

/** A CronScheduler that records jobs; the test fires them. */
export class FakeCron implements CronScheduler {
  readonly all: FakeJob[] = [];
  private readonly matchers = new Map<string, ReturnType<typeof cron.createTask>>();

  schedule(expression: string, run: () => Promise<unknown>, options: CronJobOptions): CronTask {
    // Real node-cron's own checks: it throws for a bad expression or time zone.
    void cron.createTask(expression, () => {}, options.timezone ? { timezone: options.timezone } : {}).destroy();
    const job: FakeJob = { expression, options, run, destroyed: false };
    this.all.push(job);
    return {
      destroy: () => {
        job.destroyed = true;
      },
    };
  }

  /** Jobs not destroyed. */
  live(): FakeJob[] {
    return this.all.filter((j) => !j.destroyed);
  }

  /** The live subscription jobs (not the minute job). */
  subscriptionJobs(): FakeJob[] {
    return this.live().filter((j) => j.options.name !== 'minute');
  }

  /** Does real node-cron 4 fire `job` at the minute `at`? (Its own matcher, in the job's zone.) */
  matches(job: FakeJob, at: Date): boolean {
    const key = `${job.expression}|${job.options.timezone ?? ''}`;
    let task = this.matchers.get(key);
    if (!task) {
      task = cron.createTask(job.expression, () => {}, job.options.timezone ? { timezone: job.options.timezone } : {});
      this.matchers.set(key, task);
    }
    return task.match(at);
  }

  /** Release the node-cron matcher tasks. */
  async dispose(): Promise<void> {
    for (const t of this.matchers.values()) await t.destroy();
    this.matchers.clear();
  }
}

/** A deferred promise: release it from the test. */
export function deferred(): { promise: Promise<void>; release: () => void } {
  let release = () => {};
  const promise = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { promise, release };
}

/** A Logger that keeps every entry. */
export function recordingLogger(): Logger & { entries: { level: string; obj: Record<string, unknown>; msg?: string }[] } {
  const entries: { level: string; obj: Record<string, unknown>; msg?: string }[] = [];
  const at =
    (level: string) =>
    (obj: object, msg?: string): void => {
      entries.push({ level, obj: obj as Record<string, unknown>, ...(msg !== undefined ? { msg } : {}) });
    };
  const logger = {
    entries,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => logger,
  };
  return logger;
}

/** A fresh temp folder; `cleanup()` removes it. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'kms-schedule-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Slack team "T1" channels used across the tests. */
export const BERLIN: ChannelScope = { platform: 'slack', teamId: 'T1', channelId: 'C-BERLIN' };
export const NEW_YORK: ChannelScope = { platform: 'slack', teamId: 'T1', channelId: 'C-NEWYORK' };

/** A subscription row for `channel` (overrides win). */
export function subscription(channel: ChannelScope, over: Partial<NewSubscription> = {}): NewSubscription {
  return {
    ...channel,
    deckId: 'schedule-fixture',
    time: '09:00',
    timeZone: 'Europe/Berlin',
    cadence: 'daily',
    createdBy: 'U-ADMIN',
    createdAt: Date.parse('2026-01-01T00:00:00Z'),
    ...over,
  };
}

/** An admin's context in `channel` at `now`. */
export function adminCtx(channel: ChannelScope, now: Date, over: Partial<Context> = {}): Context {
  return { ...channel, userId: 'U-ADMIN', userName: 'Ada', isAdmin: true, isDirectMessage: false, now, ...over };
}

/** One process: store connection, core deps, poster, DailyRounds, Tutor. */
export interface Proc {
  store: StoreHandle;
  deps: CoreDeps;
  poster: RecordingPoster;
  daily: DailyRounds;
  tutor: Tutor;
}

/** Build a "process" on the database at `dbPath` (":memory:" or a file). */
export function makeProc(
  dbPath: string,
  opts: { content?: string; poster?: RecordingPoster; timers?: Timers; logger?: Logger; seed?: number } = {},
): Proc {
  const store = openStore(dbPath);
  const poster = opts.poster ?? new RecordingPoster('slack');
  const deps: CoreDeps = {
    store,
    library: library(opts.content),
    posters: { [poster.platform]: poster },
    logger: opts.logger ?? recordingLogger(),
    random: seededRandom(opts.seed ?? 7),
    timers: opts.timers ?? new FakeTimers(),
    settings: { channelRoundMs: 15 * 60_000, roundRefreshMs: 10_000 },
  };
  return { store, deps, poster, daily: new DailyRounds(deps), tutor: new Tutor(deps) };
}

/** A scheduler over a process, with fake cron and timers, wired to its subscription changes. */
export interface World extends Proc {
  clock: FakeClock;
  cron: FakeCron;
  timers: FakeTimers;
  logger: ReturnType<typeof recordingLogger>;
  scheduler: Scheduler;
}

/** Start a scheduler on `proc` at `start` (the start-up catch-up runs; await `scheduler.started`). */
export function startWorld(
  proc: Proc,
  start: string,
  over: Partial<SchedulerOptions> & { daily?: DailyService } = {},
): World {
  const clock = new FakeClock(new Date(start));
  const fakeCron = new FakeCron();
  const timers = (proc.deps.timers instanceof FakeTimers ? proc.deps.timers : new FakeTimers()) as FakeTimers;
  const logger = recordingLogger();
  const scheduler = startScheduler({
    store: proc.store,
    daily: proc.daily,
    platforms: () => ['slack'],
    clock,
    logger,
    cron: fakeCron,
    timers,
    ...over,
  });
  proc.deps.onSubscriptionChange = (ch) => scheduler.reload(ch);
  return { ...proc, clock, cron: fakeCron, timers, logger, scheduler };
}

/**
 * Replay minutes [from, to) the way production runs: at each minute, fire every live subscription
 * job that real node-cron would fire then (its own matcher, in the job's zone), then the minute
 * tick. Returns the instants at which posts happened.
 */
export async function replayMinutes(world: World, from: string, to: string): Promise<{ at: string; cronFired: boolean }[]> {
  const posted: { at: string; cronFired: boolean }[] = [];
  for (let t = Date.parse(from); t < Date.parse(to); t += 60_000) {
    const at = new Date(t);
    world.clock.set(at);
    const before = world.poster.posts.length;
    let cronFired = false;
    for (const job of world.cron.subscriptionJobs()) {
      if (world.cron.matches(job, at)) {
        cronFired = true;
        await job.run();
      }
    }
    await world.scheduler.tick(at);
    if (world.poster.posts.length > before) posted.push({ at: at.toISOString(), cronFired });
  }
  return posted;
}

/** Set the world's clock to `at` and run the minute job's body there. */
export function tickAt(world: World, at: string): ReturnType<Scheduler['tick']> {
  world.clock.set(at);
  return world.scheduler.tick(new Date(at));
}

/** Let pending promise callbacks run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise<void>((r) => setImmediate(r));
}
