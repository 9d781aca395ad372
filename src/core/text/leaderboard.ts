/**
 * The words of `leaderboard [week|month|30d|all] [here]` (src/core/handlers/leaderboard.ts). Dates
 * are local dates (YYYY-MM-DD) in the channel's zone; `label` is a period's label from below.
 */
export const LEADERBOARD = {
  period: {
    week: (isoWeek: string, fromDate: string, toDate: string) => `this week (${isoWeek}, ${fromDate} to ${toDate})`,
    /** A luxon format for the month's label ("December 2026"). */
    monthFormat: 'LLLL yyyy',
    last30: (fromDate: string, toDate: string) => `the last 30 days (${fromDate} to ${toDate})`,
    all: 'all time',
  },
  youMark: '  ← you',
  /** The column heads of a board line. */
  columns: { name: 'Name', points: 'Pts', accuracy: 'Acc', answered: 'Ans' },
  hereNeedsChannel: {
    title: '`here` needs a channel',
    text: 'In a direct message, leave out `here` to see the team board.',
  },
  thisChannel: 'this channel',
  theTeam: 'the team',
  title: (where: string, label: string) => `Leaderboard · ${where} · ${label}`,
  empty: (where: string, label: string) => `Nobody in ${where} has answered a round in ${label} yet. Open one with \`quiz here\`.`,
  players: (count: number) =>
    `${count} ${count === 1 ? 'player' : 'players'}. Ranked by points, then accuracy; equal points and accuracy share a rank, who got there first listed first.`,
  datesIn: (zone: string) => `Dates in ${zone}.`,
  notOnBoard: 'You have no round answers in this period.',
} as const;
