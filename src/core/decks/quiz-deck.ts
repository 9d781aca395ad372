/** Which deck and tag `quiz [deck] [tag]` asks for. */
import type { DeckLibrary } from '../deck/library.js';
import type { Deck } from '../deck/schema.js';
import type { Reply } from '../reply.js';
import { deckOrRefusal } from './view.js';

/**
 * Sort `quiz`'s words: a named deck must exist (else a Reply naming the decks). A lone word that is
 * a deck id and no deck's tag names the deck; otherwise it is a tag (of the channel's deck, checked
 * later). `deck` undefined: the channel's deck.
 */
export function resolveQuizDeck(library: DeckLibrary, deckId: string | undefined, tag: string | undefined): { deck?: Deck; tag?: string } | Reply {
  if (deckId !== undefined) {
    const deck = deckOrRefusal(library, deckId);
    if ('blocks' in deck) return deck;
    return tag === undefined ? { deck } : { deck, tag };
  }
  if (tag === undefined) return {};
  const named = library.get(tag);
  const isTag = [...library.decks.values()].some((d) => d.meta.tags.includes(tag) || d.questions.some((q) => q.tags.includes(tag)));
  return named && !isTag ? { deck: named } : { tag };
}
