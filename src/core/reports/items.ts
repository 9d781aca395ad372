/**
 * Finding the deck item a report names: a question, term or scenario by id, with its deck, a
 * display name and where it is written (file and line).
 */
import type { DeckLibrary } from '../deck/library.js';
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
