/**
 * Channel-local calendar arithmetic with luxon: local dates ("YYYY-MM-DD"), ISO weeks and the
 * inclusive date ranges that boards and digests query. Every function takes the UTC instant and
 * the IANA zone explicitly; nothing here reads the wall clock.
 */
import { DateTime, IANAZone } from 'luxon';
import type { ChannelScope } from './context.js';
import type { SubscriptionsPort } from './ports/store.js';

/** An inclusive range of local dates, both "YYYY-MM-DD". */
export interface LocalDateRange {
  fromDate: string;
  toDate: string;
}

/** The zone used when a channel has no subscription (and so no zone of its own). */
export const DEFAULT_TIME_ZONE = 'UTC';

/** Memo of IANAZone.isValidZone, which builds a new Intl.DateTimeFormat (~0.5 ms) on every call. */
const zoneValidity = new Map<string, boolean>();
const ZONE_MEMO_MAX = 1000;

/** True when `zone` is an IANA zone luxon (and so the platform's ICU) knows, e.g. "Europe/Berlin". */
export function isValidZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone.length === 0) return false;
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    if (zoneValidity.size < ZONE_MEMO_MAX) zoneValidity.set(zone, valid);
  }
  return valid;
}

/**
 * English locales whose ICU data name their own region's zones: en-US knows EST/PST, en-GB knows
 * GMT/BST/CET/CEST, en-AU AEST/AEDT, en-NZ NZST/NZDT, en-IN IST, and so on. Tried in this order.
 */
const ABBREVIATION_LOCALES = ['en-US', 'en-GB', 'en-AU', 'en-NZ', 'en-IN', 'en-CA', 'en-IE', 'en-ZA'] as const;
/** An offset written as a name: "GMT+1", "UTC-05:30", "GMT−3" (what ICU prints when it has no abbreviation). */
const OFFSET_NAME = /^(GMT|UTC)[+\-\u2212]/;
/** Memo of zoneLabel per zone and offset (the label depends only on which offset is in force). */
const zoneLabels = new Map<string, string>();

/**
 * How `zone` is labelled at the UTC instant `at`: its usual abbreviation there ("CET" or "CEST" for
 * Europe/Berlin, "NZDT", "EST", "GMT" for London in winter, "UTC"), else its IANA name ("Asia/Tokyo"),
 * never a bare offset like "GMT+1". The abbreviation is the first one the English locales of
 * ABBREVIATION_LOCALES give.
 * @throws RangeError when `zone` is not a valid IANA zone.
 */
export function zoneLabel(at: Date, zone: string): string {
  const dt = inZone(at, zone);
  const key = `${zone}|${dt.offset}`;
  let label = zoneLabels.get(key);
  if (label === undefined) {
    label = zone;
    for (const locale of ABBREVIATION_LOCALES) {
      const name = dt.setLocale(locale).offsetNameShort;
      if (name && !OFFSET_NAME.test(name)) {
        label = name;
        break;
      }
    }
    if (zoneLabels.size < ZONE_MEMO_MAX) zoneLabels.set(key, label);
  }
  return label;
}

/**
 * `now` as a luxon DateTime in `zone`.
 * @throws RangeError when `zone` is not a valid IANA zone.
 */
export function inZone(now: Date, zone: string): DateTime {
  if (!isValidZone(zone)) throw new RangeError(`unknown time zone "${zone}"`);
  return DateTime.fromMillis(now.getTime(), { zone });
}

/**
 * Per zone, the local day last asked about: its date and its UTC bounds [start, end) in ms. Every
 * answer needs its local date, and luxon takes ~20 µs to build one; consecutive answers in a
 * channel almost always fall on the same local day, which this answers with two comparisons.
 */
const lastDay = new Map<string, { date: string; start: number; end: number }>();

