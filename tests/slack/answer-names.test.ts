/**
 * An answer click does not wait for users.info: a learner whose profile is not cached is answered
 * under the handle of the block_actions payload (`user.username`), and their display name is looked
 * up afterwards (src/adapters/slack/name-refresh.ts). A handle never replaces a display name already
 * stored, and a lookup that lands after forget-me stores nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { encodeAction } from '../../src/core/action.js';
import { LETTERS } from '../../src/core/round-view.js';
import type { RoundRow } from '../../src/core/ports/store.js';
import { startHarness, until, type Harness } from '../support/fake-slack/harness.js';
import { blockActionsBody, blockActionsPayload, slashCommandBody, type Where } from '../support/fake-slack/slack-requests.js';

const CH = 'C0NAMES';
const team = { platform: 'slack', teamId: 'T0001' } as const;
let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** A harness whose display-name lookups run as soon as they are queued (and whose profile cache lasts `userCacheMs`). */
async function start(userCacheMs?: number): Promise<Harness> {
  h = await startHarness({ extra: { nameRefreshMs: 0, ...(userCacheMs ? { userCacheMs } : {}) } });
  h.api.addUser({ id: 'UOPEN', name: 'opener', displayName: 'Opener' });
  h.api.addUser({ id: 'UANN', name: 'ann.handle', displayName: 'Ann Display' });
  return h;
}

const where = (userId: string, userName: string): Where => ({ channelId: CH, channelName: 'general', userId, userName });

async function openRound(hh: Harness): Promise<RoundRow> {
  expect((await hh.send(slashCommandBody(where('UOPEN', 'opener'), 'quiz here', hh.api.responseUrl('open')))).status).toBe(200);
  const scope = { ...team, channelId: CH };
  await until(async () => (await hh.store.openChannelRound(scope))?.messageRef != null, 'the round message');
  return (await hh.store.openChannelRound(scope)) as RoundRow;
}

async function click(hh: Harness, round: RoundRow, userId: string, handle: string, id: string): Promise<void> {
  const action = encodeAction({ kind: 'answer', roundId: round.id, letter: LETTERS[0] as string });
  const payload = blockActionsPayload(where(userId, handle), { type: 'button', action_id: action }, hh.api.responseUrl(id), { messageTs: round.messageRef?.messageId });
  expect((await hh.send(blockActionsBody(payload))).status).toBe(200);
  await hh.slack.settled();
}

describe('an answer click and the learner name', () => {
  it('answers a new learner without waiting for users.info, under the handle, then stores the display name looked up after', async () => {
    const hh = await start();
    const round = await openRound(hh);
    // users.info for the learner is held back until the answer and its feedback are in.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    hh.api.reply('users.info', (body) => (body.user === 'UANN' ? { until: held, asDefault: true } : undefined));
    await click(hh, round, 'UANN', 'ann.handle', 'ann-1');
    expect(hh.api.responsesTo('ann-1')).toHaveLength(1);
    expect(await hh.store.getAnswer(round.id, 'UANN')).toMatchObject({ letter: 'A' });
    expect(await hh.store.storedUserName(team, 'UANN')).toBe('ann.handle');
    release();
    await hh.slack.namesSettled();
    expect(hh.api.callsTo('users.info').filter((c) => c.body.user === 'UANN')).toHaveLength(1);
    expect(await hh.store.storedUserName(team, 'UANN')).toBe('Ann Display');
    expect(await hh.store.findUsers(team, 'ann')).toEqual([{ userId: 'UANN', userName: 'Ann Display' }]);
    // Cached now: the next click uses the display name and queues no lookup.
    await click(hh, round, 'UANN', 'ann.handle', 'ann-2');
    await hh.slack.namesSettled();
    expect(hh.api.callsTo('users.info').filter((c) => c.body.user === 'UANN')).toHaveLength(1);
  });

  it('keeps a display name stored earlier when a later click carries only the handle', async () => {
    // Profiles are cached for 1 ms only, so the click finds none cached.
    const hh = await start(1);
    expect((await hh.send(slashCommandBody(where('UANN', 'ann.handle'), 'stats', hh.api.responseUrl('stats'))))).toMatchObject({ status: 200 });
    await hh.slack.settled();
    expect(await hh.store.storedUserName(team, 'UANN')).toBe('Ann Display');
    const round = await openRound(hh);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await click(hh, round, 'UANN', 'ann.handle', 'ann-1');
    expect(hh.api.responsesTo('ann-1')).toHaveLength(1);
    expect(await hh.store.storedUserName(team, 'UANN')).toBe('Ann Display');
    await hh.slack.namesSettled();
    expect(await hh.store.storedUserName(team, 'UANN')).toBe('Ann Display');
  });

  it('stores no name when the lookup lands after the learner used forget-me', async () => {
    const hh = await start();
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    hh.api.reply('users.info', (body) => (body.user === 'UANN' ? { until: held, asDefault: true } : undefined));
    const round = await openRound(hh);
    await click(hh, round, 'UANN', 'ann.handle', 'ann-1');
    expect(await hh.store.storedUserName(team, 'UANN')).toBe('ann.handle');
    // Forget-me while the lookup is held (through core: a forget click would wait on the same lookup).
    const forgot = await hh.tutor.act({ kind: 'forget', confirm: true }, { ...team, channelId: CH, userId: 'UANN', userName: 'ann.handle', isAdmin: false, isDirectMessage: false, now: new Date() });
    expect(forgot.tone).toBe('success');
    expect(await hh.store.getAnswer(round.id, 'UANN')).toBeUndefined();
    release();
    await hh.slack.namesSettled();
    expect(hh.api.callsTo('users.info').some((c) => c.body.user === 'UANN')).toBe(true);
    expect(await hh.store.storedUserName(team, 'UANN')).toBeUndefined();
    expect(await hh.store.findUsers(team, 'ann')).toEqual([]);
  });
});
