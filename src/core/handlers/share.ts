/**
 * The "Share in channel" button: re-render a term or scenario card for everyone in the channel,
 * titled with who shared it.
 */
import type { Context } from '../context.js';
import type { DeckLibrary } from '../deck/library.js';
import { quote } from '../parse-command.js';
import type { Reply } from '../reply.js';
import { scenarioCard, termCard } from './cards.js';
import { errorReply } from './replies.js';
import { scenarioById } from './scenario.js';
import { SHARE } from '../text/scenarios.js';

/** Share the card of term or scenario `id`. An id no longer in any deck gets a friendly refusal. */
export function handleShare(library: DeckLibrary, ctx: Context, target: 'term' | 'scenario', id: string): Reply {
  const shared = { userName: ctx.userName };
  if (target === 'scenario') {
    const found = scenarioById(library, id);
    return found ? scenarioCard(found.deck, found.scenario, shared) : errorReply(SHARE.scenarioGone.title(quote(id)), SHARE.scenarioGone.text);
  }
  for (const deck of library.decks.values()) {
    const term = deck.termsById.get(id);
    if (term) return termCard(deck, term, shared);
  }
  return errorReply(SHARE.termGone.title(quote(id)), SHARE.termGone.text);
}
