/**
 * The Slack surfaces on loopback, with the payloads Slack sends (Events API app_home_opened,
 * message_action, view_submission, block_suggestion, block_actions from a view) through the real
 * Bolt app, the real Tutor and the mock Web API: the Home tab (views.publish), the modals (views.open,
 * errors on fields), the zone list, the message shortcut, and a revealed round's thread (thread_ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { VIEW_IDS, VIEW_LIMITS } from '../../src/adapters/slack/views.js';
import type { WireJson } from '../support/wire-json.js';
import { startHarness, until, type Harness } from '../support/fake-slack/harness.js';
import {
  appHomeOpenedBody,
  blockActionsBody,
  blockActionsPayload,
  blockSuggestionPayload,
  messageActionPayload,
  signedJsonHeaders,
  slashCommandBody,
  viewBlockActionsPayload,
  viewSubmissionPayload,
  type Where,
} from '../support/fake-slack/slack-requests.js';
import { textsOf } from '../support/fake-slack/texts.js';

const alice: Where = { teamId: 'T0001', channelId: 'C100', channelName: 'study-group', userId: 'U1', userName: 'alice' };

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

async function start(): Promise<Harness> {
  h = await startHarness();
  h.api.addUser({ id: 'U1', name: 'alice', displayName: 'Alice', tz: 'Europe/Berlin', isAdmin: true });
  h.api.addUser({ id: 'U2', name: 'bob', displayName: 'Bob' });
  return h;
}

/** Every plain text and mrkdwn string in a view or message. */
function words(value: unknown): string {
  return textsOf(value).join('\n');
}

/** Every way a view breaks Slack's view limits (independent figures from the Block Kit reference). */
function viewViolations(view: WireJson): string[] {
  const out: string[] = [];
  if (view.blocks.length > 100) out.push(`blocks ${view.blocks.length} > 100`);
  if (view.type === 'modal') {
    if (view.title.text.length > 24) out.push('title > 24');
    if (view.submit && view.submit.text.length > 24) out.push('submit > 24');
    if (view.close && view.close.text.length > 24) out.push('close > 24');
  }
  if ((view.private_metadata ?? '').length > 3000) out.push('private_metadata > 3000');
  for (const block of view.blocks as WireJson[]) {
    if (block.type === 'header' && block.text.text.length > 150) out.push('header > 150');
    if (block.type === 'section' && block.text && block.text.text.length > 3000) out.push('section > 3000');
    if (block.type === 'input' && block.label.text.length > 2000) out.push('label > 2000');
    if (block.type === 'actions') {
      if (block.elements.length > 25) out.push('actions > 25');
      for (const e of block.elements) if (e.type === 'button' && e.text.text.length > 75) out.push('button > 75');
    }
    const options = block.element?.options as WireJson[] | undefined;
    for (const o of options ?? []) {
      if (o.text.text.length > 75) out.push('option text > 75');
      if (o.value.length > 150) out.push('option value > 150');
    }
  }
  return out;
}

