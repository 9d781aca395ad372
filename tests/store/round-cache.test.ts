/**
 * RoundCache (src/store/round-cache.ts): entries and their notes are served until ttlMs has passed,
 * a channel's entries can be forgotten together, and a ttl of 0 remembers nothing.
 */
import { describe, expect, it } from 'vitest';
import type { RoundRow } from '../../src/core/ports/store.js';
import { RoundCache } from '../../src/store/round-cache.js';
import { channel, dailyRound, otherChannel } from './fixtures.js';

let nextId = 1;
/** A stored-looking daily round in `scope`'s channel. */
const round = (scope = channel): RoundRow => ({ ...dailyRound('2026-01-05', scope), id: nextId++, closedAt: null, messageRef: null });

describe('RoundCache', () => {
  it('serves an entry and its note until ttlMs has passed', () => {
    let now = 0;
    const cache = new RoundCache(5_000, 10, () => now);
    const r = round();
    cache.set(r.id, { round: r, timeZone: 'Europe/Paris' }, '2026-01-04');
    now = 4_999;
    expect(cache.get(r.id)?.timeZone).toBe('Europe/Paris');
    expect(cache.note(r.id)).toBe('2026-01-04');
    now = 5_000;
    expect(cache.note(r.id)).toBeUndefined();
    expect(cache.get(r.id)).toBeUndefined();
  });

  it('has no note for an entry set without one', () => {
    const cache = new RoundCache();
    const r = round();
    cache.set(r.id, { round: r, timeZone: undefined });
    expect(cache.get(r.id)?.round.id).toBe(r.id);
    expect(cache.note(r.id)).toBeUndefined();
  });

  it('forgets every entry of one channel and keeps the others', () => {
    const cache = new RoundCache();
    const [a, b, c] = [round(), round(), round(otherChannel)];
    for (const r of [a, b, c]) cache.set(r.id, { round: r, timeZone: undefined }, '');
    cache.forgetChannel(channel.platform, channel.teamId, channel.channelId);
    expect(cache.get(a.id)).toBeUndefined();
    expect(cache.note(b.id)).toBeUndefined();
    expect(cache.note(c.id)).toBe('');
  });

  it('remembers nothing with a ttl of 0', () => {
    const cache = new RoundCache(0);
    const r = round();
    cache.set(r.id, { round: r, timeZone: undefined }, '2026-01-04');
    expect(cache.get(r.id)).toBeUndefined();
    expect(cache.note(r.id)).toBeUndefined();
  });
});
