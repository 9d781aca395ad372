import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lettersOf, makeHarness, textOf, type Harness } from './harness.js';

let h: Harness;
beforeEach(() => {
  h = makeHarness();
});
afterEach(() => h.close());

async function oneRound(users: string[], teamId = 'local'): Promise<void> {
  await h.tutor.handle({ kind: 'quiz', here: true }, h.ctx('opener', { teamId }));
  const round = (await h.store.openChannelRound({ platform: 'terminal', teamId, channelId: 'terminal' }))!;
  for (const u of users) await h.tutor.handle({ kind: 'answer', roundId: round.id, letter: lettersOf(round).right }, h.ctx(u, { teamId }));
  await h.tutor.handle({ kind: 'close' }, h.ctx('opener', { teamId }));
}

describe('forget-me', () => {
  it('without confirm explains what goes and offers Confirm / Cancel; nothing is deleted', async () => {
    await oneRound(['ann', 'bob']);
    const reply = await h.say('forget-me', 'ann');
    expect(reply.tone).toBe('warning');
    expect(textOf(reply)).toContain('1 answer');
    expect(reply.buttons?.map((b) => b.action)).toEqual([
      { kind: 'forget', confirm: true },
      { kind: 'forget', confirm: false },
    ]);
    expect((await h.store.userStats({ platform: 'terminal', teamId: 'local' }, 'ann')).answered).toBe(1);
    const cancel = await h.tutor.act({ kind: 'forget', confirm: false }, h.ctx('ann'));
    expect(cancel.title).toBe('Nothing was deleted');
    expect((await h.store.userStats({ platform: 'terminal', teamId: 'local' }, 'ann')).answered).toBe(1);
  });

  it('confirmed: deletes this team\'s answers and self-scores, says how many, and boards drop the user', async () => {
    await oneRound(['ann', 'bob']);
    await oneRound(['ann']);
    await h.say('check finance-compliance 1,2', 'ann');
    await oneRound(['ann'], 'other-team');
    const reply = await h.tutor.act({ kind: 'forget', confirm: true }, h.ctx('ann'));
    expect(reply.tone).toBe('success');
    expect(textOf(reply)).toContain('Deleted 2 answers and 1 self-score');
    const board = await h.say('leaderboard all', 'bob');
    expect(textOf(board)).not.toMatch(/\bann\b/);
    expect(await h.store.selfScores({ platform: 'terminal', teamId: 'local' }, 'ann')).toEqual([]);
    // The other team keeps its own data.
    expect((await h.store.userStats({ platform: 'terminal', teamId: 'other-team' }, 'ann')).answered).toBe(1);
    const typed = await h.say('forget-me confirm', 'ann');
    expect(textOf(typed)).toContain('Deleted 0 answers');
  });
});

describe('forget-me and an open round', () => {
  it('the learner cannot answer again a round that was open when they answered it (issue 15 item 2)', async () => {
    await h.tutor.handle({ kind: 'quiz', here: true }, h.ctx('opener'));
    const round = (await h.store.openChannelRound({ platform: 'terminal', teamId: 'local', channelId: 'terminal' }))!;
    const letters = lettersOf(round);
    const first = await h.tutor.handle({ kind: 'answer', roundId: round.id, letter: letters.wrong }, h.ctx('bob'));
    expect(textOf(first)).toContain(`is ${letters.right}`);
    await h.say('forget-me confirm', 'bob');
    const again = await h.tutor.handle({ kind: 'answer', roundId: round.id, letter: letters.right }, h.ctx('bob'));
    expect(again.tone).toBe('error');
    expect(again.title).toBe('Already answered');
    expect(textOf(again)).toContain(`round #${round.id}`);
    expect(textOf(again)).not.toContain('Correct');
    expect((await h.store.userStats({ platform: 'terminal', teamId: 'local' }, 'bob')).answered).toBe(0);
  });
});
