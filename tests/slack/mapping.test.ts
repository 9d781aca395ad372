/**
 * The pure mappings: Slack payload -> Context, clicked element -> Action, delivery keys, and
 * Web API failures -> words.
 */
import { describe, expect, it } from 'vitest';
import { encodeAction } from '../../src/core/action.js';
import { decodeElementAction } from '../../src/adapters/slack/block-action.js';
import { DeliveryLog, deliveryKey } from '../../src/adapters/slack/duplicate-delivery.js';
import { actionContext, commandContext, isDirectMessage } from '../../src/adapters/slack/slack-context.js';
import { classifySlackError, describeFailure } from '../../src/adapters/slack/web-api-errors.js';
import { SLACK_SURFACE } from '../../src/adapters/slack/surface.js';

const now = new Date('2026-11-30T09:00:00Z');

describe('commandContext', () => {
  const command = { team_id: 'T1', channel_id: 'C1', channel_name: 'general', user_id: 'U1', user_name: 'alice', text: 'help' };

  it('maps team, channel, user and the profile', () => {
    expect(commandContext(command, { isAdmin: true, timeZone: 'Europe/Berlin', displayName: 'Alice A.' }, now)).toEqual({
      platform: 'slack',
      teamId: 'T1',
      channelId: 'C1',
      userId: 'U1',
      userName: 'Alice A.',
      isAdmin: true,
      isDirectMessage: false,
      userTimeZone: 'Europe/Berlin',
      now,
      surface: SLACK_SURFACE,
    });
  });

  it('falls back to user_name without a display name and leaves the zone unset', () => {
    const ctx = commandContext(command, { isAdmin: false }, now);
    expect(ctx.userName).toBe('alice');
    expect(ctx.isAdmin).toBe(false);
    expect('userTimeZone' in ctx).toBe(false);
  });

  it('detects direct messages by channel id or channel_name', () => {
    expect(commandContext({ ...command, channel_id: 'D123', channel_name: 'directmessage' }, { isAdmin: false }, now).isDirectMessage).toBe(true);
    expect(isDirectMessage('D42')).toBe(true);
    expect(isDirectMessage('C42', 'directmessage')).toBe(true);
    expect(isDirectMessage('G42', 'mpdm-a--b-1')).toBe(false);
    expect(isDirectMessage('C42', 'general')).toBe(false);
  });
});

describe('actionContext', () => {
  const body = {
    team: { id: 'T1' },
    user: { id: 'U2', username: 'bob', name: 'bob', team_id: 'T1' },
    channel: { id: 'C9', name: 'study' },
    container: { channel_id: 'C9' },
  };
  it('maps the clicker and the channel', () => {
    expect(actionContext(body, { isAdmin: false }, now)).toMatchObject({ teamId: 'T1', channelId: 'C9', userId: 'U2', userName: 'bob', isDirectMessage: false });
  });
  it('uses the container channel and the user team when channel and team are missing', () => {
    expect(actionContext({ user: body.user, container: { channel_id: 'D7' }, team: null }, { isAdmin: false }, now)).toMatchObject({
      teamId: 'T1',
      channelId: 'D7',
      isDirectMessage: true,
    });
  });
  it('returns null without a channel', () => {
    expect(actionContext({ user: body.user, team: { id: 'T1' } }, { isAdmin: false }, now)).toBeNull();
  });
});

