/**
 * Which deck a channel studies. One rule for `quiz here`, daily posts and the digest:
 * the deck an admin chose with `deck <id>` (channel_decks) when it is loaded; else the channel's
 * subscription deck when loaded; else the default deck. `deck <id>` also writes the subscription's
 * deck and `subscribe ... <deck>` also writes the channel's deck, so the two never disagree for long.
 */
import type { ChannelScope } from './context.js';
import type { DeckLibrary } from './deck/library.js';
import type { Deck } from './deck/schema.js';
import type { ChannelDecksPort, SubscriptionsPort } from './ports/store.js';

/** What resolving a channel's deck reads. */
export interface ChannelDeckDeps {
  store: Pick<ChannelDecksPort, 'getChannelDeck'> & Pick<SubscriptionsPort, 'getSubscription'>;
  library: DeckLibrary;
}

/** Where the channel's deck came from. */
export type ChannelDeckSource = 'chosen' | 'subscription' | 'default';

/**
 * The channel's deck and where it came from (see the module comment). A chosen or subscribed deck
 * that is no longer loaded falls through to the next rule.
 */
export async function resolveChannelDeck(deps: ChannelDeckDeps, channel: ChannelScope): Promise<{ deck: Deck; source: ChannelDeckSource }> {
  const library = deps.library.forTeam(channel);
  const chosen = await deps.store.getChannelDeck(channel);
  const chosenDeck = chosen ? library.get(chosen.deckId) : undefined;
  if (chosenDeck) return { deck: chosenDeck, source: 'chosen' };
  const sub = await deps.store.getSubscription(channel);
  const subDeck = sub ? library.get(sub.deckId) : undefined;
  if (subDeck) return { deck: subDeck, source: 'subscription' };
  return { deck: library.defaultDeck, source: 'default' };
}

/** The channel's deck (see resolveChannelDeck). */
export async function channelDeck(deps: ChannelDeckDeps, channel: ChannelScope): Promise<Deck> {
  return (await resolveChannelDeck(deps, channel)).deck;
}