/** The local calendar date of the UTC instant `now` in `zone`, as "YYYY-MM-DD". @throws RangeError for a bad zone. */
export function localDate(now: Date, zone: string): string {
  const ms = now.getTime();
  const day = lastDay.get(zone);
  if (day !== undefined && ms >= day.start && ms < day.end) return day.date;
  const start = inZone(now, zone).startOf('day');
  const date = start.toISODate() as string;
  if (start.isValid && (lastDay.size < ZONE_MEMO_MAX || lastDay.has(zone))) {
    // The next local day starts at the start of the day holding an instant 36 h on (local days
    // last 23 to 25 hours). Remembered only when both ends check out: a midnight that occurs
    // twice or not at all can make luxon pick the wrong instant, and then every call asks luxon.
    const from = start.toMillis();
    const end = DateTime.fromMillis(from + 36 * 3_600_000, { zone }).startOf('day').toMillis();
    const dateAt = (at: number) => DateTime.fromMillis(at, { zone }).toISODate();
    if (end > ms && dateAt(from) === date && dateAt(end - 1) === date) lastDay.set(zone, { date, start: from, end });
  }
  return date;
}

/** The ISO week ("2026-W48", ISO week-numbering year) that `now` falls in, in `zone`. @throws RangeError for a bad zone. */
export function isoWeek(now: Date, zone: string): string {
  return isoWeekOf(inZone(now, zone));
}

function isoWeekOf(dt: DateTime): string {
  return `${dt.weekYear}-W${String(dt.weekNumber).padStart(2, '0')}`;
}

/** Monday..Sunday (local dates) of the ISO week that `now` falls in, in `zone`. */
export function weekRange(now: Date, zone: string): LocalDateRange {
  const day = inZone(now, zone).startOf('day');
  const monday = day.minus({ days: day.weekday - 1 });
  return { fromDate: monday.toISODate() as string, toDate: monday.plus({ days: 6 }).toISODate() as string };
}

/** The ISO week before the one `now` falls in: its label ("2026-W47") and Monday..Sunday local dates. */
export function previousWeek(now: Date, zone: string): LocalDateRange & { isoWeek: string } {
  const lastWeekDay = inZone(now, zone).startOf('day').minus({ weeks: 1 });
  const monday = lastWeekDay.minus({ days: lastWeekDay.weekday - 1 });
  return {
    isoWeek: isoWeekOf(monday),
    fromDate: monday.toISODate() as string,
    toDate: monday.plus({ days: 6 }).toISODate() as string,
  };
}

/** The first..last local date of the calendar month that `now` falls in, in `zone`. */
export function monthRange(now: Date, zone: string): LocalDateRange {
  const day = inZone(now, zone);
  return {
    fromDate: day.startOf('month').toISODate() as string,
    toDate: day.endOf('month').toISODate() as string,
  };
}

/** The rolling 30 local days ending today (today and the 29 days before it), in `zone`. */
export function last30(now: Date, zone: string): LocalDateRange {
  const day = inZone(now, zone).startOf('day');
  return { fromDate: day.minus({ days: 29 }).toISODate() as string, toDate: day.toISODate() as string };
}

/** ISO weekday of a local date "YYYY-MM-DD": 1 = Monday .. 7 = Sunday. @throws RangeError for a malformed date. */
export function weekdayOf(date: string): number {
  const dt = DateTime.fromISO(date, { zone: 'UTC' });
  if (!dt.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not a local date "${date}"`);
  return dt.weekday;
}

/** The local date `days` days after (negative: before) the local date `date`. */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as string;
}

/**
 * The time zone a channel's dates are counted in: its subscription's zone, else UTC
 * ({@link DEFAULT_TIME_ZONE}). Answers store their local date in this zone, so boards agree.
 */
export async function channelTimeZone(store: Pick<SubscriptionsPort, 'getSubscription'>, channel: ChannelScope): Promise<string> {
  const zone = (await store.getSubscription(channel))?.timeZone;
  return zone && isValidZone(zone) ? zone : DEFAULT_TIME_ZONE;
}
