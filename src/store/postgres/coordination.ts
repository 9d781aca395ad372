/**
 * Several processes on PostgreSQL: the answer-count edit claims (RoundRefreshClaimsPort) and the
 * delivery identities seen recently (DeliveriesPort). Each claim is one INSERT ... ON CONFLICT DO
 * UPDATE ... WHERE, so the key decides which process wins; no in-process state. A refresh claim
 * returns the claimed round and its tally in the same statement (one round trip per refresh).
 */
import type { RoundRefreshClaim, RoundRow } from '../../core/ports/store.js';
import { type TallyRecord, tallyFromRecords } from './answers.js';
import { changes, first, type Sql } from './db.js';
import { ROUND_COLUMNS, type RoundRecord, roundFromRecord } from './rounds.js';

/** Coordination queries (stateless: every method takes the connection to run on). */
export const coordinationQueries = {
  /** See RoundRefreshClaimsPort.claimRoundRefresh: the claim, the round and its tally in one statement. */
  async claimRoundRefresh(
    db: Sql,
    roundId: number,
    at: number,
    windowMs: number,
    choiceCount?: (round: RoundRow) => number,
  ): Promise<RoundRefreshClaim | undefined> {
    const claimed = await first<RoundRecord & { tally: TallyRecord[] }>(
      db,
      `WITH claim AS (
         INSERT INTO round_refreshes AS c (round_id, refreshed_at)
         SELECT id, $2::bigint FROM rounds WHERE id = $1 AND closed_at IS NULL
         ON CONFLICT (round_id) DO UPDATE SET refreshed_at = excluded.refreshed_at
           WHERE c.refreshed_at + $3::bigint <= excluded.refreshed_at
         RETURNING round_id
       )
       SELECT ${ROUND_COLUMNS},
         (SELECT coalesce(json_agg(t), '[]') FROM (
            SELECT choice_index, count(*)::integer AS answered, sum(correct)::integer AS correct
            FROM answers WHERE round_id = $1 GROUP BY choice_index) t) AS tally
       FROM claim JOIN rounds r ON r.id = claim.round_id`,
      [roundId, at, windowMs],
      'kms_claim_refresh',
    );
    if (claimed === undefined) return undefined;
    const round = roundFromRecord(claimed);
    return { round, tally: tallyFromRecords(claimed.tally, choiceCount ? choiceCount(round) : round.choiceOrder.length) };
  },

  /** See DeliveriesPort.recordDeliveries: every key in one statement, then (when any) forgetting old ones. */
  async recordDeliveries(db: Sql, keys: readonly string[], at: number, ttlMs: number): Promise<void> {
    if (keys.length === 0) return;
    await changes(
      db,
      `INSERT INTO deliveries AS d (delivery_key, seen_at) SELECT DISTINCT k, $2::bigint FROM unnest($1::text[]) AS k
       ON CONFLICT (delivery_key) DO UPDATE SET seen_at = excluded.seen_at
         WHERE d.seen_at + $3::bigint <= excluded.seen_at`,
      [keys, at, ttlMs],
    );
    await changes(db, 'DELETE FROM deliveries WHERE seen_at <= $1::bigint - $2::bigint', [at, ttlMs]);
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
