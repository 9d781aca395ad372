/**
 * The one seam adapters call into core through. Implemented by `Tutor` (src/core/tutor.ts).
 * Every method resolves to a Reply and never rejects for bad input: a problem becomes a friendly
 * error Reply. (It may reject only for bugs; adapters log that and answer with a generic apology.)
 */
import type { Action } from './action.js';
import type { Command } from './command.js';
import type { Context, TeamScope } from './context.js';
import type { Reply } from './reply.js';

export interface TutorApi {
  /** Parse `/kms` text (without the "/kms" itself, though a leading "/kms" is tolerated) and handle it. */
  handleText(text: string, ctx: Context): Promise<Reply>;
  /** Handle an already-parsed command (Discord builds these from typed options). */
  handle(command: Command, ctx: Context): Promise<Reply>;
  /** Handle a button or menu action (see action.ts for the encoding adapters put in custom ids). */
  act(action: Action, ctx: Context): Promise<Reply>;
  /**
   * A user's display name, looked up after an event that carried only their handle: replaces the
   * name stored for them; a user with none stored (never seen, or forgotten meanwhile) gets none.
   * `now` is when it was looked up (UTC). Never rejects: a store failure is logged.
   */
  refreshUserName(scope: TeamScope, userId: string, displayName: string, now: Date): Promise<void>;
  /**
   * "Explain the terms in this message": the deck terms `text` (a message's text, any length and
   * characters) names, each with its summary, in a Reply only the asker sees (visibility 'user');
   * a 'not-found' Reply in words when it names none or has no text. The same as `terms in <text>`.
   */
  explainTermsIn(text: string, ctx: Context): Promise<Reply>;
  /**
   * The learner's dashboard for a platform's home page (see core/home/home.ts): stats, place this
   * week, practice cards due, the channels they study in with the next daily question. A Reply only
   * `ctx.userId` sees; a learner with no history gets one that says how to start.
   */
  home(ctx: Context): Promise<Reply>;
  /**
   * Autocomplete for `explain term:`: label = name or alias, value = what to pass as the query. Max `limit`.
   * Labels and values are not clipped: the adapter clips them to its platform's limit. `team`: the
   * asking team, whose own imported decks are searched too (DeckLibrary.forTeam); shared decks only without it.
   */
  suggestTerms(query: string, limit: number, team?: TeamScope): { label: string; value: string }[];
  /** The decks `team` sees (shared only without it), for a deck picker: label the title, value the id; the default deck first. */
  deckChoices(team?: TeamScope): { label: string; value: string }[];
  /** Autocomplete for `scenario name:`, over the decks `team` sees (shared only without it). */
  suggestScenarios(query: string, limit: number, team?: TeamScope): { label: string; value: string }[];
}

/** What the scheduler calls. Implemented in core (src/core/daily.ts). */
export interface DailyService {
  /**
   * Post today's daily round for a subscription: if no daily round exists for (channel, local date
   * of `now` in the subscription's zone), close the channel's previous daily round (Poster.update
   * with the reveal), pick the next question, store the round, Poster.post it and store the ref.
   * A permanent PosterError pauses the subscription (reason stored); a transient one is reported
   * as `failed` with `retry: true` and leaves nothing half-stored.
   */
  runDaily(sub: import('./ports/store.js').SubscriptionRow, now: Date): Promise<DailyOutcome>;
  /** Post last ISO week's digest once per (channel, week); skipped when nobody answered. */
  runDigest(sub: import('./ports/store.js').SubscriptionRow, now: Date): Promise<DailyOutcome>;
  /** Close on-demand rounds whose time is up and post their reveals. Returns how many closed. */
  closeDueRounds(now: Date): Promise<number>;
}

/** What one scheduled run did. */
export type DailyOutcome =
  | { status: 'posted'; roundId?: number }
  | { status: 'already-posted' }
  | { status: 'skipped'; reason: string }
  | { status: 'paused'; reason: string }
  | { status: 'failed'; reason: string; retry: boolean };
