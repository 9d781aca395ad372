/**
 * The check of db:copy's source before the target is even opened: a kms-tutor database of this
 * version must hold exactly this version's data tables, each with exactly its columns. A source
 * that lacks one (a damaged database, a table dropped or renamed by hand), has a column this version
 * does not know, or holds a table that is not kms-tutor's is refused with one line naming the first
 * such table or column, so nothing is created on the target side for a copy that could not go through.
 */
import { openStore } from '../open.js';
import { CopyError } from './copy.js';

/** Tables of a SQLite kms-tutor database that are not data: SQLite's own, and forget_epoch (SQLite-only bookkeeping; PostgreSQL has none). */
export const NOT_DATA = /^(sqlite_|forget_epoch$)/;

/** This version's data tables and their columns, read from a fresh in-memory SQLite database, migrated. */
function kmsTutorDataTables(): ReadonlyMap<string, readonly string[]> {
  const fresh = openStore(':memory:', { roundCacheMs: 0 });
  try {
    const names = (fresh.db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).all() as { name: string }[])
      .map((t) => t.name)
      .filter((n) => !NOT_DATA.test(n));
    return new Map(names.map((n) => [n, (fresh.db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').all(n) as { name: string }[]).map((c) => c.name)]));
  } finally {
    fresh.db.close();
  }
}

/**
 * Refuse a source whose data tables are not this version's.
 * @param label the source's path, or its URL without the password
 * @param found its data tables (bookkeeping left out) and their columns
 * @throws CopyError naming the first (A-Z) missing table, the first table missing columns (and
 *   them), the first table with columns this version does not know (and them), or the first table
 *   that is not kms-tutor's.
 */
export function refuseIncompleteSource(label: string, found: ReadonlyMap<string, readonly string[]>): void {
  const expected = kmsTutorDataTables();
  for (const [table, columns] of expected) {
    const there = found.get(table);
    if (there === undefined) throw new CopyError(`${label} is missing kms-tutor table "${table}" (damaged?); nothing was copied`);
    const missing = columns.filter((c) => !there.includes(c));
    if (missing.length > 0) throw new CopyError(`${label} table "${table}" is missing column(s) ${missing.join(', ')} (damaged?); nothing was copied`);
    const unknown = there.filter((c) => !columns.includes(c));
    if (unknown.length > 0) {
      throw new CopyError(`${label} table "${table}" has column(s) ${unknown.join(', ')} that kms-tutor does not know (another version or damaged?); nothing was copied`);
    }
  }
  const foreign = [...found.keys()].sort().find((t) => !expected.has(t));
  if (foreign !== undefined) throw new CopyError(`${label} holds table "${foreign}", which is not kms-tutor's; nothing was copied`);
}

/**
 * Whether a would-be source is a kms-tutor database at all (so that what is wrong with it is worth
 * naming table by table), from its data tables' names and whether it records a schema version: it
 * must hold kms-tutor's core tables (users, rounds, answers) with a schema version, or more than half
 * of this version's data tables (so one table dropped or renamed by hand still counts as kms-tutor's).
 * @param tables the data tables found (bookkeeping left out)
 * @param hasVersion whether it records a schema version (SQLite user_version, PostgreSQL schema_migrations)
 */
export function looksLikeKmsTutor(tables: Iterable<string>, hasVersion: boolean): boolean {
  const found = new Set(tables);
  const expected = [...kmsTutorDataTables().keys()];
  const most = expected.filter((t) => found.has(t)).length * 2 > expected.length;
  return most || (hasVersion && ['users', 'rounds', 'answers'].every((t) => found.has(t)));
}
