/**
 * A busy guild channel: 500 members who never clicked before answer one `quiz here` round, with 64
 * INTERACTION_CREATE button clicks in flight on the fake gateway. Every interaction gets exactly
 * one callback, every answer is stored once, and the reveal counts 500. (Not timed: the figures
 * are `npm run bench`'s.)
 */
import { InteractionResponseType, MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LETTERS } from '../../src/core/round-view.js';
import type { RoundRow } from '../../src/core/ports/store.js';
import { startHarness, type Harness } from '../support/fake-discord/harness.js';
import { booleanOption, buttonClick, IDS, messageOf, slashCommand, type Actor } from '../support/fake-discord/payloads.js';

const CLICKS = 500;
const IN_FLIGHT = 64;
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const opener: Actor = { id: '1100000000000000091', username: 'opener' };
/** FakeDiscord.interact with a wait long enough for a loaded machine (this test is not about speed). */
async function interact(interaction: { id: string; token: string }): Promise<{ type: number; data?: { flags?: number } }> {
  const path = `/interactions/${interaction.id}/${interaction.token}/callback`;
  const callback = h.fake.waitFor((r) => r.method === 'POST' && r.path === path, 60_000);
  h.fake.dispatch('INTERACTION_CREATE', interaction);
  return (await callback).body;
}
const learner = (i: number): Actor => ({ id: String(1_150_000_000_000_000_000n + BigInt(i)), username: `learner${i}` });

describe('a burst of answer clicks (Discord gateway)', () => {
  it('answers and stores 500 distinct clicks with 64 in flight, each exactly once', async () => {
    await interact(slashCommand(opener, { kind: 'guild' }, 'quiz', [booleanOption('here', true)]));
    await h.settled();
    const round = (await h.deps.store.openChannelRound({ platform: 'discord', teamId: IDS.guildId, channelId: IDS.channelId })) as RoundRow;
    const post = h.fake.find('POST', new RegExp(`^/channels/${IDS.channelId}/messages$`)).at(-1)!;
    const message = messageOf(IDS.channelId, round.messageRef!.messageId, post.body);
    const letters = LETTERS.slice(0, round.choiceOrder.length);
    const letterOf = (i: number) => letters[i % letters.length] as string;

    const callbacks: { type: number; data?: { flags?: number } }[] = [];
    let next = 0;
    const lane = async () => {
      while (next < CLICKS) {
        const i = next++;
        callbacks.push(await interact(buttonClick(learner(i), { kind: 'guild' }, `k1:a:${round.id}:${letterOf(i)}`, message)));
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
    await h.settled();

    expect(callbacks).toHaveLength(CLICKS);
    for (const c of callbacks) {
      expect(c.type).toBe(InteractionResponseType.ChannelMessageWithSource);
      expect(c.data?.flags).toBe(MessageFlags.Ephemeral);
    }
    // One callback per interaction: no click was answered twice.
    const paths = h.fake.find('POST', /^\/interactions\//).map((r) => r.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (let i = 0; i < CLICKS; i++) expect(await h.deps.store.getAnswer(round.id, learner(i).id)).toMatchObject({ letter: letterOf(i) });
    const tally = await h.deps.store.roundTally(round.id, round.choiceOrder.length);
    expect(tally.answered).toBe(CLICKS);

    const closed = await interact(buttonClick(opener, { kind: 'guild' }, `k1:cl:${round.id}`, message));
    expect(closed.type).toBe(InteractionResponseType.DeferredMessageUpdate);
    await h.settled();
    const reveal = h.fake.find('PATCH', new RegExp(`^/channels/${IDS.channelId}/messages/${round.messageRef!.messageId}$`)).at(-1)!;
    expect(JSON.stringify(reveal.body.embeds)).toContain(`${CLICKS} answered`);
  }, 120_000);
});
