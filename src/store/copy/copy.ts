/**
 * db:copy: a one-way copy of every table from one database into an empty one, SQLite or PostgreSQL
 * on either side (see side.ts), in one transaction on the target, then checked: every table's row
 * count, and every team's boards (all-time and dated) and tag tallies read through the store ports
 * of both sides, must match. Ids keep their values and each id sequence continues after the
 * source's (ids are never handed out twice).
 */
import type { ScoreQuery } from '../../core/ports/store.js';
import { type CopySide, DERIVED_TABLES, TABLE_ORDER } from './side.js';

/** Refused or failed copies, in one line (no passwords: sides are labelled without them). */
export class CopyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyError';
  }
}

/** What was copied: rows per table. */
export interface CopyReport {
  rows: Map<string, number>;
  teamsCompared: number;
}

const BATCH = 2_000;

/** `tables` in copy order (see TABLE_ORDER), the derived ones last. */
function ordered(tables: Iterable<string>): string[] {
  const rank = (t: string) => (DERIVED_TABLES.includes(t) ? 2_000 : TABLE_ORDER.includes(t) ? TABLE_ORDER.indexOf(t) : 1_000);
  return [...tables].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * Copy `from` into `to` (both open and migrated to the same schema).
 * @throws CopyError when the target holds data, the two schemas differ, or the check after the copy
 *   finds a difference (the target's transaction is then rolled back, or, for a failed check, the
 *   copy stays and the message says what differs).
 */
export async function copyDatabase(from: CopySide, to: CopySide): Promise<CopyReport> {
  const source = await from.tables();
  const target = await to.tables();
  for (const [table, columns] of source) {
    const there = target.get(table);
    if (there === undefined) throw new CopyError(`${to.label} has no table "${table}": are both on the same kms-tutor version?`);
    const missing = columns.filter((c) => !there.includes(c));
    if (missing.length > 0) throw new CopyError(`${to.label} table "${table}" lacks column(s) ${missing.join(', ')}: are both on the same kms-tutor version?`);
  }
  for (const table of target.keys()) {
    if (!source.has(table)) throw new CopyError(`${from.label} has no table "${table}": are both on the same kms-tutor version?`);
  }
  const tables = ordered(source.keys());
  for (const table of tables) {
    const n = await to.count(table);
    if (n > 0) throw new CopyError(`refusing to copy into ${to.label}: it is not empty (table "${table}" holds ${n} rows)`);
  }

  const rows = new Map<string, number>();
  await to.begin();
  try {
    for (const table of tables) {
      if (DERIVED_TABLES.includes(table)) await to.clear(table); // filled by the answers' triggers just now
      const columns = source.get(table) ?? [];
      let copied = 0;
      await from.read(table, columns, BATCH, async (batch) => {
        await to.write(table, columns, batch);
        copied += batch.length;
      });
      rows.set(table, copied);
    }
    await to.raiseNextIds(await from.nextIds());
    await to.commit();
  } catch (err) {
    await to.rollback();
    throw err;
  }

  for (const table of tables) {
    const [a, b] = [await from.count(table), await to.count(table)];
    if (a !== b) throw new CopyError(`check failed: table "${table}" has ${a} rows in ${from.label} but ${b} in ${to.label}`);
  }
  const teams = await from.teams();
  for (const team of teams) {
    const scope = { platform: team.platform, teamId: team.teamId };
    const queries: ScoreQuery[] = [{ scope }, { scope, fromDate: '0000-00-00', toDate: '9999-99-99' }];
    for (const query of queries) {
      const [a, b] = [await from.store.scoreLines(query), await to.store.scoreLines(query)];
      const [ta, tb] = [await from.store.tagTallies(query), await to.store.tagTallies(query)];
      if (JSON.stringify(a) !== JSON.stringify(b) || JSON.stringify(ta) !== JSON.stringify(tb)) {
        const which = query.fromDate === undefined ? 'all-time' : 'dated';
        throw new CopyError(`check failed: the ${which} board of ${team.platform} team ${team.teamId} differs between ${from.label} and ${to.label}`);
      }
    }
  }
  return { rows, teamsCompared: teams.length };
}