function form(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

describe('the App Home tab', () => {
  it('publishes the learner’s dashboard when they open it, within the view limits, for a learner with no history', async () => {
    await start();
    const body = appHomeOpenedBody({ userId: 'U2', dmChannelId: 'D0002' });
    const res = await h.send(body, signedJsonHeaders(body));
    expect(res.status).toBe(200);
    await h.api.waitFor(() => h.api.callsTo('views.publish').length === 1, 5000, 'views.publish');
    const call = h.api.callsTo('views.publish')[0]!;
    expect(call.body.user_id).toBe('U2');
    const view = call.body.view as WireJson;
    expect(view.type).toBe('home');
    expect(viewViolations(view)).toEqual([]);
    const text = words(view);
    expect(text).toContain("Bob's study dashboard");
    expect(text).toContain('No round answers this week yet');
    const ids = (view.blocks as WireJson[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements.map((e: WireJson) => e.action_id));
    expect(ids).toEqual(expect.arrayContaining([VIEW_IDS.homeScenario, VIEW_IDS.homeLookup]));
    // Bob is no admin: no daily-question form on his tab.
    expect(ids).not.toContain(VIEW_IDS.homeSubscribe);
  });

  it('refreshes it each time it is opened, and ignores the Messages tab', async () => {
    await start();
    const first = appHomeOpenedBody({ userId: 'U1', dmChannelId: 'D0001' });
    await h.send(first, signedJsonHeaders(first));
    const messages = appHomeOpenedBody({ userId: 'U1', dmChannelId: 'D0001' }, 'messages');
    await h.send(messages, signedJsonHeaders(messages));
    const second = appHomeOpenedBody({ userId: 'U1', dmChannelId: 'D0001' });
    await h.send(second, signedJsonHeaders(second));
    await h.api.waitFor(() => h.api.callsTo('views.publish').length === 2, 5000, 'two views.publish');
    await h.slack.settled();
    expect(h.api.callsTo('views.publish')).toHaveLength(2);
    const ids = ((h.api.callsTo('views.publish')[1]!.body.view as WireJson).blocks as WireJson[])
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements.map((e: WireJson) => e.action_id));
    expect(ids).toContain(VIEW_IDS.homeSubscribe);
  });

  it('answers its Practise button in the learner’s direct message (a view has no response_url)', async () => {
    await start();
    const home = { type: 'home', blocks: [] };
    await h.send(form(viewBlockActionsPayload(alice, home, 'k1:pq')));
    await h.api.waitFor(() => h.api.callsTo('chat.postMessage').length === 1, 5000, 'the practice question');
    expect(h.api.callsTo('conversations.open')[0]!.body.users).toBe('U1');
    const post = h.api.callsTo('chat.postMessage')[0]!;
    expect(post.body.channel).toBe('D1');
    expect(words(post.body)).toMatch(/Practice/);
  });
});

describe('the modals', () => {
  it('opens the subscribe modal with the trigger id of the Home tab click, the admin’s own zone preselected', async () => {
    await start();
    const payload = viewBlockActionsPayload(alice, { type: 'home', blocks: [] }, VIEW_IDS.homeSubscribe);
    await h.send(form(payload));
    await h.api.waitFor(() => h.api.callsTo('views.open').length === 1, 5000, 'views.open');
    const call = h.api.callsTo('views.open')[0]!;
    expect(call.body.trigger_id).toBe(payload.trigger_id);
    const view = call.body.view as WireJson;
    expect(view.callback_id).toBe(VIEW_IDS.subscribeModal);
    expect(viewViolations(view)).toEqual([]);
    const zone = (view.blocks as WireJson[]).find((b) => b.block_id === VIEW_IDS.zone.block)!;
    expect(zone.element.type).toBe('external_select');
    expect(zone.element.initial_option.value).toBe('Europe/Berlin');
    const deck = (view.blocks as WireJson[]).find((b) => b.block_id === VIEW_IDS.deck.block)!;
    expect(deck.element.options.map((o: WireJson) => o.value)).toEqual(['slack-test-deck']);
  });

  it('lists time zones for what was typed in the zone field (block_suggestion)', async () => {
    await start();
    const res = await h.send(form(blockSuggestionPayload(alice, { type: 'modal', callback_id: VIEW_IDS.subscribeModal }, 'zone', 'zone', 'berl')));
    expect(res.status).toBe(200);
    const options = JSON.parse(res.text).options as WireJson[];
    expect(options.map((o) => o.value)).toEqual(['Europe/Berlin']);
    expect(options[0]!.text).toMatchObject({ type: 'plain_text', text: 'Europe/Berlin' });
    const many = JSON.parse((await h.send(form(blockSuggestionPayload(alice, { type: 'modal' }, 'zone', 'zone', 'a')))).text).options;
    expect(many.length).toBeLessThanOrEqual(VIEW_LIMITS.externalOptions);
  });

  it('shows errors on the fields of a bad subscribe submission and stores nothing', async () => {
    await start();
    const state = {
      channel: { channel: { type: 'conversations_select', selected_conversation: 'D0001' } },
      time: { time: { type: 'timepicker', selected_time: null } },
      zone: { zone: { type: 'external_select', selected_option: { text: { type: 'plain_text', text: 'Mars/Base' }, value: 'Mars/Base' } } },
      cadence: { cadence: { type: 'radio_buttons', selected_option: { text: { type: 'plain_text', text: 'Weekdays' }, value: 'weekdays' } } },
      deck: { deck: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'Gone' }, value: 'no-such-deck' } } },
    };
    const res = await h.send(form(viewSubmissionPayload(alice, { type: 'modal', callback_id: VIEW_IDS.subscribeModal }, state)));
    expect(res.status).toBe(200);
    const answer = JSON.parse(res.text);
    expect(answer.response_action).toBe('errors');
    expect(Object.keys(answer.errors).sort()).toEqual(['channel', 'deck', 'time', 'zone']);
    expect(answer.errors.zone).toContain('Mars/Base');
    expect(await h.store.listSubscriptions()).toEqual([]);
  });

  it('subscribes the channel from a good submission and shows the result in the modal; a non-admin gets the refusal on the field', async () => {
    await start();
    const state = (channel: string) => ({
      channel: { channel: { type: 'conversations_select', selected_conversation: channel } },
      time: { time: { type: 'timepicker', selected_time: '08:30' } },
      zone: { zone: { type: 'external_select', selected_option: { text: { type: 'plain_text', text: 'Europe/Berlin' }, value: 'Europe/Berlin' } } },
      cadence: { cadence: { type: 'radio_buttons', selected_option: { text: { type: 'plain_text', text: 'Every day' }, value: 'daily' } } },
      deck: { deck: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'Deck' }, value: 'slack-test-deck' } } },
    });
    const bob = { ...alice, userId: 'U2', userName: 'bob' };
    const refused = JSON.parse((await h.send(form(viewSubmissionPayload(bob, { type: 'modal', callback_id: VIEW_IDS.subscribeModal }, state('C100'))))).text);
    expect(refused.response_action).toBe('errors');
    expect(refused.errors.channel).toMatch(/admin/i);

    const res = JSON.parse((await h.send(form(viewSubmissionPayload(alice, { type: 'modal', callback_id: VIEW_IDS.subscribeModal }, state('C100'))))).text);
    expect(res.response_action).toBe('update');
    expect(viewViolations(res.view)).toEqual([]);
    const [sub] = await h.store.listSubscriptions();
    expect(sub).toMatchObject({ platform: 'slack', teamId: 'T0001', channelId: 'C100', time: '08:30', timeZone: 'Europe/Berlin', cadence: 'daily', deckId: 'slack-test-deck' });
  });

  it('looks a term up from the look-up modal, with the error on the field when nothing matches', async () => {
    await start();
    await h.send(form(viewBlockActionsPayload(alice, { type: 'home', blocks: [] }, VIEW_IDS.homeLookup)));
    await h.api.waitFor(() => h.api.callsTo('views.open').length === 1, 5000, 'views.open');
    const opened = h.api.callsTo('views.open')[0]!.body.view as WireJson;
    expect(viewViolations(opened)).toEqual([]);
    const submit = (term: string) =>
      h.send(form(viewSubmissionPayload(alice, opened, { term: { term: { type: 'plain_text_input', value: term } } }))).then((r) => JSON.parse(r.text));
    const none = await submit('zebra crossing');
    expect(none.response_action).toBe('errors');
    expect(none.errors.term).toMatch(/No term matches/);
    const found = await submit('grnats');
    expect(found.response_action).toBe('update');
    expect(words(found.view)).toContain('A grant lets a principal use a KMS key');
    expect(viewViolations(found.view)).toEqual([]);
  });
});

