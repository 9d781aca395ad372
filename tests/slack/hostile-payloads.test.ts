/**
 * Hand-made Slack payloads the bot can recognise as bad, on loopback through the real Bolt app, the
 * real Tutor and the mock Web API: wrong-typed modal inputs, modals whose private_metadata this
 * version did not write (or that name an item the deck no longer has), and message shortcuts on a
 * message without text. Each gets a clear answer where the user looks (the field's error, or an
 * ephemeral line), stores nothing and logs no error; never the generic apology, never silence.
 * The payloads are the real view_submission and message_action shapes (tests/support/fake-slack),
 * with one field changed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { VIEW_IDS } from '../../src/adapters/slack/views.js';
import { startHarness, type Harness } from '../support/fake-slack/harness.js';
import { messageActionPayload, viewSubmissionPayload, type Where } from '../support/fake-slack/slack-requests.js';

const alice: Where = { teamId: 'T0001', channelId: 'C100', channelName: 'study-group', userId: 'U1', userName: 'alice' };
const team = { platform: 'slack', teamId: 'T0001' };
const APOLOGY = /something went wrong/i;

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

async function start(): Promise<Harness> {
  h = await startHarness();
  h.api.addUser({ id: 'U1', name: 'alice', displayName: 'Alice', tz: 'Europe/Berlin', isAdmin: true });
  return h;
}

function form(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** Submit modal `callbackId` with `state` and `privateMetadata`; Slack's view_submission answer. */
async function submit(callbackId: string, state: Record<string, unknown>, privateMetadata = ''): Promise<{ response_action: string; errors?: Record<string, string> }> {
  const res = await h.send(form(viewSubmissionPayload(alice, { type: 'modal', callback_id: callbackId, private_metadata: privateMetadata }, state)));
  expect(res.status).toBe(200);
  return JSON.parse(res.text);
}

function errorLogs(): string[] {
  return h.logger.entries.filter((e) => e.level === 'error').map((e) => `${e.msg}`);
}

/** private_metadata as the bot writes it for a modal opened from a message click (views.ts ClickOrigin); `teamId` T0001 unless given. */
function origin(itemId: string, kind?: string, teamId = 'T0001'): string {
  return JSON.stringify({ teamId, channelId: 'C100', channelName: 'study-group', itemId, ...(kind ? { kind } : {}) });
}

/** The warnings logged for private_metadata not used, each with the fields it logged. */
function unreadableWarnings(): Record<string, unknown>[] {
  return h.logger.entries.filter((e) => e.level === 'warn' && e.msg === 'submission of a modal whose private_metadata this version cannot read').map((e) => e.obj);
}

describe('the look-up modal with a wrong-typed term', () => {
  it('answers a number, an object or true as the term with the same field error as an empty term, and logs no error', async () => {
    await start();
    const empty = await submit(VIEW_IDS.lookupModal, { term: { term: { type: 'plain_text_input', value: null } } });
    expect(empty.response_action).toBe('errors');
    expect(empty.errors?.term).toMatch(/^explain needs a term/);
    for (const value of [42, { text: 'grants' }, true]) {
      const answer = await submit(VIEW_IDS.lookupModal, { term: { term: { type: 'plain_text_input', value } } });
      expect(answer).toEqual(empty);
    }
    // A state that is not block_id -> action_id -> element at all reads as empty too.
    expect(await submit(VIEW_IDS.lookupModal, { term: 'grants' })).toEqual(empty);
    expect(errorLogs()).toEqual([]);
  });
});

describe('the subscribe modal with wrong-typed fields', () => {
  it('puts each field’s own error on it, stores nothing and logs no error', async () => {
    await start();
    const answer = await submit(VIEW_IDS.subscribeModal, {
      channel: { channel: { type: 'conversations_select', selected_conversation: 7 } },
      time: { time: { type: 'timepicker', selected_time: 930 } },
      zone: { zone: { type: 'external_select', selected_option: { text: { type: 'plain_text', text: 'Berlin' }, value: 42 } } },
      cadence: { cadence: { type: 'radio_buttons', selected_option: 'daily' } },
      deck: { deck: { type: 'static_select', selected_option: [] } },
    });
    expect(answer.response_action).toBe('errors');
    expect(answer.errors).toEqual({
      channel: expect.stringMatching(/^Pick a channel/),
      time: 'Pick a time of day.',
      zone: expect.stringMatching(/is not a time zone I know/),
      deck: 'Pick one of the decks.',
    });
    expect(await h.store.listSubscriptions()).toEqual([]);
    expect(errorLogs()).toEqual([]);
  });
});

