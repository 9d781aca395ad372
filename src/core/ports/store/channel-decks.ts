/**
 * The channel decks port: which deck a channel studies, set by an admin with `deck <id>`. Read by
 * `quiz here`, daily posts and the digest (see src/core/channel-deck.ts for how it is combined with a
 * subscription's deck). Times are UTC epoch milliseconds. Every method returns a Promise.
 */
import type { ChannelScope } from '../../context.js';

/** A channel's chosen deck. */
export interface ChannelDeckRow extends ChannelScope {
  deckId: string;
  /** Platform user id of the admin who set it. */
  setBy: string;
  setAt: number;
}

/** Per-channel deck choices. */
export interface ChannelDecksPort {
  /** Set (or replace) the channel's deck; returns the stored row. */
  setChannelDeck(row: ChannelDeckRow): Promise<ChannelDeckRow>;
  /** The channel's chosen deck, or undefined when none was set. */
  getChannelDeck(channel: ChannelScope): Promise<ChannelDeckRow | undefined>;
}
