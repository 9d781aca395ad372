/**
 * End to end over loopback: signed Slack requests -> the real Bolt HTTP receiver -> the real Tutor
 * and SQLite store -> Web API calls and response_url posts recorded by the mock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAction, encodeAction, type Action } from '../../src/core/action.js';
import { UNKNOWN_BUTTON } from '../../src/adapters/slack/text.js';
import { startHarness, until, type Harness } from '../support/fake-slack/harness.js';
import type { ApiCall } from '../support/fake-slack/mock-slack-api.js';
import {
  blockActionsBody,
  blockActionsPayload,
  signedHeaders,
  slashCommandBody,
  type ClickedElement,
  type Where,
} from '../support/fake-slack/slack-requests.js';
import type { WireJson } from '../support/wire-json.js';

let h: Harness;
const TEAM = 'T0001';

beforeAll(async () => {
  h = await startHarness();
  h.api.addUser({ id: 'U1', name: 'alice', displayName: 'Alice', tz: 'Europe/Berlin' });
  h.api.addUser({ id: 'U2', name: 'bob', displayName: 'Bob', tz: 'America/New_York' });
  h.api.addUser({ id: 'U3', name: 'carol', displayName: 'Carol' });
  h.api.addUser({ id: 'U4', name: 'dan', displayName: 'Dan' });
  h.api.addUser({ id: 'U5', name: 'erin', displayName: 'Erin' });
  h.api.addUser({ id: 'U9', name: 'olga', displayName: 'Olga', tz: 'Europe/Berlin', isAdmin: true });
  h.api.addUser({ id: 'U8', name: 'ada', displayName: 'Ada', isAdmin: true });
});
afterAll(async () => {
  await h?.stop();
});

const USERS: Record<string, string> = { U1: 'alice', U2: 'bob', U3: 'carol', U4: 'dan', U5: 'erin', U8: 'ada', U9: 'olga' };
function at(channelId: string, userId: string, channelName = 'study-group'): Where {
  return { channelId, channelName, userId, userName: USERS[userId]! };
}

let rid = 0;
/** A fresh response_url id. */
function nextRid(label: string): string {
  rid += 1;
  return `${label}-${rid}`;
}

async function command(where: Where, text: string) {
  const id = nextRid('cmd');
  const res = await h.send(slashCommandBody(where, text, h.api.responseUrl(id)));
  return { res, id };
}

async function click(where: Where, element: ClickedElement | Action, options: { ephemeral?: boolean; messageTs?: string } = {}) {
  const id = nextRid('click');
  const el: ClickedElement = 'kind' in element ? { type: 'button', action_id: encodeAction(element) } : element;
  const body = blockActionsBody(blockActionsPayload(where, el, h.api.responseUrl(id), options));
  const res = await h.send(body);
  return { res, id, body };
}

function blocksOf(msg: Record<string, unknown>): Record<string, WireJson>[] {
  return msg.blocks as Record<string, WireJson>[];
}
function headerOf(msg: Record<string, unknown>): string {
  return blocksOf(msg).find((b) => b.type === 'header')?.text.text ?? '';
}
function buttonActions(msg: Record<string, unknown>): (Action | null)[] {
  return blocksOf(msg)
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements)
    .filter((e: WireJson) => e.type === 'button')
    .map((e: WireJson) => decodeAction(e.action_id));
}
function textOf(msg: Record<string, unknown>): string {
  return JSON.stringify(msg.blocks);
}
function postsTo(channel: string): ApiCall[] {
  return h.api.callsTo('chat.postMessage').filter((c) => c.body.channel === channel);
}
function updatesIn(channel: string): ApiCall[] {
  return h.api.callsTo('chat.update').filter((c) => c.body.channel === channel);
}