describe('a submitted form this version does not know', () => {
  it('is acked at once with a modal saying it is out of date (not left to time out), for an unknown id and the result modal', async () => {
    await start();
    for (const callbackId of ['no_such_view', VIEW_IDS.resultModal]) {
      const res = await h.send(form(viewSubmissionPayload(alice, { type: 'modal', callback_id: callbackId }, {})));
      expect(res.status).toBe(200);
      const answer = JSON.parse(res.text);
      expect(answer.response_action).toBe('update');
      expect(words(answer.view)).toContain('This form is out of date');
      expect(viewViolations(answer.view)).toEqual([]);
    }
    expect(await h.store.listSubscriptions()).toEqual([]);
  });
});

describe('the modals opened from message buttons', () => {
  /** Click `actionId` on a channel message; the modal Slack was asked to open. */
  async function clickForModal(actionId: string): Promise<{ view: WireJson; trigger: string }> {
    const payload = blockActionsPayload(alice, { type: 'button', action_id: actionId }, h.api.responseUrl('click'));
    await h.send(blockActionsBody(payload));
    await h.api.waitFor(() => h.api.callsTo('views.open').length === 1, 5000, 'views.open');
    const call = h.api.callsTo('views.open')[0]!;
    return { view: call.body.view as WireJson, trigger: String(payload.trigger_id) };
  }

  it('opens the report modal from "Report a problem" and files the report, with errors on the note field first', async () => {
    await start();
    const { view, trigger } = await clickForModal('k1:rp:q:q-grants-purpose');
    expect(h.api.callsTo('views.open')[0]!.body.trigger_id).toBe(trigger);
    expect(view.callback_id).toBe(VIEW_IDS.reportModal);
    expect(viewViolations(view)).toEqual([]);
    const reasons = (view.blocks as WireJson[]).find((b) => b.block_id === VIEW_IDS.reason.block)!.element.options as WireJson[];
    const pick = (word: string) => reasons.find((o) => o.value.endsWith(`.${word}:q-grants-purpose`))!;
    const submit = (reason: WireJson, note: string) =>
      h
        .send(
          form(
            viewSubmissionPayload(alice, view, {
              reason: { reason: { type: 'radio_buttons', selected_option: reason } },
              note: { note: { type: 'plain_text_input', value: note } },
            }),
          ),
        )
        .then((r) => JSON.parse(r.text));
    const noNote = await submit(pick('other'), '');
    expect(noNote).toEqual({ response_action: 'errors', errors: { note: expect.stringMatching(/reason is "other"/) } });
    const tooLong = await submit(pick('typo'), 'x'.repeat(501));
    expect(tooLong.errors.note).toBe('At most 500 characters, please (this is 501).');
    expect(await h.store.openReports({ platform: 'slack', teamId: 'T0001' })).toEqual([]);

    const filed = await submit(pick('typo'), 'grants is misspelt');
    expect(filed.response_action).toBe('update');
    expect(viewViolations(filed.view)).toEqual([]);
    const [report] = await h.store.openReports({ platform: 'slack', teamId: 'T0001' });
    expect(report).toMatchObject({ itemId: 'q-grants-purpose', reason: 'typo', text: 'grants is misspelt' });
    // The click opened a modal: no ephemeral reason picker was sent as well.
    await h.slack.settled();
    expect(h.api.responsesTo('click')).toEqual([]);
  });

  it('opens the scenario self-check as a modal and scores the ticked points, with errors for nothing or contradictions', async () => {
    await start();
    const { view } = await clickForModal('k1:chk:finance-compliance');
    expect(view.callback_id).toBe(VIEW_IDS.selfCheckModal);
    expect(viewViolations(view)).toEqual([]);
    const group = (view.blocks as WireJson[]).find((b) => b.block_id === `${VIEW_IDS.pointsPrefix}0`)!;
    const options = group.element.options as WireJson[];
    const submit = (points: WireJson[], none: boolean) =>
      h
        .send(
          form(
            viewSubmissionPayload(alice, view, {
              'points-0': { points: { type: 'checkboxes', selected_options: points } },
              none: { none: { type: 'checkboxes', selected_options: none ? [{ text: { type: 'plain_text', text: 'none' }, value: 'none' }] : [] } },
            }),
          ),
        )
        .then((r) => JSON.parse(r.text));
    expect((await submit([], false)).errors.none).toMatch(/Tick the points/);
    expect((await submit([options[0]!], true)).errors.none).toMatch(/cannot go with/);
    const scored = await submit([options[0]!, options[1]!], false);
    expect(scored.response_action).toBe('update');
    expect(words(scored.view)).toMatch(/2/);
  });
});

