/**
 * What core services are built from. `main.ts` assembles it; tests build it with an in-memory
 * store, a fixed `random` and fake posters/timers.
 */
import type { DeckLibrary } from './deck/library.js';
import type { ChartRenderer } from './ports/charts.js';
import type { DeckImporter } from './ports/deck-importer.js';
import type { Logger } from './ports/logger.js';
import type { PosterRegistry } from './ports/poster.js';
import type { StorePorts } from './ports/store.js';

/** Deferred work without the wall clock: production passes setTimeout, tests a fake. */
export interface Timers {
  /** Run `fn` after `ms` milliseconds; returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
}

/** Tunables from config. */
interface CoreSettings {
  /** How long an on-demand (`quiz here`) round stays open before it closes by itself, in ms. Default 15 min. */
  channelRoundMs: number;
  /** Minimum gap between two edits of one round message's answer count, in ms. Default 10 000. */
  roundRefreshMs: number;
}

/**
 * Everything core services need. `posters` holds the Poster of every configured adapter, by platform,
 * given when core is built (main creates the adapters first); core never adds to it.
 */
export interface CoreDeps {
  /** Every store port; each service narrows this to the ports it uses. */
  store: StorePorts;
  /**
   * The shared decks (bundled and DECKS_PATH), holding every team's own imported decks behind
   * `library.forTeam(team)`: every lookup made for a team goes through that view. Replaced (never
   * edited) by `reloadDecks` after an import in chat.
   */
  library: DeckLibrary;
  /**
   * Read the decks from disk again (bundled decks, DECKS_PATH and the teams' own, as at start-up) and
   * return the new library; absent when the process cannot reload (tests without deck folders).
   * @throws ContentError when the bundled decks no longer load (the caller keeps the old library).
   */
  reloadDecks?: () => DeckLibrary;
  /** Imports files attached to `import` into the team's own deck folder; absent: `import` in chat is off. */
  importer?: DeckImporter;
  posters: PosterRegistry;
  logger: Logger;
  /** Uniform in [0, 1): shuffles and picks. Tests pass a seeded one. */
  random: () => number;
  timers: Timers;
  settings: CoreSettings;
  /** Renders chart images (stats, readiness, mock results, the weekly digest); absent: text bars only. */
  charts?: ChartRenderer;
  /** Told when a channel's subscription changes, so the scheduler rebuilds its job at once. */
  onSubscriptionChange?: (channel: import('./context.js').ChannelScope) => void;
}
