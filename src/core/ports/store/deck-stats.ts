/**
 * The deck stats port: one user's accuracy per deck in a team (round and practice answers
 * together), for `stats`. One read; returns a Promise.
 */
import type { TeamScope } from '../../context.js';

/** A user's answers in one deck. */
export interface DeckTally {
  deckId: string;
  answered: number;
  correct: number;
}

/** Per-deck figures. */
export interface DeckStatsPort {
  /** The user's answers per deck (every round kind), decks A-Z by id; decks never answered are absent. */
  deckTallies(scope: TeamScope, userId: string): Promise<DeckTally[]>;
}
