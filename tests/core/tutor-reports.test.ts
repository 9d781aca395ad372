/**
 * Problem reports end to end in the terminal channel (core harness): the "Report a problem" button
 * on answer feedback, reveals and term cards, the reason picker (typed commands in the terminal),
 * `report <item> <reason> [text]`, the admins' `reports` list with quality figures, `reports resolve`,
 * and items held out of `quiz here` picks.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeAction, encodeAction, type Action } from '../../src/core/action.js';
import { renderText } from '../../src/core/render-text.js';
import type { Reply } from '../../src/core/reply.js';
import { cleanReportText } from '../../src/core/reports/service.js';
import { lettersOf, makeHarness, NOW, REAL_CONTENT, textOf, type Harness } from './harness.js';

let h: Harness;
beforeEach(() => {
  h = makeHarness();
});
afterEach(() => h.close());

const team = { platform: 'terminal', teamId: 'local' };
const here = { ...team, channelId: 'terminal' };

function reportButtonOf(reply: Reply): Action {
  const b = reply.buttons?.find((x) => x.label === 'Report a problem');
  expect(b).toBeDefined();
  return b!.action;
}

/** Open a `quiz here` round and return it. */
async function openRound(at = NOW) {
  await h.tutor.handle({ kind: 'quiz', here: true }, h.ctx('opener', { now: at }));
  return (await h.store.openChannelRound(here))!;
}

