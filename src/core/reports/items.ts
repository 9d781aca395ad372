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
 * Every reportable item of `library` by its names in normalised form (normalise: case, accents and
 * punctuation do not matter, so "Grant (KMS)" is "grant kms"): a term's name and aliases, a
 * scenario's title, a question's prompt. A name two items share goes to the first: the default deck
 * first, then the others in load order; questions, then terms, then scenarios.
 */
export function reportItemsByName(library: DeckLibrary): ReadonlyMap<string, ReportedItemRef> {
  const byName = new Map<string, ReportedItemRef>();
  const add = (name: string, ref: ReportedItemRef | undefined) => {
    const key = normalise(name);
    if (ref && key !== '' && !byName.has(key)) byName.set(key, ref);
  };
  const decks = [library.defaultDeck, ...[...library.decks.values()].filter((d) => d !== library.defaultDeck)];
  for (const deck of decks) {
    for (const q of deck.questions) add(q.prompt, inDeck(deck, 'question', q.id));
    for (const t of deck.terms) for (const name of [t.name, ...t.aliases]) add(name, inDeck(deck, 'term', t.id));
    for (const sc of deck.scenarios) add(sc.title, inDeck(deck, 'scenario', sc.id));
  }
  return byName;
}
