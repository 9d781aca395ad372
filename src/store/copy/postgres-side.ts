/**
 * The PostgreSQL side of db:copy (see side.ts): reads page by primary key (keyset), writes batches
 * through jsonb_populate_recordset, all writes in one transaction on one client.
 */
import type pg from 'pg';
import { quoteIdent } from '../postgres/db.js';
import { describeUrl, openPostgresReadOnly, openPostgresStore } from '../postgres/open.js';
import type { PostgresStore } from '../postgres/postgres-store.js';
import { CopyError } from './copy.js';
import { type CopyRow, type CopySide, ID_TABLES } from './side.js';
import { looksLikeKmsTutor, refuseIncompleteSource } from './source.js';
import { kmsTutorTables, refuseUnlessEmpty } from './target.js';

/** Open (and migrate) the PostgreSQL database at `url` as the side copied INTO. */
export async function postgresSide(url: string): Promise<CopySide> {
  return sideOver(await openPostgresStore(url, { roundCacheMs: 0, maxConnections: 2 }), url);
}

/**
 * db:copy's target at `url`: its schema checked read-only first (openPostgresReadOnly: nothing
 * created, not even the schema), then opened and migrated as postgresSide does. A schema that does
 * not exist or holds no tables, or an empty kms-tutor schema of this version, is accepted.
 * @throws CopyError (refuseUnlessEmpty; the URL without its password) when the schema holds a table
 *   that is not kms-tutor's, kms-tutor tables of another version, or any row; or, with no table, a
 *   sequence, type or function.
 * @throws PostgresOpenError when the server cannot be reached or refuses the login.
 */
