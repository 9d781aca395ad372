/**
 * The cron seam: how the scheduler creates timed jobs. Production uses node-cron 4 (`timezone`
 * option, so "09:00 Europe/Berlin" means 09:00 Berlin wall time all year); tests inject a fake that
 * records the jobs and fires them on demand.
 */
import cron from 'node-cron';
import type { Logger } from '../core/ports/logger.js';
import { parsePostTime, type PostSchedule } from '../core/post-time.js';

/** A running cron job. */
export interface CronTask {
  /** Stop the job for good and release its timer. */
  destroy(): void | Promise<void>;
}

/** Options of one job. */
export interface CronJobOptions {
  /** IANA zone the expression's fields are read in; the process zone when absent. */
  timezone?: string;
  /** A readable job name for logs ("daily slack/T1/C1", "minute"). */
  name: string;
}

/** Creates started cron jobs. `run` never rejects (the scheduler catches everything). */
export interface CronScheduler {
  /**
   * Start a job running `run` whenever the 5-field cron `expression` matches (minute resolution).
   * @throws Error when the expression or the time zone is invalid.
   */
  schedule(expression: string, run: () => Promise<unknown>, options: CronJobOptions): CronTask;
}

/**
 * The node-cron 4 scheduler. Jobs do not overlap themselves (`noOverlap`), and node-cron's own
 * messages (missed runs after a blocked event loop) go to `logger` instead of the console.
 */
export function nodeCronScheduler(logger: Logger): CronScheduler {
  const log = logger.child({ component: 'node-cron' });
  const cronLogger = {
    info: (message: string) => log.debug({}, message),
    warn: (message: string) => log.warn({}, message),
    error: (message: string | Error, err?: Error) => log.error({ err: err ?? message }, String(message)),
    debug: (message: string | Error) => log.debug({}, String(message)),
  };
  return {
    schedule(expression, run, options) {
      return cron.schedule(expression, () => run(), {
        name: options.name,
        noOverlap: true,
        logger: cronLogger,
        ...(options.timezone !== undefined ? { timezone: options.timezone } : {}),
      });
    },
  };
}

/**
 * The cron expression of a subscription's post time, read in its own zone: "MM HH * * *" (daily)
 * or "MM HH * * 1-5" (weekdays, Monday-Friday). node-cron skips a time that falls into a
 * spring-forward gap and may fire twice in a fall-back overlap; the scheduler's minute job and the
 * store's one-round-per-(channel, local date) key cover both.
 * @throws RangeError when `time` is not "HH:MM".
 */
export function postCronExpression(sub: Pick<PostSchedule, 'time' | 'cadence'>): string {
  const { hour, minute } = parsePostTime(sub.time);
  return `${minute} ${hour} * * ${sub.cadence === 'weekdays' ? '1-5' : '*'}`;
}

/** Every minute, in any zone. */
export const EVERY_MINUTE = '* * * * *';