describe('decodeElementAction', () => {
  it('decodes a button from its action_id, else its value', () => {
    expect(decodeElementAction({ type: 'button', action_id: 'k1:a:12:B' })).toEqual({ kind: 'answer', roundId: 12, letter: 'B' });
    expect(decodeElementAction({ type: 'button', action_id: 'legacy', value: 'k1:ref:s1' })).toEqual({ kind: 'reference', scenarioId: 's1' });
  });
  it('rejects malformed, foreign and over-long ids', () => {
    expect(decodeElementAction({ type: 'button', action_id: 'k1:a:0:A' })).toBeNull();
    expect(decodeElementAction({ type: 'button', action_id: 'k1:a:1:Z' })).toBeNull();
    expect(decodeElementAction({ type: 'button', action_id: 'approve_button', value: 'yes' })).toBeNull();
    expect(decodeElementAction({ type: 'button', action_id: `k1:sh:t:${'x'.repeat(200)}` })).toBeNull();
    expect(decodeElementAction({ type: 'static_select', action_id: 'k1:pq' })).toBeNull();
  });
  it('builds a self-score from the ticked checkboxes (sorted, duplicates merged)', () => {
    const action_id = encodeAction({ kind: 'selfscore', scenarioId: 's1', checked: [] });
    const opt = (i: number) => ({ value: encodeAction({ kind: 'selfscore', scenarioId: 's1', checked: [i] }) });
    expect(decodeElementAction({ type: 'checkboxes', action_id, selected_options: [opt(3), opt(0), opt(3)] })).toEqual({
      kind: 'selfscore',
      scenarioId: 's1',
      checked: [0, 3],
    });
    expect(decodeElementAction({ type: 'checkboxes', action_id, selected_options: [] })).toEqual({ kind: 'selfscore', scenarioId: 's1', checked: [] });
  });
  it('rejects checkboxes with a foreign element id or option value', () => {
    const action_id = encodeAction({ kind: 'selfscore', scenarioId: 's1', checked: [] });
    expect(decodeElementAction({ type: 'checkboxes', action_id: 'k1:pq', selected_options: [] })).toBeNull();
    expect(decodeElementAction({ type: 'checkboxes', action_id, selected_options: [{ value: 'k1:ss:s2:1' }] })).toBeNull();
    expect(decodeElementAction({ type: 'checkboxes', action_id, selected_options: [{ value: 'bogus' }] })).toBeNull();
  });
});

