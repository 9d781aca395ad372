/**
 * Exam prep through the core harness with a fake clock: `exam` (set, show, clear, refusals, the
 * channel's date for admins), the countdown in `stats`, `readiness` (own and the channel's), exam-aimed
 * practice picks, `remind` and the reminder sweep (one DM a day when cards are due, quiet hours,
 * a refused DM pauses with a logged reason), and the steps in order: set an exam, practise, see
 * readiness, get a reminder.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sendDueReminders } from '../../src/core/exam/reminders.js';
import type { Context } from '../../src/core/context.js';
import type { Reply } from '../../src/core/reply.js';
import { lettersOf, makeHarness, NOW, REAL_CONTENT, textOf, type Harness } from '../core/harness.js';

const DAY = 86_400_000;
let h: Harness;
afterEach(() => h.close());

/** Answer the practice question in `reply` as `user`: right or wrong. */
async function answerPractice(reply: Reply, user: string, right: boolean, now: Date): Promise<Reply> {
  const roundId = reply.round?.id ?? Number(/answer (\d+)/.exec(textOf(reply))?.[1]);
  const round = await h.store.getRound(roundId);
  if (!round) throw new Error(`no practice round in: ${textOf(reply)}`);
  const { right: r, wrong: w } = lettersOf(round);
  return h.tutor.handle({ kind: 'answer', roundId, letter: right ? r : w }, h.ctx(user, { now }));
}

function sweepDeps() {
  return { store: h.store, library: h.deps.library, posters: h.deps.posters, logger: h.logger };
}

describe('exam dates', () => {
  it('sets, shows and clears a learner\'s exam date in their own zone', async () => {
    h = makeHarness({ content: REAL_CONTENT });
    const over: Partial<Context> = { userTimeZone: 'Europe/Berlin' };
    expect(textOf(await h.say('exam', 'ann', over))).toContain('No exam date set');
    const set = await h.say('exam 2026-12-07', 'ann', over);
    expect(set.tone).toBe('success');
    expect(textOf(set)).toContain('2026-12-07 (Europe/Berlin)');
    expect(await h.store.userExam(h.ctx('ann'), 'ann')).toMatchObject({ date: '2026-12-07', timeZone: 'Europe/Berlin', deckId: 'kms-encryption-at-rest' });
    expect(textOf(await h.say('exam', 'ann', over))).toContain('12 days to the exam (2026-12-07)');
    expect(textOf(await h.say('stats', 'ann', over))).toContain('12 days to the exam');
    expect(textOf(await h.say('exam clear', 'ann', over))).toContain('Your exam date is removed.');
    expect(await h.store.userExam(h.ctx('ann'), 'ann')).toBeUndefined();
  });

  it('refuses a past date, one over two years ahead and a non-date with words, keeping the stored date', async () => {
    h = makeHarness({ content: REAL_CONTENT });
    await h.say('exam 2027-01-10', 'ann');
    const past = await h.say('exam 2026-11-24', 'ann');
    expect(past.tone).toBe('error');
    expect(textOf(past)).toContain('2026-11-24 is in the past (today is 2026-11-25)');
    expect(textOf(await h.say('exam 2028-11-26', 'ann'))).toContain('more than two years ahead; give a date up to 2028-11-25');
    expect(textOf(await h.say('exam 2027-02-30', 'ann'))).toContain('not a date on the calendar');
    expect(textOf(await h.say('exam next-week', 'ann'))).toContain('write it as YYYY-MM-DD');
    expect(textOf(await h.say('exam 2027-01-10 no-such-deck', 'ann'))).toContain('No deck called "no-such-deck"');
    expect(await h.store.userExam(h.ctx('ann'), 'ann')).toMatchObject({ date: '2027-01-10' });
  });

  it('lets only admins set a channel\'s date, and shows its countdown in the daily post and stats', async () => {
    h = makeHarness({ content: REAL_CONTENT });
    const refused = await h.say('exam channel 2026-12-25', 'bob', { isAdmin: false });
    expect(refused.tone).toBe('error');
    expect(await h.store.channelExam(h.ctx())).toBeUndefined();
    expect((await h.say('exam channel 2026-12-25', 'admin')).tone).toBe('success');
    expect(textOf(await h.say('exam', 'bob'))).toContain('This channel: 30 days to the exam (2026-12-25)');
    expect(textOf(await h.say('exam channel clear', 'admin'))).toContain("This channel's exam date is removed.");
  });
});

