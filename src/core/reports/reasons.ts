/**
 * The reasons a learner can give when reporting a problem with a deck item, and the words that
 * name them when typed (`report q-xyz outdated …`).
 */

/** Reason codes, in the order they are offered. Stored as they are. */
export const REPORT_REASONS = ['wrong', 'ambiguous', 'outdated', 'unclear', 'typo', 'other'] as const;

/** One reason code. */
export type ReportReason = (typeof REPORT_REASONS)[number];

/** What kind of deck item a report is about. */
export type ReportItemKind = 'question' | 'term' | 'scenario';

const WORDS: Record<string, ReportReason> = {
  wrong: 'wrong',
  'wrong-answer': 'wrong',
  incorrect: 'wrong',
  ambiguous: 'ambiguous',
  'two-answers': 'ambiguous',
  defensible: 'ambiguous',
  outdated: 'outdated',
  stale: 'outdated',
  unclear: 'unclear',
  confusing: 'unclear',
  typo: 'typo',
  other: 'other',
};

/** The reason a typed word names (its code or a synonym, any case), or undefined. */
export function parseReason(word: string): ReportReason | undefined {
  return WORDS[word.toLowerCase()];
}

/** Whether `value` is a reason code. */
export function isReportReason(value: unknown): value is ReportReason {
  return typeof value === 'string' && (REPORT_REASONS as readonly string[]).includes(value);
}
