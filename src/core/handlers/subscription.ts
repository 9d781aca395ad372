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
import { SUBSCRIPTIONS } from '../text/subscriptions.js';
import { DECKS_TEXT } from '../decks/text.js';
import { errorReply } from './replies.js';
import { checkTimeZone } from './time-zone.js';

/** Defaults of `subscribe` without arguments. */
const SUBSCRIBE_DEFAULTS = { time: '09:00', cadence: 'weekdays' as const };

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
function normaliseTime(raw: string): string | undefined {
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
function describeNextPost(sub: Pick<SubscriptionRow, 'time' | 'timeZone' | 'cadence'>, now: Date, lastPostedDate?: string | null): string {
  const next = nextPost(sub, now, lastPostedDate);
  if (next.catchUp) return SUBSCRIPTIONS.catchUp(sub.time);
  return SUBSCRIPTIONS.nextPost(describePostTime(next.at, sub.timeZone), describePostTime(next.at, 'UTC'));
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
    return errorReply(SUBSCRIPTIONS.badTime.title(quote(args.time ?? '')), SUBSCRIPTIONS.badTime.text);
  }
  const zoneRaw = args.timeZone ?? before?.timeZone ?? ctx.userTimeZone ?? 'UTC';
  const zone = checkTimeZone(zoneRaw);
  if (!zone.ok) {
    const [first = 'Europe/Berlin'] = zone.suggestions;
    return errorReply(
      SUBSCRIPTIONS.badZone.title(zone.problem, zone.suggestions),
      ...(zone.why ? [zone.why] : []),
      SUBSCRIPTIONS.badZone.example(time, first),
    );
  }
  const timeZone = zone.zone;
  // The channel's chosen deck (`deck <id>`) comes before the old subscription's (channel-deck.ts).
  const chosen = await deps.store.getChannelDeck(channel);
  const library = deps.library.forTeam(ctx);
  const chosenId = chosen && library.get(chosen.deckId) ? chosen.deckId : undefined;
  const deckId = args.deckId ?? chosenId ?? before?.deckId ?? library.defaultDeck.meta.id;
  const deck = library.get(deckId);
  if (!deck) {
    return errorReply(SUBSCRIPTIONS.unknownDeck.title(quote(deckId), [...library.decks.keys()]), SUBSCRIPTIONS.unknownDeck.text);
  }
  const cadence = args.cadence ?? before?.cadence ?? SUBSCRIBE_DEFAULTS.cadence;

  const sub = await deps.store.upsertSubscription({ ...channel, deckId, time, timeZone, cadence, createdBy: ctx.userId, createdAt: ctx.now.getTime() });
  // A deck named here is the channel's deck from now on, for `quiz here` too.
  if (args.deckId !== undefined && chosen?.deckId !== deckId) await deps.store.setChannelDeck({ ...channel, deckId, setBy: ctx.userId, setAt: ctx.now.getTime() });
  deps.onSubscriptionChange?.(channel);

  const lastPosted = await lastDailyDate(deps.store, channel);
  const verb = before === undefined ? SUBSCRIPTIONS.verb.subscribed : before.pausedReason ? SUBSCRIPTIONS.verb.resumed : SUBSCRIPTIONS.verb.updated;
  const days = cadence === 'daily' ? SUBSCRIPTIONS.everyDay : SUBSCRIPTIONS.mondayToFriday;
  return {
    visibility: 'channel',
    tone: 'success',
    title: SUBSCRIPTIONS.subscribedTitle(verb, time, timeZone, days),
    blocks: [
      { type: 'text', text: SUBSCRIPTIONS.subscribedText(ctx.userName, deck.meta.title, days, time, timeZone) },
      { type: 'fields', fields: [{ label: SUBSCRIPTIONS.nextPostLabel, value: describeNextPost(sub, ctx.now, lastPosted) }] },
      ...(ctx.surface?.scheduleNote ? [{ type: 'text' as const, text: ctx.surface.scheduleNote }] : []),
    ],
    footer: SUBSCRIPTIONS.subscribedFooter,
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
    return { visibility: 'user', tone: 'info', outcome: 'not-found', title: SUBSCRIPTIONS.noneToStop.title, blocks: [{ type: 'text', text: SUBSCRIPTIONS.noneToStop.text }] };
  }
  deps.onSubscriptionChange?.(channel);
  const lines = [SUBSCRIPTIONS.unsubscribed(ctx.userName)];
  const open = await deps.store.latestDailyRound(channel);
  if (open && open.closedAt === null) {
    const outcome = await closeAndReveal(deps, open, ctx.now);
    if (outcome.closed) {
      lines.push(
        outcome.revealProblem
          ? SUBSCRIPTIONS.openRoundRevealFailed(open.id, outcome.revealProblem)
          : SUBSCRIPTIONS.openRoundRevealed(open.id),
      );
    }
  }
  return {
    visibility: 'channel',
    tone: 'success',
    title: SUBSCRIPTIONS.stoppedTitle,
    blocks: lines.map((text) => ({ type: 'text' as const, text })),
  };
}

/**
 * `schedule`: the channel's subscription, its next post in local and UTC time, any pause, and whether
 * its deck id now names a shared deck instead of the team's own (DeckLibrary.shadowedOwn).
 */
export async function handleSchedule(deps: SubscriptionDeps, ctx: Context): Promise<Reply> {
  const sub = ctx.isDirectMessage ? undefined : await deps.store.getSubscription(channelOf(ctx));
  if (!sub) {
    return {
      visibility: 'user',
      tone: 'info',
      title: SUBSCRIPTIONS.noSchedule.title,
      blocks: [{ type: 'text', text: SUBSCRIPTIONS.noSchedule.text }],
    };
  }
  const deck = deps.library.forTeam(sub).get(sub.deckId);
  const fields: { label: string; value: string }[] = [
    { label: SUBSCRIPTIONS.timeLabel, value: sub.time },
    { label: SUBSCRIPTIONS.zoneLabel, value: sub.timeZone },
    { label: SUBSCRIPTIONS.daysLabel, value: sub.cadence === 'daily' ? SUBSCRIPTIONS.everyDay : SUBSCRIPTIONS.weekdays },
    { label: SUBSCRIPTIONS.deckLabel, value: deck ? SUBSCRIPTIONS.deck(deck.meta.title, sub.deckId) : SUBSCRIPTIONS.deckNotLoaded(sub.deckId) },
  ];
  if (!sub.pausedReason) fields.push({ label: SUBSCRIPTIONS.nextPostLabel, value: describeNextPost(sub, ctx.now, await lastDailyDate(deps.store, sub)) });
  return {
    visibility: 'user',
    tone: sub.pausedReason ? 'warning' : 'info',
    title: sub.pausedReason ? SUBSCRIPTIONS.pausedTitle : SUBSCRIPTIONS.title,
    blocks: [
      { type: 'fields', fields },
      // The team's own deck of this id was skipped (a shared deck took the id): say which deck posts.
      ...(deps.library.shadowedOwn(sub).includes(sub.deckId) ? [{ type: 'text' as const, text: DECKS_TEXT.shadowedOwn(sub.deckId) }] : []),
      ...(sub.pausedReason
        ? [
            {
              type: 'section' as const,
              heading: SUBSCRIPTIONS.pausedHeading,
              text: SUBSCRIPTIONS.paused(
                sub.pausedReason,
                sub.pausedAt ? SUBSCRIPTIONS.pausedSince(new Date(sub.pausedAt).toISOString().slice(0, 16).replace('T', ' ')) : '',
              ),
            },
          ]
        : []),
    ],
  };
}
