import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DailyRounds } from '../../src/core/daily.js';
import { tagBars, weakestTag } from '../../src/core/handlers/stats.js';
import type { Reply } from '../../src/core/reply.js';
import { lettersOf, makeHarness, NOW, textOf, type Harness } from './harness.js';

let h: Harness;
beforeEach(() => {
  h = makeHarness();
});
afterEach(() => h.close());

/** Answer `n` channel rounds as `user`, right for the first `right` of them. */
async function answerRounds(user: string, n: number, right: number, userName = user): Promise<void> {
  for (let i = 0; i < n; i++) {
    const now = new Date(NOW.getTime() + i * 60_000);
    await h.tutor.handle({ kind: 'quiz', here: true }, h.ctx('opener', { now }));
    const round = (await h.store.openChannelRound({ platform: 'terminal', teamId: 'local', channelId: 'terminal' }))!;
    const { right: r, wrong: w } = lettersOf(round);
    await h.tutor.handle({ kind: 'answer', roundId: round.id, letter: i < right ? r : w }, h.ctx(user, { now, userName }));
    await h.tutor.handle({ kind: 'close' }, h.ctx('opener', { now }));
  }
}

/** The bars under the heading `heading` ("Accuracy per topic" or "Accuracy per deck"). */
function pre(reply: Reply, heading = 'Accuracy per topic'): string[] {
  const at = reply.blocks.findIndex((x) => x.type === 'text' && x.text === heading);
  const b = reply.blocks[at + 1];
  return at >= 0 && b && b.type === 'pre' ? b.lines : [];
}

describe('stats', () => {
  it('with no answers says how to start', async () => {
    const reply = await h.say('stats');
    expect(textOf(reply)).toContain('No answers yet');
  });

  it('shows answered, correct, accuracy, points and per-tag bars, and suggests the weakest topic', async () => {
    await answerRounds('ann', 4, 2);
    const reply = await h.say('stats', 'ann');
    expect(reply.title).toBe('Your stats');
    expect(reply.blocks[0]).toEqual({
      type: 'fields',
      fields: [
        { label: 'Answered', value: '4' },
        { label: 'Correct', value: '2' },
        { label: 'Accuracy', value: '50%' },
        { label: 'Points', value: '2' },
      ],
    });
    const stats = await h.store.userStats({ platform: 'terminal', teamId: 'local' }, 'ann');
    const bars = pre(reply);
    expect(bars).toHaveLength(stats.byTag.filter((t) => t.answered > 0).length);
    for (const line of bars) expect(line).toMatch(/^\S+\s+[█░]{10}\s+\d+%\s+\(\d+\/\d+\)$/);
    // Accuracy per deck: the one fixture deck, 2 of 4.
    expect(pre(reply, 'Accuracy per deck')).toEqual([expect.stringMatching(/^Mini deck for core tests\s+█████░░░░░\s+50%\s+\(2\/4\)$/)]);
    const weakest = weakestTag(stats.byTag)!;
    expect(weakest).toBeDefined();
    expect(textOf(reply)).toContain(`\`quiz ${weakest.tag}\``);
    expect(textOf(reply)).toMatch(/`explain [^`]+`/);
    expect(reply.buttons).toEqual([{ action: { kind: 'practice', tag: weakest.tag }, label: expect.stringContaining('Practice'), style: 'primary' }]);
  });

  it('bars are text characters proportional to accuracy', () => {
    expect(tagBars([{ tag: 's3', answered: 10, correct: 7 }])).toEqual(['S3   ███████░░░   70%  (7/10)']);
    expect(tagBars([{ tag: 'kms', answered: 3, correct: 0 }, { tag: 'policy', answered: 1, correct: 1 }])).toEqual([
      'KMS     ░░░░░░░░░░    0%  (0/3)',
      'Policy  ██████████  100%  (1/1)',
    ]);
  });

  it('weakest tag: lowest accuracy, more answers on a tie; none when all are perfect', () => {
    expect(weakestTag([{ tag: 'a', answered: 2, correct: 1 }, { tag: 'b', answered: 4, correct: 2 }, { tag: 'c', answered: 5, correct: 4 }])?.tag).toBe('b');
    expect(weakestTag([{ tag: 'a', answered: 2, correct: 2 }])).toBeUndefined();
  });

  it('`stats @name` finds a user of the same team only', async () => {
    await answerRounds('bob', 1, 1);
    const other = await h.say('stats @bob', 'ann');
    expect(other.title).toBe('Stats for bob');
    expect(other.buttons).toBeUndefined();
    const fromOtherTeam = await h.say('stats bob', 'eve', { teamId: 'other-team' });
    expect(fromOtherTeam.tone).toBe('error');
    expect(fromOtherTeam.title).toBe('Nobody called "bob" in this team');
  });

  it('exact ids first: alice and ALICE are two players and `stats alice` is alice (issue 15 item 11)', async () => {
    await answerRounds('alice', 1, 1);
    await answerRounds('ALICE', 2, 0);
    expect((await h.say('stats alice', 'ann')).title).toBe('Stats for alice');
    expect((await h.say('stats ALICE', 'ann')).title).toBe('Stats for ALICE');
  });

  it('a name two people share gets a "which one?" answer naming their ids (issue 15 item 11)', async () => {
    await answerRounds('U1', 1, 1, 'Sam');
    await answerRounds('U2', 1, 0, 'sam');
    const reply = await h.say('stats sam', 'ann');
    expect(reply.tone).toBe('error');
    expect(reply.title).toBe(`Which one? 2 people are called "sam"`);
    expect(textOf(reply)).toContain('Sam (id U1), sam (id U2)');
    expect(textOf(reply)).toContain('`stats U1`');
    expect((await h.say('stats U2', 'ann')).title).toBe('Stats for sam');
  });

  it('practice answers count in stats but give no points', async () => {
    const question = await h.say('quiz', 'pia');
    const first = question.buttons?.[0]?.action;
    if (first?.kind !== 'answer') throw new Error('expected answer buttons');
    const round = (await h.store.getRound(first.roundId))!;
    expect(round.kind).toBe('practice');
    await h.say(`answer ${round.id} ${lettersOf(round).right}`, 'pia');
    const reply = await h.say('stats', 'pia');
    expect(reply.blocks[0]).toMatchObject({ fields: expect.arrayContaining([{ label: 'Answered', value: '1 (1 practice)' }, { label: 'Points', value: '0' }]) });
  });

  it('shows current and best daily streaks per channel', async () => {
    const daily = new DailyRounds(h.deps);
    await h.say('subscribe 09:00 UTC daily', 'admin');
    const sub = (await h.store.getSubscription({ platform: 'terminal', teamId: 'local', channelId: 'terminal' }))!;
    for (const day of ['2026-11-23', '2026-11-24']) {
      const now = new Date(`${day}T09:00:00Z`);
      expect((await daily.runDaily(sub, now)).status).toBe('posted');
      const round = (await h.store.latestDailyRound(sub))!;
      await h.tutor.handle({ kind: 'answer', roundId: round.id, letter: lettersOf(round).right }, h.ctx('sam', { now: new Date(now.getTime() + 60_000) }));
    }
    const reply = await h.say('stats', 'sam');
    expect(reply.blocks).toContainEqual({ type: 'section', heading: 'Daily streaks', text: '#terminal: current 2, best 2' });
  });
});
