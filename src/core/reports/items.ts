/**
 * Finding the deck item a report names: a question, term or scenario by id, with its deck, a
 * display name and where it is written (file and line).
 */
import type { DeckLibrary } from '../deck/library.js';
import { normalise } from '../deck/normalise.js';
import type { Deck, Question, Scenario, SourceLocation, Term } from '../deck/schema.js';
import type { ReportItemKind } from './reasons.js';

/** A reportable item as found in the library. */
export type ReportedItemRef = { deck: Deck; source: SourceLocation; name: string } & (
  | { kind: 'question'; item: Question }
  | { kind: 'term'; item: Term }
  | { kind: 'scenario'; item: Scenario }
);

const KINDS: readonly ReportItemKind[] = ['question', 'term', 'scenario'];

/** `prompt` cut to one short line for titles. */
function shortName(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= 60 ? one : `${one.slice(0, 59)}…`;
}

/** The item of `kind` with `id` in `deck`, or undefined. */
function inDeck(deck: Deck, kind: ReportItemKind, id: string): ReportedItemRef | undefined {
  if (kind === 'question') {
    const item = deck.questionsById.get(id);
    const source = deck.sources.questions.get(id);
    return item && source ? { deck, source, name: shortName(item.prompt), kind, item } : undefined;
  }
  if (kind === 'term') {
    const item = deck.termsById.get(id);
    const source = deck.sources.terms.get(id);
    return item && source ? { deck, source, name: item.name, kind, item } : undefined;
  }
  const item = deck.scenariosById.get(id);
  const source = deck.sources.scenarios.get(id);
  return item && source ? { deck, source, name: item.title, kind, item } : undefined;
}

/**
 * The item with `id` (exact, lower-cased first), of `kind` when given, else the first of question,
 * term, scenario that has it. `deckId` first when given (e.g. a round's deck), then the default
 * deck, then the others in load order.
 */
export function findReportItem(library: DeckLibrary, id: string, kind?: ReportItemKind, deckId?: string): ReportedItemRef | undefined {
  const key = id.toLowerCase();
  const first = deckId !== undefined ? library.get(deckId) : undefined;
  const decks = [first, library.defaultDeck, ...library.decks.values()].filter((d): d is Deck => d !== undefined);
  for (const k of kind ? [kind] : KINDS) {
    for (const deck of decks) {
      const found = inDeck(deck, k, key);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Every reportable item of `library` with each of its names: a term's name and aliases, a scenario's
 * title, a question's prompt; the default deck first, then the others in load order; questions, then
 * terms, then scenarios.
 */
function* namedItems(library: DeckLibrary): Generator<{ name: string; ref: ReportedItemRef }> {
  const decks = [library.defaultDeck, ...[...library.decks.values()].filter((d) => d !== library.defaultDeck)];
  for (const deck of decks) {
    for (const q of deck.questions) {
      const ref = inDeck(deck, 'question', q.id);
      if (ref) yield { name: q.prompt, ref };
    }
    for (const t of deck.terms) {
      const ref = inDeck(deck, 'term', t.id);
      if (ref) for (const name of [t.name, ...t.aliases]) yield { name, ref };
    }
    for (const sc of deck.scenarios) {
      const ref = inDeck(deck, 'scenario', sc.id);
      if (ref) yield { name: sc.title, ref };
    }
  }
}

/**
 * Every reportable item of `library` by its names in normalised form (normalise: case, accents and
 * punctuation do not matter, so "Grant (KMS)" is "grant kms"): a term's name and aliases, a
 * scenario's title, a question's prompt. A name two items share goes to the first: the default deck
 * first, then the others in load order; questions, then terms, then scenarios.
 */
export function reportItemsByName(library: DeckLibrary): ReadonlyMap<string, ReportedItemRef> {
  const byName = new Map<string, ReportedItemRef>();
  for (const { name, ref } of namedItems(library)) {
    const key = normalise(name);
    if (key !== '' && !byName.has(key)) byName.set(key, ref);
  }
  return byName;
}

/**
 * The first item (in reportItemsByName's order) one of whose names is `word` exactly, letter case
 * aside ("aws/s3", "mrk-": aliases that are one word but not id-shaped), or undefined. Punctuation
 * counts here, so "(KMS)" does not name the term whose alias is "KMS".
 */
export function reportItemByWord(library: DeckLibrary, word: string): ReportedItemRef | undefined {
  const key = word.trim().toLowerCase();
  if (key === '') return undefined;
  for (const { name, ref } of namedItems(library)) if (name.trim().toLowerCase() === key) return ref;
  return undefined;
}
