/**
 * Several processes on PostgreSQL: the answer-count edit claims (RoundRefreshClaimsPort) and the
 * delivery identities seen recently (DeliveriesPort). Each claim is one INSERT ... ON CONFLICT DO
 * UPDATE ... WHERE, so the key decides which process wins; no in-process state.
 */
import { changes, type Sql } from './db.js';

/** Coordination queries (stateless: every method takes the connection to run on). */
export const coordinationQueries = {
  /** See RoundRefreshClaimsPort.claimRoundRefresh. */
  async claimRoundRefresh(db: Sql, roundId: number, at: number, windowMs: number): Promise<boolean> {
    const claimed = await changes(
      db,
      `INSERT INTO round_refreshes AS r (round_id, refreshed_at)
       SELECT id, $2::bigint FROM rounds WHERE id = $1 AND closed_at IS NULL
       ON CONFLICT (round_id) DO UPDATE SET refreshed_at = excluded.refreshed_at
         WHERE r.refreshed_at + $3::bigint <= excluded.refreshed_at`,
      [roundId, at, windowMs],
    );
    return claimed === 1;
  },

  /** See DeliveriesPort.firstDelivery: the record, then (when first) forgetting old ones. */
  async firstDelivery(db: Sql, key: string, at: number, ttlMs: number): Promise<boolean> {
    const first =
      (await changes(
        db,
        `INSERT INTO deliveries AS d (delivery_key, seen_at) VALUES ($1, $2::bigint)
         ON CONFLICT (delivery_key) DO UPDATE SET seen_at = excluded.seen_at
           WHERE d.seen_at + $3::bigint <= excluded.seen_at`,
        [key, at, ttlMs],
      )) === 1;
    // A bare column on the left, so deliveries_by_time serves the range (see the SQLite store).
    if (first) await changes(db, 'DELETE FROM deliveries WHERE seen_at <= $1::bigint - $2::bigint', [at, ttlMs]);
    return first;
  },
};