describe('readiness', () => {
  it('starts at 0% with questions unseen counting as unknown, states how it is estimated, and rises with practice', async () => {
    h = makeHarness({ content: REAL_CONTENT });
    const before = await h.say('readiness', 'ann');
    expect(before.title).toBe('Readiness: you');
    expect(before.blocks[0]).toEqual({ type: 'fields', fields: [{ label: 'Overall (weighted)', value: '0%' }] });
    expect(before.footer).toContain('questions never practised count as 0');
    const text = textOf(before);
    for (const name of ['S3 encryption', 'EBS encryption', 'RDS encryption', 'Cost and audit', 'KMS keys and policies']) expect(text).toContain(name);
    expect(text).toContain('Weakest domain');
    expect(before.buttons?.[0]?.action.kind).toBe('practice');
    for (let i = 0; i < 10; i++) {
      const now = new Date(NOW.getTime() + i * 60_000);
      await answerPractice(await h.tutor.handle({ kind: 'quiz', here: false }, h.ctx('ann', { now })), 'ann', true, now);
    }
    const after = await h.tutor.handle({ kind: 'readiness' }, h.ctx('ann', { now: new Date(NOW.getTime() + 3_600_000) }));
    const overall = after.blocks[0]?.type === 'fields' ? after.blocks[0].fields[0]?.value : '';
    expect(overall).not.toBe('0%');
    const here = await h.tutor.handle({ kind: 'readiness', target: 'here' }, h.ctx('bob', { now: new Date(NOW.getTime() + 3_600_000) }));
    expect(here.title).toBe('Readiness: this channel (1 active learner)');
  });
});

describe('exam-aimed practice', () => {
  it('in the last 7 days brings back a card practised before that week, weakest first, and says why', async () => {
    h = makeHarness({ content: REAL_CONTENT });
    const first = await h.tutor.handle({ kind: 'quiz', here: false }, h.ctx('ann'));
    await answerPractice(first, 'ann', true, NOW);
    const later = new Date(NOW.getTime() + 20 * DAY);
    await h.tutor.handle({ kind: 'exam', request: { action: 'set', date: '2026-12-20' } }, h.ctx('ann', { now: later }));
    const pick = await h.tutor.handle({ kind: 'quiz', here: false }, h.ctx('ann', { now: later }));
    expect(textOf(pick)).toContain('exam week: every card once more, weakest first');
  });
});

