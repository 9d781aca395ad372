/**
 * The adapter contract for Slack: the real Bolt app (HTTP receiver on loopback) of slackAdapter,
 * signed slash commands and block_actions requests, and the mock Web API recording chat.postMessage
 * (with thread_ts for thread replies) and chat.update and answering with Slack's own errors.
 */
import { encodeAction, type Action } from '../../src/core/action.js';
import type { AdapterLimits } from '../../src/core/ports/adapter.js';
import { silentLogger } from '../../src/core/ports/logger.js';
import { slackAdapter } from '../../src/adapters/slack/adapter.js';
import type { SlackMessage } from '../../src/adapters/slack/block-kit.js';
import { EVENTS_PATH } from '../../src/adapters/slack/index.js';
import { startMockSlackApi } from '../support/fake-slack/mock-slack-api.js';
import { blockActionsBody, blockActionsPayload, SIGNING_SECRET, signedHeaders, slashCommandBody, type Where } from '../support/fake-slack/slack-requests.js';
import { adapterContract, type ProvokedFailure } from './adapter.js';
import type { WireJson } from '../support/wire-json.js';

const TEAM = 'T0001';
const CHANNEL = 'C700';
const opener: Where = { teamId: TEAM, channelId: CHANNEL, channelName: 'study-group', userId: 'U1', userName: 'alice' };
const other: Where = { ...opener, userId: 'U2', userName: 'bob' };

/** Block Kit's documented limits (https://docs.slack.dev/reference/block-kit), independent of the adapter's table. */
const BLOCK_KIT = {
  blocks: 50,
  'section.text': 3000,
  'header.text': 150,
  'button.text': 75,
  'section.field': 2000,
  'section.fields': 10,
  'actions.elements': 25,
  'checkboxes.options': 10,
  'option.text': 75,
  'context.text': 3000,
  action_id: 255,
  'button.value': 2000,
  'static_select.options': 100,
  'option.value': 150,
  'placeholder.text': 150,
};

/** Every way one Slack message breaks Block Kit's limits. */
function violations(message: SlackMessage, limits: AdapterLimits): string[] {
  const out: string[] = [];
  for (const key of Object.keys(BLOCK_KIT) as (keyof typeof BLOCK_KIT)[]) {
    if (key in limits.detail && limits.detail[key]! > BLOCK_KIT[key]) out.push(`the adapter allows ${key} ${limits.detail[key]} > ${BLOCK_KIT[key]}`);
  }
  const over = (what: string, n: number, max: number) => {
    if (n > max) out.push(`${what}: ${n} > ${max}`);
  };
  if (typeof message.text !== 'string' || message.text.length === 0) out.push('no fallback text');
  over('blocks', message.blocks.length, BLOCK_KIT.blocks);
  let buttons = 0;
  for (const block of message.blocks as WireJson[]) {
    if (block.type === 'header') over('header text', block.text.text.length, BLOCK_KIT['header.text']);
    if (block.type === 'section') {
      if (block.text) over('section text', block.text.text.length, BLOCK_KIT['section.text']);
      if (block.fields) {
        over('section fields', block.fields.length, BLOCK_KIT['section.fields']);
        for (const f of block.fields) over('section field', f.text.length, BLOCK_KIT['section.field']);
      }
    }
    if (block.type === 'context') for (const e of block.elements) over('context text', e.text.length, BLOCK_KIT['context.text']);
    if (block.type === 'actions') {
      over('actions elements', block.elements.length, BLOCK_KIT['actions.elements']);
      for (const e of block.elements) {
        over('action_id', e.action_id.length, BLOCK_KIT.action_id);
        if (e.type === 'button') {
          buttons += 1;
          over('button text', e.text.text.length, Math.min(BLOCK_KIT['button.text'], limits.buttonLabel));
          if (e.value !== undefined) over('button value', e.value.length, BLOCK_KIT['button.value']);
        }
        if (e.type === 'checkboxes') {
          over('checkbox options', e.options.length, BLOCK_KIT['checkboxes.options']);
          for (const o of e.options) over('option text', o.text.text.length, BLOCK_KIT['option.text']);
        }
        if (e.type === 'static_select') {
          over('select options', e.options.length, BLOCK_KIT['static_select.options']);
          over('placeholder text', e.placeholder.text.length, BLOCK_KIT['placeholder.text']);
          for (const o of e.options) {
            over('option text', o.text.text.length, BLOCK_KIT['option.text']);
            over('option value', o.value.length, BLOCK_KIT['option.value']);
          }
        }
      }
    }
  }
  over('buttons', buttons, limits.buttonsPerMessage);
  return out;
}

