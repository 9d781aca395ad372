/** The reminder's practice button's action string (s7 newcomer #14): the team percent-encoded, strict decoding. */
import { describe, expect, it } from 'vitest';
import { decodeAction, encodeAction, encodeTeam } from '../../src/core/action.js';

describe('reminderPractice actions', () => {
  it('round-trip a guild, a workspace and a direct-message team, within 100 characters with the longest deck id', () => {
    const deck = `d${'x'.repeat(62)}`;
    for (const teamId of ['1200000000000000003', 'T0001', 'local', 'dm:1100000000000000021']) {
      const action = { kind: 'reminderPractice', teamId, deckId: deck } as const;
      const encoded = encodeAction(action);
      expect(encoded.length).toBeLessThanOrEqual(100);
      expect(decodeAction(encoded)).toEqual(action);
    }
    expect(encodeAction({ kind: 'reminderPractice', teamId: 'dm:1', deckId: 'kms' })).toBe('k1:pr:dm%3A1:kms');
  });

  it('refuses a team that does not fit, and malformed strings', () => {
    expect(encodeTeam('')).toBeUndefined();
    expect(encodeTeam('x'.repeat(31))).toBeUndefined();
    expect(encodeTeam('a/b')).toBe('a%2Fb');
    for (const raw of ['k1:pr', 'k1:pr:T0001', 'k1:pr::kms', 'k1:pr:T0001:KMS', 'k1:pr:dm:1:kms', 'k1:pr:%E0%A4%A:kms', 'k1:pr:%74:kms', `k1:pr:${'x'.repeat(31)}:kms`]) {
      expect(decodeAction(raw), raw).toBeNull();
    }
  });
});
