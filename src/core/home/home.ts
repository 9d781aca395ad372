/**
 * The learner's dashboard (a platform's home page, e.g. an app home tab): their stats (points,
 * accuracy, streaks, accuracy per topic and exam countdown, as `stats` shows them), their points and
 * place on the team board this week, their practice cards due, and the channels they study in with
 * each one's next daily question. Works for a learner with no history (each part says how to start).
 */
import type { Context } from '../context.js';
import type { CoreDeps } from '../deps.js';
import { handleStats } from '../handlers/stats.js';
import { DEFAULT_TIME_ZONE, isValidZone, weekRange } from '../local-time.js';
import { describePostTime, nextPost } from '../post-time.js';
import { cardDue } from '../practice.js';
import type { Reply, ReplyBlock } from '../reply.js';
import { rankScoreLines } from '../scoring.js';
import { HOME_TEXT } from './text.js';

/** Most channels listed. */
const MAX_CHANNELS = 10;

/** What the dashboard reads. */
type HomeDeps = Pick<CoreDeps, 'store' | 'library'>;

/** "place 2 of 7, 5 points" this ISO week (the learner's own zone, else UTC), or the words for none. */
async function thisWeek(deps: HomeDeps, ctx: Context): Promise<string> {
  const zone = ctx.userTimeZone !== undefined && isValidZone(ctx.userTimeZone) ? ctx.userTimeZone : DEFAULT_TIME_ZONE;
  const ranked = rankScoreLines(await deps.store.scoreLines({ scope: { platform: ctx.platform, teamId: ctx.teamId }, ...weekRange(ctx.now, zone) }));
  const mine = ranked.find((line) => line.userId === ctx.userId);
  return mine ? HOME_TEXT.week(mine.points, mine.rank, ranked.length) : HOME_TEXT.weekNone;
}

/** How many of the learner's practice cards (every deck) are due at ctx.now, of how many. */
async function cardsDue(deps: HomeDeps, ctx: Context): Promise<string> {
  let total = 0;
  let due = 0;
  for (const deckId of deps.library.forTeam(ctx).decks.keys()) {
    for (const card of (await deps.store.practiceCards(ctx, ctx.userId, deckId)).values()) {
      total += 1;
      const at = cardDue(card);
      if (at !== undefined && at.getTime() <= ctx.now.getTime()) due += 1;
    }
  }
  return total === 0 ? HOME_TEXT.dueNone : HOME_TEXT.due(due, total);
}

/** The channels the learner answered daily questions in, each with its deck and next daily post. */
async function channels(deps: HomeDeps, ctx: Context): Promise<string> {
  const streaks = (await deps.store.streaks(ctx, ctx.userId)).slice(0, MAX_CHANNELS);
  if (streaks.length === 0) return HOME_TEXT.channelsNone;
  const lines: string[] = [];
  for (const { channelId } of streaks) {
    const channel = { platform: ctx.platform, teamId: ctx.teamId, channelId };
    const sub = await deps.store.getSubscription(channel);
    if (!sub) {
      lines.push(HOME_TEXT.channelNoDaily(channelId));
      continue;
    }
    if (sub.pausedReason !== null) {
      lines.push(HOME_TEXT.channelPaused(channelId));
      continue;
    }
    const deck = deps.library.forTeam(sub).get(sub.deckId)?.meta.title ?? sub.deckId;
    const zone = isValidZone(sub.timeZone) ? sub.timeZone : DEFAULT_TIME_ZONE;
    try {
      const next = nextPost(sub, ctx.now);
      lines.push(HOME_TEXT.channel(channelId, deck, next.catchUp ? HOME_TEXT.withinAMinute : describePostTime(next.at, zone)));
    } catch {
      lines.push(HOME_TEXT.channelNoDaily(channelId));
    }
  }
  return lines.join('\n');
}

/**
 * The dashboard of `ctx.userId` in `ctx`'s team at ctx.now, as a Reply only they see: the `stats`
 * blocks, then "This week", "Practice cards" and "Where you study" sections, and buttons to practise
 * (the practice action). Platforms add their own ways to open a scenario or look a term up.
 */
export async function handleHome(deps: HomeDeps, ctx: Context): Promise<Reply> {
  const stats = await handleStats(deps.store, deps.library.forTeam(ctx), { ...ctx, isDirectMessage: true }, undefined);
  const blocks: ReplyBlock[] = [
    { type: 'section', heading: HOME_TEXT.weekHeading, text: await thisWeek(deps, ctx) },
    ...stats.blocks,
    { type: 'section', heading: HOME_TEXT.dueHeading, text: await cardsDue(deps, ctx) },
    { type: 'section', heading: HOME_TEXT.channelsHeading, text: await channels(deps, ctx) },
  ];
  return {
    visibility: 'user',
    tone: 'info',
    title: HOME_TEXT.title(ctx.userName),
    blocks,
    buttons: [{ action: { kind: 'practice' }, label: HOME_TEXT.practiseButton, style: 'primary' }, ...(stats.buttons ?? [])],
    footer: HOME_TEXT.footer,
  };
}
