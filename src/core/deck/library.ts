/**
 * DeckLibrary: the loaded decks plus their fuzzy indexes. Built once at start-up by
 * `loadLibrary(contentDir)` (src/core/deck/loader.ts), which throws ContentError on invalid content.
 */
import type { TeamScope } from '../context.js';
import { formatProblem } from './content-problem.js';
import type { Deck, Scenario, Term } from './schema.js';

/** A term found by a lookup. `score` is 0 (perfect) .. 1 (no match), Fuse.js convention. */
export interface TermMatch {
  deckId: string;
  term: Term;
  /** The name or alias that matched best, as written in the deck. */
  matched: string;
  score: number;
}

/** The result of looking a term up. */
export type TermLookupResult =
  | { status: 'found'; match: TermMatch }
  /**
   * The query names a topic (a deck tag such as "s3", or a word several term names share, such as
   * "encryption") rather than one term: `topic` is its normalised word, `matches` its terms, names A-Z.
   */
  | { status: 'topic'; topic: string; matches: TermMatch[] }
  /** One or two letters and digits that are not an exact name or alias: ask for more letters. */
  | { status: 'too-short'; query: string }
  /** No confident match: up to 3 "did you mean" suggestions (possibly none). */
  | { status: 'suggest'; suggestions: TermMatch[] };

/** The result of finding a scenario by id or words. */
export type ScenarioLookupResult =
  | { status: 'found'; deckId: string; scenario: Scenario }
  | { status: 'suggest'; suggestions: { deckId: string; scenario: Scenario }[] };

/**
 * Loaded decks and their lookups. The library `loadLibrary` returns holds the shared decks (bundled and
 * DECKS_PATH); `forTeam` gives the view one team sees, which adds the team's own imported decks. Every
 * lookup made for a team goes through its view, so another team's deck id is simply not there.
 */
export interface DeckLibrary {
  /** Decks by id, in load order (folder name order): the shared decks, then (in a team's view) the team's own. */
  readonly decks: ReadonlyMap<string, Deck>;
  /** The deck used when none is named (DEFAULT_DECK, else the first). */
  readonly defaultDeck: Deck;
  get(deckId: string): Deck | undefined;
  /**
   * Look a term up by name or alias across all decks: case, punctuation, hyphens, plurals and small
   * typos do not matter. An exact name or alias is found first; then a topic word lists its terms;
   * then a query of one or two letters is 'too-short'. The query must be 1-200 characters (callers
   * refuse longer ones first). Equally good matches in several decks go to `preferDeckId`'s term (a
   * channel's deck), else the default deck's.
   */
  lookupTerm(query: string, preferDeckId?: string): TermLookupResult;
  /** Best term matches for a partial query (autocomplete), at most `limit`, best first; empty query lists names A-Z. */
  suggestTerms(query: string, limit: number): TermMatch[];
  /** Find a scenario by exact id or fuzzy words in its title/id. */
  findScenario(query: string): ScenarioLookupResult;
  /** Scenario matches for a partial query (autocomplete), at most `limit`. */
  suggestScenarios(query: string, limit: number): { deckId: string; scenario: Scenario }[];
  /**
   * The view `team` (platform + team id, e.g. a Context or a stored round) sees: the shared decks plus
   * the team's own imported decks, with the same default deck. A team with no decks of its own gets the
   * shared library itself. Asked of a view, it answers as the shared library does (never mixing teams).
   */
  forTeam(team: TeamScope): DeckLibrary;
  /**
   * The ids of `team`'s own imported decks left out at load because a shared deck has since taken the id
   * (each logged as skipped); that id then means the shared deck in the team's view. Usually empty.
   */
  shadowedOwn(team: TeamScope): readonly string[];
}

/**
 * Content error: each problem names the file, the item id (or "(file)") and the field path. The
 * message has one line per problem (see formatProblem in content-problem.ts).
 */
export class ContentError extends Error {
  constructor(
    readonly problems: { file: string; itemId: string; field: string; message: string }[],
  ) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ContentError';
  }
}
