/**
 * The lookups behind DeckLibrary: terms by name/alias/id and scenarios by id/title, each over a
 * FuzzyIndex (fuzzy-index.ts: Fuse.js over pre-normalised names, built once at load), plus the rule
 * that turns ranked hits into "found" or "did you mean" suggestions:
 *
 * - An exact match (normalised, words in any order) of one item -> found, score 0. When that key belongs
 *   to several items ("AWS KMS" and "aws:kms" both normalise to "aws kms"), the one written exactly like
 *   the query (ignoring case) is found; if several still tie (the same term in two decks), the one in
 *   the default deck; otherwise they are the suggestions.
 * - Else the same with spaces ignored on both sides, so a run-together query finds its words
 *   ("datakey" -> "Data key", "keypolicy" -> "Key policy").
 * - A short query (<= SHORT_QUERY_MAX letters and digits) is then found only when exactly one item has a
 *   name starting with it; otherwise it gets suggestions (names it starts, else fuzzy hits), never a
 *   fuzzy "found" ("acm" is not "CMK").
 * - Otherwise the best fuzzy hit is found when its rank score <= FOUND_MAX_SCORE and the next other item
 *   is at least FOUND_MARGIN behind; else up to MAX_SUGGESTIONS hits with rank score <= SUGGEST_MAX_SCORE.
 */
import type { DeckLibrary, ScenarioLookupResult, TermLookupResult, TermMatch } from './library.js';
import type { TeamScope } from '../context.js';
import { teamKey } from './team-folder.js';
import { teamViews, type DeckLookups } from './team-library.js';
import { FuzzyIndex, literal, type IndexItem, type Ranked } from './fuzzy-index.js';
import { normalise } from './normalise.js';
import type { Deck, Scenario, Term } from './schema.js';
import { TopicIndex } from './topics.js';

/** A fuzzy hit is "found" only at or below this rank score... */
export const FOUND_MAX_SCORE = 0.45;
/** ...and only when the next different item ranks at least this much worse. */
const FOUND_MARGIN = 0.12;
/** Suggestions ("did you mean") are hits at or below this rank score. */
const SUGGEST_MAX_SCORE = 0.7;
/** How many suggestions lookupTerm / findScenario return at most. */
export const MAX_SUGGESTIONS = 3;
/**
 * A query of at most this many letters and digits ("acm", "clés" -> "cle") is found only by an
 * exact name or a name it starts ("gra" -> "grant"): one typo in three letters is a third of the
 * word, so a fuzzy hit ("acm" ~ "CMK") is offered as a suggestion, never found.
 */
const SHORT_QUERY_MAX = 3;
/**
 * A term query of at most this many letters and digits that is not an exact name or alias (nor a
 * topic such as "s3") is too short to look up: "x", "id" and "on" matched unrelated long aliases.
 */
const TOO_SHORT_MAX = 2;

/** Found (one confident hit) or up to MAX_SUGGESTIONS suggestions (possibly none). */
type Decision<T> = { found: Ranked<T> } | { suggestions: Ranked<T>[] };

/**
 * Apply the found-vs-suggest rule (module docstring) to a query. `preferred` breaks a tie between exact
 * hits (e.g. the same term in two decks: the default deck's wins). Never throws.
 */
function decide<T>(index: FuzzyIndex<T>, query: string, preferred: (target: T) => boolean = () => false): Decision<T> {
  const exact = index.exactHits(query) ?? index.joinedHits(query);
  if (exact && exact.length > 0) {
    if (exact.length === 1 && exact[0]) return { found: exact[0] };
    const written = exact.filter((hit) => hit.literals.has(literal(query)));
    const tied = written.length > 0 ? written : exact;
    if (tied.length === 1 && tied[0]) return { found: tied[0] };
    const winners = tied.filter((hit) => preferred(hit.target));
    if (winners.length === 1 && winners[0]) return { found: winners[0] };
    return { suggestions: exact.slice(0, MAX_SUGGESTIONS) };
  }
  if (normalise(query).replace(/ /g, '').length <= SHORT_QUERY_MAX) {
    // A short query: a unique name it starts is found; several are the suggestions; else fuzzy suggestions only.
    const prefixed = index.prefixHits(query, MAX_SUGGESTIONS);
    if (prefixed.length === 1 && prefixed[0]) return { found: prefixed[0] };
    if (prefixed.length > 1) return { suggestions: prefixed };
    return { suggestions: index.fuzzyHits(query).filter((hit) => hit.score <= SUGGEST_MAX_SCORE).slice(0, MAX_SUGGESTIONS) };
  }
  const hits = index.fuzzyHits(query);
  const [first, second] = hits;
  if (first && first.score <= FOUND_MAX_SCORE && (second === undefined || second.score - first.score >= FOUND_MARGIN)) {
    return { found: first };
  }
  return { suggestions: hits.filter((hit) => hit.score <= SUGGEST_MAX_SCORE).slice(0, MAX_SUGGESTIONS) };
}

