/**
 * One side of a database copy (db:copy): a store of either backend seen as plain tables. Values are
 * exchanged in a portable form: JSON columns as JS values, numbers as numbers, text as text.
 */
import type { StoreHandle } from '../../core/ports/store.js';

/** A row as a column -> value map. */
export type CopyRow = Record<string, unknown>;

/** One database, open and migrated, for copying from or into. */
export interface CopySide {
  /** The path, or the URL without its password. */
  readonly label: string;
  /** The same database through the store ports (for the board comparison). */
  readonly store: StoreHandle;
  /** Every data table and its columns (the migration bookkeeping left out). */
  tables(): Promise<Map<string, string[]>>;
  count(table: string): Promise<number>;
  /** Every row of `table`, in primary-key order, `size` rows at a time. */
  read(table: string, columns: string[], size: number, each: (rows: CopyRow[]) => Promise<void>): Promise<void>;
  /** Start the one transaction all writes go into. */
  begin(): Promise<void>;
  write(table: string, columns: string[], rows: CopyRow[]): Promise<void>;
  /** Delete every row of `table` (inside the transaction). */
  clear(table: string): Promise<void>;
  /** The next id each id-generating table would hand out (never below its rows' ids). */
  nextIds(): Promise<Map<string, number>>;
  /** Make each table hand out ids from at least the given one on (inside the transaction). */
  raiseNextIds(next: Map<string, number>): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /** Every (platform, team) with a round or a user. */
  teams(): Promise<{ platform: string; teamId: string }[]>;
  close(): Promise<void>;
}

/** Tables whose rows triggers derive from answers: cleared after the answers are copied, then copied as they are. */
export const DERIVED_TABLES: readonly string[] = ['round_days', 'user_stats'];

/** Copy order: a table after those it references. Tables not listed go last, by name. */
export const TABLE_ORDER: readonly string[] = [
  'users',
  'rounds',
  'answers',
  'forgotten_answers',
  'mock_exams',
  'mock_questions',
  'reports',
];

/** Columns that hold JSON (text in SQLite, jsonb in PostgreSQL), by table. */
export const JSON_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  rounds: ['choice_order', 'tags', 'message_ref'],
};

/** Tables whose `id` comes from a sequence. */
export const ID_TABLES: readonly string[] = ['rounds', 'reports', 'mock_exams'];
