/**
 * The daily-quiz subscription of a channel: `subscribe` and `unsubscribe` (admins only) and
 * `schedule` (anyone). Bad values are refused with a message naming the value and the accepted
 * form, and nothing is changed.
 */
import type { ChannelScope, Context } from '../context.js';
import type { DeckLibrary } from '../deck/library.js';
import { quote } from '../parse-command.js';
import { describePostTime, nextPost } from '../post-time.js';
import type { Logger } from '../ports/logger.js';
import type { PosterRegistry } from '../ports/poster.js';
import type { ChannelDecksPort, RoundsPort, SubscriptionRow, SubscriptionsPort } from '../ports/store.js';
import { closeAndReveal, type RevealStore } from '../rounds.js';
import type { Reply } from '../reply.js';
import { errorReply } from './replies.js';
import { checkTimeZone } from './time-zone.js';

/** Defaults of `subscribe` without arguments. */
export const SUBSCRIBE_DEFAULTS = { time: '09:00', cadence: 'weekdays' as const };

/** What `subscribe` was given (raw words; validated here). */
export interface SubscribeArgs {
  time?: string;
  timeZone?: string;
  cadence?: 'daily' | 'weekdays';
  deckId?: string;
}

/** What the handlers need besides the event (CoreDeps has all of it). */
export interface SubscriptionDeps {
  store: SubscriptionsPort & ChannelDecksPort & Pick<RoundsPort, 'latestDailyRound'> & RevealStore;
  library: DeckLibrary;
  /** Used by `unsubscribe` to reveal the channel's open daily round. */
  posters: PosterRegistry;
  logger: Logger;
  onSubscriptionChange?: (channel: ChannelScope) => void;
}

function channelOf(ctx: Context): ChannelScope {
  return { platform: ctx.platform, teamId: ctx.teamId, channelId: ctx.channelId };
}

