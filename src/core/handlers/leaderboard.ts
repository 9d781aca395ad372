/**
 * `leaderboard [week|month|30d|all] [here]`: the team's (or, with `here`, the channel's) top 10 for
 * the ISO week / calendar month / last 30 days in the channel's local time, or all time, plus the
 * asker's own line when they are outside the top 10.
 */
import { DateTime } from 'luxon';
import type { LeaderboardPeriod } from '../command.js';
import type { Context } from '../context.js';
import { channelTimeZone, isoWeek, last30, monthRange, weekRange, type LocalDateRange } from '../local-time.js';
import type { BoardsPort, ScoreQuery, SubscriptionsPort } from '../ports/store.js';
import type { Reply } from '../reply.js';
import { rankScoreLines, type RankedLine } from '../scoring.js';
import { LEADERBOARD } from '../text/leaderboard.js';
import { errorReply } from './replies.js';

/** How many lines a board shows before the asker's own. */
const BOARD_SIZE = 10;

/** Longest name shown in a board line, in characters. */
const NAME_WIDTH = 18;

/** The local date range and a human label for a period (undefined range = all time). */
function periodRange(period: LeaderboardPeriod, now: Date, zone: string): { range?: LocalDateRange; label: string } {
  switch (period) {
    case 'week': {
      const range = weekRange(now, zone);
      return { range, label: LEADERBOARD.period.week(isoWeek(now, zone), range.fromDate, range.toDate) };
    }
    case 'month':
      return { range: monthRange(now, zone), label: DateTime.fromJSDate(now, { zone }).toFormat(LEADERBOARD.period.monthFormat) };
    case '30d': {
      const range = last30(now, zone);
      return { range, label: LEADERBOARD.period.last30(range.fromDate, range.toDate) };
    }
    case 'all':
      return { label: LEADERBOARD.period.all };
  }
}

function fitName(name: string, width: number): string {
  const chars = [...name];
  return chars.length > width ? `${chars.slice(0, width - 1).join('')}…` : name.padEnd(width + name.length - chars.length);
}

/** One aligned board line: rank, name, points, accuracy, answers. */
function boardLine(line: RankedLine, isAsker: boolean): string {
  const pct = `${Math.round(line.accuracy * 100)}%`;
  return `${String(line.rank).padStart(3)}  ${fitName(line.userName, NAME_WIDTH)}  ${String(line.points).padStart(4)}  ${pct.padStart(4)}  ${String(line.answered).padStart(5)}${isAsker ? LEADERBOARD.youMark : ''}`;
}

/** The header line matching `boardLine`. */
const BOARD_HEADER = `${'#'.padStart(3)}  ${LEADERBOARD.columns.name.padEnd(NAME_WIDTH)}  ${LEADERBOARD.columns.points.padStart(4)}  ${LEADERBOARD.columns.accuracy.padStart(4)}  ${LEADERBOARD.columns.answered.padStart(5)}`;

/** Answer `leaderboard`. */
export async function handleLeaderboard(
  store: Pick<BoardsPort, 'scoreLines'> & Pick<SubscriptionsPort, 'getSubscription'>,
  ctx: Context,
  period: LeaderboardPeriod,
  here: boolean,
): Promise<Reply> {
  if (here && ctx.isDirectMessage) {
    return errorReply(LEADERBOARD.hereNeedsChannel.title, LEADERBOARD.hereNeedsChannel.text, ...(ctx.surface?.channelHint ? [ctx.surface.channelHint] : []));
  }
  const zone = await channelTimeZone(store, ctx);
  const { range, label } = periodRange(period, ctx.now, zone);
  const query: ScoreQuery = {
    scope: { platform: ctx.platform, teamId: ctx.teamId },
    ...(here ? { channelId: ctx.channelId } : {}),
    ...(range ?? {}),
  };
  const ranked = rankScoreLines(await store.scoreLines(query));
  const where = here ? LEADERBOARD.thisChannel : LEADERBOARD.theTeam;
  const title = LEADERBOARD.title(where, label);
  if (ranked.length === 0) {
    return {
      visibility: 'user',
      tone: 'info',
      title,
      blocks: [{ type: 'text', text: LEADERBOARD.empty(where, label) }],
    };
  }
  const top = ranked.slice(0, BOARD_SIZE);
  const lines = [BOARD_HEADER, ...top.map((l) => boardLine(l, l.userId === ctx.userId))];
  const own = ranked.findIndex((l) => l.userId === ctx.userId);
  if (own >= BOARD_SIZE) {
    lines.push(`${' '.repeat(3)}  …`);
    lines.push(boardLine(ranked[own] as RankedLine, true));
  }
  const footer = [
    LEADERBOARD.players(ranked.length),
    period === 'all' ? '' : LEADERBOARD.datesIn(zone),
    own === -1 ? LEADERBOARD.notOnBoard : '',
  ]
    .filter((s) => s !== '')
    .join(' ');
  return { visibility: 'user', tone: 'info', title, blocks: [{ type: 'pre', lines }], footer };
}