export async function postgresTargetSide(url: string): Promise<CopySide> {
  const { store, schema, state } = await openPostgresReadOnly(url, { roundCacheMs: 0, maxConnections: 1 });
  try {
    if (state.exists) {
      const found = await store.pool.query<{ name: string }>({
        text: `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f') ORDER BY 1`,
        values: [schema],
      });
      const count = async (table: string) =>
        Number((await store.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoteIdent(schema)}.${quoteIdent(table)}`)).rows[0]?.n ?? 0);
      const tables = found.rows.map((r) => r.name);
      // Sequences, types and functions of another application count too (only read when there is no table).
      const others =
        tables.length > 0
          ? []
          : (
              await store.pool.query<{ name: string }>({
                text: `SELECT kind || ' "' || name || '"' AS name FROM (
                         SELECT CASE c.relkind WHEN 'S' THEN 'sequence' ELSE 'type' END AS kind, c.relname AS name
                           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('S', 'c')
                         UNION ALL
                         SELECT 'type', t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                           WHERE n.nspname = $1 AND t.typtype IN ('d', 'e', 'r', 'm')
                         UNION ALL
                         SELECT 'function', p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1
                       ) o ORDER BY 1`,
                values: [schema],
              })
            ).rows.map((r) => r.name);
      await refuseUnlessEmpty(describeUrl(url), { tables, version: state.version, count, others }, kmsTutorTables(['schema_migrations']), state.known);
    }
  } finally {
    await store.close();
  }
  return postgresSide(url);
}

/**
 * Open the kms-tutor database at `url` READ-ONLY as the side copied FROM: its schema is never
 * created or migrated, and its connections refuse writes (openPostgresReadOnly).
 * @throws CopyError (one line naming the URL, password masked) when the schema does not exist, is
 *   not a kms-tutor schema (looksLikeKmsTutor: neither its core tables with a schema_migrations version
 *   nor most of its tables), has most of its tables but no version, or is at an older or
 *   newer version than this code's (an older one must be opened once by the bot, which migrates it),
 *   or its tables are not this version's (refuseIncompleteSource: a table or column missing, a foreign table).
 * @throws PostgresOpenError when the server cannot be reached or refuses the login.
 */
export async function postgresSourceSide(url: string): Promise<CopySide> {
  const { store, schema, state } = await openPostgresReadOnly(url, { roundCacheMs: 0, maxConnections: 2 });
  const where = describeUrl(url);
  try {
    if (!state.exists) throw new CopyError(`${where} is not a kms-tutor database (it has no schema "${schema}")`);
    const found = await store.pool.query<{ name: string }>({
      text: `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 AND table_name <> 'schema_migrations'`,
      values: [schema],
    });
    const tables = found.rows.map((r) => r.name);
    if (!looksLikeKmsTutor(tables, state.version !== undefined)) {
      throw new CopyError(`${where} is not a kms-tutor database (schema "${schema}" has no kms-tutor tables or schema version)`);
    }
    if (state.version === undefined) throw new CopyError(`${where} holds kms-tutor's tables but no schema version (damaged?); nothing was copied`);
    if (state.version < state.known) {
      throw new CopyError(
        `${where} is an older kms-tutor database (schema ${state.version}, this version needs ${state.known}): start the bot on it once (that migrates it), then copy`,
      );
    }
    if (state.version > state.known) {
      throw new CopyError(`${where} has schema ${state.version}, newer than this kms-tutor knows (${state.known}); copy with a newer kms-tutor`);
    }
    const side = await sideOver(store, url);
    try {
      refuseIncompleteSource(where, await side.tables());
    } catch (err) {
      await side.close();
      throw err;
    }
    return side;
  } catch (err) {
    await store.close().catch(() => {});
    throw err;
  }
}

/** The copy side over an open store at `url` (labelled without its password). */
async function sideOver(store: PostgresStore, url: string): Promise<CopySide> {
  const client: pg.PoolClient = await store.pool.connect();
  const q = quoteIdent;
  const primaryKey = async (table: string) =>
    (
      await client.query<{ attname: string }>({
        text: `SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
               WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`,
        values: [table],
      })
    ).rows.map((r) => r.attname);

  return {
    label: describeUrl(url),
    store,
    async tables() {
      const found = await client.query<{ table_name: string; column_name: string }>(`
        SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name <> 'schema_migrations'
        ORDER BY table_name, ordinal_position`);
      const tables = new Map<string, string[]>();
      for (const r of found.rows) tables.set(r.table_name, [...(tables.get(r.table_name) ?? []), r.column_name]);
      return tables;
    },
    async count(table) {
      return (await client.query<{ n: number }>(`SELECT count(*) AS n FROM ${q(table)}`)).rows[0]?.n ?? 0;
    },
    async read(table, columns, size, each) {
      const key = await primaryKey(table);
      const keyList = key.map(q).join(', ');
      let after: unknown[] | undefined;
      for (;;) {
        const where = after === undefined ? '' : `WHERE (${keyList}) > (${key.map((_, i) => `$${i + 1}`).join(', ')})`;
        const page = await client.query<CopyRow>({
          text: `SELECT ${columns.map(q).join(', ')} FROM ${q(table)} ${where} ORDER BY ${keyList} LIMIT ${size}`,
          values: after ?? [],
        });
        if (page.rows.length === 0) return;
        await each(page.rows);
        const last = page.rows[page.rows.length - 1] as CopyRow;
        after = key.map((k) => last[k]);
        if (page.rows.length < size) return;
      }
    },
    async begin() {
      // The aggregate tables are copied as they are: answers carry no trigger here (click_answer()
      // counts each click itself; schema-click-answer.ts).
      await client.query('BEGIN');
    },
    async write(table, columns, rows) {
      const list = columns.map(q).join(', ');
      await client.query({
        text: `INSERT INTO ${q(table)} (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::${q(table)}, $1::jsonb)`,
        values: [JSON.stringify(rows)],
      });
    },
    async clear(table) {
      await client.query(`DELETE FROM ${q(table)}`);
    },
    async nextIds() {
      const next = new Map<string, number>();
      for (const table of ID_TABLES) {
        const r = await client.query<{ next: number }>({
          text: `SELECT greatest(coalesce(pg_sequence_last_value(pg_get_serial_sequence($1, 'id')::regclass), 0),
                                 (SELECT coalesce(max(id), 0) FROM ${q(table)})) + 1 AS next`,
          values: [table],
        });
        next.set(table, r.rows[0]?.next ?? 1);
      }
      return next;
    },
    async raiseNextIds(next) {
      for (const [table, id] of next) {
        await client.query({ text: `SELECT setval(pg_get_serial_sequence($1, 'id'), $2, false)`, values: [table, id] });
      }
    },
    async commit() {
      await client.query('ANALYZE');
      await client.query('COMMIT');
    },
    async rollback() {
      await client.query('ROLLBACK');
    },
    async teams() {
      return (
        await client.query<{ platform: string; teamId: string }>(
          `SELECT platform, team_id AS "teamId" FROM rounds UNION SELECT platform, team_id FROM users ORDER BY 1, 2`,
        )
      ).rows;
    },
    async close() {
      client.release();
      await store.close();
    },
  };
}
