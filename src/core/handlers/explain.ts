/**
 * `explain <term>`: fuzzy lookup over every deck's term names and aliases, answered with the term
 * card; a topic ("s3", "encryption") with the list of its terms; one or two letters with a request
 * for more; otherwise "did you mean" with up to three suggestions.
 */
import type { DeckLibrary } from '../deck/library.js';
import { DECKS_TEXT } from '../decks/text.js';
import type { Term } from '../deck/schema.js';
import { MAX_ARGUMENT_LENGTH, quote } from '../parse-command.js';
import type { Reply } from '../reply.js';
import { topicLabel } from '../round-view.js';
import { EXPLAIN } from '../text/explain.js';
import { termCard } from './cards.js';
import { errorReply } from './replies.js';

/**
 * The shortest easy query that finds `term`: its name without a trailing "(…)" ("KMS pricing" for
 * "KMS pricing (monthly key fee, request charges)") when that looks the term up, else the full name.
 */
export function explainQueryFor(library: DeckLibrary, term: Term): string {
  const short = term.name.replace(/\s*\([^)]*\)\s*$/, '').trim();
  if (short !== '' && short !== term.name) {
    const hit = library.lookupTerm(short);
    if (hit.status === 'found' && hit.match.term.id === term.id) return short;
  }
  return term.name;
}

/**
 * Answer `explain <query>`, preferring `channelDeckId`'s terms (the channel's deck) and naming the deck
 * of a term from another one. Over-long or empty queries are refused with a message (Discord passes raw options).
 */
export function handleExplain(library: DeckLibrary, rawQuery: string, channelDeckId?: string): Reply {
  const query = rawQuery.trim().replace(/\s+/g, ' ');
  if (query === '') return errorReply(EXPLAIN.needsTerm.title, EXPLAIN.needsTerm.text);
  if (query.length > MAX_ARGUMENT_LENGTH) {
    return errorReply(EXPLAIN.tooLong.title(query.length), EXPLAIN.tooLong.text(MAX_ARGUMENT_LENGTH));
  }
  const result = library.lookupTerm(query, channelDeckId);
  const ownDeckId = channelDeckId ?? library.defaultDeck.meta.id;
  // A listed term of another deck says which (two decks may both have "AWS managed key").
  const item = (m: { deckId: string; term: Term }) => {
    const text = EXPLAIN.termItem(m.term.name, explainQueryFor(library, m.term));
    return library.decks.size > 1 && m.deckId !== ownDeckId ? `${text}${EXPLAIN.inDeck(m.deckId)}` : text;
  };
  if (result.status === 'found') {
    const deck = library.get(result.match.deckId) ?? library.defaultDeck;
    const card = termCard(deck, result.match.term);
    // Several decks: say where a term came from when it is not the channel's deck.
    if (library.decks.size > 1 && deck.meta.id !== ownDeckId) {
      return { ...card, blocks: [{ type: 'text', text: DECKS_TEXT.fromOtherDeck(deck.meta.title) }, ...card.blocks] };
    }
    return card;
  }
  if (result.status === 'too-short') {
    return {
      visibility: 'user',
      tone: 'warning',
      title: EXPLAIN.tooShort.title(quote(query)),
      blocks: [{ type: 'text', text: EXPLAIN.tooShort.text }],
      outcome: 'refused',
    };
  }
  if (result.status === 'topic') {
    const count = result.matches.length;
    return {
      visibility: 'user',
      tone: 'info',
      title: EXPLAIN.topic.title(count, topicLabel(result.topic)),
      blocks: [{ type: 'list', items: result.matches.map(item) }],
      footer: EXPLAIN.topic.footer,
    };
  }
  if (result.suggestions.length === 0) {
    return {
      visibility: 'user',
      tone: 'warning',
      outcome: 'not-found',
      title: EXPLAIN.noMatch.title(quote(query)),
      blocks: [{ type: 'text', text: EXPLAIN.noMatch.text }],
    };
  }
  return {
    visibility: 'user',
    tone: 'warning',
    outcome: 'not-found',
    title: EXPLAIN.didYouMean(quote(query)),
    blocks: [{ type: 'list', items: result.suggestions.slice(0, 3).map(item) }],
  };
}
