/**
 * Where an answer click comes from, on loopback through the real Bolt app: a click counts only in its
 * round's own channel (the channel block_actions names, `channel.id` and `container.channel_id`: where
 * the message with the button is), so a click whose payload names another channel of the same team
 * (forged, or misrouted) is refused with the no-such-round answer and stores nothing; an ephemeral
 * practice question, also one asked in a direct message with the bot, keeps working. A typed
 * `/kms answer` follows the same rule (s7 newcomer #15). A block_actions payload without `user` (or
 * with an empty, blank or invisible user id), a typed `/kms` command with such a `user_id`, and a
 * click without `actions`, is acknowledged and dropped with one warning, never an HTTP 500 or an
 * unacked request; a typed command without a usable `team_id` gets a short ephemeral refusal.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { NO_TEAM_COMMAND } from '../../src/adapters/slack/text.js';
import { VIEW_IDS } from '../../src/adapters/slack/views.js';
import { encodeAction } from '../../src/core/action.js';
import type { RoundRow } from '../../src/core/ports/store.js';
import { startHarness, until, type Harness } from '../support/fake-slack/harness.js';
import {
  blockActionsBody,
  blockActionsPayload,
  messageActionPayload,
  slashCommandBody,
  slashCommandFields,
  viewSubmissionPayload,
  type Where,
} from '../support/fake-slack/slack-requests.js';
import { textsOf } from '../support/fake-slack/texts.js';
import type { WireJson } from '../support/wire-json.js';

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

/** Open a `quiz here` round in C100 as alice; the round once its message is posted. */
async function openRound(hh: Harness): Promise<RoundRow> {
  expect((await hh.send(slashCommandBody(alice, 'quiz here', hh.api.responseUrl('open')))).status).toBe(200);
  const scope = { ...team, channelId: 'C100' };
  await until(async () => (await hh.store.openChannelRound(scope))?.messageRef != null, 'the round message');
  return (await hh.store.openChannelRound(scope)) as RoundRow;
}

/** Bob's click on answer A of `round`, its response_url named `id` (a block_actions payload to alter). */
function bobsClick(hh: Harness, round: RoundRow, id: string): WireJson {
  return blockActionsPayload(bob, { type: 'button', action_id: encodeAction({ kind: 'answer', roundId: round.id, letter: 'A' }) }, hh.api.responseUrl(id));
}

/** The warnings and errors logged since entry `before`: [level, message, payload type]. */
function warningsSince(hh: Harness, before: number): unknown[][] {
  return hh.logger.entries
    .slice(before)
    .filter((e) => e.level === 'warn' || e.level === 'error')
    .map((e) => [e.level, e.msg, e.obj.type]);
}

/** Type `/kms <text>` as `who`; the ephemeral answer's words. */
async function typed(hh: Harness, who: Where, text: string, id: string): Promise<string> {
  expect((await hh.send(slashCommandBody(who, text, hh.api.responseUrl(id)))).status).toBe(200);
  return words(await hh.api.nthResponse(id));
}

describe('a typed answer counts only in its round’s channel (s7 newcomer #15)', () => {
  it('refuses `/kms answer` typed in another channel or a direct message, storing nothing; the hint offers no round of another channel', async () => {
    const hh = await start();
    const round = await openRound(hh);
    for (const [where, id] of [
      [bobElsewhere, 'typed-elsewhere'],
      [bobDm, 'typed-dm'],
    ] as const) {
      const refused = await typed(hh, where, `answer ${round.id} A`, id);
      expect(refused).toContain('No such round');
      expect(refused).toContain(`There is no round #${round.id} in this channel. Answer a round in the channel where it was asked.`);
    }
    expect(await hh.store.getAnswer(round.id, 'U2')).toBeUndefined();
    expect((await hh.store.roundTally(round.id, round.choiceOrder.length)).answered).toBe(0);
    // The `A 1` hint typed elsewhere does not send bob to the other channel's round.
    const hint = await typed(hh, bobElsewhere, `A ${round.id}`, 'hint-elsewhere');
    expect(hint).toContain(`there is no round #${round.id} in this channel`);
    expect(hint).not.toContain(`/kms answer ${round.id} A`);
    expect(await typed(hh, bob, `A ${round.id}`, 'hint-here')).toContain(`type \`/kms answer ${round.id} A\``);
    // In the round's channel the typed answer counts.
    expect(await typed(hh, bob, `answer ${round.id} A`, 'typed-here')).not.toContain('No such round');
    expect(await hh.store.getAnswer(round.id, 'U2')).toMatchObject({ letter: 'A' });
  });
});

