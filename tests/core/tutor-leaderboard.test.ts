import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Context } from '../../src/core/context.js';
import type { Reply } from '../../src/core/reply.js';
import { lettersOf, makeHarness, NOW, type Harness } from './harness.js';

let h: Harness;
beforeEach(() => {
  h = makeHarness();
});
afterEach(() => h.close());

/** Open a `quiz here` round, have each user answer right or wrong, close it. */
async function playRound(answers: Record<string, boolean>, over: Partial<Context> = {}, minute = 0): Promise<void> {
  const at = new Date((over.now ?? NOW).getTime() + minute * 60_000);
  const opened = await h.tutor.handle({ kind: 'quiz', here: true }, h.ctx('opener', { ...over, now: at }));
  expect(opened.tone).toBe('success');
  const round = (await h.store.openChannelRound({ platform: 'terminal', teamId: over.teamId ?? 'local', channelId: over.channelId ?? 'terminal' }))!;
  const { right, wrong } = lettersOf(round);
  let i = 0;
  for (const [user, correct] of Object.entries(answers)) {
    const reply = await h.tutor.handle({ kind: 'answer', roundId: round.id, letter: correct ? right : wrong }, h.ctx(user, { ...over, now: new Date(at.getTime() + ++i * 1000) }));
    expect(reply.tone).not.toBe('error');
  }
  await h.tutor.handle({ kind: 'close', roundId: round.id }, h.ctx('opener', { ...over, now: new Date(at.getTime() + 60_000) }));
}

function boardLines(reply: Reply): string[] {
  const pre = reply.blocks.find((b) => b.type === 'pre');
  return pre && pre.type === 'pre' ? pre.lines : [];
}

function ranksAndNames(reply: Reply): [number, string][] {
  return boardLines(reply)
    .slice(1)
    .map((l) => /^\s*(\d+)\s+(\S+)/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [Number(m[1]), m[2] as string]);
}

describe('leaderboard', () => {
  it('an empty board says so', async () => {
    const reply = await h.say('leaderboard');
    expect(reply.title).toContain('this week (2026-W48');
    expect(reply.blocks[0]).toMatchObject({ type: 'text' });
    expect((reply.blocks[0] as { text: string }).text).toContain('Nobody in the team has answered a round');
  });

  it('ranks by points then accuracy; equal points and accuracy share a rank (1, 2, 2, 4)', async () => {
    await playRound({ ann: true, ben: true, cat: true, dan: true }, {}, 0);
    await playRound({ ann: true, ben: true, cat: true, dan: false }, {}, 10);
    await playRound({ ann: true, ben: false, cat: false, dan: false }, {}, 20);
    const reply = await h.say('leaderboard', 'ben');
    expect(ranksAndNames(reply)).toEqual([
      [1, 'ann'],
      [2, 'ben'],
      [2, 'cat'],
      [4, 'dan'],
    ]);
    const lines = boardLines(reply);
    expect(lines[0]).toMatch(/#\s+Name\s+Pts\s+Acc\s+Ans/);
    expect(lines[1]).toMatch(/ann\s+3\s+100%\s+3$/);
    expect(lines[2]).toMatch(/ben\s+2\s+67%\s+3\s+← you$/);
    // The footer explains the shared rank and what orders lines inside it.
    expect(reply.footer).toContain('Ranked by points, then accuracy; equal points and accuracy share a rank, who got there first listed first.');
  });

  it('shows the top 10 and the asker\'s own line when outside it', async () => {
    const answers: Record<string, boolean> = {};
    for (let i = 1; i <= 11; i++) answers[`user${String(i).padStart(2, '0')}`] = true;
    answers.zed = false;
    await playRound(answers);
    const reply = await h.say('leaderboard', 'zed');
    const lines = boardLines(reply);
    expect(lines).toHaveLength(1 + 10 + 2);
    expect(lines[11]).toMatch(/…/);
    expect(lines[12]).toMatch(/^\s*12\s+zed\s+0\s+0%\s+1\s+← you$/);
    expect(ranksAndNames(reply).slice(0, 10).every(([rank]) => rank === 1)).toBe(true);
    expect(reply.footer).toContain('12 players');
  });

  it('periods: this week excludes last week; all time includes it; month follows the calendar month', async () => {
    const lastWeek = new Date(NOW.getTime() - 7 * 24 * 3600_000);
    await playRound({ old: true }, { now: lastWeek });
    await playRound({ fresh: true });
    expect(ranksAndNames(await h.say('leaderboard week')).map(([, n]) => n)).toEqual(['fresh']);
    expect(ranksAndNames(await h.say('leaderboard all')).map(([, n]) => n).sort()).toEqual(['fresh', 'old']);
    expect(ranksAndNames(await h.say('leaderboard month')).map(([, n]) => n).sort()).toEqual(['fresh', 'old']);
    expect(ranksAndNames(await h.say('leaderboard 30d')).map(([, n]) => n).sort()).toEqual(['fresh', 'old']);
    expect((await h.say('leaderboard month')).title).toContain('November 2026');
  });

  it('`here` limits the board to this channel; other teams never show', async () => {
    await playRound({ here1: true });
    await playRound({ elsewhere: true }, { channelId: 'study-group' });
    await playRound({ stranger: true }, { teamId: 'other-team' });
    expect(ranksAndNames(await h.say('leaderboard here')).map(([, n]) => n)).toEqual(['here1']);
    expect(ranksAndNames(await h.say('leaderboard')).map(([, n]) => n).sort()).toEqual(['elsewhere', 'here1']);
    const inGroup = await h.say('leaderboard here', 'x', { channelId: 'study-group' });
    expect(inGroup.title).toContain('this channel');
    expect(ranksAndNames(inGroup).map(([, n]) => n)).toEqual(['elsewhere']);
  });

  it('weeks follow the channel\'s subscription zone', async () => {
    // Sunday 2026-11-29 23:30 UTC is already Monday (W49) in Europe/Berlin.
    const sundayLate = new Date('2026-11-29T23:30:00Z');
    await h.say('subscribe 09:00 Europe/Berlin daily', 'admin', { now: sundayLate });
    const reply = await h.say('leaderboard', 'admin', { now: sundayLate });
    expect(reply.title).toContain('2026-W49');
    expect(reply.title).toContain('2026-11-30 to 2026-12-06');
  });

  it('`here` in a direct message is refused', async () => {
    const reply = await h.say('leaderboard here', 'ann', { isDirectMessage: true });
    expect(reply.tone).toBe('error');
  });
});
