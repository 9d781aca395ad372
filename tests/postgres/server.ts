/**
 * The PostgreSQL server the PostgreSQL suites run against: TEST_DATABASE_URL (scripts/with-postgres.sh
 * sets it to a throwaway server; locally point it at any server you may create schemas on). Without it
 * those suites are skipped and say why. Each store gets its own fresh schema, dropped afterwards.
 */
import pg from 'pg';
import { openPostgresStore, type PostgresStoreOptions } from '../../src/store/postgres/open.js';
import type { PostgresStore } from '../../src/store/postgres/postgres-store.js';

/** TEST_DATABASE_URL, or undefined (the PostgreSQL suites are then skipped). */
export const testDatabaseUrl: string | undefined = process.env.TEST_DATABASE_URL?.trim() || undefined;

/** The suffix of a skipped suite's name. */
export const SKIP_REASON = 'skipped: set TEST_DATABASE_URL (or run through scripts/with-postgres.sh) to run it';

/** The test server's URL working in `schema` (its `?schema=` parameter). */
export function schemaUrl(schema: string): string {
  const url = new URL(requireUrl());
  url.searchParams.set('schema', schema);
  return url.toString();
}

/** Fresh schemas on the test server, each dropped by `dropAll`. */
export class TestSchemas {
  private readonly made: string[] = [];
  private count = 0;

  constructor(private readonly prefix: string) {}

  /** A new, unused schema name (lower-case, unique to this process). */
  name(): string {
    const name = `t_${this.prefix}_${process.pid}_${Date.now().toString(36)}_${this.count++}`;
    this.made.push(name);
    return name;
  }

  /** A PostgresStore on a new schema (migrated). */
  async store(options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    return openPostgresStore(requireUrl(), { schema: this.name(), maxConnections: 8, ...options });
  }

  /** Drop every schema made here. */
  async dropAll(): Promise<void> {
    if (this.made.length === 0) return;
    const client = new pg.Client({ connectionString: requireUrl() });
    await client.connect();
    try {
      for (const name of this.made.splice(0)) await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
    } finally {
      await client.end();
    }
  }
}

function requireUrl(): string {
  if (testDatabaseUrl === undefined) throw new Error('TEST_DATABASE_URL is not set');
  return testDatabaseUrl;
}
