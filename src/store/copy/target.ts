/**
 * The check of db:copy's target before anything is written to it (before it is even migrated):
 * the target must be empty. An empty database (no tables), or an empty kms-tutor database of this
 * version, is accepted; one holding a table that is not kms-tutor's, a kms-tutor schema of another
 * version, or any row is refused with one line naming it.
 */
import { openStore } from '../open.js';
import { CopyError } from './copy.js';

/** What a target holds, read without changing it. */
export interface TargetContents {
  /** Every table (and view) in it, any owner, by name. */
  tables: readonly string[];
  /** Its kms-tutor schema version; undefined when it records none. */
  version: number | undefined;
  /**
   * Objects in it that are neither tables nor views nor their indexes, each named for a message
   * (`sequence "invoice_no"`, `function "f"`): PostgreSQL sequences, types and functions. Only looked
   * at when it holds no table (a kms-tutor schema has its own).
   */
  others?: readonly string[];
  /** The rows of one of its tables. */
  count(table: string): Promise<number>;
}

/**
 * The tables of an empty kms-tutor database of this version, each with the rows it holds when empty
 * (its bookkeeping: SQLite's sqlite_sequence and forget_epoch hold one): read from a fresh in-memory
 * SQLite database, migrated. PostgreSQL has the same data tables (db:copy compares them); its own
 * bookkeeping tables are passed as `bookkeeping` (their rows never count as data).
 */
export function kmsTutorTables(bookkeeping: readonly string[] = []): ReadonlyMap<string, number> {
  const fresh = openStore(':memory:', { roundCacheMs: 0 });
  try {
    const names = (fresh.db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name);
    const rows = (name: string) => (fresh.db.prepare(`SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`).get() as { n: number }).n;
    return new Map([...names.map((n): [string, number] => [n, rows(n)]), ...bookkeeping.map((n): [string, number] => [n, Number.POSITIVE_INFINITY])]);
  } finally {
    fresh.db.close();
  }
}

/**
 * Refuse a target that is not empty, before anything is written to it.
 * @param label the target's path, or its URL without the password
 * @param found what it holds
 * @param kmsTables the tables of an empty kms-tutor database of this version and their rows (kmsTutorTables)
 * @param known this version's schema version
 * @throws CopyError naming the target and the first table (A-Z) that is not kms-tutor's, the other
 *   version, or the first table (A-Z) holding a row (beyond an empty kms-tutor database's bookkeeping);
 *   with no table, the first other object (`others`) or a schema version recorded without tables.
 */
export async function refuseUnlessEmpty(label: string, found: TargetContents, kmsTables: ReadonlyMap<string, number>, known: number): Promise<void> {
  if (found.tables.length === 0) {
    // No table, yet not empty: another application's objects, or a version stamp with nothing behind it
    // (migrating from that stamp would skip the tables and leave a file that claims this version).
    const other = found.others?.[0];
    if (other !== undefined) throw new CopyError(`refusing to copy into ${label}: it is not empty and not a kms-tutor database (${other}); the target must be empty`);
    if (found.version !== undefined) {
      throw new CopyError(`refusing to copy into ${label}: it records kms-tutor schema ${found.version} but holds no tables; the target must be empty (a new file, or an empty schema)`);
    }
    return;
  }
  const sorted = [...found.tables].sort();
  const foreign = sorted.find((t) => !kmsTables.has(t));
  if (foreign !== undefined) {
    throw new CopyError(`refusing to copy into ${label}: it is not empty and not a kms-tutor database (table "${foreign}"); the target must be empty`);
  }
  if (found.version !== known) {
    const which = found.version === undefined ? 'no schema version' : `schema ${found.version}`;
    throw new CopyError(`refusing to copy into ${label}: it holds kms-tutor tables of another version (${which}, this version's is ${known}); the target must be empty`);
  }
  for (const table of sorted) {
    const n = await found.count(table);
    if (n > (kmsTables.get(table) ?? 0)) throw new CopyError(`refusing to copy into ${label}: it is not empty (table "${table}" holds ${n} rows)`);
  }
}
