/**
 * Names from an event's handle (Context.userNameIsHandle: a click before the adapter looked the
 * display name up) against display names: a handle never replaces a stored name, a display name
 * looked up later replaces a handle, and forget-me leaves nothing a late lookup could bring back.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lettersOf, makeHarness, textOf, type Harness } from './harness.js';

let h: Harness;
beforeEach(() => {
  h = makeHarness();
});
afterEach(() => h.close());

const team = { platform: 'terminal', teamId: 'local' } as const;

async function openRound() {
  await h.tutor.handle({ kind: 'quiz', here: true }, h.ctx('opener'));
  const round = await h.store.openChannelRound({ ...team, channelId: 'terminal' });
  if (!round) throw new Error('no round opened');
  return round;
}

describe('a handle from a click and the stored display name', () => {
  it('a handle-only answer keeps the display name already stored, on the board and in stats', async () => {
    await h.say('stats', 'u1', { userName: 'Ann Example' });
    const round = await openRound();
    const reply = await h.tutor.act({ kind: 'answer', roundId: round.id, letter: lettersOf(round).right }, h.ctx('u1', { userName: 'ann.e', userNameIsHandle: true }));
    expect(reply.tone).toBe('success');
    expect(await h.store.storedUserName(team, 'u1')).toBe('Ann Example');
    const board = textOf(await h.say('leaderboard all', 'bob'));
    expect(board).toContain('Ann Example');
    expect(board).not.toContain('ann.e');
    // Commands with a handle-only name keep it too.
    await h.say('stats', 'u1', { userName: 'ann.e', userNameIsHandle: true });
    expect(await h.store.storedUserName(team, 'u1')).toBe('Ann Example');
  });

  it('a new user is stored under the handle, and the display name looked up later replaces it', async () => {
    const round = await openRound();
    await h.tutor.act({ kind: 'answer', roundId: round.id, letter: lettersOf(round).wrong }, h.ctx('u2', { userName: 'bob.b', userNameIsHandle: true }));
    expect(await h.store.storedUserName(team, 'u2')).toBe('bob.b');
    await h.tutor.refreshUserName(team, 'u2', 'Bob Builder', new Date(h.ctx().now.getTime() + 1_000));
    expect(await h.store.storedUserName(team, 'u2')).toBe('Bob Builder');
    // The next handle-only click does not flip it back.
    await h.tutor.act({ kind: 'answer', roundId: round.id, letter: lettersOf(round).right }, h.ctx('u2', { userName: 'bob.b', userNameIsHandle: true }));
    expect(await h.store.storedUserName(team, 'u2')).toBe('Bob Builder');
    expect(await h.store.findUsers(team, 'bob b')).toEqual([{ userId: 'u2', userName: 'Bob Builder' }]);
  });

  it('a display name that arrives after forget-me stores nothing', async () => {
    const round = await openRound();
    await h.tutor.act({ kind: 'answer', roundId: round.id, letter: lettersOf(round).right }, h.ctx('u3', { userName: 'cy', userNameIsHandle: true }));
    await h.tutor.act({ kind: 'forget', confirm: true }, h.ctx('u3', { userName: 'cy', userNameIsHandle: true }));
    expect(await h.store.storedUserName(team, 'u3')).toBeUndefined();
    await h.tutor.refreshUserName(team, 'u3', 'Cy Twombly', h.ctx().now);
    expect(await h.store.storedUserName(team, 'u3')).toBeUndefined();
    expect(await h.store.findUsers(team, 'cy')).toEqual([]);
  });

  it('a refreshed name is made safe like any name, and a blank one changes nothing', async () => {
    await h.say('stats', 'u4', { userName: 'dee' });
    await h.tutor.refreshUserName(team, 'u4', '   ', h.ctx().now);
    expect(await h.store.storedUserName(team, 'u4')).toBe('dee');
    await h.tutor.refreshUserName(team, 'u4', 'Dee\u0000 <!channel>', h.ctx().now);
    const stored = await h.store.storedUserName(team, 'u4');
    expect(stored).not.toContain('\u0000');
    expect(stored).toContain('Dee');
  });
});
