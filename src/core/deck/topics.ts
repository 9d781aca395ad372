/**
 * Topics a term lookup can name instead of one term: a deck tag ("s3", "ebs", "policy") or a word
 * of at least TOPIC_WORD_MIN letters that at least TOPIC_WORD_TERMS term names share ("encryption").
 * A topic's terms: those whose name holds the word; for a tag also those with an alias holding it or
 * in a section whose title holds it (or, when none do, the terms its questions test).
 */
import { normalise } from './normalise.js';
import type { Deck, Term } from './schema.js';

/** A word shared by term names is a topic only when this long (shorter ones: "key", "sse"). */
const TOPIC_WORD_MIN = 4;
/** ...and only when at least this many term names hold it. */
const TOPIC_WORD_TERMS = 3;

/** A term with the deck it belongs to. */
export interface TopicTerm {
  deckId: string;
  term: Term;
}

/** Topic word (normalised) -> its terms, built once per library. */
export class TopicIndex {
  private readonly topics = new Map<string, TopicTerm[]>();

  /** Index the tags and the shared name words of every deck's terms. */
  constructor(decks: readonly Deck[]) {
    const words = (text: string) => new Set(normalise(text).split(' '));
    for (const deck of decks) {
      const refs = deck.terms.map((term) => ({
        ref: { deckId: deck.meta.id, term },
        name: words(term.name),
        aliases: term.aliases.map(words),
        section: words(term.section),
      }));
      const tags = new Set(deck.meta.tags.map(normalise));
      const candidates = new Set([...tags, ...refs.flatMap((r) => [...r.name])]);
      for (const word of candidates) {
        if (word === '') continue;
        const named = refs.filter((r) => r.name.has(word));
        let terms: TopicTerm[];
        if (tags.has(word)) {
          // A tag: terms named for it, known by an alias holding it ("aws/s3"), or in its own section.
          terms = refs.filter((r) => r.name.has(word) || r.aliases.some((a) => a.has(word)) || r.section.has(word)).map((r) => r.ref);
          if (terms.length === 0) terms = termsTestedUnder(deck, word);
        } else if (word.length >= TOPIC_WORD_MIN && named.length >= TOPIC_WORD_TERMS) {
          terms = named.map((r) => r.ref);
        } else {
          continue;
        }
        const merged = new Map((this.topics.get(word) ?? []).map((t) => [`${t.deckId}/${t.term.id}`, t]));
        for (const t of terms) merged.set(`${t.deckId}/${t.term.id}`, t);
        this.topics.set(word, [...merged.values()].sort((a, b) => a.term.name.localeCompare(b.term.name, 'en')));
      }
    }
  }

  /** The topic a one-word query names ("S3" -> "s3") and its terms, names A-Z; undefined otherwise. */
  find(query: string): { topic: string; terms: TopicTerm[] } | undefined {
    const word = normalise(query);
    if (word === '' || word.includes(' ')) return undefined;
    const terms = this.topics.get(word);
    return terms ? { topic: word, terms } : undefined;
  }
}

/** The terms `deck`'s questions tagged `tag` test (for a tag no term name or section mentions). */
function termsTestedUnder(deck: Deck, tag: string): TopicTerm[] {
  const ids = new Set(deck.questions.filter((q) => q.tags.some((t) => normalise(t) === tag)).flatMap((q) => q.terms));
  return deck.terms.filter((t) => ids.has(t.id)).map((term) => ({ deckId: deck.meta.id, term }));
}