describe('reporting a problem', () => {
  it('from answer feedback: the button asks for a reason, a picked reason files the report with deck, file and line', async () => {
    const quiz = await h.say('quiz');
    const roundId = quiz.buttons!.map((b) => (b.action.kind === 'answer' ? b.action.roundId : 0))[0]!;
    const round = (await h.store.getRound(roundId))!;
    const feedback = await h.say(`answer ${roundId} ${lettersOf(round).wrong}`);
    const ask = reportButtonOf(feedback);
    expect(ask).toEqual({ kind: 'report', target: 'question', id: round.questionId });
    // The button's encoded form decodes to the same action.
    expect(decodeAction(encodeAction(ask))).toEqual(ask);

    const picker = await h.tutor.act(ask, h.ctx());
    expect(picker.visibility).toBe('user');
    expect(picker.menu?.options.map((o) => o.action)).toEqual(
      ['wrong', 'ambiguous', 'outdated', 'unclear', 'typo', 'other'].map((reason) => ({ kind: 'report', target: 'question', id: round.questionId, reason })),
    );
    // In the terminal the options are the commands to type.
    const shown = renderText(picker);
    expect(shown).toContain(`[report ${round.questionId} wrong]`);
    expect(shown).toContain('Two answers are defensible');
    expect(shown).toContain(`report ${round.questionId} outdated the quota changed`);

    const thanks = await h.tutor.act(picker.menu!.options[0]!.action, h.ctx());
    expect(thanks.tone).toBe('success');
    expect(thanks.title).toBe('Thanks — report #1 filed');
    const [stored] = await h.store.openReports(team);
    const deck = h.deps.library.get('mini-deck')!;
    expect(stored).toMatchObject({
      deckId: 'mini-deck',
      itemKind: 'question',
      itemId: round.questionId,
      file: deck.sources.questions.get(round.questionId)!.file,
      userId: 'alice',
      reason: 'wrong',
      text: '',
      at: NOW.getTime(),
      status: 'open',
    });
    expect(stored!.file).toMatch(/decks\/mini-deck\/questions\.yaml$/);
    // q-grant-ebs is the first item of the fixture's questions.yaml: "  - id: q-grant-ebs" on line 2.
    expect(deck.sources.questions.get('q-grant-ebs')).toEqual({ file: stored!.file, line: 2 });
    expect(deck.sources.terms.get('grant')?.line).toBe(2);
  });

  it('from a reveal and from an explain card', async () => {
    const round = await openRound();
    await h.say('close');
    const reveal = h.poster.updates.at(-1)?.reply ?? h.poster.posts.at(-1)!.reply;
    expect(reportButtonOf(reveal)).toEqual({ kind: 'report', target: 'question', id: round.questionId });
    const card = await h.say('explain grants');
    expect(reportButtonOf(card)).toEqual({ kind: 'report', target: 'term', id: 'grant' });
    const picker = await h.tutor.act(reportButtonOf(card), h.ctx());
    expect(picker.title).toBe('Report a problem · Grant (KMS)');
    // A term has a definition, not a marked answer: its reasons say so.
    const labels = picker.menu?.options.map((o) => o.label) ?? [];
    expect(labels).toContain('The definition is wrong');
    expect(labels.join(' ')).not.toContain('answer');
  });

  it('typed: report <item> <reason> [text] cleans the text; reporting again while open updates the report', async () => {
    const first = await h.say('report q-envelope outdated the quota\u0007   changed\u202e!');
    expect(first.title).toBe('Thanks — report #1 filed');
    expect(textOf(first)).not.toContain('To add what is wrong');
    expect((await h.store.getReport(team, 1))?.text).toBe('the quota changed !');
    const again = await h.say('report Q-ENVELOPE two-answers');
    expect(again.title).toBe('Thanks — your report #1 is updated');
    expect(textOf(again)).toContain('report q-envelope ambiguous <your words>');
    expect(await h.store.getReport(team, 1)).toMatchObject({ reason: 'ambiguous', text: '' });
    expect(await h.store.openReports(team)).toHaveLength(1);

    // Without a reason: the picker. Terms and scenarios by id too.
    expect((await h.say('report grant')).menu?.options).toHaveLength(6);
    expect((await h.say('report finance-compliance typo')).title).toBe('Thanks — report #2 filed');
    expect((await h.store.getReport(team, 2))?.itemKind).toBe('scenario');
  });

  it('a term, scenario or question named as shown (the longest name first) is reportable, parentheses and all (s7 newcomer #4)', async () => {
    const filed = await h.say('report Grant (KMS) typo the   words');
    expect(filed.title).toBe('Thanks — report #1 filed');
    expect(await h.store.getReport(team, 1)).toMatchObject({ itemKind: 'term', itemId: 'grant', reason: 'typo', text: 'the words' });
    expect((await h.say('report grant (kms)')).menu?.options).toHaveLength(6);
    expect(textOf(await h.say('report Grant (KMS) nonsense'))).toContain('"nonsense" is not a reason; use one of: wrong, ambiguous, outdated, unclear, typo, other');
    expect(textOf(await h.say('report (KMS) typo'))).toContain('report needs an item id of letters, digits and hyphens first (got "(KMS)")');
    expect((await h.say('report Envelope encryption wrong')).title).toBe('Thanks — report #2 filed');
    expect(await h.store.getReport(team, 2)).toMatchObject({ itemKind: 'term', itemId: 'envelope-encryption', reason: 'wrong' });
    expect((await h.say('report Finance keys outdated')).title).toBe('Thanks — report #3 filed');
    expect(await h.store.getReport(team, 3)).toMatchObject({ itemKind: 'scenario', itemId: 'finance-compliance', reason: 'outdated' });
    expect((await h.say('report In envelope encryption, what encrypts the data itself? unclear')).title).toBe('Thanks — report #4 filed');
    expect(await h.store.getReport(team, 4)).toMatchObject({ itemKind: 'question', itemId: 'q-envelope', reason: 'unclear' });
    // The command's item option (platforms with forms) takes the name as shown too.
    expect((await h.tutor.handle({ kind: 'report', item: 'Grant (KMS)', reason: 'other', text: 'via the option' }, h.ctx())).title).toBe('Thanks — your report #1 is updated');
    expect(await h.store.getReport(team, 1)).toMatchObject({ itemKind: 'term', itemId: 'grant', reason: 'other', text: 'via the option' });
    expect(await h.store.openReports(team)).toHaveLength(4);
  });

  it('the bundled deck: the title `explain grant` shows can be copied into `report` (s7 newcomer #4)', async () => {
    h.close();
    h = makeHarness({ content: REAL_CONTENT });
    const shown = (await h.say('explain grant')).title ?? '';
    expect(shown).toBe('Grant (KMS)');
    expect((await h.say(`report ${shown} typo`)).title).toBe('Thanks — report #1 filed');
    expect(await h.store.getReport(team, 1)).toMatchObject({ itemKind: 'term', itemId: 'grant', reason: 'typo' });
  });

  it('the bundled deck: a one-word alias that is not id-shaped ("aws/s3", "mrk-") names its term; "(KMS)" and a lone `<script>` are still refused (s7 newcomer2 #6)', async () => {
    h.close();
    h = makeHarness({ content: REAL_CONTENT });
    expect((await h.say('report aws/s3 typo')).title).toBe('Thanks — report #1 filed');
    expect(await h.store.getReport(team, 1)).toMatchObject({ itemKind: 'term', itemId: 'aws-managed-key', reason: 'typo' });
    expect((await h.say('report mrk- typo the prefix')).title).toBe('Thanks — report #2 filed');
    expect(await h.store.getReport(team, 2)).toMatchObject({ itemKind: 'term', itemId: 'multi-region-key', reason: 'typo', text: 'the prefix' });
    expect((await h.say('report AWS/S3')).menu?.options).toHaveLength(6);
    expect(textOf(await h.say('report aws/s3 nonsense'))).toContain('"nonsense" is not a reason; use one of: wrong, ambiguous, outdated, unclear, typo, other');
    expect(textOf(await h.say('report (KMS) typo'))).toContain('report needs an item id of letters, digits and hyphens first (got "(KMS)")');
    expect(textOf(await h.say('report <script>'))).toContain('report needs an item id of letters, digits and hyphens first (got "<script>")');
    expect(await h.store.openReports(team)).toHaveLength(2);
  });

  it('bad input gets one line naming what was wrong and stores nothing', async () => {
    const unknown = await h.say('report q-nope wrong');
    expect(unknown.tone).toBe('error');
    expect(unknown.title).toBe('No question, term or scenario has the id "q-nope"');
    const badReason = await h.say('report q-envelope nonsense');
    expect(textOf(badReason)).toContain('"nonsense" is not a reason; use one of: wrong, ambiguous, outdated, unclear, typo, other');
    expect(textOf(await h.say('report'))).toContain('report needs the item id');
    expect(textOf(await h.say('report <script> wrong'))).toContain('report needs an item id of letters, digits and hyphens first');
    expect(await h.store.openReports(team)).toEqual([]);
  });

  it('tells the reporter when their words were cut to 500 characters (newcomer finding 8)', async () => {
    const long = await h.say(`report grant other ${'w'.repeat(600)}`);
    expect(long.tone).toBe('success');
    expect(textOf(long)).toContain('Your words were cut to 500 characters (you wrote 600); the first 500 are kept.');
    expect((await h.store.getReport(team, 1))?.text).toHaveLength(500);
    const short = await h.say(`report q-envelope other ${'w'.repeat(500)}`);
    expect(textOf(short)).not.toContain('were cut');
  });

  it('keeps at most 500 characters of text', () => {
    expect([...cleanReportText('é'.repeat(600))]).toHaveLength(500);
    expect(cleanReportText('\u0000a\tb\nc\u009f')).toBe('a b c');
  });
});

