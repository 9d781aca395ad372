/**
 * When a daily subscription posts: a local wall time ("HH:MM") in an IANA zone, every day or on
 * weekdays (Monday-Friday local) only. Daylight-saving rules:
 * - a time inside a spring-forward gap (e.g. 02:30 in Berlin on the last Sunday of March) posts at
 *   the first valid local minute after the gap (03:00 local, the instant the clocks jump);
 * - a time inside a fall-back overlap (02:30 happens twice) posts once, at the earlier instant.
 */
import { DateTime, IANAZone } from 'luxon';
import { addDays, isValidZone, localDate, weekdayOf, zoneLabel } from './local-time.js';

/** The parts of a subscription that decide its post times. */
export interface PostSchedule {
  /** Local time "HH:MM", 24 h. */
  time: string;
  /** IANA zone, e.g. "Europe/Berlin". */
  timeZone: string;
  cadence: 'daily' | 'weekdays';
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;

/**
 * Parse "HH:MM" (24 h) into hour and minute.
 * @throws RangeError when the text is not a valid time.
 */
export function parsePostTime(time: string): { hour: number; minute: number } {
  const m = TIME.exec(time);
  if (!m) throw new RangeError(`not a time "${time}" (use HH:MM, 24 h)`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/** True when the subscription posts on the local date "YYYY-MM-DD" (weekdays: Monday-Friday). */
export function isPostingDay(sub: Pick<PostSchedule, 'cadence'>, date: string): boolean {
  return sub.cadence === 'daily' || weekdayOf(date) <= 5;
}

/**
 * The UTC instant of a local wall time on a local date, or undefined when that wall time does not
 * exist (a spring-forward gap). In an overlap the earlier instant wins.
 */
function wallTimeInstant(zone: IANAZone, date: string, minuteOfDay: number): number | undefined {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  // The wall time read as if it were UTC; the real instant is this minus the zone's offset then.
  const wallAsUtc = Date.UTC(y, mo - 1, d) + minuteOfDay * MINUTE_MS;
  // No zone changes its offset twice within two days, so the offsets a day either side cover both
  // sides of any transition near this wall time.
  const offsets = new Set([-1, 0, 1].map((k) => zone.offset(wallAsUtc + k * DAY_MINUTES * MINUTE_MS)));
  const instants = [...offsets]
    .map((offset) => wallAsUtc - offset * MINUTE_MS)
    .filter((instant) => zone.offset(instant) * MINUTE_MS === wallAsUtc - instant);
  return instants.length > 0 ? Math.min(...instants) : undefined;
}

/**
 * The post instant (UTC) on the local date `date` ("YYYY-MM-DD" in `sub.timeZone`), or undefined
 * when the subscription does not post that day (Saturday/Sunday for 'weekdays').
 * @throws RangeError for a bad time, zone or date.
 */
export function postTimeOn(sub: PostSchedule, date: string): Date | undefined {
  const { hour, minute } = parsePostTime(sub.time);
  if (!isValidZone(sub.timeZone)) throw new RangeError(`unknown time zone "${sub.timeZone}"`);
  if (!isPostingDay(sub, date)) return undefined;
  const zone = IANAZone.create(sub.timeZone);
  const wanted = hour * 60 + minute;
  // Inside a gap, walk forward to the first local minute that exists: the instant the clocks jump.
  for (let m = wanted; m < wanted + DAY_MINUTES; m++) {
    const instant =
      m < DAY_MINUTES
        ? wallTimeInstant(zone, date, m)
        : wallTimeInstant(zone, addDays(date, 1), m - DAY_MINUTES);
    if (instant !== undefined) return new Date(instant);
  }
  throw new RangeError(`no valid local time after ${sub.time} on ${date} in ${sub.timeZone}`);
}

/**
 * The next post instant (UTC) strictly after `after`.
 * @throws RangeError for a bad time or zone.
 */
export function nextPostTime(sub: PostSchedule, after: Date): Date {
  const today = localDate(after, sub.timeZone);
  // Start a day early: a gap right after midnight can push the previous date's post into today.
  for (let k = -1; k <= 8; k++) {
    const at = postTimeOn(sub, addDays(today, k));
    if (at && at.getTime() > after.getTime()) return at;
  }
  throw new RangeError(`no post time within a week after ${after.toISOString()}`);
}

/**
 * postTimeOn results by (time, zone, cadence, date): the scheduler checks every subscription every
 * minute and the answer changes once a day, while postTimeOn walks minute by minute through a DST
 * gap. Cleared when it grows past MEMO_MAX entries.
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

/**
 * Local wall time after which a missed post is no longer made that day: a process that was down
 * at the post time (or a channel subscribed after it) posts later the same local day, until then.
 */
const CATCH_UP_UNTIL = '18:00';

/** The scheduler's decision for one subscription at one instant (see checkDue). */
export type DueCheck =
  | { due: true; localDate: string; postAt: Date }
  | { due: false; localDate: string; reason: 'not-a-posting-day' }
  | { due: false; localDate: string; reason: 'not-yet' | 'too-late'; postAt: Date };

function minuteOfDay(time: string): number {
  const { hour, minute } = parsePostTime(time);
  return hour * 60 + minute;
}

/**
 * When the catch-up window of the local date `date` closes (UTC instant): CATCH_UP_UNTIL local,
 * or, for a post time at or after it, the end of the local day (so an evening subscription still
 * posts at its own time).
 * @throws RangeError for a bad time or zone in `sub`.
 */
export function catchUpDeadline(sub: PostSchedule, date: string): Date {
  const late = minuteOfDay(sub.time) >= minuteOfDay(CATCH_UP_UNTIL);
  const deadline = late
    ? postTimeMemo({ time: '00:00', timeZone: sub.timeZone, cadence: 'daily' }, addDays(date, 1))
    : postTimeMemo({ time: CATCH_UP_UNTIL, timeZone: sub.timeZone, cadence: 'daily' }, date);
  return deadline as Date; // a 'daily' schedule posts every day, so postTimeOn is defined
}

/**
 * Should `sub` post at `now` (UTC instant)? Due when today's local post time (the local date of
 * `now` in the subscription's zone, daylight saving applied) is <= now and now is before today's
 * catch-up deadline. A missed earlier day is never back-filled: only today's local date is looked at.
 * Whether today's round was already posted is the store's business (one daily round per local date).
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

/** The next post as the scheduler will make it: at `at`, or within a minute as a catch-up. */
export type NextPost = { catchUp: true; localDate: string } | { catchUp: false; at: Date };

/**
 * The next daily post of `sub` after `now`, as the scheduler decides it: when today's post is due
 * (checkDue) and the channel has no daily round for today's local date yet (`lastPostedDate` is
 * the local date of its latest daily round, if any), the once-a-minute job posts it within a
 * minute (a catch-up); otherwise the next post time after `now` (nextPostTime).
 * @throws RangeError for a bad time or zone in `sub`.
 */
export function nextPost(sub: PostSchedule, now: Date, lastPostedDate?: string | null): NextPost {
  const check = checkDue(sub, now);
  if (check.due && check.localDate !== lastPostedDate) return { catchUp: true, localDate: check.localDate };
  return { catchUp: false, at: nextPostTime(sub, now) };
}

/**
 * A post instant shown in the subscription's zone with the zone's label (see zoneLabel), e.g.
 * "Mon 2026-03-30 09:00 CEST" or "Mon 2026-03-30 16:00 Asia/Tokyo".
 */
export function describePostTime(at: Date, timeZone: string): string {
  return `${DateTime.fromMillis(at.getTime(), { zone: timeZone }).toFormat('ccc yyyy-MM-dd HH:mm')} ${zoneLabel(at, timeZone)}`;
}
