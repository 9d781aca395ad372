import { describe, expect, it } from 'vitest';
import { KnownNames } from '../../src/store/users.js';

const slack = { platform: 'slack', teamId: 'T1' } as const;
const otherTeam = { platform: 'slack', teamId: 'T2' } as const;
const discord = { platform: 'discord', teamId: 'T1' } as const;

describe('KnownNames (names this process stored)', () => {
  it('knows a name only for the team and platform it was stored in', () => {
    const names = new KnownNames();
    names.remember(slack, 'U1', 'Ann');
    expect(names.has(slack, 'U1', 'Ann')).toBe(true);
    expect(names.has(slack, 'U1', 'Annie')).toBe(false);
    expect(names.has(otherTeam, 'U1', 'Ann')).toBe(false);
    expect(names.has(discord, 'U1', 'Ann')).toBe(false);
    // The same user id in another team (an Enterprise Grid user) replaces the entry.
    names.remember(otherTeam, 'U1', 'Ann');
    expect(names.has(otherTeam, 'U1', 'Ann')).toBe(true);
    expect(names.has(slack, 'U1', 'Ann')).toBe(false);
  });

  it('forgets a user only in the scope asked, and everything on clear', () => {
    const names = new KnownNames();
    names.remember(slack, 'U1', 'Ann');
    names.forget(otherTeam, 'U1');
    expect(names.has(slack, 'U1', 'Ann')).toBe(true);
    names.forget(slack, 'U1');
    expect(names.has(slack, 'U1', 'Ann')).toBe(false);
    names.remember(slack, 'U2', 'Bo');
    names.clear();
    expect(names.has(slack, 'U2', 'Bo')).toBe(false);
  });

  it('keeps at most `max` users, dropping the one remembered first', () => {
    const names = new KnownNames(2);
    names.remember(slack, 'U1', 'Ann');
    names.remember(slack, 'U2', 'Bo');
    names.remember(slack, 'U1', 'Annie'); // a rename moves U1 to the back
    names.remember(slack, 'U3', 'Cy');
    expect(names.has(slack, 'U2', 'Bo')).toBe(false);
    expect(names.has(slack, 'U1', 'Annie')).toBe(true);
    expect(names.has(slack, 'U3', 'Cy')).toBe(true);
  });
});
