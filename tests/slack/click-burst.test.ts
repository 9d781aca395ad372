/**
 * A busy channel: 500 learners who never clicked before answer one `quiz here` round through the
 * real HTTP receiver with 64 signed requests in flight. Every click is acked, answered once through
 * its response_url and stored once; closing the round reveals 500 answers. (Not timed: the
 * throughput and latency figures are `npm run bench`'s.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAction } from '../../src/core/action.js';
import { LETTERS } from '../../src/core/round-view.js';
import type { RoundRow } from '../../src/core/ports/store.js';
import { startHarness, until, type Harness } from '../support/fake-slack/harness.js';
import { blockActionsBody, blockActionsPayload, slashCommandBody, type Where } from '../support/fake-slack/slack-requests.js';

const CLICKS = 500;
const IN_FLIGHT = 64;
const CH = 'C0BUSY';
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  h.api.addUser({ id: 'UOPEN', name: 'opener', displayName: 'Opener' });
  for (let i = 0; i < CLICKS; i++) h.api.addUser({ id: `UL${i}`, name: `learner${i}`, tz: 'Europe/Berlin' });
});
afterAll(async () => {
  await h?.stop();
});

const where = (userId: string): Where => ({ channelId: CH, channelName: 'general', userId, userName: userId.toLowerCase() });

/** Run `count` jobs with `lanes` of them in flight at a time. */
async function inFlight(count: number, lanes: number, job: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await job(next++);
  };
  await Promise.all(Array.from({ length: lanes }, lane));
}

describe('a burst of answer clicks (Slack HTTP receiver)', () => {
  it('acks, answers and stores 500 distinct clicks with 64 in flight, each exactly once', async () => {
    const opened = await h.send(slashCommandBody(where('UOPEN'), 'quiz here', h.api.responseUrl('burst-open')));
    expect(opened.status).toBe(200);
    const scope = { platform: 'slack' as const, teamId: 'T0001', channelId: CH };
    await until(async () => (await h.store.openChannelRound(scope))?.messageRef != null, 'the round message');
    const round = (await h.store.openChannelRound(scope)) as RoundRow;
    const letters = LETTERS.slice(0, round.choiceOrder.length);
    const letterOf = (i: number) => letters[i % letters.length] as string;

    const statuses: number[] = [];
    await inFlight(CLICKS, IN_FLIGHT, async (i) => {
      const action = encodeAction({ kind: 'answer', roundId: round.id, letter: letterOf(i) });
      const payload = blockActionsPayload(where(`UL${i}`), { type: 'button', action_id: action }, h.api.responseUrl(`burst-${i}`), {
        messageTs: round.messageRef?.messageId,
      });
      statuses.push((await h.send(blockActionsBody(payload))).status);
    });
    expect(statuses.filter((s) => s === 200)).toHaveLength(CLICKS);
    await h.slack.settled();
    await h.tutor.rounds.settled();

    // Every learner got exactly one private answer, and the store holds each click once.
    for (let i = 0; i < CLICKS; i++) {
      const replies = h.api.responsesTo(`burst-${i}`);
      expect(replies).toHaveLength(1);
      expect(replies[0]!.response_type).toBe('ephemeral');
      expect(await h.answer(round.id, `UL${i}`)).toMatchObject({ letter: letterOf(i) });
    }
    const tally = await h.store.roundTally(round.id, round.choiceOrder.length);
    expect(tally.answered).toBe(CLICKS);
    for (const [k, letter] of letters.entries()) {
      const expected = Array.from({ length: CLICKS }, (_, i) => letterOf(i)).filter((l) => l === letter).length;
      expect(tally.byChoice[round.choiceOrder[k]!] ?? 0).toBe(expected);
    }
    // One users.info per learner: the directory never asks twice for the same user.
    expect(new Set(h.api.callsTo('users.info').map((c) => c.body.user)).size).toBe(h.api.callsTo('users.info').length);

    // The opener closes the round: the reveal counts every click once.
    const updates = h.api.callsTo('chat.update').length;
    const closeBody = blockActionsBody(
      blockActionsPayload(where('UOPEN'), { type: 'button', action_id: encodeAction({ kind: 'close', roundId: round.id }) }, h.api.responseUrl('burst-close'), {
        messageTs: round.messageRef?.messageId,
      }),
    );
    expect((await h.send(closeBody)).status).toBe(200);
    await h.api.waitFor(() => h.api.callsTo('chat.update').length > updates, 5000, 'the reveal');
    expect(JSON.stringify(h.api.callsTo('chat.update').at(-1)!.body.blocks)).toContain(`${CLICKS} answered`);
    expect(h.logger.entries.filter((e) => e.level === 'error' || e.level === 'warn')).toEqual([]);
  }, 120_000);
});
