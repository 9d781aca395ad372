/**
 * A small in-memory map whose entries expire after a fixed time. Used for the users.info lookups
 * (admin flag, time zone) and for recognising a request Slack delivers twice.
 */

/** Options for an ExpiringCache. */
export interface ExpiringCacheOptions {
  /** How long an entry lives, in ms. */
  ttlMs: number;
  /** At most this many entries; the oldest is dropped first. Default 10 000. */
  maxEntries?: number;
  /** Clock in epoch ms (tests pass a fake). Default Date.now. */
  now?: () => number;
}

/** A Map with per-entry expiry (`ttlMs` after `set`) and a size cap (oldest entry evicted first). */
export class ExpiringCache<K, V> {
  private readonly entries = new Map<K, { value: V; expiresAt: number }>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: ExpiringCacheOptions) {
    if (!(options.ttlMs > 0)) throw new RangeError(`ttlMs must be positive, got ${options.ttlMs}`);
    this.ttlMs = options.ttlMs;
    this.maxEntries = Math.max(1, options.maxEntries ?? 10_000);
    this.now = options.now ?? Date.now;
  }

  /** The live value for `key`, or undefined when absent or expired (expired entries are removed). */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** True when `key` holds a live value. */
  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  /** Store `value` under `key` for `ttlMs` from now, evicting the oldest entry when full. */
  set(key: K, value: V): void {
    this.entries.delete(key);
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
  }

  /** Remove `key`. Returns true when it was present (expired or not). */
  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  /** Number of stored entries, expired ones included until they are next read. */
  get size(): number {
    return this.entries.size;
  }
}
