/**
 * A team's view of the deck library: the shared decks plus the team's own imported decks, built once per
 * team (and per loaded library) on first use and kept. Teams with no decks of their own share the shared
 * library itself.
 */
import type { TeamScope } from '../context.js';
import type { DeckLibrary } from './library.js';
import type { Deck } from './schema.js';
import { teamKey } from './team-folder.js';

/** A library's lookups without its team views. */
export type DeckLookups = Omit<DeckLibrary, 'forTeam'>;

/**
 * The `forTeam` of a library: `teamDecks` by team key (teamKey), `build` makes the lookups over the shared
 * decks plus a team's own, `shared` is the shared library (answered for a team with no decks of its own,
 * or ids that cannot name a folder). Every view's own `forTeam` is this same function.
 */
export function teamViews(teamDecks: ReadonlyMap<string, readonly Deck[]>, build: (own: readonly Deck[]) => DeckLookups, shared: DeckLibrary): (team: TeamScope) => DeckLibrary {
  const views = new Map<string, DeckLibrary>();
  const forTeam = (team: TeamScope): DeckLibrary => {
    // No team has decks of its own (the usual case): every team sees the shared library, and the
    // answer path (several lookups per click) pays no key.
    if (teamDecks.size === 0) return shared;
    const key = teamKey(team);
    const own = key === undefined ? undefined : teamDecks.get(key);
    if (key === undefined || own === undefined || own.length === 0) return shared;
    let view = views.get(key);
    if (!view) {
      view = { ...build(own), forTeam };
      views.set(key, view);
    }
    return view;
  };
  return forTeam;
}