/** The plain words of a Block Kit message: every text it shows. */
function words(message: Record<string, unknown>): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'text' && typeof x === 'string') out.push(x);
        else walk(x);
      }
    }
  };
  walk(message.blocks);
  return out.join('\n');
}

adapterContract<SlackMessage>('Slack', async () => {
  const api = await startMockSlackApi();
  api.addUser({ id: 'U1', name: 'alice', displayName: 'Alice' });
  api.addUser({ id: 'U2', name: 'bob', displayName: 'Bob' });
  const adapter = slackAdapter({
    config: { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET, mode: 'http', port: 0, apiUrl: api.apiUrl },
    logger: silentLogger,
    clientOptions: { retryConfig: { retries: 0 } },
    botId: 'BBOT',
    botUserId: 'UBOT',
  });
  let responses = 0;
  const send = async (body: string) => {
    const res = await fetch(`http://127.0.0.1:${adapter.port}${EVENTS_PATH}`, { method: 'POST', headers: signedHeaders(body), body });
    if (res.status !== 200) throw new Error(`Slack request refused: ${res.status}`);
  };
  const click = async (where: Where, action: Action, messageTs: string) => {
    responses += 1;
    const id = `click-${responses}`;
    await send(blockActionsBody(blockActionsPayload(where, { type: 'button', action_id: encodeAction(action) }, api.responseUrl(id), { messageTs })));
    return id;
  };
  const refusal = (name: string, error: string, expected: ProvokedFailure['expected'], channel: string): ProvokedFailure => ({
    name,
    expected,
    provoke() {
      api.reply('chat.postMessage', (body) => (body.channel === channel ? { body: { ok: false, error } } : undefined));
      return channel;
    },
  });
  return {
    adapter,
    scope: { platform: 'slack', teamId: TEAM, channelId: CHANNEL },
    violations,
    async openRound() {
      responses += 1;
      await send(slashCommandBody(opener, 'quiz here', api.responseUrl(`cmd-${responses}`)));
    },
    async clickAsOpener(action, messageId) {
      await click(opener, action, messageId);
    },
    async clickAsOther(action, messageId) {
      return words(await api.nthResponse(await click(other, action, messageId)));
    },
    messages() {
      const inChannel = (method: string) => api.callsTo(method).filter((c) => c.body.channel === CHANNEL);
      return {
        created: inChannel('chat.postMessage')
          .filter((c) => c.body.thread_ts === undefined)
          .map((c) => String(c.response?.ts ?? '')),
        edited: inChannel('chat.update').map((c) => String(c.body.ts)),
      };
    },
    threadReplies() {
      // A reply in a thread: chat.postMessage with thread_ts = the parent message's ts.
      return api
        .callsTo('chat.postMessage')
        .filter((c) => c.body.channel === CHANNEL && c.body.thread_ts !== undefined)
        .map((c) => ({ parent: String(c.body.thread_ts) }));
    },
    failures: [
      refusal('channel_not_found', 'channel_not_found', 'channel_not_found', 'C-GONE'),
      refusal('not_in_channel', 'not_in_channel', 'forbidden', 'C-NOTIN'),
      refusal('ratelimited', 'ratelimited', 'rate_limited', 'C-RL'),
      refusal('internal_error', 'internal_error', 'transient', 'C-INT'),
      refusal('invalid_blocks', 'invalid_blocks', 'unknown', 'C-BLOCKS'),
    ],
    close: () => api.stop(),
  };
});
