/**
 * Socket Mode end to end: apps.connections.open on the mock Web API hands out a loopback ws:// URL
 * served here by a `ws` WebSocketServer playing Slack: it sends `hello`, then envelopes
 * (slash_commands, interactive), and records the app's acks.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { encodeAction } from '../../src/core/action.js';
import { startHarness, until, type Harness } from '../support/fake-slack/harness.js';
import { NO_TEAM_COMMAND } from '../../src/adapters/slack/text.js';
import { VIEW_IDS } from '../../src/adapters/slack/views.js';
import { appHomeOpenedBody, blockActionsPayload, slashCommandFields, viewSubmissionPayload, type Where } from '../support/fake-slack/slack-requests.js';

let wss: WebSocketServer;
let socket: WebSocket | undefined;
const received: Record<string, unknown>[] = [];
let h: Harness;

beforeAll(async () => {
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  wss.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data) => received.push(JSON.parse(String(data)) as Record<string, unknown>));
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'applink-test', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: 'A0KMSTUTOR' },
      }),
    );
  });
  const { port } = wss.address() as AddressInfo;
  h = await startHarness({ mode: 'socket', socketUrl: () => `ws://127.0.0.1:${port}/link/?ticket=test-ticket&app_id=A0KMSTUTOR` });
  h.api.addUser({ id: 'U1', name: 'alice', displayName: 'Alice', tz: 'Europe/Berlin' });
  h.api.addUser({ id: 'U2', name: 'bob', displayName: 'Bob' });
});

afterAll(async () => {
  await h?.stop();
  for (const client of wss?.clients ?? []) client.terminate();
  await new Promise<void>((resolve) => (wss ? wss.close(() => resolve()) : resolve()));
});

function envelope(id: string, type: 'slash_commands' | 'interactive' | 'events_api', payload: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  socket!.send(JSON.stringify({ envelope_id: id, type, payload, accepts_response_payload: type === 'slash_commands', ...extra }));
}
async function ackOf(envelopeId: string): Promise<Record<string, unknown>> {
  await until(() => received.some((m) => m.envelope_id === envelopeId), `the ack of ${envelopeId}`);
  return received.find((m) => m.envelope_id === envelopeId)!;
}
const alice: Where = { channelId: 'C1', channelName: 'study-group', userId: 'U1', userName: 'alice' };
const bob: Where = { channelId: 'C1', channelName: 'study-group', userId: 'U2', userName: 'bob' };

describe('Socket Mode', () => {
  it('opens the connection through apps.connections.open with the app-level token', () => {
    const opens = h.api.callsTo('apps.connections.open');
    expect(opens).toHaveLength(1);
    expect(opens[0]!.authorization).toBe('Bearer xapp-test-token');
  });

  it('acks a slash_commands envelope (envelope_id echoed) and answers through response_url', async () => {
    envelope('env-explain', 'slash_commands', slashCommandFields(alice, 'explain kms key', h.api.responseUrl('sm-explain')));
    const ack = await ackOf('env-explain');
    expect(ack).toEqual({ envelope_id: 'env-explain', payload: {} });
    const reply = await h.api.nthResponse('sm-explain');
    expect(reply.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply.blocks)).toContain('KMS key');
    expect(h.api.callsTo('users.info').map((c) => c.body.user)).toContain('U1');
    // Web API calls use the bot token, not the app-level token.
    expect(h.api.callsTo('users.info')[0]!.authorization).toBe('Bearer xoxb-test-token');
  });

  it('posts a round for `quiz here`, records an interactive answer, and ignores a redelivered envelope', async () => {
    envelope('env-quiz', 'slash_commands', slashCommandFields(alice, 'quiz here', h.api.responseUrl('sm-quiz')));
    expect((await ackOf('env-quiz')).envelope_id).toBe('env-quiz');
    await h.api.waitFor(() => h.api.callsTo('chat.postMessage').some((c) => c.body.channel === 'C1'), 5000, 'the round post');
    const scope = { platform: 'slack' as const, teamId: 'T0001', channelId: 'C1' };
    await until(async () => (await h.store.openChannelRound(scope))?.messageRef != null, 'the round message ref');
    const round = (await h.store.openChannelRound(scope))!;
    const letter = ['A', 'B', 'C'][round.choiceOrder.indexOf(round.correctIndex)]!;

    const payload = blockActionsPayload(bob, { type: 'button', action_id: encodeAction({ kind: 'answer', roundId: round.id, letter }) }, h.api.responseUrl('sm-answer'), {
      messageTs: round.messageRef!.messageId,
    });
    envelope('env-answer', 'interactive', payload);
    expect((await ackOf('env-answer')).envelope_id).toBe('env-answer');
    const reply = await h.api.nthResponse('sm-answer');
    expect(reply.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply.blocks)).toContain('Correct');
    expect(await h.store.getAnswer(round.id, 'U2')).toMatchObject({ letter, correct: true, points: 1 });

    // Slack redelivers the same envelope payload (retry_attempt 1): acked, not processed again.
    envelope('env-answer-retry', 'interactive', payload, { retry_attempt: 1, retry_reason: 'timeout' });
    expect((await ackOf('env-answer-retry')).envelope_id).toBe('env-answer-retry');
    envelope('env-help', 'slash_commands', slashCommandFields(bob, 'help', h.api.responseUrl('sm-help')));
    await h.api.nthResponse('sm-help');
    expect(h.api.responsesTo('sm-answer')).toHaveLength(1);
    expect((await h.store.roundTally(round.id, 3)).answered).toBe(1);
  });

  it('serves the Home tab (events_api app_home_opened) and a modal submission with its errors in the ack payload', async () => {
    envelope('env-home', 'events_api', JSON.parse(appHomeOpenedBody({ userId: 'U2', dmChannelId: 'D0002' })));
    expect((await ackOf('env-home')).envelope_id).toBe('env-home');
    await h.api.waitFor(() => h.api.callsTo('views.publish').length === 1, 5000, 'views.publish');
    expect(h.api.callsTo('views.publish')[0]!.body.user_id).toBe('U2');

    const state = { term: { term: { type: 'plain_text_input', value: 'zebra crossing' } } };
    envelope('env-lookup', 'interactive', viewSubmissionPayload(bob, { type: 'modal', callback_id: VIEW_IDS.lookupModal, private_metadata: '{"teamId":"T0001"}' }, state), {
      accepts_response_payload: true,
    });
    const ack = await ackOf('env-lookup');
    expect(ack.payload).toMatchObject({ response_action: 'errors', errors: { term: expect.stringMatching(/No term matches/) } });
  });

  it('acks an interactive envelope whose payload has no user and drops it with one warning (no error, nothing answered)', async () => {
    const payload = blockActionsPayload(bob, { type: 'button', action_id: encodeAction({ kind: 'answer', roundId: 1, letter: 'A' }) }, h.api.responseUrl('sm-nouser'));
    delete payload.user;
    const before = h.logger.entries.length;
    envelope('env-nouser', 'interactive', payload);
    expect((await ackOf('env-nouser')).envelope_id).toBe('env-nouser');
    await h.slack.settled();
    const logged = h.logger.entries.slice(before).filter((e) => e.level === 'warn' || e.level === 'error');
    expect(logged.map((e) => [e.level, e.msg, e.obj.type])).toEqual([['warn', 'interaction payload without a user: ignored', 'block_actions']]);
    expect(h.api.responsesTo('sm-nouser')).toEqual([]);
  });

  it('acks and drops, with one warning each, an interactive envelope whose user id is empty and one without actions (s7 newcomer #5, #6)', async () => {
    const emptyUser = blockActionsPayload(bob, { type: 'button', action_id: encodeAction({ kind: 'answer', roundId: 1, letter: 'A' }) }, h.api.responseUrl('sm-emptyuser'));
    emptyUser.user = { ...(emptyUser.user as Record<string, unknown>), id: '' };
    const noActions = blockActionsPayload(bob, { type: 'button', action_id: encodeAction({ kind: 'answer', roundId: 1, letter: 'A' }) }, h.api.responseUrl('sm-noactions'));
    delete noActions.actions;
    const before = h.logger.entries.length;
    envelope('env-emptyuser', 'interactive', emptyUser);
    expect((await ackOf('env-emptyuser')).envelope_id).toBe('env-emptyuser');
    envelope('env-noactions', 'interactive', noActions);
    expect((await ackOf('env-noactions')).envelope_id).toBe('env-noactions');
    await h.slack.settled();
    const logged = h.logger.entries.slice(before).filter((e) => e.level === 'warn' || e.level === 'error');
    expect(logged.map((e) => [e.level, e.msg, e.obj.type])).toEqual([
      ['warn', 'interaction payload without a user: ignored', 'block_actions'],
      ['warn', 'interaction payload without actions: ignored', 'block_actions'],
    ]);
    expect(h.api.responsesTo('sm-emptyuser')).toEqual([]);
    expect(h.api.responsesTo('sm-noactions')).toEqual([]);
  });
  it('drops a slash_commands envelope with an empty user_id and refuses one with an empty team_id, one warning each, nothing stored (s7 newcomer2 #1, #9)', async () => {
    const before = h.logger.entries.length;
    envelope('env-cmd-nouser', 'slash_commands', slashCommandFields({ ...bob, userId: '' }, 'answer 1 A', h.api.responseUrl('sm-cmd-nouser')));
    expect(await ackOf('env-cmd-nouser')).toEqual({ envelope_id: 'env-cmd-nouser', payload: {} });
    envelope('env-cmd-noteam', 'slash_commands', slashCommandFields({ ...alice, channelId: 'C9', teamId: '' }, 'quiz here', h.api.responseUrl('sm-cmd-noteam')));
    expect(await ackOf('env-cmd-noteam')).toEqual({ envelope_id: 'env-cmd-noteam', payload: { response_type: 'ephemeral', text: NO_TEAM_COMMAND } });
    await h.slack.settled();
    const logged = h.logger.entries.slice(before).filter((e) => e.level === 'warn' || e.level === 'error');
    expect(logged.map((e) => [e.level, e.msg, e.obj.type])).toEqual([
      ['warn', 'slash command without a user: ignored', '/kms'],
      ['warn', 'slash command without a team: refused', '/kms'],
    ]);
    expect(h.api.responsesTo('sm-cmd-nouser')).toEqual([]);
    expect(h.api.responsesTo('sm-cmd-noteam')).toEqual([]);
    expect(await h.store.getAnswer(1, '')).toBeUndefined();
    expect(await h.store.openChannelRound({ platform: 'slack', teamId: '', channelId: 'C9' })).toBeUndefined();
  });
});
