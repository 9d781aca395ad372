/** The learner's dashboard (TutorApi.home): for a newcomer, and after answering. */
import { afterEach, describe, expect, it } from 'vitest';
import { lettersOf, makeHarness, textOf, type Harness } from './harness.js';

let h: Harness;
afterEach(() => h.close());

function section(reply: { blocks: { type: string; heading?: string; text?: string }[] }, heading: string): string | undefined {
  return reply.blocks.find((b) => b.type === 'section' && b.heading === heading)?.text;
}

describe('the dashboard', () => {
  it('tells a learner with no history how to start, part by part', async () => {
    h = makeHarness();
    const reply = await h.tutor.home(h.ctx('nova', { isDirectMessage: true, channelId: 'D1' }));
    expect(reply.visibility).toBe('user');
    expect(reply.title).toBe("nova's study dashboard");
    expect(section(reply, 'This week')).toMatch(/No round answers this week yet/);
    expect(section(reply, 'Practice cards')).toMatch(/No practice cards yet/);
    expect(section(reply, 'Where you study')).toBe('You have not answered a daily question in a channel yet.');
    expect(textOf(reply)).toContain('No answers yet.');
    expect(reply.buttons?.[0]?.action).toEqual({ kind: 'practice' });
  });

  it('shows points and place this week and the practice cards after answering', async () => {
    h = makeHarness();
    await h.say('quiz here', 'alice');
    const round = (await h.store.openChannelRound(h.ctx('alice')))!;
    await h.tutor.act({ kind: 'answer', roundId: round.id, letter: lettersOf(round).right }, h.ctx('alice'));
    await h.tutor.act({ kind: 'answer', roundId: round.id, letter: lettersOf(round).wrong }, h.ctx('bob'));
    const practice = await h.say('quiz', 'alice');
    const practiceRound = practice.buttons!.find((b) => b.action.kind === 'answer')!.action;
    if (practiceRound.kind !== 'answer') throw new Error('no answer button');
    await h.tutor.act(practiceRound, h.ctx('alice'));

    const reply = await h.tutor.home(h.ctx('alice', { isDirectMessage: true, channelId: 'D1' }));
    expect(section(reply, 'This week')).toBe('1 point · place 1 of 2 on the team board.');
    expect(section(reply, 'Practice cards')).toBe('None due now (1 card in review).');
    expect(textOf(reply)).toContain('Accuracy');
  });
});