describe('the HTTP receiver', () => {
  it('answers GET /healthz with 200 ok', async () => {
    const res = await fetch(`${h.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
  });
});

describe('/kms explain', () => {
  it('acks at once with an empty 200 and answers the asker ephemerally with the term card', async () => {
    const { res, id } = await command(at('C100', 'U1'), 'explain grants');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const reply = await h.api.nthResponse(id);
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.replace_original).toBe(false);
    expect(headerOf(reply)).toBe('Grant (KMS)');
    expect(textOf(reply)).toContain('added &amp; retired without editing the key policy &lt;not IAM&gt;');
    expect(buttonActions(reply)).toEqual([
      { kind: 'share', target: 'term', id: 'grant' },
      { kind: 'report', target: 'term', id: 'grant' },
    ]);
    expect(String(reply.text)).toContain('Grant (KMS)');
    expect(postsTo('C100')).toHaveLength(0);
    expect(h.api.callsTo('users.info').some((c) => c.body.user === 'U1')).toBe(true);
    // The bot token goes in the Authorization header of Web API calls.
    expect(h.api.callsTo('users.info')[0]!.authorization).toBe('Bearer xoxb-test-token');
  });

  it('acks before doing the work: a slow users.info delays the answer, not the ack', async () => {
    h.api.addUser({ id: 'USLOW', name: 'sam' });
    USERS.USLOW = 'sam';
    h.api.reply('users.info', (body) =>
      body.user === 'USLOW' ? { delayMs: 1500, body: { ok: true, user: { id: 'USLOW', name: 'sam', is_admin: false, profile: { display_name: 'Sam' } } } } : undefined,
    );
    const { res, id } = await command(at('C100', 'USLOW'), 'explain grants');
    // The 200 came back while the work was still waiting on users.info: nothing answered yet.
    expect(res.status).toBe(200);
    expect(h.api.responsesTo(id)).toHaveLength(0);
    const reply = await h.api.nthResponse(id);
    expect(headerOf(reply)).toBe('Grant (KMS)');
  });

  it('answers a 5,000-character argument with a friendly message, within Block Kit limits', async () => {
    const { res, id } = await command(at('C100', 'U1'), `explain ${'x'.repeat(5000)}`);
    expect(res.status).toBe(200);
    const reply = await h.api.nthResponse(id);
    expect(reply.response_type).toBe('ephemeral');
    for (const b of blocksOf(reply)) if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
    expect(textOf(reply)).toMatch(/5,?000|too long|characters/i);
  });
});

describe('Share in channel', () => {
  it('posts the card for everyone with chat.postMessage, titled with who shared it', async () => {
    const { res, id } = await click(at('C200', 'U2'), { kind: 'share', target: 'term', id: 'grant' }, { ephemeral: true });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    await h.api.waitFor(() => postsTo('C200').length === 1, 5000, 'the shared card');
    const post = postsTo('C200')[0]!.body;
    expect(headerOf(post)).toBe('Grant (KMS) · shared by Bob');
    // Shared: no Share button; anyone can still report a problem with it.
    expect(buttonActions(post)).toEqual([{ kind: 'report', target: 'term', id: 'grant' }]);
    expect(post.text).toContain('Grant (KMS)');
    // The card itself is the answer: the clicker gets no extra ephemeral message.
    await command(at('C200', 'U2'), 'help');
    expect(h.api.responsesTo(id)).toHaveLength(0);
  });

  it('tells the clicker in words when the bot may not post in the channel', async () => {
    h.api.reply('chat.postMessage', (body) => (body.channel === 'C-PRIVATE' ? { body: { ok: false, error: 'not_in_channel' } } : undefined));
    const { id } = await click(at('C-PRIVATE', 'U2'), { kind: 'share', target: 'term', id: 'grant' }, { ephemeral: true });
    const reply = await h.api.nthResponse(id);
    expect(reply.response_type).toBe('ephemeral');
    expect(textOf(reply)).toContain("I'm not a member of this channel");
    expect(textOf(reply)).toContain('/invite @kms-tutor');
    expect(h.logger.entries).toContainEqual(
      expect.objectContaining({ level: 'warn', obj: expect.objectContaining({ method: 'chat.postMessage', channel: 'C-PRIVATE', code: 'not_in_channel' }) }),
    );
  });
});

describe('quiz here, answers, a retried request and closing', () => {
  const CH = 'C300';
  const scope = { platform: 'slack' as const, teamId: TEAM, channelId: CH };
  let roundId = 0;
  let correct = '';
  let wrong = '';
  let roundTs = '';

  it('posts the round in the channel: question, lettered choices, one button per letter, "0 answered"', async () => {
    const { res, id } = await command(at(CH, 'U1'), 'quiz here');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    await h.api.waitFor(() => postsTo(CH).length === 1, 5000, 'the round post');
    const round = (await h.store.openChannelRound(scope))!;
    expect(round).toBeDefined();
    roundId = round.id;
    const letters = ['A', 'B', 'C'];
    correct = letters[round.choiceOrder.indexOf(round.correctIndex)]!;
    wrong = letters.find((l) => l !== correct)!;

    const post = postsTo(CH)[0]!.body;
    expect(headerOf(post)).toContain(`#${roundId}`);
    const text = textOf(post);
    expect(text).toContain('Which KMS feature lets EBS keep using a key');
    for (const letter of letters) expect(text).toContain(`*${letter}*  `);
    expect(buttonActions(post)).toEqual([
      ...letters.map((letter) => ({ kind: 'answer', roundId, letter })),
      { kind: 'close', roundId },
    ]);
    expect(text).toContain('0 answered');

    await until(async () => (await h.store.getRound(roundId))?.messageRef !== null, 'the stored message ref');
    roundTs = (await h.store.getRound(roundId))!.messageRef!.messageId;
    expect((await h.store.getRound(roundId))!.messageRef).toEqual({ platform: 'slack', teamId: 'T0001', channelId: CH, messageId: roundTs });
    // The post is the answer to `quiz here`: the asker gets no separate ephemeral message.
    await command(at(CH, 'U1'), 'help');
    expect(h.api.responsesTo(id)).toHaveLength(0);
  });

  let carolClick = '';
  it('records three users (one clicking twice), answers each ephemerally, keeps the first answer', async () => {
    const bob = await click(at(CH, 'U2'), { kind: 'answer', roundId, letter: correct }, { messageTs: roundTs });
    expect(bob.res.status).toBe(200);
    expect(bob.res.text).toBe('');
    const bobReply = await h.api.nthResponse(bob.id);
    expect(bobReply.response_type).toBe('ephemeral');
    expect(bobReply.replace_original).toBe(false);
    expect(headerOf(bobReply)).toContain('Correct');
    // First answer: the round message shows the count at once.
    await h.api.waitFor(() => updatesIn(CH).length === 1, 5000, 'the first count update');
    expect(updatesIn(CH)[0]!.body.ts).toBe(roundTs);
    expect(textOf(updatesIn(CH)[0]!.body)).toContain('1 answered');

    const carol = await click(at(CH, 'U3'), { kind: 'answer', roundId, letter: wrong }, { messageTs: roundTs });
    carolClick = carol.body;
    expect(headerOf(await h.api.nthResponse(carol.id))).toContain('Not quite');

    const dan = await click(at(CH, 'U4'), { kind: 'answer', roundId, letter: correct }, { messageTs: roundTs });
    expect(headerOf(await h.api.nthResponse(dan.id))).toContain('Correct');

    // Bob clicks again, on another letter: a second genuine click (new trigger id).
    const again = await click(at(CH, 'U2'), { kind: 'answer', roundId, letter: wrong }, { messageTs: roundTs });
    const againReply = await h.api.nthResponse(again.id);
    expect(headerOf(againReply)).toContain('Already answered');

    expect(await h.answer(roundId, 'U2')).toMatchObject({ letter: correct, correct: true, points: 1 });
    expect(await h.answer(roundId, 'U3')).toMatchObject({ letter: wrong, correct: false, points: 0 });
    expect(await h.answer(roundId, 'U4')).toMatchObject({ letter: correct, correct: true, points: 1 });
    expect(await h.store.roundTally(roundId, 3)).toMatchObject({ answered: 3, correct: 2 });

    // Inside the refresh window there was no second update; when it ends, one update shows 3.
    expect(updatesIn(CH)).toHaveLength(1);
    h.timers.advance(10_000);
    await h.tutor.rounds.settled();
    expect(updatesIn(CH)).toHaveLength(2);
    expect(textOf(updatesIn(CH)[1]!.body)).toContain('3 answered');
    expect(buttonActions(updatesIn(CH)[1]!.body)).toHaveLength(4);
  });

  it('acknowledges a retried request (X-Slack-Retry-Num) without doing the work again', async () => {
    const responsesBefore = h.api.responses.length;
    const res = await h.send(carolClick, { ...signedHeaders(carolClick), 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' });
    expect(res.status).toBe(200);
    expect(h.logger.entries).toContainEqual(
      expect.objectContaining({ msg: 'repeated Slack delivery acknowledged and ignored', obj: expect.objectContaining({ retryNum: 1 }) }),
    );
    // A later request is fully handled, and still nothing came from the retry.
    const { id } = await command(at(CH, 'U3'), 'help');
    await h.api.nthResponse(id);
    expect(h.api.responses.length).toBe(responsesBefore + 1);
    expect(await h.store.roundTally(roundId, 3)).toMatchObject({ answered: 3, correct: 2 });
    expect(await h.answer(roundId, 'U3')).toMatchObject({ letter: wrong });
  });

  it('lets only the opener (or an admin) close the round; closing shows the reveal without round buttons', async () => {
    const carol = await click(at(CH, 'U3'), { kind: 'close', roundId }, { messageTs: roundTs });
    expect(headerOf(await h.api.nthResponse(carol.id))).toContain('Not yours to close');
    expect((await h.store.getRound(roundId))!.closedAt).toBeNull();

    const updatesBefore = updatesIn(CH).length;
    const alice = await click(at(CH, 'U1'), { kind: 'close', roundId }, { messageTs: roundTs });
    expect(alice.res.status).toBe(200);
    await h.api.waitFor(() => updatesIn(CH).length === updatesBefore + 1, 5000, 'the reveal');
    const reveal = updatesIn(CH).at(-1)!.body;
    expect(reveal.ts).toBe(roundTs);
    // No answer or close buttons on the reveal: only "Report a problem" on its question.
    expect(buttonActions(reveal).map((a) => a?.kind)).toEqual(['report']);
    expect(textOf(reveal)).toContain('3 answered');
    expect(textOf(reveal)).toContain('A grant on the KMS key');
    expect((await h.store.getRound(roundId))!.closedAt).not.toBeNull();
  });

  it('refuses an answer to the closed round and stores nothing', async () => {
    const erin = await click(at(CH, 'U5'), { kind: 'answer', roundId, letter: correct }, { messageTs: roundTs });
    const reply = await h.api.nthResponse(erin.id);
    expect(headerOf(reply)).toContain('Round closed');
    expect(await h.answer(roundId, 'U5')).toBeUndefined();
    expect((await h.store.roundTally(roundId, 3)).answered).toBe(3);
  });
});

describe('quiz here where the bot cannot post', () => {
  it('in a channel the bot is not in: an ephemeral message naming the fix, nothing stored, the failure logged', async () => {
    h.api.reply('chat.postMessage', (body) => (body.channel === 'C-OUT' ? { body: { ok: false, error: 'not_in_channel' } } : undefined));
    const { res, id } = await command(at('C-OUT', 'U1'), 'quiz here');
    expect(res.status).toBe(200);
    const reply = await h.api.nthResponse(id);
    expect(reply.response_type).toBe('ephemeral');
    expect(textOf(reply)).toMatch(/invite/i);
    expect(await h.store.openChannelRound({ platform: 'slack', teamId: TEAM, channelId: 'C-OUT' })).toBeUndefined();
    expect(h.logger.entries).toContainEqual(
      expect.objectContaining({ obj: expect.objectContaining({ method: 'chat.postMessage', channel: 'C-OUT', failure: 'forbidden' }) }),
    );
  });

  it('in a direct message: an ephemeral message, nothing posted', async () => {
    const { id } = await command(at('D0DM1', 'U1', 'directmessage'), 'quiz here');
    const reply = await h.api.nthResponse(id);
    expect(headerOf(reply)).toContain('Rounds need a channel');
    expect(postsTo('D0DM1')).toHaveLength(0);
  });
});

describe('a scenario', () => {
  const CH = 'C400';
  it('shows the card, then one more hint per click, ephemerally', async () => {
    const { id } = await command(at(CH, 'U2'), 'scenario finance-compliance');
    const card = await h.api.nthResponse(id);
    expect(headerOf(card)).toBe('Scenario: Finance team compliance keys');
    expect(buttonActions(card)).toEqual([
      { kind: 'hint', scenarioId: 'finance-compliance', count: 1 },
      { kind: 'reference', scenarioId: 'finance-compliance' },
      { kind: 'check', scenarioId: 'finance-compliance' },
      { kind: 'share', target: 'scenario', id: 'finance-compliance' },
    ]);

    const first = await click(at(CH, 'U2'), { kind: 'hint', scenarioId: 'finance-compliance', count: 1 }, { ephemeral: true });
    const hint1 = await h.api.nthResponse(first.id);
    expect(hint1.response_type).toBe('ephemeral');
    expect(textOf(hint1)).toContain('Think about who manages the key');
    expect(textOf(hint1)).not.toContain('CloudTrail records every KMS API call');
    expect(buttonActions(hint1)[0]).toEqual({ kind: 'hint', scenarioId: 'finance-compliance', count: 2 });

    const second = await click(at(CH, 'U2'), { kind: 'hint', scenarioId: 'finance-compliance', count: 2 }, { ephemeral: true });
    const hint2 = await h.api.nthResponse(second.id);
    expect(textOf(hint2)).toContain('CloudTrail records every KMS API call');
    expect(textOf(hint2)).not.toContain('A customer managed key lets you write');
    expect(postsTo(CH)).toHaveLength(0);
  });

  it('shows the rubric as checkboxes and stores the self-score ticked in them', async () => {
    const check = await click(at(CH, 'U2'), { kind: 'check', scenarioId: 'finance-compliance' }, { ephemeral: true });
    const list = await h.api.nthResponse(check.id);
    const box = blocksOf(list)
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements)
      .find((e: WireJson) => e.type === 'checkboxes');
    expect(box.options).toHaveLength(4);
    // The long rubric point is listed in full above the (cut) checkbox labels.
    expect(textOf(list)).toContain('so that nobody can both manage and use the key');

    const ticked = [box.options[0], box.options[2]];
    const tick = await click(
      at(CH, 'U2'),
      { type: 'checkboxes', action_id: box.action_id, selected_options: ticked.map((o: WireJson) => ({ value: o.value, text: o.text.text })) },
      { ephemeral: true },
    );
    const saved = await h.api.nthResponse(tick.id);
    expect(headerOf(saved)).toContain('2/4');
    expect(await h.store.selfScores({ platform: 'slack', teamId: TEAM }, 'U2')).toEqual([
      expect.objectContaining({ scenarioId: 'finance-compliance', checked: [0, 2], total: 4 }),
    ]);
  });
});

describe('reporting a problem', () => {
  it('Report a problem on an explain card opens a reason menu; the picked reason is stored; admins list and resolve it', async () => {
    const CHR = 'C700';
    const explain = await command(at(CHR, 'U3'), 'explain grants');
    const card = await h.api.nthResponse(explain.id);
    const buttons = blocksOf(card)
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements)
      .filter((e) => e.type === 'button');
    const report = buttons.find((e) => e.text.text === 'Report a problem');
    expect(decodeAction(report.action_id)).toEqual({ kind: 'report', target: 'term', id: 'grant' });

    const ask = await click(at(CHR, 'U3'), { type: 'button', action_id: report.action_id, text: 'Report a problem' }, { ephemeral: true });
    const picker = await h.api.nthResponse(ask.id);
    expect(picker.response_type ?? 'ephemeral').toBe('ephemeral');
    const menu = blocksOf(picker)
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements)
      .find((e) => e.type === 'static_select');
    expect(menu.placeholder.text).toBe('Pick a reason');
    // An explain card reports a term: the reasons are worded for a definition, not a marked answer.
    expect(menu.options.map((o: { text: { text: string } }) => o.text.text)).toEqual([
      'The definition is wrong',
      'Misleading or ambiguous',
      'Outdated',
      'Unclear wording',
      'Typo',
      'Something else',
    ]);
    const outdated = menu.options[2];
    const pick = await click(
      at(CHR, 'U3'),
      { type: 'static_select', action_id: menu.action_id, selected_option: { value: outdated.value, text: outdated.text.text }, placeholder: 'Pick a reason' },
      { ephemeral: true },
    );
    expect(headerOf(await h.api.nthResponse(pick.id))).toMatch(/Thanks — report #\d+ filed/);
    const open = await h.store.openReports({ platform: 'slack', teamId: TEAM });
    const mine = open.find((r) => r.userId === 'U3')!;
    expect(mine).toMatchObject({ deckId: 'slack-test-deck', itemKind: 'term', itemId: 'grant', reason: 'outdated', text: '' });
    expect(mine.file).toMatch(/decks\/slack-test-deck\/terms\.yaml$/);
    expect(mine.line).toBeGreaterThan(0);

    // Words are added by typing; a menu value for another item than the menu's is refused.
    const typed = await command(at(CHR, 'U3'), 'report grant outdated grants now need   tags');
    expect(headerOf(await h.api.nthResponse(typed.id))).toContain('is updated');
    expect((await h.store.getReport({ platform: 'slack', teamId: TEAM }, mine.id))?.text).toBe('grants now need tags');
    const foreign = await click(
      at(CHR, 'U3'),
      { type: 'static_select', action_id: menu.action_id, selected_option: { value: encodeAction({ kind: 'report', target: 'term', id: 'kms-key', reason: 'typo' }) } },
      { ephemeral: true },
    );
    expect(textOf(await h.api.nthResponse(foreign.id))).toContain(UNKNOWN_BUTTON);

    const refused = await command(at(CHR, 'U2'), 'reports');
    expect(headerOf(await h.api.nthResponse(refused.id))).toContain('Only admins');
    const list = await command(at(CHR, 'U8'), 'reports');
    const listed = await h.api.nthResponse(list.id);
    expect(textOf(listed)).toContain(`#${mine.id}`);
    expect(textOf(listed)).toContain(`${mine.file}:${mine.line}`);
    const resolve = await command(at(CHR, 'U8'), `reports resolve ${mine.id} added the tag note`);
    expect(headerOf(await h.api.nthResponse(resolve.id))).toContain(`Report #${mine.id} resolved`);
    expect((await h.store.getReport({ platform: 'slack', teamId: TEAM }, mine.id))?.status).toBe('resolved');
  });
});

describe('admins and time zones from users.info', () => {
  it('lets a workspace admin subscribe, in their own time zone; refuses others; caches users.info', async () => {
    const refused = await command(at('C500', 'U2'), 'subscribe 08:30');
    expect(headerOf(await h.api.nthResponse(refused.id))).toContain('Only admins');
    expect(await h.store.getSubscription({ platform: 'slack', teamId: TEAM, channelId: 'C500' })).toBeUndefined();

    const before = h.api.callsTo('users.info').filter((c) => c.body.user === 'U9').length;
    await command(at('C500', 'U9'), 'subscribe 08:30');
    // The subscription is announced to the channel.
    await h.api.waitFor(() => postsTo('C500').length === 1, 5000, 'the subscription announcement');
    expect(headerOf(postsTo('C500')[0]!.body)).toContain('08:30 Europe/Berlin');
    expect(await h.store.getSubscription({ platform: 'slack', teamId: TEAM, channelId: 'C500' })).toMatchObject({
      time: '08:30',
      timeZone: 'Europe/Berlin',
      createdBy: 'U9',
    });
    const again = await command(at('C500', 'U9'), 'schedule');
    await h.api.nthResponse(again.id);
    expect(h.api.callsTo('users.info').filter((c) => c.body.user === 'U9').length).toBe(before + 1);
  });
});

describe('bad requests', () => {
  it('rejects a bad signature with 401 and records nothing', async () => {
    const id = nextRid('forged');
    const body = slashCommandBody(at('C600', 'U1'), 'quiz here', h.api.responseUrl(id));
    const headers = { ...signedHeaders(body), 'X-Slack-Signature': signedHeaders(body, { secret: 'not-the-secret' })['X-Slack-Signature']! };
    const res = await h.send(body, headers);
    expect(res.status).toBe(401);
    expect(postsTo('C600')).toHaveLength(0);
    expect(await h.store.openChannelRound({ platform: 'slack', teamId: TEAM, channelId: 'C600' })).toBeUndefined();
  });

  it('rejects a stale timestamp (correctly signed, 10 minutes old) with 401', async () => {
    const id = nextRid('stale');
    const body = slashCommandBody(at('C600', 'U1'), 'quiz here', h.api.responseUrl(id));
    const res = await h.send(body, signedHeaders(body, { timestamp: Math.floor(Date.now() / 1000) - 600 }));
    expect(res.status).toBe(401);
  });

  it('rejects a body changed after signing with 401', async () => {
    const id = nextRid('tampered');
    const body = slashCommandBody(at('C600', 'U1'), 'help', h.api.responseUrl(id));
    const res = await h.send(body.replace('help', 'quiz+here'), signedHeaders(body));
    expect(res.status).toBe(401);
    // Nothing of the three forged requests reached the tutor.
    await command(at('C600', 'U1'), 'help');
    expect(postsTo('C600')).toHaveLength(0);
    expect(h.api.responses.filter((r) => /^(forged|stale|tampered)-/.test(r.id))).toHaveLength(0);
  });

  it('answers an unknown button with "I don\'t recognise that button"', async () => {
    const { res, id } = await click(at('C700', 'U1'), { type: 'button', action_id: 'k1:zz:1', value: 'k1:zz:1' });
    expect(res.status).toBe(200);
    const reply = await h.api.nthResponse(id);
    expect(reply.response_type).toBe('ephemeral');
    expect(textOf(reply)).toContain("I don't recognise that button");
    expect(textOf(reply)).toContain(UNKNOWN_BUTTON.split('; ')[1]!.slice(0, 30));
  });

  it('answers a button of a round that does not exist with a clear message', async () => {
    const { id } = await click(at('C700', 'U1'), { kind: 'answer', roundId: 987654, letter: 'A' });
    const reply = await h.api.nthResponse(id);
    expect(headerOf(reply)).toContain('No such round');
    expect(await h.answer(987654, 'U1')).toBeUndefined();
  });

  it('refuses checkboxes whose option values belong to another scenario', async () => {
    const { id } = await click(at('C700', 'U1'), {
      type: 'checkboxes',
      action_id: encodeAction({ kind: 'selfscore', scenarioId: 'finance-compliance', checked: [] }),
      selected_options: [{ value: encodeAction({ kind: 'selfscore', scenarioId: 'other-scenario', checked: [1] }) }],
    });
    expect(textOf(await h.api.nthResponse(id))).toContain("I don't recognise that button");
    expect(await h.store.selfScores({ platform: 'slack', teamId: TEAM }, 'U1')).toEqual([]);
  });
});