describe('the self-check modal for a scenario this version cannot find', () => {
  const ticked = { 'points-0': { points: { type: 'checkboxes', selected_options: [{ text: { type: 'plain_text', text: '1. a point' }, value: '0' }] } } };

  it('says on the field that the form no longer names its scenario, for private_metadata it did not write, and scores nothing', async () => {
    await start();
    for (const metadata of ['{"roundId":999999}', '{"item":"q-does-not-exist","scenario":"nope"}', 'x'.repeat(3001), '', 'null']) {
      const answer = await submit(VIEW_IDS.selfCheckModal, ticked, metadata);
      expect(answer.response_action).toBe('errors');
      expect(answer.errors?.none).toMatch(/^This self-check no longer says which scenario it is for .*nothing was scored/);
      expect(answer.errors?.none).not.toMatch(APOLOGY);
    }
    expect(await h.store.selfScores(team, 'U1')).toEqual([]);
    expect(errorLogs()).toEqual([]);
    expect(h.logger.entries.filter((e) => e.level === 'warn').map((e) => e.msg)).toContain('submission of a modal whose private_metadata this version cannot read');
  });

  it('names the scenario the deck no longer has, and scores nothing', async () => {
    await start();
    const answer = await submit(VIEW_IDS.selfCheckModal, ticked, origin('no-such-scenario'));
    expect(answer.response_action).toBe('errors');
    expect(answer.errors?.none).toMatch(/Unknown scenario "no-such-scenario"/);
    expect(await h.store.selfScores(team, 'U1')).toEqual([]);
    expect(errorLogs()).toEqual([]);
  });

  it('reads wrong-typed checkboxes as nothing ticked', async () => {
    await start();
    const answer = await submit(VIEW_IDS.selfCheckModal, { 'points-0': { points: { type: 'checkboxes', selected_options: '0' } }, none: 5 }, origin('finance-compliance'));
    expect(answer.errors?.none).toMatch(/^Tick the points/);
    expect(errorLogs()).toEqual([]);
  });
});

describe('the report modal for an item this version cannot find', () => {
  const reason = (value: unknown) => ({ reason: { reason: { type: 'radio_buttons', selected_option: { text: { type: 'plain_text', text: 'Typo' }, value } } } });

  it('says on the field that the form no longer names its item, for private_metadata it did not write, and files nothing', async () => {
    await start();
    for (const metadata of ['{"roundId":999999}', 'x'.repeat(3001), '']) {
      const answer = await submit(VIEW_IDS.reportModal, reason('k1:rp:q.typo:q-grants-purpose'), metadata);
      expect(answer.response_action).toBe('errors');
      expect(answer.errors?.reason).toMatch(/^This form no longer says which question, term or scenario it reports .*nothing was filed/);
    }
    expect(await h.store.openReports(team)).toEqual([]);
    expect(errorLogs()).toEqual([]);
  });

  it('names the item the deck no longer has, and asks again for a wrong-typed reason or note; files nothing', async () => {
    await start();
    const gone = await submit(VIEW_IDS.reportModal, reason('k1:rp:q.typo:q-gone'), origin('q-gone', 'question'));
    expect(gone.errors?.reason).toMatch(/No question, term or scenario has the id "q-gone"/);
    const wrongTyped = await submit(VIEW_IDS.reportModal, { ...reason(42), note: { note: { type: 'plain_text_input', value: 7 } } }, origin('q-grants-purpose', 'question'));
    expect(wrongTyped).toEqual({ response_action: 'errors', errors: { reason: 'Pick what is wrong.' } });
    expect(await h.store.openReports(team)).toEqual([]);
    expect(errorLogs()).toEqual([]);
  });
});