describe('DeliveryLog', () => {
  it('keys deliveries by trigger_id or event_id', () => {
    expect(deliveryKey({ trigger_id: '1.2.3' })).toBe('trigger:1.2.3');
    expect(deliveryKey({ event_id: 'Ev1' })).toBe('event:Ev1');
    expect(deliveryKey({ type: 'url_verification' })).toBeUndefined();
    expect(deliveryKey(null)).toBeUndefined();
  });
  it('sees a repeat as a repeat until the memory expires; bodies without a key always pass', () => {
    let t = 0;
    const log = new DeliveryLog({ ttlMs: 1000, now: () => t });
    expect(log.firstDelivery({ trigger_id: 'a' })).toBe(true);
    expect(log.firstDelivery({ trigger_id: 'a' })).toBe(false);
    expect(log.firstDelivery({ trigger_id: 'b' })).toBe(true);
    expect(log.firstDelivery({})).toBe(true);
    expect(log.firstDelivery({})).toBe(true);
    t = 1000;
    expect(log.firstDelivery({ trigger_id: 'a' })).toBe(true);
  });

  /** A deliveries port in memory that notes every call (another process's records preset in `seen`). */
  const sharedLog = () => {
    const calls: string[] = [];
    const seen = new Set<string>();
    return {
      calls,
      seen,
      port: {
        async firstDelivery(key: string) {
          calls.push(`first ${key}`);
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        },
        async recordDeliveries(keys: readonly string[]) {
          calls.push(`record ${keys.join(',')}`);
          for (const key of keys) seen.add(key);
        },
      },
    };
  };

  it('records first attempts together in one batch without waiting for the database, and flushes before a retry is checked', async () => {
    const shared = sharedLog();
    const log = new DeliveryLog();
    const problems: unknown[] = [];
    log.bind(shared.port, (err) => problems.push(err));
    expect(await Promise.all(['t1', 't2', 't3'].map((id) => log.firstDeliveryAnywhere({ trigger_id: id })))).toEqual([true, true, true]);
    expect(shared.calls).toEqual([]);
    await log.flush();
    expect(shared.calls).toEqual(['record trigger:t1,trigger:t2,trigger:t3']);
    // A retry of a delivery another process recorded is a repeat here too; this process's own
    // pending keys reach the database before the retry is checked.
    shared.seen.add('trigger:elsewhere');
    expect(await log.firstDeliveryAnywhere({ trigger_id: 't4' })).toBe(true);
    expect(await log.firstDeliveryAnywhere({ trigger_id: 'elsewhere' }, true)).toBe(false);
    expect(shared.calls).toEqual(['record trigger:t1,trigger:t2,trigger:t3', 'record trigger:t4', 'first trigger:elsewhere']);
    expect(await log.firstDeliveryAnywhere({ trigger_id: 'new-retry' }, true)).toBe(true);
    // A repeat within this process never reaches the database.
    expect(await log.firstDeliveryAnywhere({ trigger_id: 't1' }, true)).toBe(false);
    expect(shared.calls).toHaveLength(4);
    expect(problems).toEqual([]);
  });

  it('records a batch on its own a few milliseconds after its first key, and reports a failed batch without losing the clicks', async () => {
    const shared = sharedLog();
    const log = new DeliveryLog();
    const problems: unknown[] = [];
    log.bind(shared.port, (err) => problems.push(err));
    expect(await log.firstDeliveryAnywhere({ trigger_id: 'a1' })).toBe(true);
    for (let i = 0; i < 500 && shared.calls.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(shared.calls).toEqual(['record trigger:a1']);

    const failing = new DeliveryLog();
    failing.bind({ ...shared.port, recordDeliveries: async () => Promise.reject(new Error('database is locked')) }, (err) => problems.push(err));
    expect(await failing.firstDeliveryAnywhere({ trigger_id: 'b1' })).toBe(true);
    await failing.flush();
    expect(problems).toEqual([new Error('database is locked')]);
  });
});

describe('Web API failures in words', () => {
  const platform = (error: string) => Object.assign(new Error(error), { code: 'slack_webapi_platform_error', data: { ok: false, error } });

  it('classifies platform, HTTP and request errors', () => {
    expect(classifySlackError(platform('channel_not_found'))).toEqual({ failure: 'channel_not_found', code: 'channel_not_found' });
    expect(classifySlackError(platform('not_in_channel'))).toEqual({ failure: 'forbidden', code: 'not_in_channel' });
    expect(classifySlackError({ code: 'slack_webapi_http_error', statusCode: 502 })).toEqual({ failure: 'transient', code: 'http_502' });
    expect(classifySlackError({ code: 'slack_webapi_rate_limited_error', retryAfter: 30 })).toEqual({ failure: 'rate_limited', code: 'rate_limited' });
    expect(classifySlackError({ code: 'slack_webapi_request_error', original: new Error('ECONNRESET') })).toEqual({ failure: 'transient', code: 'network' });
    expect(classifySlackError(new TypeError('boom')).failure).toBe('unknown');
  });

  it('tells the user what to do', () => {
    expect(describeFailure({ failure: 'forbidden', code: 'not_in_channel' })).toContain('/invite @kms-tutor');
    expect(describeFailure({ failure: 'forbidden', code: 'is_archived' })).toContain('archived');
    expect(describeFailure({ failure: 'forbidden', code: 'missing_scope' })).toContain('reinstall');
    expect(describeFailure({ failure: 'rate_limited', code: 'rate_limited' })).toContain('try again in a minute');
    expect(describeFailure({ failure: 'channel_not_found', code: 'channel_not_found' })).toContain("can't find this channel");
    expect(describeFailure({ failure: 'unknown', code: 'invalid_blocks' })).toContain('invalid_blocks');
  });
});

describe('the Slack apology for an unexpected failure (issue 15 item 17)', () => {
  it('promises nothing about stored data, like core apologyReply', async () => {
    const { APOLOGY } = await import('../../src/adapters/slack/text.js');
    expect(APOLOGY).not.toMatch(/nothing was changed/i);
    expect(APOLOGY).toContain('logged');
  });
});
