/**
 * The words of the weekly digest a subscribed channel gets on Mondays (src/core/daily.ts). The daily
 * round itself is a round message (src/core/text/rounds.ts). Dates are local dates (YYYY-MM-DD) in
 * the subscription's zone.
 */
export const DIGEST = {
  title: (isoWeek: string) => `Weekly digest · ${isoWeek}`,
  footer: (fromDate: string, toDate: string, timeZone: string) => `${fromDate} to ${toDate} (${timeZone}) · whole team`,
  topHeading: (count: number) => `Top ${count}`,
  topText: 'Points from daily and channel rounds, 1 per right answer.',
  /** The unit after a points figure, padded to one width ("pt " / "pts"). */
  pointsUnit: (points: number) => (points === 1 ? 'pt ' : 'pts'),
  answered: (answered: number) => `(${answered} answered)`,
  topicsHeading: 'Team accuracy by topic',
  topicsText: 'Share of right answers per tag.',
  missedHeading: 'Most missed',
  /** `answer` is the right choice's text ending in a full stop. */
  missed: (prompt: string, wrong: number, answered: number, answer: string, explanation: string) =>
    `${prompt}\n${wrong} of ${answered} answers were wrong. The answer: ${answer} ${explanation}`,
  longestStreak: (userName: string, days: number) =>
    `Longest current streak here: ${userName}, ${days} daily question${days === 1 ? '' : 's'} in a row.`,
  noStreak: 'Nobody has a daily streak going here yet: answer tomorrow’s question to start one.',
} as const;