describe('an interaction payload whose user id is empty (s7 newcomer #5)', () => {
  it('is dropped like a user-less one, for a click, a message shortcut and a modal submission: 200, one warning each, nothing answered or stored', async () => {
    const hh = await start();
    const round = await openRound(hh);
    const click = bobsClick(hh, round, 'empty-click');
    click.user = { ...(click.user as Record<string, unknown>), id: '' };
    const shortcut = messageActionPayload(bob, VIEW_IDS.explainShortcut, 'grants', hh.api.responseUrl('empty-shortcut'));
    shortcut.user = { ...(shortcut.user as Record<string, unknown>), id: '' };
    const state = { term: { term: { type: 'plain_text_input', value: 'grants' } } };
    const submission = viewSubmissionPayload(bob, { type: 'modal', callback_id: VIEW_IDS.lookupModal, private_metadata: '{"teamId":"T0001"}' }, state);
    submission.user = { ...(submission.user as Record<string, unknown>), id: '  ' };
    const before = hh.logger.entries.length;
    for (const payload of [click, shortcut, submission]) {
      const res = await hh.send(blockActionsBody(payload));
      expect(res.status).toBe(200);
      expect(res.text).toBe('');
    }
    await hh.slack.settled();
    expect(warningsSince(hh, before)).toEqual([
      ['warn', 'interaction payload without a user: ignored', 'block_actions'],
      ['warn', 'interaction payload without a user: ignored', 'message_action'],
      ['warn', 'interaction payload without a user: ignored', 'view_submission'],
    ]);
    expect(hh.api.responsesTo('empty-click')).toEqual([]);
    expect(hh.api.responsesTo('empty-shortcut')).toEqual([]);
    expect(await hh.store.getAnswer(round.id, '')).toBeUndefined();
    expect((await hh.store.roundTally(round.id, round.choiceOrder.length)).answered).toBe(0);
    expect(hh.api.callsTo('users.info').filter((c) => c.body.user === '')).toEqual([]);
  });
});

describe('a block_actions payload without actions (s7 newcomer #6)', () => {
  it('is acknowledged at once (HTTP 200, not a 404 after 3 s) and dropped with one warning, nothing answered', async () => {
    const hh = await start();
    const round = await openRound(hh);
    const payload = bobsClick(hh, round, 'noactions');
    delete payload.actions;
    const before = hh.logger.entries.length;
    const res = await hh.send(blockActionsBody(payload));
    expect(res.status).toBe(200);
    await hh.slack.settled();
    expect(warningsSince(hh, before)).toEqual([['warn', 'interaction payload without actions: ignored', 'block_actions']]);
    expect(hh.api.responsesTo('noactions')).toEqual([]);
    expect((await hh.store.roundTally(round.id, round.choiceOrder.length)).answered).toBe(0);
  });
});

describe('a block_actions payload without a user', () => {
  it('is acknowledged (HTTP 200) and dropped with one warning: no 500, no error log, nothing answered or stored', async () => {
    const hh = await start();
    const round = await openRound(hh);
    const payload = bobsClick(hh, round, 'nouser');
    delete payload.user;
    const before = hh.logger.entries.length;
    const res = await hh.send(blockActionsBody(payload));
    expect(res.status).toBe(200);
    await hh.slack.settled();
    expect(warningsSince(hh, before)).toEqual([['warn', 'interaction payload without a user: ignored', 'block_actions']]);
    expect(hh.api.responsesTo('nouser')).toEqual([]);
    expect((await hh.store.roundTally(round.id, round.choiceOrder.length)).answered).toBe(0);
  });
});

