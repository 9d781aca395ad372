/**
 * `npm run db:copy -- <from> <to>`: copy a kms-tutor database into an empty one, each side a SQLite
 * file path or a postgres:// URL (src/store/copy/). The source (SQLite or PostgreSQL) is opened
 * read-only, before the target, and must be a kms-tutor database of this version; the target is
 * checked read-only next (it must be empty: no foreign table, no other version, no row), then opened
 * (and so migrated). `:memory:` is refused on either side. Prints
 * one line per table and the check's outcome; every failure is one line on stderr and exit status 1.
 * Passwords in URLs are never printed.
 */
import { CopyError, copyDatabase } from './store/copy/copy.js';
import { postgresSourceSide, postgresTargetSide } from './store/copy/postgres-side.js';
import { describeUrl } from './store/postgres/open.js';
import type { CopySide } from './store/copy/side.js';
import { sqliteSourceSide, sqliteTargetSide } from './store/copy/sqlite-side.js';
import { isStoreOpenError } from './store/select.js';

const USAGE = 'usage: npm run db:copy -- <from> <to>   (each a SQLite file path or a postgres:// URL; <to> must be empty)';

/**
 * A side for a path or URL: a postgres(ql):// URL, or a SQLite path (the source of either opened read-only).
 * @throws CopyError for any other URL-looking argument (anything with "://"), password masked, and
 *   for `:memory:` as the target (a copy into it would be thrown away).
 */
async function open(where: string, role: 'from' | 'to'): Promise<CopySide> {
  if (/^postgres(ql)?:\/\//i.test(where)) return role === 'from' ? postgresSourceSide(where) : postgresTargetSide(where);
  if (where.includes('://')) throw new CopyError(`${describeUrl(where)} looks like a URL but is not postgres:// or postgresql://`);
  if (role === 'to' && where === ':memory:') {
    throw new CopyError(':memory: is not a database file: a copy into it would be thrown away; give a file path or a postgres:// URL');
  }
  return role === 'from' ? sqliteSourceSide(where) : sqliteTargetSide(where);
}

/** Run the copy; resolves with the exit status. */
async function main(args: string[]): Promise<number> {
  const words = args.filter((a) => a !== '--');
  if (words.length !== 2 || words.some((w) => w.trim() === '')) {
    process.stderr.write(`db:copy: expected two arguments, got ${words.length}\n${USAGE}\n`);
    return 1;
  }
  const [fromArg, toArg] = words as [string, string];
  if (fromArg === toArg) {
    process.stderr.write('db:copy: <from> and <to> are the same database\n');
    return 1;
  }
  const sides: CopySide[] = [];
  try {
    const from = await open(fromArg, 'from');
    sides.push(from);
    const to = await open(toArg, 'to');
    sides.push(to);
    const report = await copyDatabase(from, to);
    for (const [table, n] of report.rows) process.stdout.write(`${table}: ${n} rows\n`);
    process.stdout.write(
      `db:copy: copied ${from.label} into ${to.label}; row counts match, and the boards of ${report.teamsCompared} team(s) match\n`,
    );
    return 0;
  } catch (err) {
    if (err instanceof CopyError || isStoreOpenError(err)) {
      process.stderr.write(`db:copy: ${(err as Error).message}\n`);
      return 1;
    }
    throw err;
  } finally {
    for (const side of sides) await side.close().catch(() => {});
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`db:copy: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
    process.exitCode = 1;
  },
);
