/**
 * `terms [tag]`: the deck's term names grouped by chapter section; with a tag, only the terms its
 * questions test.
 */
import type { DeckLibrary } from '../deck/library.js';
import { DECKS_TEXT } from '../decks/text.js';
import type { Deck, Term } from '../deck/schema.js';
import { quote } from '../parse-command.js';
import type { Reply, ReplyBlock } from '../reply.js';
import { TERMS } from '../text/explain.js';
import { errorReply } from './replies.js';

/** Term ids tested by the deck's questions carrying `tag`. */
function termIdsForTag(deck: Deck, tag: string): Set<string> {
  return new Set(deck.questions.filter((q) => q.tags.includes(tag)).flatMap((q) => q.terms));
}

/** Section -> names, sections in the order the terms first use them, names A-Z. */
function groupBySection(terms: Term[]): ReplyBlock[] {
  const groups = new Map<string, string[]>();
  for (const t of terms) groups.set(t.section, [...(groups.get(t.section) ?? []), t.name]);
  return [...groups].map(([heading, names]) => ({
    type: 'section' as const,
    heading,
    text: names.sort((a, b) => a.localeCompare(b)).join(' · '),
  }));
}

/** Whether a term is a concept card (kind "concept"): a topic and its paragraph, not a glossary term. */
function isConceptCard(term: Term): boolean {
  return term.kind === 'concept';
}

/** Answer `terms [tag]` over every loaded deck. An unknown tag names the deck's tags. */
export function handleTerms(library: DeckLibrary, tag?: string): Reply {
  const decks = [...library.decks.values()];
  const knownTags = [...new Set(decks.flatMap((d) => d.meta.tags))];
  if (tag !== undefined && !knownTags.includes(tag)) {
    return errorReply(TERMS.unknownTag.title(quote(tag)), TERMS.unknownTag.text(knownTags));
  }
  const blocks: ReplyBlock[] = [];
  let count = 0;
  let concepts = 0;
  for (const deck of decks) {
    const wanted = tag === undefined ? undefined : termIdsForTag(deck, tag);
    const listed = deck.terms.filter((t) => wanted === undefined || wanted.has(t.id));
    // Concept cards (an imported chapter's topics, kind "concept") are found by explain, not listed as terms.
    const terms = listed.filter((t) => !isConceptCard(t));
    concepts += listed.length - terms.length;
    if (terms.length === 0) continue;
    count += terms.length;
    if (decks.length > 1) blocks.push({ type: 'text', text: deck.meta.title });
    blocks.push(...groupBySection(terms));
  }
  if (count === 0) {
    return { visibility: 'user', tone: 'warning', title: TERMS.noneForTag.title(quote(tag ?? '')), blocks: [{ type: 'text', text: TERMS.noneForTag.text }] };
  }
  return {
    visibility: 'user',
    tone: 'info',
    title: tag === undefined ? TERMS.title(count) : TERMS.titleForTag(count, tag),
    blocks,
    footer: `${TERMS.footer}${concepts > 0 ? ` ${DECKS_TEXT.conceptsNotListed(concepts)}` : ''}`,
  };
}