describe('the message shortcut "Explain KMS terms in this message"', () => {
  it('answers ephemerally through the response_url with the summaries of the terms the message names', async () => {
    await start();
    const url = h.api.responseUrl('shortcut-1');
    const res = await h.send(form(messageActionPayload(alice, VIEW_IDS.explainShortcut, 'Do we need a grant or is the CMK enough?', url)));
    expect(res.status).toBe(200);
    const answer = await h.api.nthResponse('shortcut-1');
    expect(answer.response_type).toBe('ephemeral');
    const text = words(answer);
    expect(text).toContain('Grant (KMS)');
    expect(text).toContain('KMS key');
    expect(text).toContain('The key resource that AWS KMS uses');
    expect((answer.blocks as unknown[]).length).toBeLessThanOrEqual(50);
  });

  it('says so when the message names no term', async () => {
    await start();
    await h.send(form(messageActionPayload(alice, VIEW_IDS.explainShortcut, 'lunch?', h.api.responseUrl('shortcut-2'))));
    expect(words(await h.api.nthResponse('shortcut-2'))).toContain('No deck terms found in that text');
  });
});

describe('the reveal thread', () => {
  it('posts the explanation of every choice with chat.postMessage in the thread of the round message (thread_ts)', async () => {
    await start();
    await h.send(slashCommandBody(alice, 'quiz here', h.api.responseUrl('quiz')));
    await until(async () => (await h.store.openChannelRound({ platform: 'slack', teamId: 'T0001', channelId: 'C100' }))?.messageRef != null, 'the round post');
    const round = (await h.store.openChannelRound({ platform: 'slack', teamId: 'T0001', channelId: 'C100' }))!;
    await h.send(slashCommandBody(alice, 'close', h.api.responseUrl('close')));
    await h.api.waitFor(() => h.api.callsTo('chat.postMessage').some((c) => c.body.thread_ts !== undefined), 5000, 'the thread reply');
    const [thread] = h.api.callsTo('chat.postMessage').filter((c) => c.body.thread_ts !== undefined);
    expect(thread!.body.channel).toBe('C100');
    expect(thread!.body.thread_ts).toBe(round.messageRef!.messageId);
    expect(thread!.body.reply_broadcast).toBeUndefined();
    expect(words(thread!.body)).toContain('why each choice is right or wrong');
    expect((thread!.body.blocks as unknown[]).length).toBeLessThanOrEqual(50);
    // The reveal itself stays the edited round message.
    expect(h.api.callsTo('chat.update').map((c) => c.body.ts)).toContain(round.messageRef!.messageId);
  });
});
