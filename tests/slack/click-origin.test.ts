/**
 * Where an answer click comes from, on loopback through the real Bolt app: a click counts only in its
 * round's own channel (the channel block_actions names, `channel.id` and `container.channel_id`: where
 * the message with the button is), so a click whose payload names another channel of the same team
 * (forged, or misrouted) is refused with the no-such-round answer and stores nothing; an ephemeral
 * practice question, also one asked in a direct message with the bot, keeps working. A block_actions
 * payload without `user` is acknowledged and dropped with one warning, never an HTTP 500.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { encodeAction } from '../../src/core/action.js';
import type { RoundRow } from '../../src/core/ports/store.js';
import { startHarness, until, type Harness } from '../support/fake-slack/harness.js';
import { blockActionsBody, blockActionsPayload, slashCommandBody, type Where } from '../support/fake-slack/slack-requests.js';
import { textsOf } from '../support/fake-slack/texts.js';

const team = { platform: 'slack', teamId: 'T0001' } as const;
const alice: Where = { teamId: 'T0001', channelId: 'C100', channelName: 'study-group', userId: 'U1', userName: 'alice' };
const bob: Where = { teamId: 'T0001', channelId: 'C100', channelName: 'study-group', userId: 'U2', userName: 'bob' };
const bobElsewhere: Where = { ...bob, channelId: 'C777', channelName: 'other' };
/** Bob's direct message with the bot (a D channel: Slack names it "directmessage"). */
const bobDm: Where = { ...bob, channelId: 'D0BOB', channelName: 'directmessage' };

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function start(): Promise<Harness> {
  h = await startHarness();
  h.api.addUser({ id: 'U1', name: 'alice', displayName: 'Alice', tz: 'UTC', isAdmin: true });
  h.api.addUser({ id: 'U2', name: 'bob', displayName: 'Bob', tz: 'UTC', isAdmin: false });
  return h;
}

/** All `text` fields of a response, joined. */
function words(value: unknown): string {
  return textsOf(value).join(' / ');
}

/** Click answer `letter` on `round` as `who`, from where `who` says; the ephemeral answer's words. */
async function click(hh: Harness, who: Where, round: RoundRow, letter: string, id: string, ephemeral = false): Promise<string> {
  const action = encodeAction({ kind: 'answer', roundId: round.id, letter });
  const payload = blockActionsPayload(who, { type: 'button', action_id: action }, hh.api.responseUrl(id), { ephemeral, ...(round.messageRef ? { messageTs: round.messageRef.messageId } : {}) });
  expect((await hh.send(blockActionsBody(payload))).status).toBe(200);
  return words(await hh.api.nthResponse(id));
}

describe('an answer click counts only in its round’s channel', () => {
  it('refuses a click naming another channel of the same team, storing nothing; the same click from the round’s channel counts', async () => {
    const hh = await start();
    expect((await hh.send(slashCommandBody(alice, 'quiz here', hh.api.responseUrl('open')))).status).toBe(200);
    const scope = { ...team, channelId: 'C100' };
    await until(async () => (await hh.store.openChannelRound(scope))?.messageRef != null, 'the round message');
    const round = (await hh.store.openChannelRound(scope)) as RoundRow;

    const refused = await click(hh, bobElsewhere, round, 'A', 'elsewhere');
    expect(refused).toContain('No such round');
    expect(refused).toContain(`There is no round #${round.id} in this channel. Answer with the buttons on the round's own message.`);
    expect(await hh.store.getAnswer(round.id, 'U2')).toBeUndefined();
    expect((await hh.store.roundTally(round.id, round.choiceOrder.length)).answered).toBe(0);

    const counted = await click(hh, bob, round, 'A', 'here');
    expect(counted).not.toContain('No such round');
    expect(await hh.store.getAnswer(round.id, 'U2')).toMatchObject({ letter: 'A' });
    expect(hh.logger.entries.filter((e) => e.level === 'error')).toEqual([]);
  });

  it('answers an ephemeral practice question in the channel it was asked in, and one asked in a direct message with the bot', async () => {
    const hh = await start();
    for (const [where, id] of [
      [bob, 'channel'],
      [bobDm, 'dm'],
    ] as const) {
      expect((await hh.send(slashCommandBody(where, 'quiz', hh.api.responseUrl(`quiz-${id}`)))).status).toBe(200);
      await hh.api.nthResponse(`quiz-${id}`);
      const practice = (await hh.store.openPracticeRound({ ...team, channelId: where.channelId }, 'U2')) as RoundRow;
      expect(practice.channelId).toBe(where.channelId);
      const answered = await click(hh, where, practice, 'A', `answer-${id}`, true);
      expect(answered).not.toContain('No such round');
      expect(await hh.store.getAnswer(practice.id, 'U2')).toMatchObject({ letter: 'A' });
    }
  });
});

describe('a block_actions payload without a user', () => {
  it('is acknowledged (HTTP 200) and dropped with one warning: no 500, no error log, nothing answered or stored', async () => {
    const hh = await start();
    expect((await hh.send(slashCommandBody(alice, 'quiz here', hh.api.responseUrl('open')))).status).toBe(200);
    const scope = { ...team, channelId: 'C100' };
    await until(async () => (await hh.store.openChannelRound(scope))?.messageRef != null, 'the round message');
    const round = (await hh.store.openChannelRound(scope)) as RoundRow;
    const payload = blockActionsPayload(bob, { type: 'button', action_id: encodeAction({ kind: 'answer', roundId: round.id, letter: 'A' }) }, hh.api.responseUrl('nouser'));
    delete payload.user;
    const before = hh.logger.entries.length;
    const res = await hh.send(blockActionsBody(payload));
    expect(res.status).toBe(200);
    await hh.slack.settled();
    const logged = hh.logger.entries.slice(before).filter((e) => e.level === 'warn' || e.level === 'error');
    expect(logged.map((e) => [e.level, e.msg, e.obj.type])).toEqual([['warn', 'interaction payload without a user: ignored', 'block_actions']]);
    expect(hh.api.responsesTo('nouser')).toEqual([]);
    expect((await hh.store.roundTally(round.id, round.choiceOrder.length)).answered).toBe(0);
  });
});
