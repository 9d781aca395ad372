/**
 * The subscriptions port: a channel's daily-quiz subscription (deck, local post time, zone,
 * cadence) and its pause. Times are UTC epoch milliseconds. Every method returns a Promise.
 */
import type { ChannelScope } from '../../context.js';

/** A channel's daily-quiz subscription. */
export interface SubscriptionRow extends ChannelScope {
  deckId: string;
  /** Local post time "HH:MM" (24 h). */
  time: string;
  /** IANA zone, e.g. "Europe/Berlin". */
  timeZone: string;
  cadence: 'daily' | 'weekdays';
  createdBy: string;
  createdAt: number;
  /** Why posting stopped (channel gone, bot removed, missing permission), or null while active. */
  pausedReason: string | null;
  pausedAt: number | null;
}

/** What `upsertSubscription` needs; an upsert also clears any pause. */
export type NewSubscription = Omit<SubscriptionRow, 'pausedReason' | 'pausedAt'>;

/** Daily-quiz subscriptions. */
export interface SubscriptionsPort {
  /** Create or replace the channel's subscription and clear any pause. */
  upsertSubscription(sub: NewSubscription): Promise<SubscriptionRow>;
  getSubscription(channel: ChannelScope): Promise<SubscriptionRow | undefined>;
  /** Every subscription on every platform (the scheduler filters to running adapters). */
  listSubscriptions(): Promise<SubscriptionRow[]>;
  /** Resolves false when there was none. */
  removeSubscription(channel: ChannelScope): Promise<boolean>;
  pauseSubscription(channel: ChannelScope, reason: string, at: number): Promise<void>;
}
