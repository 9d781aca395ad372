/**
 * The scheduler's leader on PostgreSQL: a session-level advisory lock (pg_try_advisory_lock) held
 * on one dedicated connection taken from the pool and never returned while it leads. When the
 * leading process dies its session ends and the lock is free; the others try it once a minute, so
 * one of them leads within about a minute. The lock key is per schema, so stores in different
 * schemas of one database lead separately.
 */
import type pg from 'pg';
import type { Leadership } from '../../core/ports/leadership.js';

/** The advisory lock key: the schema's scheduler. */
const LOCK_KEY = "hashtextextended('kms-tutor scheduler ' || current_schema(), 0)";

/** See the module comment. */
export class PostgresLeaderLock implements Leadership {
  private client: pg.PoolClient | undefined;
  private held = false;

  constructor(private readonly pool: pg.Pool) {}

  async isLeader(): Promise<boolean> {
    try {
      if (!this.client) {
        const client = await this.pool.connect();
        client.on('error', () => this.drop(client));
        this.client = client;
      }
      if (this.held) {
        await this.client.query('SELECT 1'); // still connected, so still holding the lock
        return true;
      }
      const result = await this.client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${LOCK_KEY}) AS ok`);
      this.held = result.rows[0]?.ok === true;
      return this.held;
    } catch {
      if (this.client) this.drop(this.client);
      return false;
    }
  }

  async release(): Promise<void> {
    const client = this.client;
    if (!client) return;
    try {
      if (this.held) await client.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`);
    } catch {
      // the session is gone: so is the lock
    }
    this.drop(client);
  }

  /** Forget `client` (broken or released): the lock, if any, went with its session. */
  private drop(client: pg.PoolClient): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.held = false;
    client.release(true);
  }
}
