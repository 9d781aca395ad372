/**
 * Recognising a request Slack delivers twice: an HTTP retry (X-Slack-Retry-Num) or a Socket Mode
 * redelivery carries the same body as the first attempt, so the same `trigger_id` (commands and
 * clicks) or `event_id` (Events API). Two genuine clicks have different trigger ids; those are kept
 * apart by the store's unique (round, user) key instead. A retry may reach another process (replicas
 * behind a load balancer), so a delivery is also recorded in the database (the deliveries port),
 * once `bind` gave it one; this process's memory only spares the database its own repeats.
 *
 * Only a request that says it is a retry (X-Slack-Retry-Num, Socket Mode's retry_attempt) waits
 * for the database's answer. A first attempt is handled at once and its key recorded with the
 * others of the next few milliseconds in one transaction (Slack retries only after 3 s without an
 * ack, so the record is there long before): a burst of clicks costs one commit per batch instead of
 * one per click. A process that dies within those milliseconds leaves its last keys unrecorded; a
 * retry of one of those is then handled again, which the store's first-answer rule keeps harmless.
 */
import type { DeliveriesPort } from '../../core/ports/store.js';
import { ExpiringCache } from './expiring-cache.js';

/** How long a delivery is remembered: Slack's retries come within minutes. */
const DELIVERY_MEMORY_MS = 15 * 60_000;

/** The identity of one delivery, or undefined when the body carries none. */
export function deliveryKey(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Record<string, unknown>;
  if (typeof b.trigger_id === 'string' && b.trigger_id) return `trigger:${b.trigger_id}`;
  if (typeof b.event_id === 'string' && b.event_id) return `event:${b.event_id}`;
  return undefined;
}

/** Longest key the deliveries port takes. */
const MAX_KEY_LENGTH = 200;

/** How long first deliveries are gathered before they are recorded together (ms). */
const BATCH_MS = 5;

/** Remembers deliveries it has seen for a while. */
export class DeliveryLog {
  private readonly seen: ExpiringCache<string, true>;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private shared: DeliveriesPort | undefined;
  /** Where a failure to check or record a delivery in `shared` is reported (see bind). */
  private onError: (err: unknown) => void = () => {};
  /** First deliveries not yet recorded in the database. */
  private pending: string[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  /** @param options.now the clock in ms (wall clock by default: the database compares times of several processes) */
  constructor(options: { ttlMs?: number; now?: () => number } = {}) {
    this.ttlMs = options.ttlMs ?? DELIVERY_MEMORY_MS;
    this.now = options.now ?? Date.now;
    this.seen = new ExpiringCache({ ttlMs: this.ttlMs, now: this.now, maxEntries: 20_000 });
  }

  /**
   * Record deliveries in `port` too from now on (at start, once the store is open). `onError` hears
   * of each failure to check or record a delivery there (the delivery is handled all the same).
   */
  bind(port: DeliveriesPort, onError: (err: unknown) => void): void {
    this.shared = port;
    this.onError = onError;
  }

  /**
   * True the first time `body`'s delivery key is seen by this process or (once bound) any process
   * sharing the database; false for a repeat. Only a `retry` (the request says it is one) waits for
   * the database; a first attempt is recorded in the next batch (see above). When the database
   * cannot be reached the delivery counts as first (handling a rare repeat beats dropping a click);
   * the error goes to bind's `onError`.
   */
  async firstDeliveryAnywhere(body: unknown, retry = false): Promise<boolean> {
    if (!this.firstDelivery(body)) return false;
    const key = deliveryKey(body);
    if (key === undefined || this.shared === undefined) return true;
    if (!retry) {
      this.record(key.slice(0, MAX_KEY_LENGTH));
      return true;
    }
    try {
      await this.flush();
      return await this.shared.firstDelivery(key.slice(0, MAX_KEY_LENGTH), this.now(), this.ttlMs);
    } catch (err) {
      this.onError(err);
      return true;
    }
  }

  /**
   * Record every first delivery gathered so far in the database now (one transaction); resolves
   * when they are stored (or their failure was reported). Call before stopping.
   */
  flush(): Promise<void> {
    if (this.flushTimer !== undefined) {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
    }
    const keys = this.pending;
    const shared = this.shared;
    this.pending = [];
    if (keys.length > 0 && shared !== undefined) {
      const at = this.now();
      this.flushing = this.flushing.then(() => shared.recordDeliveries(keys, at, this.ttlMs).catch(this.onError));
    }
    return this.flushing;
  }

  /** Gather `key` for the next batch, which is recorded BATCH_MS after its first key. */
  private record(key: string): void {
    this.pending.push(key);
    if (this.flushTimer === undefined) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = undefined;
        void this.flush();
      }, BATCH_MS);
      this.flushTimer.unref();
    }
  }

  /** True the first time `body`'s delivery key is seen (or when it has none); false for a repeat. */
  firstDelivery(body: unknown): boolean {
    const key = deliveryKey(body);
    if (key === undefined) return true;
    if (this.seen.has(key)) return false;
    this.seen.set(key, true);
    return true;
  }
}
