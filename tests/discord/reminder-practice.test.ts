/**
 * A reminder's "Practice now" button end to end on loopback (s7 newcomer #14): the reminder sweep
 * counts a learner's due cards of the guild's deck and sends a direct message through the real
 * Discord Poster; a click in that direct message has a team of its own (`dm:<userId>`), so the
 * button names the guild and deck, and the click practises the guild's cards: the question is
 * asked in the direct message, answered there, and the answer updates the guild's card (never a
 * `dm:` team's). The click is honoured only for the learner whose reminder is stored in that guild.
 */
import { ComponentType } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeAction } from '../../src/core/action.js';
import type { Context } from '../../src/core/context.js';
import { sendDueReminders } from '../../src/core/exam/reminders.js';
import { silentLogger } from '../../src/core/ports/logger.js';
import type { RoundRow } from '../../src/core/ports/store.js';
import { startHarness, type Harness } from '../support/fake-discord/harness.js';
import { buttonClick, IDS, messageOf, type Actor } from '../support/fake-discord/payloads.js';
import type { WireJson } from '../support/wire-json.js';

const ann: Actor = { id: '1100000000000000021', username: 'ann' };
const bob: Actor = { id: '1100000000000000022', username: 'bob' };
const guild = { platform: 'discord' as const, teamId: IDS.guildId };

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h?.close();
});

/** The context of `actor` in the guild's channel at `now` (as the adapter builds it for a member there). */
function inGuild(actor: Actor, now: Date): Context {
  return { ...guild, channelId: IDS.channelId, userId: actor.id, userName: actor.username, isAdmin: false, isDirectMessage: false, now };
}

/** Every component of a message body, flattened out of its action rows. */
function componentsOf(data: WireJson): WireJson[] {
  return (data?.components ?? []).flatMap((row: WireJson) => row.components);
}

/** All text of a body's embeds. */
function embedText(data: WireJson): string {
  return (data?.embeds ?? []).map((e: WireJson) => [e.title, e.description, e.footer?.text].filter(Boolean).join('\n')).join('\n');
}

/** A click by `actor` on `customId` of `message` in `actor`'s own direct message with the bot (the channel the Poster opened). */
function clickInDm(actor: Actor, customId: string, message: WireJson) {
  const dmId = h.fake.dmChannelFor(actor.id);
  const click = buttonClick(actor, { kind: 'dm' }, customId, messageOf(dmId, message.id ?? '1300000000000077001', message));
  return { ...click, channel_id: dmId, channel: { ...click.channel, id: dmId } };
}

/**
 * ann turns her reminder on in the guild and answers a guild practice question wrongly an hour ago
 * (so its card is due now); the sweep then sends her reminder. The direct message's body.
 */
async function annReminded(): Promise<WireJson> {
  const past = new Date(Date.now() - 3_600_000);
  expect((await h.tutor.handleText('remind on 00:00', inGuild(ann, past))).tone).not.toBe('error');
  const quiz = await h.tutor.handle({ kind: 'quiz', here: false }, inGuild(ann, past));
  const first = quiz.buttons?.[0]?.action;
  if (first?.kind !== 'answer') throw new Error('no practice question');
  const round = (await h.deps.store.getRound(first.roundId)) as RoundRow;
  const wrong = String.fromCharCode(65 + round.choiceOrder.findIndex((i) => i !== round.correctIndex));
  await h.tutor.act({ kind: 'answer', roundId: round.id, letter: wrong }, inGuild(ann, past));
  const deps = { store: h.deps.store, library: h.deps.library, posters: h.deps.posters, logger: silentLogger };
  const sent = await sendDueReminders(deps, new Date());
  expect(sent.map((r) => [r.reminder.userId, r.reminder.teamId, r.outcome])).toEqual([[ann.id, IDS.guildId, 'sent']]);
  const dmId = h.fake.dmChannelFor(ann.id);
  const [posted] = h.fake.find('POST', new RegExp(`^/channels/${dmId}/messages$`));
  return { id: '1300000000000077001', ...(posted?.body as WireJson) };
}

describe("a reminder's Practice now button in a direct message (s7 newcomer #14)", () => {
  it("names the guild and deck, practises the guild's cards in the direct message, and the answer updates the guild's card", async () => {
    const dm = await annReminded();
    expect(embedText(dm)).toContain('1 practice card is due for review.');
    const [button] = componentsOf(dm);
    expect(button).toMatchObject({ type: ComponentType.Button, label: 'Practice now' });
    const deckId = (await h.deps.store.reminder(guild, ann.id))?.deckId;
    expect(decodeAction(button.custom_id)).toEqual({ kind: 'reminderPractice', teamId: IDS.guildId, deckId });
    const dueBefore = await h.deps.store.practiceCards(guild, ann.id, deckId ?? '');
    expect(dueBefore.size).toBe(1);

    const question = await h.fake.interact(clickInDm(ann, button.custom_id, dm));
    expect(embedText(question.data)).toMatch(/^Practice/);
    const dmId = h.fake.dmChannelFor(ann.id);
    const practice = (await h.deps.store.openPracticeRound({ ...guild, channelId: dmId }, ann.id)) as RoundRow;
    expect(practice).toMatchObject({ teamId: IDS.guildId, channelId: dmId, deckId, kind: 'practice' });
    // The due card the reminder counted is the one asked.
    expect([...dueBefore.keys()]).toContain(practice.questionId);
    expect(await h.deps.store.openPracticeRound({ platform: 'discord', teamId: `dm:${ann.id}`, channelId: dmId }, ann.id)).toBeUndefined();

    // Answered in the direct message: it counts, updates the guild's card, and the next button stays on the guild.
    const answerButton = componentsOf(question.data).find((c: WireJson) => decodeAction(c.custom_id)?.kind === 'answer');
    const answered = await h.fake.interact(clickInDm(ann, answerButton.custom_id, { id: '1300000000000077002', ...question.data }));
    expect(embedText(answered.data)).not.toContain('No such round');
    expect(await h.deps.store.getAnswer(practice.id, ann.id)).toMatchObject({ teamId: IDS.guildId });
    expect(await h.deps.store.practiceCards({ platform: 'discord', teamId: `dm:${ann.id}` }, ann.id, deckId ?? '')).toEqual(new Map());
    const next = componentsOf(answered.data).find((c: WireJson) => c.label === 'Another question');
    expect(decodeAction(next.custom_id)).toEqual({ kind: 'reminderPractice', teamId: IDS.guildId, deckId });
    await h.settled();
  });

  it("is refused for a learner without a reminder in that guild, and for ann's button naming a guild she has none in; nothing is asked", async () => {
    const dm = await annReminded();
    const [button] = componentsOf(dm);
    // bob clicks ann's button (forged, or forwarded) in his own direct message: he has no reminder in the guild.
    const forged = await h.fake.interact(clickInDm(bob, button.custom_id, dm));
    expect(embedText(forged.data)).toContain('Not your reminder');
    expect(await h.deps.store.openPracticeRound({ ...guild, channelId: h.fake.dmChannelFor(bob.id) }, bob.id)).toBeUndefined();
    // A button naming another guild, where ann has no reminder.
    const otherGuild = button.custom_id.replace(IDS.guildId, '1200000000000000999');
    const elsewhere = await h.fake.interact(clickInDm(ann, otherGuild, dm));
    expect(embedText(elsewhere.data)).toContain('Not your reminder');
    expect(await h.deps.store.openPracticeRound({ platform: 'discord', teamId: '1200000000000000999', channelId: h.fake.dmChannelFor(ann.id) }, ann.id)).toBeUndefined();
    await h.settled();
  });
});
