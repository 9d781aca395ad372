/**
 * A team's view of the deck library: the shared decks plus the team's own imported decks, built once per
 * team (and per loaded library) on first use and kept. Teams with no decks of their own share the shared
 * library itself.
 */
import type { TeamScope } from '../context.js';
import type { DeckLibrary } from './library.js';
import type { Deck } from './schema.js';
import { teamKey } from './team-folder.js';

/** A library's lookups without its team views (and the team decks it left out). */
export type DeckLookups = Omit<DeckLibrary, 'forTeam' | 'shadowedOwn'>;

/** Most teams whose view teamViews remembers by raw ids before it starts again. */
const SEEN_TEAMS_MAX = 10_000;

/**
 * The `forTeam` of a library: `teamDecks` by team key (teamKey), `build` makes the lookups over the shared
 * decks plus a team's own, `shared` is the shared library (answered for a team with no decks of its own,
 * or ids that cannot name a folder). Every view's own `forTeam` is this same function.
 */
export function teamViews(teamDecks: ReadonlyMap<string, readonly Deck[]>, build: (own: readonly Deck[]) => DeckLookups, shared: DeckLibrary): (team: TeamScope) => DeckLibrary {
  const { shadowedOwn } = shared;
  const views = new Map<string, DeckLibrary>();
  // What each team asked about sees, by its raw platform and team id: the answer path asks several
  // times per click, and a team key escapes every character of both ids. Bounded: cleared when full.
  const seen = new Map<string, DeckLibrary>();
  const forTeam = (team: TeamScope): DeckLibrary => {
    // No team has decks of its own (the usual case): every team sees the shared library.
    if (teamDecks.size === 0) return shared;
    const raw = `${team.platform}\u0000${team.teamId}`;
    const known = seen.get(raw);
    if (known !== undefined) return known;
    const key = teamKey(team);
    const own = key === undefined ? undefined : teamDecks.get(key);
    let view = shared;
    if (key !== undefined && own !== undefined && own.length > 0) {
      view = views.get(key) ?? { ...build(own), forTeam, shadowedOwn };
      views.set(key, view);
    }
    if (seen.size >= SEEN_TEAMS_MAX) seen.clear();
    seen.set(raw, view);
    return view;
  };
  return forTeam;
}
