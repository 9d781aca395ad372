/**
 * The deck importer port: turn a file an admin attached to `import` into a deck in the team's own deck
 * folder (seen by that team only: DeckLibrary.forTeam), after the same checks as `npm run import` and
 * `npm run content:check`. Implemented outside core (src/import/chat-import.ts); core checks the size first and reloads the library afterwards.
 */
import type { TeamScope } from '../context.js';

/** A file attached to a command, as the platform describes it (core never reads the bytes itself). */
export interface AttachedFile {
  /** The file's name as uploaded, e.g. "chapter-09.txt" (its extension picks the format). */
  name: string;
  /** Size in bytes, as the platform reports it. */
  size: number;
  /** Where the bytes can be fetched (an https URL on the platform's file host). */
  url: string;
  /** MIME type when the platform gives one, e.g. "text/plain; charset=utf-8". */
  contentType?: string;
}

/** What an import did. */
export type DeckImportOutcome =
  /** Written to the deck folder: its id, the summary line and the importer's warnings (one line each). */
  | { status: 'imported'; deckId: string; summary: string; warnings: string[] }
  /** Nothing written: `problem` is one line saying why, `details` the check's lines (may be empty). */
  | { status: 'refused'; problem: string; details: string[] };

/** Where an import goes and which ids it may not take. */
export interface DeckImportTarget {
  /** The deck id to give the new deck (default: from the file). */
  deckId?: string;
  /** The importing team (platform + team id): the deck is written into its own folder. */
  team: TeamScope;
  /** Ids of the shared decks (bundled and DECKS_PATH): a team deck may not take one. */
  sharedIds: ReadonlySet<string>;
}

/** Imports attached files into each team's own deck folder. */
export interface DeckImporter {
  /** Largest file accepted, in bytes; core refuses bigger ones before anything is fetched. */
  readonly maxBytes: number;
  /**
   * Fetch the file (refusing it when more than `maxBytes` arrive), build the deck for its format and
   * write it into `target.team`'s deck folder (refusing an id in `target.sharedIds` or one the team
   * already has, and a team whose ids cannot name a folder). Resolves with an outcome; never rejects
   * for a bad file, a failed download or a failed check.
   */
  importFile(file: AttachedFile, target: DeckImportTarget): Promise<DeckImportOutcome>;
}