/** "H:MM" or "HH:MM", 00:00-23:59 -> "HH:MM"; anything else -> undefined. */
export function normaliseTime(raw: string): string | undefined {
  const m = /^([0-9]{1,2}):([0-9]{2})$/.exec(raw.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h <= 23 && min <= 59 ? `${String(h).padStart(2, '0')}:${m[2]}` : undefined;
}

/**
 * The next post as the scheduler will make it (core post-time `nextPost`): "today, within a minute
 * (catch-up)" when today's post time has passed but the catch-up window (until 18:00 local) is open
 * and the channel has no daily round for today yet; else "Thu 2026-11-26 09:00 GMT+1 (Thu 2026-11-26
 * 08:00 UTC)". `lastPostedDate` is the local date of the channel's latest daily round, if any.
 */
export function describeNextPost(sub: Pick<SubscriptionRow, 'time' | 'timeZone' | 'cadence'>, now: Date, lastPostedDate?: string | null): string {
  const next = nextPost(sub, now, lastPostedDate);
  if (next.catchUp) return `today, within a minute (catch-up: today's ${sub.time} post has not been made yet)`;
  return `${describePostTime(next.at, sub.timeZone)} (${describePostTime(next.at, 'UTC')})`;
}

/** The local date of the channel's latest daily round, or undefined when it has none. */
async function lastDailyDate(store: Pick<RoundsPort, 'latestDailyRound'>, channel: ChannelScope): Promise<string | undefined> {
  return (await store.latestDailyRound(channel))?.localDate ?? undefined;
}

/** `subscribe [HH:MM] [zone] [daily|weekdays] [deck]`, for an admin in a channel (checked by the dispatcher). */
export async function handleSubscribe(deps: SubscriptionDeps, ctx: Context, args: SubscribeArgs): Promise<Reply> {
  // Subscribing again keeps what is not given (so a bare `subscribe` resumes a paused channel as it was).
  const channel = channelOf(ctx);
  const before = await deps.store.getSubscription(channel);
  const time = args.time === undefined ? (before?.time ?? SUBSCRIBE_DEFAULTS.time) : normaliseTime(args.time);
  if (time === undefined) {
    return errorReply(`time ${quote(args.time ?? '')} is not a valid HH:MM (00:00-23:59)`, 'For example `subscribe 09:00 Europe/Berlin weekdays`. Nothing was changed.');
  }
  const zoneRaw = args.timeZone ?? before?.timeZone ?? ctx.userTimeZone ?? 'UTC';
  const zone = checkTimeZone(zoneRaw);
  if (!zone.ok) {
    const [first = 'Europe/Berlin'] = zone.suggestions;
    return errorReply(
      `${zone.problem} — use an IANA name like ${zone.suggestions.join(' or ')}`,
      ...(zone.why ? [zone.why] : []),
      `For example \`subscribe ${time} ${first}\`. Nothing was changed.`,
    );
  }
  const timeZone = zone.zone;
  // The channel's chosen deck (`deck <id>`) comes before the old subscription's (channel-deck.ts).
  const chosen = await deps.store.getChannelDeck(channel);
  const chosenId = chosen && deps.library.get(chosen.deckId) ? chosen.deckId : undefined;
  const deckId = args.deckId ?? chosenId ?? before?.deckId ?? deps.library.defaultDeck.meta.id;
  const deck = deps.library.get(deckId);
  if (!deck) {
    return errorReply(`unknown deck ${quote(deckId)} — available: ${[...deps.library.decks.keys()].join(', ')}`, 'Nothing was changed.');
  }
  const cadence = args.cadence ?? before?.cadence ?? SUBSCRIBE_DEFAULTS.cadence;

  const sub = await deps.store.upsertSubscription({ ...channel, deckId, time, timeZone, cadence, createdBy: ctx.userId, createdAt: ctx.now.getTime() });
  // A deck named here is the channel's deck from now on, for `quiz here` too.
  if (args.deckId !== undefined && chosen?.deckId !== deckId) await deps.store.setChannelDeck({ ...channel, deckId, setBy: ctx.userId, setAt: ctx.now.getTime() });
  deps.onSubscriptionChange?.(channel);

  const lastPosted = await lastDailyDate(deps.store, channel);
  const verb = before === undefined ? 'subscribed' : before.pausedReason ? 'resumed' : 'updated';
  const days = cadence === 'daily' ? 'every day' : 'Monday to Friday';
  return {
    visibility: 'channel',
    tone: 'success',
    title: `Daily quiz ${verb}: ${time} ${timeZone}, ${days}`,
    blocks: [
      { type: 'text', text: `${ctx.userName} set this channel to get one question from “${deck.meta.title}” ${days} at ${time} (${timeZone}).` },
      { type: 'fields', fields: [{ label: 'Next post', value: describeNextPost(sub, ctx.now, lastPosted) }] },
    ],
    footer: '`schedule` shows this again; `unsubscribe` stops it.',
  };
}

/**
 * `unsubscribe`: remove the subscription, then close the channel's open daily round and post its
 * reveal (core closeAndReveal), since no next daily question will bring its answer. The reply says
 * which round was revealed, or why the reveal could not be shown. For an admin in a channel
 * (checked by the dispatcher).
 */
export async function handleUnsubscribe(deps: SubscriptionDeps, ctx: Context): Promise<Reply> {
  const channel = channelOf(ctx);
  if (!(await deps.store.removeSubscription(channel))) {
    return { visibility: 'user', tone: 'info', title: 'This channel has no daily quiz', blocks: [{ type: 'text', text: 'Nothing to stop. `subscribe` starts one.' }] };
  }
  deps.onSubscriptionChange?.(channel);
  const lines = [`${ctx.userName} unsubscribed this channel. Scores and streaks stay; \`subscribe\` starts it again.`];
  const open = await deps.store.latestDailyRound(channel);
  if (open && open.closedAt === null) {
    const outcome = await closeAndReveal(deps, open, ctx.now);
    if (outcome.closed) {
      lines.push(
        outcome.revealProblem
          ? `The open daily question (round #${open.id}) is closed, but its answer could not be shown: ${outcome.revealProblem}.`
          : `The open daily question (round #${open.id}) is closed now and its answer is revealed on its message.`,
      );
    }
  }
  return {
    visibility: 'channel',
    tone: 'success',
    title: 'Daily quiz stopped',
    blocks: lines.map((text) => ({ type: 'text' as const, text })),
  };
}

/** `schedule`: the channel's subscription, its next post in local and UTC time, and any pause. */
export async function handleSchedule(deps: SubscriptionDeps, ctx: Context): Promise<Reply> {
  const sub = ctx.isDirectMessage ? undefined : await deps.store.getSubscription(channelOf(ctx));
  if (!sub) {
    return {
      visibility: 'user',
      tone: 'info',
      title: 'No daily quiz in this channel',
      blocks: [{ type: 'text', text: 'An admin can start one with `subscribe 09:00 Europe/Berlin weekdays` (defaults: 09:00, their time zone or UTC, weekdays).' }],
    };
  }
  const deck = deps.library.get(sub.deckId);
  const fields = [
    { label: 'Time', value: sub.time },
    { label: 'Time zone', value: sub.timeZone },
    { label: 'Days', value: sub.cadence === 'daily' ? 'every day' : 'weekdays (Mon-Fri)' },
    { label: 'Deck', value: deck ? `${deck.meta.title} (${sub.deckId})` : `${sub.deckId} (not loaded!)` },
  ];
  if (!sub.pausedReason) fields.push({ label: 'Next post', value: describeNextPost(sub, ctx.now, await lastDailyDate(deps.store, sub)) });
  return {
    visibility: 'user',
    tone: sub.pausedReason ? 'warning' : 'info',
    title: sub.pausedReason ? 'Daily quiz (paused)' : 'Daily quiz',
    blocks: [
      { type: 'fields', fields },
      ...(sub.pausedReason
        ? [{ type: 'section' as const, heading: 'Paused', text: `${sub.pausedReason}${sub.pausedAt ? ` (since ${new Date(sub.pausedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC)` : ''}. Fix it, then an admin runs \`subscribe\` again to resume.` }]
        : []),
    ],
  };
}
