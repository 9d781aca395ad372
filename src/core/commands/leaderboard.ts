/** `leaderboard [week|month|30d|all] [here]`: the team's (or this channel's) top scorers. */
import { handleLeaderboard } from '../handlers/leaderboard.js';
import { defineCommand } from './spec.js';
import { invalid, quote } from './text-args.js';

/** Leaderboard period: ISO week / calendar month in the channel's local time, rolling 30 days, all time. */
export type LeaderboardPeriod = 'week' | 'month' | '30d' | 'all';

/** The periods with their labels, in picker order. */
const PERIOD_CHOICES: readonly { label: string; value: LeaderboardPeriod }[] = [
  { label: 'This week', value: 'week' },
  { label: 'This month', value: 'month' },
  { label: 'Last 30 days', value: '30d' },
  { label: 'All time', value: 'all' },
];

/** Words typed for a period (lower case). */
const PERIOD_WORDS: Readonly<Record<string, LeaderboardPeriod>> = {
  week: 'week',
  weekly: 'week',
  month: 'month',
  monthly: 'month',
  '30d': '30d',
  '30': '30d',
  '30days': '30d',
  all: 'all',
  'all-time': 'all',
  alltime: 'all',
  ever: 'all',
};

/** A parsed `leaderboard`. */
export interface LeaderboardCommand {
  kind: 'leaderboard';
  period: LeaderboardPeriod;
  /** Only this channel's answers. */
  here: boolean;
}

export const leaderboard = defineCommand<LeaderboardCommand>({
  name: 'leaderboard',
  aliases: ['board', 'lb', 'top'],
  help: {
    usage: 'leaderboard [week|month|30d|all] [here]',
    summary: "the team's top 10 and your own place",
    examples: ['leaderboard month here'],
    details: [
      "Default: this ISO week. Weeks and months follow the channel's time zone (its subscription's, else UTC).",
      '`here` limits the board to this channel (a study group). Ranked by points, then accuracy: equal points and accuracy share a rank (1, 2, 2, 4), and within a shared rank who got there first is listed first.',
    ],
  },
  description: "The team's (or this channel's) top scorers",
  usageHint: 'leaderboard',
  options: [
    { name: 'period', kind: 'string', description: 'Which period (default: this week)', choices: PERIOD_CHOICES },
    { name: 'here', kind: 'boolean', description: 'Only this channel' },
  ],
  parse: ({ args, input }) => {
    let period: LeaderboardPeriod | undefined;
    let here = false;
    for (const raw of args) {
      const a = raw.toLowerCase();
      if (a === 'here') {
        if (here) return invalid(`unexpected word ${quote(raw)}: \`here\` goes once, e.g. \`leaderboard week here\``, input);
        here = true;
        continue;
      }
      const p = PERIOD_WORDS[a];
      if (p === undefined) return invalid(`unknown leaderboard period ${quote(raw)}; use week, month, 30d or all`, input);
      if (period !== undefined && period !== p) return invalid('leaderboard takes one period: week, month, 30d or all', input);
      period = p;
    }
    return { kind: 'leaderboard', period: period ?? 'week', here };
  },
  // The adapter has checked the period against the choices.
  fromOptions: (o) => ({ kind: 'leaderboard', period: (o.string('period') ?? 'week') as LeaderboardPeriod, here: o.boolean('here') }),
  run: (c, ctx, { deps }) => handleLeaderboard(deps.store, ctx, c.period, c.here),
});
