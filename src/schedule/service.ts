/**
 * Wiring the scheduler into the running process (called from src/main.ts after the adapters have
 * started): node-cron jobs on the wall clock, the heartbeat file (see heartbeatPath), and
 * `deps.onSubscriptionChange` pointed at `scheduler.reload` so subscribe/unsubscribe take effect at
 * once.
 */
import type { Platform } from '../core/context.js';
import type { CoreDeps } from '../core/deps.js';
import type { Leadership } from '../core/ports/leadership.js';
import type { DailyService } from '../core/tutor-api.js';
import type { CronScheduler } from './cron.js';
import { sendDueReminders } from '../core/exam/reminders.js';
import { heartbeatPath } from './heartbeat.js';
import { startScheduler, systemClock, type Clock, type Scheduler } from './scheduler.js';

/**
 * How long shutdown waits for in-flight scheduled posts, in ms: with main's 5 s for the adapters
 * this stays within Docker's default 10 s between SIGTERM and SIGKILL.
 */
const SCHEDULER_STOP_MS = 5_000;

/** What `startDailySchedule` needs. */
export interface DailyScheduleOptions {
  /** store, logger and timers are used; `onSubscriptionChange` is set here. */
  deps: CoreDeps;
  /** Usually `new DailyRounds(deps)`. */
  daily: DailyService;
  /** Platforms served; default: those with a Poster in `deps.posters` at the time of each run. */
  platforms?: () => Platform[];
  /** Environment (HEARTBEAT_PATH, else next to DATABASE_PATH: see heartbeatPath); default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Default: the wall clock. */
  clock?: Clock;
  /** Default: node-cron 4 (tests pass a fake). */
  cron?: CronScheduler;
  /** Which of several processes runs the scheduled work; default: this one always. */
  leadership?: Leadership;
}

/**
 * Start the daily-quiz scheduler for the running adapters and subscribe it to subscription
 * changes. Stop it (`await scheduler.stop()`) before disconnecting adapters and closing the store.
 */
export function startDailySchedule(opts: DailyScheduleOptions): Scheduler {
  const { deps } = opts;
  const env = opts.env ?? process.env;
  const heartbeat = heartbeatPath(env);
  const leadership = opts.leadership;
  const scheduler = startScheduler({
    store: deps.store,
    daily: opts.daily,
    platforms: opts.platforms ?? (() => (Object.keys(deps.posters) as Platform[]).filter((p) => deps.posters[p] !== undefined)),
    clock: opts.clock ?? systemClock,
    logger: deps.logger.child({ component: 'scheduler' }),
    timers: deps.timers,
    ...(heartbeat !== undefined ? { heartbeatPath: heartbeat } : {}),
    stopTimeoutMs: SCHEDULER_STOP_MS,
    ...(opts.cron ? { cron: opts.cron } : {}),
    ...(leadership ? { leader: () => leadership.isLeader() } : {}),
    reminders: (now) => sendDueReminders({ store: deps.store, library: deps.library, posters: deps.posters, logger: deps.logger.child({ component: 'reminders' }) }, now),
  });
  deps.onSubscriptionChange = (channel) => void scheduler.reload(channel);
  return scheduler;
}
