/**
 * Recognising a request Slack delivers twice: an HTTP retry (X-Slack-Retry-Num) or a Socket Mode
 * redelivery carries the same body as the first attempt, so the same `trigger_id` (commands and
 * clicks) or `event_id` (Events API). Two genuine clicks have different trigger ids; those are kept
 * apart by the store's unique (round, user) key instead.
 */
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

/** Remembers deliveries it has seen for a while. */
export class DeliveryLog {
  private readonly seen: ExpiringCache<string, true>;

  constructor(options: { ttlMs?: number; now?: () => number } = {}) {
    this.seen = new ExpiringCache({ ttlMs: options.ttlMs ?? DELIVERY_MEMORY_MS, now: options.now, maxEntries: 20_000 });
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