describe('reports (admins)', () => {
  it('lists open reports with the item, its file and line, and its quality figures; resolve is idempotent', async () => {
    // Four channel rounds; ann and bob always right, cat and dan always wrong.
    const asked: string[] = [];
    for (let i = 0; i < 4; i++) {
      const now = new Date(NOW.getTime() + i * 60_000);
      const round = await openRound(now);
      asked.push(round.questionId);
      const { right, wrong } = lettersOf(round);
      for (const u of ['ann', 'bob']) await h.say(`answer ${round.id} ${right}`, u, { now });
      for (const u of ['cat', 'dan']) await h.say(`answer ${round.id} ${wrong}`, u, { now });
      await h.say('close', 'opener', { now });
    }
    const item = asked[0]!;
    await h.say(`report ${item} wrong B looks right too`, 'cat');

    const refused = await h.say('reports', 'cat', { isAdmin: false });
    expect(refused.tone).toBe('error');
    expect(refused.title).toBe('Only admins can use reports');

    const list = await h.say('reports');
    expect(list.title).toBe('1 open report');
    const text = textOf(list);
    const source = h.deps.library.get('mini-deck')!.sources.questions.get(item)!;
    expect(text).toContain(`mini-deck · question ${item}`);
    expect(text).toContain(`${source.file}:${source.line}`);
    expect(text).toContain('Reason: The marked answer is wrong — “B looks right too”');
    expect(text).toContain('1 open report on this item');
    expect(text).toMatch(/Answered 4 times, 50% right; most-picked wrong choice: “[^”]+” \(2\); discrimination \+1\.00 \(top 2 learners 2\/2 right, bottom 2 0\/2\)/);
    expect(text).toContain('Discrimination: share right among the top half');

    const done = await h.say('reports resolve 1 rewrote choice B');
    expect(done.title).toBe('Report #1 resolved');
    expect(textOf(done)).toContain('rewrote choice B');
    const again = await h.say('reports resolve #1 something else');
    expect(again.title).toBe('Report #1 was already resolved');
    expect(textOf(again)).toContain('rewrote choice B');
    expect((await h.say('reports resolve 9')).title).toBe('There is no report #9');
    expect(textOf(await h.say('reports resolve x'))).toContain('reports resolve needs a report number');
    expect(textOf(await h.say('reports close 1'))).toContain('reports takes nothing or `resolve <id> [note]`');
    expect((await h.say('reports')).title).toBe('No open reports');
  });

  it('an item with 3 open reports is left out of `quiz here` until one is resolved', async () => {
    const deck = h.deps.library.get('mini-deck')!;
    const [kept, ...held] = deck.questions.map((q) => q.id);
    for (const id of held) for (const u of ['ann', 'bob', 'cat']) await h.say(`report ${id} unclear`, u);
    for (let i = 0; i < 3; i++) {
      const now = new Date(NOW.getTime() + i * 60_000);
      expect((await openRound(now)).questionId).toBe(kept);
      await h.say('close', 'opener', { now });
    }
    const list = textOf(await h.say('reports'));
    expect(list).toContain('Left out of daily and channel rounds until its reports are resolved.');
    // Resolving one report of each held question brings them back.
    const open = await h.store.openReports(team);
    for (const id of held) await h.say(`reports resolve ${open.find((r) => r.itemId === id)!.id}`);
    const picked = new Set<string>();
    for (let i = 3; i < 6; i++) {
      const now = new Date(NOW.getTime() + i * 60_000);
      picked.add((await openRound(now)).questionId);
      await h.say('close', 'opener', { now });
    }
    // The held questions, asked least, come up next.
    expect([...picked].sort()).toEqual([...held].sort());
  });
});