describe('a modal whose private_metadata names another team than the signed payload', () => {
  // alice's submissions are signed payloads of team T0001; the metadata names T9999 (forged, or a
  // modal replayed from another workspace). The team always comes from the payload: such metadata
  // is unreadable, and nothing is stored under either team.
  const other = { platform: 'slack', teamId: 'T9999' };
  const ticked = { 'points-0': { points: { type: 'checkboxes', selected_options: [{ text: { type: 'plain_text', text: '1. a point' }, value: '0' }] } } };
  const typo = { reason: { reason: { type: 'radio_buttons', selected_option: { text: { type: 'plain_text', text: 'Typo' }, value: 'k1:rp:q.typo:q-grants-purpose' } } } };

  it('scores a self-check under no team, says the form is lost and warns without the metadata', async () => {
    await start();
    const answer = await submit(VIEW_IDS.selfCheckModal, ticked, origin('finance-compliance', undefined, 'T9999'));
    expect(answer.response_action).toBe('errors');
    expect(answer.errors?.none).toMatch(/^This self-check no longer says which scenario it is for .*nothing was scored/);
    expect(await h.store.selfScores(other, 'U1')).toEqual([]);
    expect(await h.store.selfScores(team, 'U1')).toEqual([]);
    expect(unreadableWarnings()).toEqual([expect.objectContaining({ callbackId: VIEW_IDS.selfCheckModal, why: 'team' })]);
    expect(JSON.stringify(unreadableWarnings())).not.toMatch(/T9999|finance-compliance/);
    expect(errorLogs()).toEqual([]);
    // The same form with the payload's own team scores as usual.
    const own = await submit(VIEW_IDS.selfCheckModal, ticked, origin('finance-compliance'));
    expect(own.response_action).toBe('update');
    expect(await h.store.selfScores(team, 'U1')).toEqual([expect.objectContaining({ scenarioId: 'finance-compliance', checked: [0] })]);
  });

  it('files a report under no team, says the form is lost and warns without the metadata', async () => {
    await start();
    const answer = await submit(VIEW_IDS.reportModal, typo, origin('q-grants-purpose', 'question', 'T9999'));
    expect(answer.response_action).toBe('errors');
    expect(answer.errors?.reason).toMatch(/^This form no longer says which question, term or scenario it reports .*nothing was filed/);
    expect(await h.store.openReports(other)).toEqual([]);
    expect(await h.store.openReports(team)).toEqual([]);
    expect(unreadableWarnings()).toEqual([expect.objectContaining({ callbackId: VIEW_IDS.reportModal, why: 'team' })]);
    expect(JSON.stringify(unreadableWarnings())).not.toMatch(/T9999|q-grants-purpose/);
    expect(errorLogs()).toEqual([]);
    const own = await submit(VIEW_IDS.reportModal, typo, origin('q-grants-purpose', 'question'));
    expect(own.response_action).toBe('update');
    expect(await h.store.openReports(team)).toEqual([expect.objectContaining({ itemId: 'q-grants-purpose', itemKind: 'question', reason: 'typo' })]);
  });

  it('a payload naming no team at all is never matched, not even by metadata naming team ""', async () => {
    await start();
    const payload = viewSubmissionPayload(alice, { type: 'modal', callback_id: VIEW_IDS.selfCheckModal, private_metadata: origin('finance-compliance', undefined, '') }, ticked);
    const teamless = { ...payload, team: null, user: { ...(payload.user as Record<string, unknown>), team_id: undefined } };
    const res = await h.send(form(teamless));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).response_action).toBe('errors');
    expect(await h.store.selfScores({ platform: 'slack', teamId: '' }, 'U1')).toEqual([]);
    expect(errorLogs()).toEqual([]);
  });

  it('looks a term up for the payload’s team, not reading the metadata, and warns', async () => {
    await start();
    const term = { term: { term: { type: 'plain_text_input', value: 'grants' } } };
    const answer = await submit(VIEW_IDS.lookupModal, term, '{"teamId":"T9999","channelId":"C777"}');
    expect(answer.response_action).toBe('update');
    expect(unreadableWarnings()).toEqual([expect.objectContaining({ callbackId: VIEW_IDS.lookupModal, why: 'team' })]);
    expect(errorLogs()).toEqual([]);
  });
});

