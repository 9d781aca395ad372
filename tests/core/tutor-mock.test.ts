import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Action } from '../../src/core/action.js';
import { DailyRounds } from '../../src/core/daily.js';
import type { Reply } from '../../src/core/reply.js';
import { LETTERS } from '../../src/core/round-view.js';
import { openStore } from '../../src/store/index.js';
import { type Harness, makeHarness, NOW, REAL_CONTENT, textOf } from './harness.js';

type MockAnswerAction = Extract<Action, { kind: 'mockAnswer' }>;

let h: Harness;
const dirs: string[] = [];
afterEach(() => {
  h?.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

function answerButtons(reply: Reply): MockAnswerAction[] {
  return (reply.buttons ?? []).map((b) => b.action).filter((a): a is MockAnswerAction => a.kind === 'mockAnswer');
}

/** The right letter of the question a mock reply shows (read from the store's round). */
async function rightLetter(reply: Reply, user = 'alice'): Promise<{ action: MockAnswerAction; right: string; wrong: string }> {
  const action = answerButtons(reply)[0];
  if (!action) throw new Error(`no mock question in: ${textOf(reply)}`);
  const exam = await h.store.getMockExam(action.mockId);
  const q = exam?.questions[action.position];
  const round = q ? await h.store.getRound(q.roundId) : undefined;
  if (!round || exam?.userId !== user) throw new Error('mock round not found');
  const pos = round.choiceOrder.indexOf(round.correctIndex);
  return { action, right: LETTERS[pos] as string, wrong: LETTERS[(pos + 1) % round.choiceOrder.length] as string };
}

describe('mock exams', () => {
  it('asks one question at a time, privately, with no feedback, a flag button and the time left', async () => {
    h = makeHarness({ content: REAL_CONTENT });
    const first = await h.say('mock 5 10');
    expect(first.visibility).toBe('user');
    expect(first.title).toBe('Mock exam · question 1 of 5');
    expect(first.footer).toContain('10 min left');
    expect((first.buttons ?? []).map((b) => b.label)).toEqual(expect.arrayContaining(['A', 'B', 'Flag for review', 'End the mock']));
    const { action, wrong } = await rightLetter(first);
    const second = await h.tutor.act({ ...action, letter: wrong }, h.ctx('alice', { now: minutes(2) }));
    expect(second.title).toBe('Mock exam · question 2 of 5');
    expect(second.footer).toContain('8 min left');
    expect(textOf(second)).not.toMatch(/correct|not quite|right answer/i);
  });

  it('mixes questions by the deck’s domain weights (20 questions: 4 S3, 3 EBS, 3 RDS, 2 cost and audit, 8 KMS)', async () => {
    h = makeHarness({ content: REAL_CONTENT });
    const reply = await h.say('mock');
    const exam = await h.store.getMockExam(answerButtons(reply)[0]?.mockId ?? 0);
    const count = (d: string) => exam?.questions.filter((q) => q.domain === d).length;
    expect(exam?.questions).toHaveLength(20);
    expect(exam?.endsAt).toBe(minutes(30).getTime());
    expect([count('S3 encryption'), count('EBS encryption'), count('RDS encryption'), count('Cost and audit'), count('KMS keys and policies')]).toEqual([4, 3, 3, 2, 8]);
  });

  it('refuses a second mock while one runs, and refuses bad numbers with words', async () => {
    h = makeHarness({ content: REAL_CONTENT });
    await h.say('mock 3 5');
    const again = await h.say('mock 3 5', 'alice', { now: minutes(1) });
    expect(again.tone).toBe('error');
    expect(again.title).toBe('A mock exam is already running');
    expect(textOf(again)).toContain('question 1 of 3');
    expect(textOf(await h.say('mock 0'))).toContain('a mock has 1 to 100 questions');
    expect(textOf(await h.say('mock 10 500'))).toContain('a mock lasts 1 to 240 minutes');
    expect(textOf(await h.say('mock 1 2 3'))).toContain('at most two numbers');
    expect(textOf(await h.say('mock nosuchdeck 3', 'bob'))).toContain('There is no deck "nosuchdeck"');
  });

  it('ends with score, per-domain results, time used, a review with why each wrong choice is wrong, and a retake of the misses', async () => {
    h = makeHarness({ content: REAL_CONTENT });
    let reply = await h.say('mock 4 10');
    const flaggedReply = await h.tutor.act({ kind: 'mockFlag', mockId: answerButtons(reply)[0]?.mockId ?? 0, position: 0 }, h.ctx());
    expect(textOf(flaggedReply)).toContain('Flagged for review.');
    expect(flaggedReply.buttons?.some((b) => b.label === 'Unflag')).toBe(true);
    for (let i = 0; i < 4; i++) {
      const { action, right, wrong } = await rightLetter(reply);
      reply = await h.tutor.act({ ...action, letter: i < 2 ? right : wrong }, h.ctx('alice', { now: minutes(1 + i) }));
    }
    expect(reply.title).toBe('Mock exam results · 2/4 (50%)');
    const text = textOf(reply);
    expect(text).toContain('Score: 2/4 (50%)');
    expect(text).toContain('Time used: 4 min of 10 min');
    expect(text).toContain('Flagged: 1');
    expect(text).toContain('Results per exam domain');
    expect(text).toContain('Right answer:');
    expect(text).toMatch(/Why not [A-E]: /);
    expect(text).toContain('· flagged');
    const retake = reply.buttons?.find((b) => b.action.kind === 'mockRetake');
    expect(retake?.label).toBe('Retake my misses (2)');

    // Mock answers are practice answers: cards and stats, no points.
    const stats = await h.store.userStats(h.ctx(), 'alice');
    expect(stats.practiceAnswered).toBe(4);
    expect(stats.points).toBe(0);
    expect((await h.store.practiceCards(h.ctx(), 'alice', 'kms-encryption-at-rest')).size).toBe(4);
    expect(await h.store.scoreLines({ scope: h.ctx(), fromDate: '2026-01-01', toDate: '2026-12-31' })).toEqual([]);

    const again = await h.tutor.act(retake?.action as Action, h.ctx('alice', { now: minutes(6) }));
    expect(again.title).toBe('Mock exam · question 1 of 2');
    expect(again.footer).toContain('5 min left');
  });

  it('`mock end` finishes early; unanswered questions count as wrong', async () => {
    h = makeHarness({ content: REAL_CONTENT });
    await h.say('mock 3 10');
    const reply = await h.say('mock end', 'alice', { now: minutes(2) });
    expect(reply.title).toBe('Mock exam results · 0/3 (0%)');
    expect(textOf(reply)).toContain('You ended the mock early');
    expect(textOf(reply)).toContain('Time used: 2 min of 10 min');
    expect(textOf(await h.say('mock end'))).toContain('No mock exam running');
  });

  it('refuses answers after the time is up, with words, and shows the results', async () => {
    h = makeHarness({ content: REAL_CONTENT });
    const first = await h.say('mock 3 5');
    const { action, right } = await rightLetter(first);
    const late = await h.tutor.act({ ...action, letter: right }, h.ctx('alice', { now: minutes(6) }));
    expect(late.tone).toBe('warning');
    expect(textOf(late)).toContain('Time ran out before this answer, so it was not counted');
    expect(late.title).toBe('Mock exam results · 0/3 (0%)');
    expect((await h.store.userStats(h.ctx(), 'alice')).practiceAnswered).toBe(0);
    const typed = await h.say('mock answer A', 'alice', { now: minutes(7) });
    expect(typed.title).toBe('No mock exam running');
  });

  it('survives a restart, and the minute sweep ends it when time runs out (results posted in a direct message)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kms-mock-'));
    dirs.push(dir);
    const file = join(dir, 'db.sqlite');
    h = makeHarness({ content: REAL_CONTENT, store: openStore(file) });
    const dm = { isDirectMessage: true, channelId: 'D1' };
    const first = await h.say('mock 3 5', 'alice', dm);
    const { action, right } = await rightLetter(first);
    h.close();

    // A new process on the same database file.
    h = makeHarness({ content: REAL_CONTENT, store: openStore(file) });
    const second = await h.tutor.act({ ...action, letter: right }, h.ctx('alice', { ...dm, now: minutes(1) }));
    expect(second.title).toBe('Mock exam · question 2 of 3');
    expect(textOf(await h.say('mock', 'alice', { ...dm, now: minutes(2) }))).toContain('question 2 of 3');

    const daily = new DailyRounds(h.deps);
    await daily.closeDueRounds(minutes(4));
    expect(h.poster.posts).toHaveLength(0);
    await daily.closeDueRounds(minutes(5));
    expect(h.poster.posts).toHaveLength(1);
    expect(h.poster.posts[0]?.channelId).toBe('D1');
    expect(h.poster.posts[0]?.reply.title).toBe('Mock exam results · 1/3 (33%)');
    expect(textOf(h.poster.posts[0]?.reply as Reply)).toContain('Time ran out');
    // A fresh mock may start now.
    expect((await h.say('mock 2 5', 'alice', { ...dm, now: minutes(6) })).title).toBe('Mock exam · question 1 of 2');
  });

  it('shows the results of a mock that ran out of time unseen before starting another (outside a DM)', async () => {
    h = makeHarness({ content: REAL_CONTENT });
    await h.say('mock 2 5');
    await new DailyRounds(h.deps).closeDueRounds(minutes(5));
    expect(h.poster.posts).toHaveLength(0);
    const next = await h.say('mock', 'alice', { now: minutes(8) });
    expect(next.title).toBe('Mock exam results · 0/2 (0%)');
    expect(textOf(next)).toContain('Your mock exam ran out of time');
    expect((await h.say('mock 2 5', 'alice', { now: minutes(9) })).title).toBe('Mock exam · question 1 of 2');
  });

  it('`mock retake` with no mock ever taken says there is none to retake (newcomer finding 7)', async () => {
    h = makeHarness({ content: REAL_CONTENT });
    const reply = await h.say('mock retake');
    expect(reply.tone).toBe('error');
    expect(reply.title).toBe('No mock exam to retake');
    expect(textOf(reply)).toContain('There is no earlier mock exam to retake. Start one with `mock`');
    expect(textOf(reply)).not.toContain('not in this team');
  });

  it("refuses another learner's buttons", async () => {
    h = makeHarness({ content: REAL_CONTENT });
    const first = await h.say('mock 2 5');
    const { action, right } = await rightLetter(first);
    const bob = await h.tutor.act({ ...action, letter: right }, h.ctx('bob'));
    expect(bob.title).toBe('Not your mock exam');
  });
});
