/**
 * Is a subscription due now? The pure decision behind every scheduled run: today's post time
 * (local date of `now` in the subscription's zone, daylight saving applied by `postTimeOn`) has
 * come, and the catch-up window has not closed. A process that was down at the post time posts
 * when it starts later the same local day, until {@link CATCH_UP_UNTIL} local; a missed earlier
 * day is never back-filled (only today's local date is ever looked at).
 */
import { addDays, localDate } from '../core/local-time.js';
import { parsePostTime, postTimeOn, type PostSchedule } from '../core/post-time.js';

/**
 * postTimeOn results by (time, zone, cadence, date): every subscription is checked every minute and
 * the answer changes once a day, while postTimeOn walks minute by minute through a DST gap.
 * Cleared when it grows past MEMO_MAX entries.
 */
const postTimes = new Map<string, Date | undefined>();
const MEMO_MAX = 10_000;

function postTimeMemo(sub: PostSchedule, date: string): Date | undefined {
  const key = `${sub.time}|${sub.timeZone}|${sub.cadence}|${date}`;
  let at: Date | undefined;
  if (postTimes.has(key)) {
    at = postTimes.get(key);
  } else {
    at = postTimeOn(sub, date); // throws for a bad schedule: nothing is memoised then
    if (postTimes.size >= MEMO_MAX) postTimes.clear();
    postTimes.set(key, at);
  }
  return at && new Date(at.getTime()); // a copy: callers may not change the memo
}

/** Local wall time after which a missed post is no longer made that day. */
export const CATCH_UP_UNTIL = '18:00';

/** The decision for one subscription at one instant. */
export type DueCheck =
  | { due: true; localDate: string; postAt: Date }
  | { due: false; localDate: string; reason: 'not-a-posting-day' }
  | { due: false; localDate: string; reason: 'not-yet' | 'too-late'; postAt: Date };

/**
 * When today's catch-up window closes (UTC instant): 18:00 local, or, for a post time at or after
 * 18:00, the end of the local day (so an evening subscription still posts at its own time).
 * @throws RangeError for a bad time or zone in `sub`.
 */
export function catchUpDeadline(sub: PostSchedule, date: string): Date {
  const late = minuteOfDay(sub.time) >= minuteOfDay(CATCH_UP_UNTIL);
  const deadline = late
    ? postTimeMemo({ time: '00:00', timeZone: sub.timeZone, cadence: 'daily' }, addDays(date, 1))
    : postTimeMemo({ time: CATCH_UP_UNTIL, timeZone: sub.timeZone, cadence: 'daily' }, date);
  return deadline as Date; // a 'daily' schedule posts every day, so postTimeOn is defined
}

function minuteOfDay(time: string): number {
  const { hour, minute } = parsePostTime(time);
  return hour * 60 + minute;
}

/**
 * Decide whether `sub` should post at `now` (UTC instant): due when today's local post time is
 * <= now and now is before the catch-up deadline.
 * @throws RangeError for a bad time or zone in `sub`.
 */
export function checkDue(sub: PostSchedule, now: Date): DueCheck {
  const date = localDate(now, sub.timeZone);
  const postAt = postTimeMemo(sub, date);
  if (!postAt) return { due: false, localDate: date, reason: 'not-a-posting-day' };
  if (postAt.getTime() > now.getTime()) return { due: false, localDate: date, reason: 'not-yet', postAt };
  if (now.getTime() >= catchUpDeadline(sub, date).getTime()) {
    return { due: false, localDate: date, reason: 'too-late', postAt };
  }
  return { due: true, localDate: date, postAt };
}