describe('a subscribe or look-up modal whose signed payload names no team (s7 newcomer #13)', () => {
  const subscribeState = {
    channel: { channel: { type: 'conversations_select', selected_conversation: 'C100' } },
    time: { time: { type: 'timepicker', selected_time: '08:30' } },
    zone: { zone: { type: 'external_select', selected_option: { text: { type: 'plain_text', text: 'UTC' }, value: 'UTC' } } },
    cadence: { cadence: { type: 'radio_buttons', selected_option: { text: { type: 'plain_text', text: 'Every day' }, value: 'daily' } } },
    deck: { deck: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'Deck' }, value: 'slack-test-deck' } } },
  };
  const lookupState = { term: { term: { type: 'plain_text_input', value: 'grants' } } };

  /** The view_submission of `callbackId` with `state`, its team taken out as `strip` says. */
  function teamless(callbackId: string, state: Record<string, unknown>, strip: 'null' | 'empty', metadata = ''): Record<string, unknown> {
    const payload = viewSubmissionPayload(alice, { type: 'modal', callback_id: callbackId, private_metadata: metadata }, state);
    const user = { ...(payload.user as Record<string, unknown>) };
    delete user.team_id;
    return { ...payload, team: strip === 'null' ? null : { id: '', domain: 'example' }, user };
  }

  /** The warnings logged for a team-less submission. */
  function teamlessWarnings(): unknown[] {
    return h.logger.entries.filter((e) => e.level === 'warn' && e.msg === 'submission of a modal whose payload names no team: ignored').map((e) => e.obj);
  }

  it('refuses the subscription on the channel field, stores nothing under team "" and warns once per submission', async () => {
    await start();
    for (const strip of ['null', 'empty'] as const) {
      const res = await h.send(form(teamless(VIEW_IDS.subscribeModal, subscribeState, strip)));
      expect(res.status).toBe(200);
      const answer = JSON.parse(res.text);
      expect(answer.response_action).toBe('errors');
      expect(answer.errors.channel).toMatch(/^This form does not say which workspace it came from, so nothing was subscribed/);
    }
    expect(await h.store.listSubscriptions()).toEqual([]);
    expect(teamlessWarnings()).toEqual([{ callbackId: VIEW_IDS.subscribeModal }, { callbackId: VIEW_IDS.subscribeModal }]);
    expect(h.api.callsTo('users.info')).toEqual([]);
    expect(errorLogs()).toEqual([]);
    // The same form from the payload's own team subscribes.
    const own = await submit(VIEW_IDS.subscribeModal, subscribeState);
    expect(own.response_action).toBe('update');
    expect(await h.store.listSubscriptions()).toEqual([expect.objectContaining({ teamId: 'T0001', channelId: 'C100', deckId: 'slack-test-deck' })]);
  });

  it('refuses the look-up on the term field with one warning, even with metadata naming team ""', async () => {
    await start();
    const res = await h.send(form(teamless(VIEW_IDS.lookupModal, lookupState, 'null', '{"teamId":""}')));
    expect(res.status).toBe(200);
    const answer = JSON.parse(res.text);
    expect(answer).toEqual({ response_action: 'errors', errors: { term: expect.stringMatching(/^This form does not say which workspace it came from, so nothing was looked up/) } });
    expect(teamlessWarnings()).toEqual([{ callbackId: VIEW_IDS.lookupModal }]);
    expect(h.api.callsTo('users.info')).toEqual([]);
    expect(errorLogs()).toEqual([]);
  });
});

describe('a report modal whose private_metadata names no item kind this version knows', () => {
  const typo = { reason: { reason: { type: 'radio_buttons', selected_option: { text: { type: 'plain_text', text: 'Typo' }, value: 'k1:rp:q.typo:q-grants-purpose' } } } };

  it('says the form is lost for an unknown or missing kind, and files nothing', async () => {
    await start();
    for (const metadata of [origin('q-grants-purpose', 'zzz'), origin('q-grants-purpose', 'q'), origin('q-grants-purpose')]) {
      const answer = await submit(VIEW_IDS.reportModal, typo, metadata);
      expect(answer.response_action).toBe('errors');
      expect(answer.errors?.reason).toMatch(/^This form no longer says which question, term or scenario it reports .*nothing was filed/);
    }
    expect(await h.store.openReports(team)).toEqual([]);
    expect(unreadableWarnings().map((w) => w.why)).toEqual(['shape', 'shape', 'shape']);
    expect(errorLogs()).toEqual([]);
  });

  it('asks again for a reason of another kind than the metadata’s', async () => {
    await start();
    const termReason = { reason: { reason: { type: 'radio_buttons', selected_option: { text: { type: 'plain_text', text: 'Typo' }, value: 'k1:rp:t.typo:q-grants-purpose' } } } };
    expect(await submit(VIEW_IDS.reportModal, termReason, origin('q-grants-purpose', 'question'))).toEqual({ response_action: 'errors', errors: { reason: 'Pick what is wrong.' } });
    expect(await h.store.openReports(team)).toEqual([]);
  });
});

describe('the message shortcut on a message without readable text', () => {
  it('answers ephemerally through the response_url that the message has no text, for a missing message and a non-string text', async () => {
    await start();
    const noMessage = messageActionPayload(alice, VIEW_IDS.explainShortcut, 'unused', h.api.responseUrl('no-message'));
    delete noMessage.message;
    const numeric = messageActionPayload(alice, VIEW_IDS.explainShortcut, 'unused', h.api.responseUrl('numeric'));
    (numeric.message as Record<string, unknown>).text = 12345;
    for (const [id, payload] of [['no-message', noMessage], ['numeric', numeric]] as const) {
      const res = await h.send(form(payload));
      expect(res.status).toBe(200);
      const answer = await h.api.nthResponse(id);
      expect(answer.response_type).toBe('ephemeral');
      expect(answer.text).toMatch(/No text to look through/);
      expect(answer.text).toMatch(/That message has no text of its own/);
    }
    expect(errorLogs()).toEqual([]);
  });
});