/**
 * Autocomplete: exact hits (also ignoring spaces: "datakey") first, then fuzzy ones with rank score
 * <= SUGGEST_MAX_SCORE, at most `limit`.
 */
function suggest<T>(index: FuzzyIndex<T>, query: string, limit: number): Ranked<T>[] {
  const out: Ranked<T>[] = [...(index.exactHits(query) ?? index.joinedHits(query) ?? [])];
  for (const hit of index.fuzzyHits(query)) {
    if (out.length >= limit) break;
    if (hit.score <= SUGGEST_MAX_SCORE && !out.some((o) => o.target === hit.target)) out.push(hit);
  }
  return out.slice(0, Math.max(0, limit));
}

/** A term with the deck it belongs to. */
interface TermRef {
  deckId: string;
  term: Term;
}

/** A scenario with the deck it belongs to. */
interface ScenarioRef {
  deckId: string;
  scenario: Scenario;
}

/** A name without notes in parentheses: "Grant (KMS)" -> "Grant". */
function withoutParentheses(name: string): string {
  return name.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
}

function toTermMatch(hit: Ranked<TermRef>): TermMatch {
  return { deckId: hit.target.deckId, term: hit.target.term, matched: hit.label, score: Math.min(1, hit.score) };
}

function toScenarioRef(hit: Ranked<ScenarioRef>): ScenarioRef {
  return hit.target;
}

/**
 * Term lookups across decks, by name, name without its parenthetical, every alias and the id
 * (a hit on the id or the shortened name reports the term's name as `matched`).
 */
class TermIndex {
  private readonly index: FuzzyIndex<TermRef>;
  private readonly byName: TermRef[];
  private readonly topics: TopicIndex;

  /**
   * Build the index for every term of `decks` (done once; lookups reuse it). An exact tie between decks
   * goes to `defaultDeckId`'s term.
   */
  constructor(
    decks: readonly Deck[],
    private readonly defaultDeckId?: string,
  ) {
    const items: IndexItem<TermRef>[] = [];
    for (const deck of decks) {
      for (const term of deck.terms) {
        items.push({
          target: { deckId: deck.meta.id, term },
          names: [
            { text: term.name, label: term.name },
            { text: withoutParentheses(term.name), label: term.name },
            ...term.aliases.map((alias) => ({ text: alias, label: alias })),
            { text: term.id, label: term.name },
          ],
        });
      }
    }
    this.index = new FuzzyIndex(items);
    this.byName = items.map((item) => item.target).sort((a, b) => a.term.name.localeCompare(b.term.name, 'en'));
    this.topics = new TopicIndex(decks);
  }

  /**
   * See DeckLibrary.lookupTerm: an exact name or alias, else a topic, else 'too-short' for one or two
   * letters, else the found-vs-suggest rule. Never throws; "" or "!!!" -> suggest with no suggestions.
   */
  lookup(query: string, preferDeckId?: string): TermLookupResult {
    const exact = this.index.exactHits(query) ?? this.index.joinedHits(query);
    if (exact === undefined || exact.length === 0) {
      const topic = this.topics.find(query);
      const matches = topic?.terms.map((t): TermMatch => ({ ...t, matched: t.term.name, score: 0 })) ?? [];
      // A topic of one term ("cost": KMS pricing) is that term.
      if (topic && matches.length === 1 && matches[0]) return { status: 'found', match: matches[0] };
      if (topic && matches.length > 1) return { status: 'topic', topic: topic.topic, matches };
      const letters = normalise(query).replace(/ /g, '').length;
      if (letters > 0 && letters <= TOO_SHORT_MAX) return { status: 'too-short', query };
    }
    const preferred = preferDeckId ?? this.defaultDeckId;
    const decision = decide(this.index, query, (ref) => ref.deckId === preferred);
    if ('found' in decision) return { status: 'found', match: toTermMatch(decision.found) };
    return { status: 'suggest', suggestions: decision.suggestions.map(toTermMatch) };
  }

