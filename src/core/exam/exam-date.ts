/**
 * Exam dates: checking a typed date against the learner's (or channel's) time zone, and the days
 * left until it. Dates are "YYYY-MM-DD" local calendar dates; instants are UTC.
 */
import { DateTime } from 'luxon';
import { exampleDates } from '../commands/example-dates.js';
import { localDate } from '../local-time.js';
import { EXAM_TEXT } from './text.js';

/** The furthest ahead an exam date may be, in years. */
const MAX_YEARS_AHEAD = 2;

/**
 * Check a typed exam date at `now` in `zone`: `{ date }` when it is a real date from today to two
 * years ahead, else `{ problem }` with one line saying what was wrong.
 */
export function checkExamDate(typed: string, zone: string, now: Date): { date: string } | { problem: string } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(typed)) return { problem: EXAM_TEXT.badDateShape(typed, exampleDates(now).examDay) };
  const day = DateTime.fromISO(typed, { zone });
  if (!day.isValid) return { problem: EXAM_TEXT.noSuchDate(typed) };
  const today = localDate(now, zone);
  if (typed < today) return { problem: EXAM_TEXT.pastDate(typed, today) };
  const limit = DateTime.fromISO(today, { zone }).plus({ years: MAX_YEARS_AHEAD }).toISODate() ?? today;
  if (typed > limit) return { problem: EXAM_TEXT.tooFarAhead(typed, limit) };
  return { date: typed };
}

/** Whole days from today (in `zone` at `now`) to the exam date: 0 on the day, negative once past. */
function daysUntil(date: string, zone: string, now: Date): number {
  const today = DateTime.fromISO(localDate(now, zone), { zone: 'UTC' });
  const exam = DateTime.fromISO(date, { zone: 'UTC' });
  return Math.round(exam.diff(today, 'days').days);
}

/** The UTC instant the exam day starts in `zone` (cards are judged by what is recalled then). */
export function examDayStart(date: string, zone: string): Date {
  return DateTime.fromISO(date, { zone }).startOf('day').toJSDate();
}

/** "12 days to the exam (2026-03-14)", "The exam is today", or undefined once it is past. */
export function countdownLine(date: string, zone: string, now: Date): string | undefined {
  const days = daysUntil(date, zone, now);
  if (days < 0) return undefined;
  return EXAM_TEXT.countdown(days, date);
}