describe('a typed `/kms` command or a click whose user id is empty, blank or invisible (s7 newcomer2 #1)', () => {
  it('is acknowledged (HTTP 200, empty body) and dropped with one warning each: nothing answered, stored or replied', async () => {
    const hh = await start();
    const round = await openRound(hh);
    const before = hh.logger.entries.length;
    for (const [userId, id] of [
      ['', 'typed-empty'],
      ['  ', 'typed-blank'],
      ['\u200b', 'typed-zwsp'],
    ] as const) {
      const res = await hh.send(slashCommandBody({ ...bob, userId }, `answer ${round.id} A`, hh.api.responseUrl(id)));
      expect(res.status).toBe(200);
      expect(res.text).toBe('');
    }
    for (const [userId, id] of [
      ['\u200b', 'click-zwsp'],
      ['\u3164', 'click-filler'],
    ] as const) {
      const payload = bobsClick(hh, round, id);
      payload.user = { ...(payload.user as Record<string, unknown>), id: userId };
      const res = await hh.send(blockActionsBody(payload));
      expect(res.status).toBe(200);
      expect(res.text).toBe('');
    }
    await hh.slack.settled();
    expect(warningsSince(hh, before)).toEqual([
      ['warn', 'slash command without a user: ignored', '/kms'],
      ['warn', 'slash command without a user: ignored', '/kms'],
      ['warn', 'slash command without a user: ignored', '/kms'],
      ['warn', 'interaction payload without a user: ignored', 'block_actions'],
      ['warn', 'interaction payload without a user: ignored', 'block_actions'],
    ]);
    for (const id of ['typed-empty', 'typed-blank', 'typed-zwsp', 'click-zwsp', 'click-filler']) expect(hh.api.responsesTo(id)).toEqual([]);
    for (const userId of ['', '  ', '\u200b', '\u3164']) expect(await hh.store.getAnswer(round.id, userId)).toBeUndefined();
    expect((await hh.store.roundTally(round.id, round.choiceOrder.length)).answered).toBe(0);
    // A real user's typed answer still counts.
    expect(await typed(hh, bob, `answer ${round.id} A`, 'typed-real')).not.toContain('No such round');
    expect(await hh.store.getAnswer(round.id, 'U2')).toMatchObject({ letter: 'A' });
  });
});

describe('a typed `/kms` command without a usable team (s7 newcomer2 #9)', () => {
  it('is refused with a short ephemeral reply and one warning, for an empty, blank or missing team_id: nothing stored, no error', async () => {
    const hh = await start();
    const before = hh.logger.entries.length;
    const bodies = [
      slashCommandFields({ ...alice, teamId: '' }, 'quiz here', hh.api.responseUrl('team-empty')),
      slashCommandFields({ ...alice, teamId: ' ' }, 'subscribe 08:30 UTC daily', hh.api.responseUrl('team-blank')),
      (() => {
        const fields = slashCommandFields(alice, 'remind on 18:00', hh.api.responseUrl('team-missing'));
        delete fields.team_id;
        return fields;
      })(),
    ];
    for (const fields of bodies) {
      const res = await hh.send(new URLSearchParams(fields).toString());
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text)).toEqual({ response_type: 'ephemeral', text: NO_TEAM_COMMAND });
    }
    await hh.slack.settled();
    expect(warningsSince(hh, before)).toEqual([
      ['warn', 'slash command without a team: refused', '/kms'],
      ['warn', 'slash command without a team: refused', '/kms'],
      ['warn', 'slash command without a team: refused', '/kms'],
    ]);
    for (const id of ['team-empty', 'team-blank', 'team-missing']) expect(hh.api.responsesTo(id)).toEqual([]);
    expect(await hh.store.listSubscriptions()).toEqual([]);
    for (const teamId of ['', ' ']) expect(await hh.store.openChannelRound({ platform: 'slack', teamId, channelId: 'C100' })).toBeUndefined();
    expect(hh.api.callsTo('chat.postMessage')).toEqual([]);
  });
});