  /** See DeckLibrary.suggestTerms: an empty (or all-punctuation) query lists term names A-Z (score 1). */
  suggest(query: string, limit: number): TermMatch[] {
    if (normalise(query) === '') {
      return this.byName.slice(0, Math.max(0, limit)).map((t) => ({ ...t, matched: t.term.name, score: 1 }));
    }
    return suggest(this.index, query, limit).map(toTermMatch);
  }
}

/** Scenario lookups across decks: exact id first, then fuzzy words of the title or id. */
class ScenarioIndex {
  private readonly index: FuzzyIndex<ScenarioRef>;
  private readonly byId = new Map<string, ScenarioRef>();
  private readonly byTitle: ScenarioRef[];

  /** Build the index for every scenario of `decks` (done once); exact ties go to `defaultDeckId`'s scenario. */
  constructor(
    decks: readonly Deck[],
    private readonly defaultDeckId?: string,
  ) {
    const items: IndexItem<ScenarioRef>[] = [];
    for (const deck of decks) {
      for (const scenario of deck.scenarios) {
        const target = { deckId: deck.meta.id, scenario };
        if (!this.byId.has(scenario.id) || deck.meta.id === defaultDeckId) this.byId.set(scenario.id, target);
        items.push({
          target,
          names: [
            { text: scenario.title, label: scenario.title },
            { text: scenario.id, label: scenario.title },
          ],
        });
      }
    }
    this.index = new FuzzyIndex(items);
    this.byTitle = items.map((i) => i.target).sort((a, b) => a.scenario.title.localeCompare(b.scenario.title, 'en'));
  }

  /** See DeckLibrary.findScenario. Never throws. */
  find(query: string): ScenarioLookupResult {
    const byId = this.byId.get(query.trim().toLowerCase());
    if (byId) return { status: 'found', ...byId };
    const decision = decide(this.index, query, (ref) => ref.deckId === this.defaultDeckId);
    if ('found' in decision) return { status: 'found', ...decision.found.target };
    return { status: 'suggest', suggestions: decision.suggestions.map(toScenarioRef) };
  }

  /** See DeckLibrary.suggestScenarios: an empty query lists scenarios by title A-Z. */
  suggest(query: string, limit: number): ScenarioRef[] {
    if (normalise(query) === '') return this.byTitle.slice(0, Math.max(0, limit));
    return suggest(this.index, query, limit).map(toScenarioRef);
  }
}

/**
 * Build a DeckLibrary over validated shared decks (in the given order) with their term and scenario
 * indexes. `teamDecks` holds each team's own decks by team key (teamKey in team-folder.ts), seen only in
 * that team's view (forTeam). Ids in a team's decks must not repeat a shared deck's (the loader refuses them).
 * @throws Error when `defaultDeckId` is not one of the decks, or there are no decks (loadLibrary checks
 *   both first and reports them as ContentError).
 */
export function createDeckLibrary(
  decks: readonly Deck[],
  defaultDeckId: string,
  teamDecks: ReadonlyMap<string, readonly Deck[]> = new Map(),
  shadowed: ReadonlyMap<string, readonly string[]> = new Map(),
): DeckLibrary {
  const shadowedOwn = (team: TeamScope): readonly string[] => {
    if (shadowed.size === 0) return [];
    const key = teamKey(team);
    return (key === undefined ? undefined : shadowed.get(key)) ?? [];
  };
  const shared: DeckLibrary = { ...deckLookups(decks, defaultDeckId), forTeam: (team) => forTeam(team), shadowedOwn };
  const forTeam = teamViews(teamDecks, (own) => deckLookups([...decks, ...own], defaultDeckId), shared);
  return shared;
}

/** The lookups over `decks` (everything but forTeam). @throws Error when `defaultDeckId` is not among them. */
function deckLookups(decks: readonly Deck[], defaultDeckId: string): DeckLookups {
  const byId = new Map(decks.map((deck) => [deck.meta.id, deck] as const));
  const defaultDeck = byId.get(defaultDeckId);
  if (!defaultDeck) throw new Error(`no deck "${defaultDeckId}" among ${[...byId.keys()].join(', ') || 'no decks'}`);
  const terms = new TermIndex(decks, defaultDeckId);
  const scenarios = new ScenarioIndex(decks, defaultDeckId);
  return {
    decks: byId,
    defaultDeck,
    get: (deckId) => byId.get(deckId),
    lookupTerm: (query, preferDeckId) => terms.lookup(query, preferDeckId),
    suggestTerms: (query, limit) => terms.suggest(query, limit),
    findScenario: (query) => scenarios.find(query),
    suggestScenarios: (query, limit) => scenarios.suggest(query, limit),
  };
}