describe('reminders', () => {
  it('parses remind on/off and refuses bad settings with words', async () => {
    h = makeHarness({ content: REAL_CONTENT });
    const on = await h.say('remind on 07:30 quiet 22:00-07:00 weekdays', 'ann', { userTimeZone: 'Europe/Berlin' });
    expect(textOf(on)).toContain('at 07:30 (Europe/Berlin) on weekdays, never during quiet hours 22:00-07:00');
    expect(await h.store.reminder(h.ctx('ann'), 'ann')).toMatchObject({ at: '07:30', quiet: '22:00-07:00', weekdaysOnly: true, timeZone: 'Europe/Berlin' });
    expect(textOf(await h.say('remind on 25:00', 'ann'))).toContain('"25:00" is not a time');
    expect(textOf(await h.say('remind on 23:00 quiet 22:00-07:00', 'ann'))).toContain('23:00 falls in the quiet hours 22:00-07:00');
    expect(textOf(await h.say('remind on loudly', 'ann'))).toContain('"loudly" is not a reminder setting');
    // Two values of one kind are refused like subscribe's, and zero-length quiet hours too (newcomer finding 6).
    const twoTimes = await h.say('remind on 18:00 18:30', 'ann');
    expect(twoTimes.tone).toBe('error');
    expect(textOf(twoTimes)).toContain('remind got two times: "18:00" and "18:30"; give one.');
    expect(textOf(await h.say('remind on quiet 22:00-07:00 quiet 23:00-06:00', 'ann'))).toContain('remind got two quiet ranges: "22:00-07:00" and "23:00-06:00"; give one.');
    const empty = await h.say('remind on 18:00 quiet 22:00-22:00', 'ann');
    expect(empty.tone).toBe('error');
    expect(textOf(empty)).toContain('quiet hours "22:00-22:00" start and end at the same time');
    expect(await h.store.reminder(h.ctx('ann'), 'ann')).toMatchObject({ at: '07:30' });
    expect(textOf(await h.say('remind off', 'ann'))).toContain('No more reminders.');
    expect(textOf(await h.say('remind', 'ann'))).toContain('Reminders are off');
  });

  it('sends at most one DM a day, only when cards are due, with a practice button; a refused DM pauses it', async () => {
    h = makeHarness({ content: REAL_CONTENT });
    await h.say('remind on 18:00', 'ann');
    await h.say('remind on 18:00', 'bob');
    // Nothing practised yet: nothing due, no message.
    const evening = new Date('2026-11-25T18:05:00Z');
    expect((await sendDueReminders(sweepDeps(), evening)).map((r) => r.outcome)).toEqual(['nothing-due', 'nothing-due']);
    // Both answer a question wrongly: their cards are due again within minutes.
    await answerPractice(await h.tutor.handle({ kind: 'quiz', here: false }, h.ctx('ann')), 'ann', false, NOW);
    await answerPractice(await h.tutor.handle({ kind: 'quiz', here: false }, h.ctx('bob')), 'bob', false, NOW);
    h.poster.refusesDirect.add('bob');
    expect((await sendDueReminders(sweepDeps(), new Date('2026-11-25T17:59:00Z'))).map((r) => r.outcome)).toEqual(['not-yet', 'not-yet']);
    const sent = await sendDueReminders(sweepDeps(), evening);
    expect(sent.map((r) => [r.reminder.userId, r.outcome])).toEqual([['ann', 'sent'], ['bob', 'paused']]);
    expect(h.poster.directs).toHaveLength(1);
    const dm = h.poster.directs[0]!;
    expect(dm.userId).toBe('ann');
    expect(textOf(dm.reply)).toContain('1 practice card is due for review.');
    // The button names the reminder's team and deck (a direct message may have a team of its own: s7 newcomer #14).
    const deckId = (await h.store.reminder(h.ctx('ann'), 'ann'))?.deckId;
    expect(dm.reply.buttons).toEqual([{ action: { kind: 'reminderPractice', teamId: 'local', deckId }, label: 'Practice now', style: 'primary' }]);
    expect(await h.store.reminder(h.ctx('bob'), 'bob')).toMatchObject({ pausedReason: 'the learner does not accept direct messages from the bot' });
    expect(h.logger.warnings.some((w) => String(w[1]).includes('reminder paused'))).toBe(true);
    // Later the same day: no second message; bob is no longer tried.
    expect((await sendDueReminders(sweepDeps(), new Date('2026-11-25T21:00:00Z'))).map((r) => r.outcome)).toEqual(['already-sent']);
    expect(h.poster.directs).toHaveLength(1);
    expect(textOf(await h.say('remind', 'bob'))).toContain('Paused: the learner does not accept direct messages');
    // The next day: again.
    expect((await sendDueReminders(sweepDeps(), new Date('2026-11-26T18:00:00Z'))).map((r) => r.outcome)).toEqual(['sent']);
  });

  it('runs the steps in order with a fake clock: exam, practice, readiness, reminder with the countdown', async () => {
    h = makeHarness({ content: REAL_CONTENT });
    expect((await h.say('exam 2026-12-09', 'ann')).tone).toBe('success');
    for (let i = 0; i < 5; i++) {
      const now = new Date(NOW.getTime() + i * 60_000);
      await answerPractice(await h.tutor.handle({ kind: 'quiz', here: false }, h.ctx('ann', { now })), 'ann', i % 2 === 0, now);
    }
    const ready = await h.tutor.handle({ kind: 'readiness' }, h.ctx('ann', { now: new Date(NOW.getTime() + 3_600_000) }));
    const lines = ready.blocks.find((b) => b.type === 'pre');
    const seen = (lines?.type === 'pre' ? lines.lines : []).map((line) => Number(/(\d+)\/\d+ seen/.exec(line)?.[1] ?? 0));
    expect(seen.reduce((a, b) => a + b, 0)).toBe((await h.store.practiceCards(h.ctx('ann'), 'ann', 'kms-encryption-at-rest')).size);
    expect(seen.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    await h.say('remind on 19:00', 'ann');
    const sent = await sendDueReminders(sweepDeps(), new Date('2026-11-26T19:00:00Z'));
    expect(sent.map((r) => r.outcome)).toEqual(['sent']);
    expect(textOf(h.poster.directs[0]!.reply)).toContain('13 days to the exam (2026-12-09)');
  });
});
