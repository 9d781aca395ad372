/**
 * Example dates in help texts. A fixed date in an example goes stale (a newcomer copied
 * `exam 2026-06-30` from the help and was told it was in the past), so examples carry placeholders
 * that help fills with dates about six months after the event's day (UTC), and the generated README
 * table fills with fixed dates well in the future.
 */
import { DateTime } from 'luxon';

/** Placeholder in an example for a learner's exam day. */
export const EXAM_DAY = '{exam-day}';
/** Placeholder in an example for a channel's exam day (a fortnight after EXAM_DAY). */
export const CHANNEL_EXAM_DAY = '{channel-exam-day}';

/** The dates that replace the placeholders, "YYYY-MM-DD". */
export interface ExampleDates {
  examDay: string;
  channelExamDay: string;
}

/** The fixed dates the README's generated subcommand table shows. */
export const README_EXAMPLE_DATES: ExampleDates = { examDay: '2027-06-30', channelExamDay: '2027-07-15' };

/** Example dates for `now` (a UTC instant): six months ahead and six months and 15 days ahead, as UTC dates. */
export function exampleDates(now: Date): ExampleDates {
  const day = DateTime.fromJSDate(now, { zone: 'UTC' }).startOf('day').plus({ months: 6 });
  return { examDay: day.toISODate() ?? '', channelExamDay: day.plus({ days: 15 }).toISODate() ?? '' };
}

/** `text` with the placeholders replaced by `dates`. */
export function fillExampleDates(text: string, dates: ExampleDates): string {
  return text.replaceAll(CHANNEL_EXAM_DAY, dates.channelExamDay).replaceAll(EXAM_DAY, dates.examDay);
}
