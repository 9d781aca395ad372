/**
 * The deliveries port: remembers the identity of each request a platform delivered (for a while),
 * so a retry of the same request that reaches another process is recognised there too. Times are
 * UTC epoch milliseconds. Every method returns a Promise.
 */

/** Delivery identities seen recently. */
export interface DeliveriesPort {
  /**
   * Record the delivery `key` (at most 200 characters, e.g. "trigger:13345.98.ab") seen at `at`:
   * resolves true the first time, false when it was recorded less than `ttlMs` before `at` (a
   * repeat). Records older than `ttlMs` are forgotten along the way.
   */
  firstDelivery(key: string, at: number, ttlMs: number): Promise<boolean>;
  /**
   * Record several first deliveries seen at `at` in one transaction (keys as for firstDelivery): a
   * key recorded less than `ttlMs` before `at` keeps its time, any other is (re)recorded; records
   * older than `ttlMs` are forgotten along the way. An empty list does nothing.
   */
  recordDeliveries(keys: readonly string[], at: number, ttlMs: number): Promise<void>;
}
