/**
 * Tables that let several processes share one database without doing work twice: the answer-count
 * edit claims (round_refreshes), the delivery identities seen recently (deliveries) and the forget
 * epoch (forget_epoch: counts forget-me's, so a process's memory of stored names notices one made
 * by another process).
 */
import type Database from 'better-sqlite3';

/** Prepared statements over round_refreshes, deliveries and forget_epoch. */
export class CoordinationTables {
  private readonly claimRefresh: Database.Statement;
  private readonly recordDelivery: Database.Statement;
  private readonly purgeDeliveries: Database.Statement;
  private readonly readEpoch: Database.Statement;
  private readonly bumpEpoch: Database.Statement;

  constructor(db: Database.Database) {
    // Only for a stored, open round; an existing claim is replaced only once it is windowMs old.
    this.claimRefresh = db.prepare(`
      INSERT INTO round_refreshes (round_id, refreshed_at)
      SELECT id, @at FROM rounds WHERE id = @roundId AND closed_at IS NULL
      ON CONFLICT (round_id) DO UPDATE SET refreshed_at = excluded.refreshed_at
        WHERE round_refreshes.refreshed_at + @windowMs <= excluded.refreshed_at`);
    this.recordDelivery = db.prepare(`
      INSERT INTO deliveries (delivery_key, seen_at) VALUES (@key, @at)
      ON CONFLICT (delivery_key) DO UPDATE SET seen_at = excluded.seen_at
        WHERE deliveries.seen_at + @ttlMs <= excluded.seen_at`);
    // `seen_at <= at - ttl`, not `seen_at + ttl <= at`: only a bare column uses deliveries_by_time (the other
    // form scanned the whole table on every click: 478 against 48 us per delivery at 12,000 rows).
    this.purgeDeliveries = db.prepare('DELETE FROM deliveries WHERE seen_at <= @at - @ttlMs');
    this.readEpoch = db.prepare('SELECT epoch FROM forget_epoch WHERE id = 1').pluck();
    this.bumpEpoch = db.prepare('UPDATE forget_epoch SET epoch = epoch + 1 WHERE id = 1');
  }

  /** See RoundRefreshClaimsPort.claimRoundRefresh. */
  claimRoundRefresh(roundId: number, at: number, windowMs: number): boolean {
    return this.claimRefresh.run({ roundId, at, windowMs }).changes === 1;
  }

  /** See DeliveriesPort.firstDelivery (call inside a write transaction). */
  firstDelivery(key: string, at: number, ttlMs: number): boolean {
    const first = this.recordDelivery.run({ key, at, ttlMs }).changes === 1;
    if (first) this.purgeDeliveries.run({ at, ttlMs });
    return first;
  }

  /** See DeliveriesPort.recordDeliveries (call inside a write transaction). */
  recordDeliveries(keys: readonly string[], at: number, ttlMs: number): void {
    if (keys.length === 0) return;
    for (const key of keys) this.recordDelivery.run({ key, at, ttlMs });
    this.purgeDeliveries.run({ at, ttlMs });
  }

  /** How many forget-me's the database has seen (any process). */
  forgetEpoch(): number {
    return (this.readEpoch.get() as number | undefined) ?? 0;
  }

  /** Count one forget-me (inside its transaction). */
  noteForget(): void {
    this.bumpEpoch.run();
  }
}
