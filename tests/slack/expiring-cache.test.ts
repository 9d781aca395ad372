import { describe, expect, it } from 'vitest';
import { ExpiringCache } from '../../src/adapters/slack/expiring-cache.js';

describe('ExpiringCache', () => {
  it('returns a value until it expires, then forgets it', () => {
    let now = 1_000;
    const cache = new ExpiringCache<string, number>({ ttlMs: 100, now: () => now });
    cache.set('a', 1);
    now += 99;
    expect(cache.get('a')).toBe(1);
    now += 1;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
  it('restarts the lifetime on set', () => {
    let now = 0;
    const cache = new ExpiringCache<string, number>({ ttlMs: 100, now: () => now });
    cache.set('a', 1);
    now = 90;
    cache.set('a', 2);
    now = 150;
    expect(cache.get('a')).toBe(2);
  });
  it('evicts the oldest entry when full', () => {
    const cache = new ExpiringCache<string, number>({ ttlMs: 1000, maxEntries: 2 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.has('a')).toBe(false);
    expect(cache.get('b')).toBe(2);
    expect(cache.get('c')).toBe(3);
  });
  it('rejects a non-positive lifetime', () => {
    expect(() => new ExpiringCache({ ttlMs: 0 })).toThrow(RangeError);
  });
});
