/** Which time zone exam dates and reminders use for a learner or a channel. */
import type { ChannelScope, Context } from '../context.js';
import { DEFAULT_TIME_ZONE, isValidZone } from '../local-time.js';
import type { SubscriptionsPort } from '../ports/store.js';

/** A channel's zone: its daily-quiz subscription's, else UTC. */
export async function channelZone(store: Pick<SubscriptionsPort, 'getSubscription'>, channel: ChannelScope): Promise<string> {
  if ('isDirectMessage' in channel && (channel as Context).isDirectMessage) return DEFAULT_TIME_ZONE;
  return (await store.getSubscription(channel))?.timeZone ?? DEFAULT_TIME_ZONE;
}

/** A learner's zone: the platform's own for the user when valid, else the channel's. */
export async function learnerZone(store: Pick<SubscriptionsPort, 'getSubscription'>, ctx: Context): Promise<string> {
  if (ctx.userTimeZone !== undefined && isValidZone(ctx.userTimeZone)) return ctx.userTimeZone;
  return channelZone(store, ctx);
}
