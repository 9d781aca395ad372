/**
 * Discord-native surfaces end to end on loopback (real discord.js Client, fake REST + gateway, the
 * real Tutor and deck): context menu commands on a user (data.type 2) and a message (data.type 3),
 * `/kms-admin`, a user install used in a DM without the bot (context 2, no member, no guild), the
 * spoilered reveal with its private "Show answer", and replies in the interaction's locale. Every
 * message body sent is checked against Discord's embed and component limits.
 */
import { ComponentType, InteractionResponseType, Locale, MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPONENT_LIMITS } from '../../src/adapters/discord/components.js';
import { EMBED_LIMITS, embedSize } from '../../src/adapters/discord/embeds.js';
import type { RoundRow } from '../../src/core/ports/store.js';
import { LETTERS } from '../../src/core/round-view.js';
import { startHarness, type Harness } from '../support/fake-discord/harness.js';
import {
  IDS,
  asAdminCommand,
  booleanOption,
  buttonClick,
  memberMessage,
  messageCommand,
  messageOf,
  slashCommand,
  stringOption,
  userCommand,
  type Actor,
} from '../support/fake-discord/payloads.js';
import type { WireJson } from '../support/wire-json.js';

const ana: Actor = { id: '1100000000000000031', username: 'ana', globalName: 'Ana', nick: null };
const ben: Actor = { id: '1100000000000000032', username: 'ben' };
const admin: Actor = { id: '1100000000000000035', username: 'root', admin: true };
const jonas: Actor = { id: '1100000000000000036', username: 'jonas', locale: Locale.German };
const inGuild = { kind: 'guild' } as const;
const channelScope = { platform: 'discord' as const, teamId: IDS.guildId, channelId: IDS.channelId };

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** All text of a message body's embeds. */
function embedText(data: WireJson): string {
  return (data?.embeds ?? [])
    .map((e: WireJson) => [e.title, e.description, ...(e.fields ?? []).flatMap((f: WireJson) => [f.name, f.value]), e.footer?.text].filter(Boolean).join('\n'))
    .join('\n');
}

/** Every component of a message body, flattened out of its action rows. */
function componentsOf(data: WireJson): WireJson[] {
  return (data?.components ?? []).flatMap((row: WireJson) => row.components);
}

/** Discord's documented limits on one message body's embeds and components. */
function expectWithinLimits(data: WireJson): void {
  const embeds: WireJson[] = data?.embeds ?? [];
  expect(embeds.length).toBeLessThanOrEqual(EMBED_LIMITS.embedsPerMessage);
  expect(embeds.reduce((n, e) => n + embedSize(e), 0)).toBeLessThanOrEqual(EMBED_LIMITS.total);
  for (const e of embeds) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.title);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.description);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.fields);
    expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.footer);
  }
  const rows: WireJson[] = data?.components ?? [];
  expect(rows.length).toBeLessThanOrEqual(COMPONENT_LIMITS.rowsPerMessage);
  for (const row of rows) expect(row.components.length).toBeLessThanOrEqual(COMPONENT_LIMITS.buttonsPerRow);
  for (const c of componentsOf(data)) {
    expect(c.custom_id.length).toBeLessThanOrEqual(COMPONENT_LIMITS.customId);
    if (c.type === ComponentType.Button) expect(c.label.length).toBeLessThanOrEqual(COMPONENT_LIMITS.buttonLabel);
  }
}

/** Dispatch an interaction; check its callback's message (if any) is within limits; return the callback. */
async function interact(interaction: { id: string; token: string }): Promise<WireJson> {
  const callback = await h.fake.interact(interaction);
  if (callback.data) expectWithinLimits(callback.data);
  return callback;
}

describe('context menu commands', () => {
  it('"Study stats" on a member (user command, data.type 2) shows that member\'s stats privately', async () => {
    await interact(slashCommand(ben, inGuild, 'explain', [stringOption('term', 'grants')])); // ben has used the bot here
    const callback = await interact(userCommand(ana, inGuild, 'Study stats', ben));
    expect(callback.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(callback.data.flags).toBe(MessageFlags.Ephemeral);
    expect(embedText(callback.data)).toMatch(/ben/i);
  });

  it('"Report to admins" on a term card (message command, data.type 3) asks for a reason; on a member\'s message it says what can be reported', async () => {
    const card = await interact(slashCommand(ana, inGuild, 'explain', [stringOption('term', 'grants')]));
    const cardMessage = messageOf(IDS.channelId, '1300000000000077001', card.data);
    const picker = await interact(messageCommand(ana, inGuild, 'Report to admins', cardMessage));
    expect(picker.data.flags).toBe(MessageFlags.Ephemeral);
    const menu = componentsOf(picker.data).find((c) => c.type === ComponentType.StringSelect);
    expect(menu?.custom_id).toBe('k1:rp:t:grant');
    expect(menu?.options.length).toBeGreaterThan(0);

    const chatter = memberMessage(ben, IDS.channelId, '1300000000000077002', 'I think grants never expire');
    const refused = await interact(messageCommand(ana, inGuild, 'Report to admins', chatter));
    expect(refused.data.flags).toBe(MessageFlags.Ephemeral);
    expect(embedText(refused.data)).toContain('holds no question, term or scenario of mine');
  });
});

describe('"Explain terms" (message command)', () => {
  it('lists the deck terms a member\'s message names, with their summaries, only to the asker', async () => {
    const chatter = memberMessage(ben, IDS.channelId, '1300000000000077011', 'Should we use a grant or a key policy for the Lambda role?');
    const callback = await interact(messageCommand(ana, inGuild, 'Explain terms', chatter));
    expect(callback.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(callback.data.flags).toBe(MessageFlags.Ephemeral);
    const text = embedText(callback.data);
    expect(text).toMatch(/Grant/);
    expect(text).toMatch(/Key policy/i);
  });

  it('reads the bot\'s own embeds too, and says so when a message has no text', async () => {
    const card = await interact(slashCommand(ana, inGuild, 'explain', [stringOption('term', 'grants')]));
    const cardMessage = messageOf(IDS.channelId, '1300000000000077012', card.data);
    const explained = await interact(messageCommand(ben, inGuild, 'Explain terms', cardMessage));
    expect(embedText(explained.data)).toMatch(/Grant/);
    const empty = await interact(messageCommand(ben, inGuild, 'Explain terms', memberMessage(ana, IDS.channelId, '1300000000000077013', '')));
    expect(embedText(empty.data)).toContain('That message has no text to look terms up in.');
  });
});

describe('/kms-admin', () => {
  it('an admin subscribes the channel with /kms-admin; a member without Manage Server is refused by the bot itself', async () => {
    const options = [stringOption('time', '08:30'), stringOption('zone', 'Europe/Berlin')];
    const refused = await interact(asAdminCommand(slashCommand(ben, inGuild, 'subscribe', options)));
    expect(embedText(refused.data)).toMatch(/Only admins can subscribe a channel/);
    expect(await h.deps.store.getSubscription(channelScope)).toBeUndefined();
    const accepted = await interact(asAdminCommand(slashCommand(admin, inGuild, 'subscribe', options)));
    expect(accepted.data.flags ?? 0).toBe(0);
    expect(await h.deps.store.getSubscription(channelScope)).toMatchObject({ time: '08:30', timeZone: 'Europe/Berlin' });
  });

  it('an admin sets the channel\'s exam date with /kms-admin exam', async () => {
    const set = await interact(asAdminCommand(slashCommand(admin, inGuild, 'exam', [stringOption('date', '2027-03-01')])));
    expect(embedText(set.data)).toMatch(/2027-03-01/);
    expect(await h.deps.store.channelExam(channelScope)).toMatchObject({ date: '2027-03-01' });
  });
});

describe('a user install in a DM without the bot (context 2, no member, no guild)', () => {
  const dm = { kind: 'private' } as const;

  it('looks terms up, practises and shows stats, on the learner\'s own team', async () => {
    const card = await interact(slashCommand(ana, dm, 'explain', [stringOption('term', 'grants')]));
    expect(card.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(card.data.embeds[0].title).toBe('Grant (KMS)');
    const practice = await interact(slashCommand(ana, dm, 'quiz'));
    expect(practice.data.flags).toBe(MessageFlags.Ephemeral);
    const answer = componentsOf(practice.data).find((c) => /^k1:a:\d+:A$/.test(c.custom_id));
    expect(answer).toBeDefined();
    const answered = await interact(buttonClick(ana, dm, answer.custom_id, messageOf(`8${ana.id.slice(1)}`, '1300000000000077003', practice.data)));
    expect(embedText(answered.data)).toMatch(/^(Correct|Not quite)/);
    const stats = await interact(slashCommand(ana, dm, 'stats'));
    expect(embedText(stats.data)).toMatch(/Answered\n1 \(1 practice\)/);
    expect(await h.deps.store.findUsers({ platform: 'discord', teamId: `dm:${ana.id}` }, ana.id)).toHaveLength(1);
  });

  it('"Explain terms" and "Study stats" work there too', async () => {
    const friendMessage = memberMessage(ben, `8${ana.id.slice(1)}`, '1300000000000077020', 'is a grant like a key policy?');
    const explained = await interact(messageCommand(ana, dm, 'Explain terms', friendMessage));
    expect(explained.data.flags).toBe(MessageFlags.Ephemeral);
    expect(embedText(explained.data)).toMatch(/Grant/);
    const own = await interact(userCommand(ana, dm, 'Study stats', ana));
    expect(own.data.flags).toBe(MessageFlags.Ephemeral);
    expect(embedText(own.data)).toMatch(/stats/i);
  });

  it('runs a mock exam', async () => {
    const mock = await interact(slashCommand(ana, dm, 'mock'));
    expect(mock.data.flags).toBe(MessageFlags.Ephemeral);
    expect(componentsOf(mock.data).some((c) => /^k1:ma:/.test(c.custom_id))).toBe(true);
  });

  it('channel features say they need the bot in a server', async () => {
    // `quiz here` posts to a channel, so it is deferred first; the deferred reply is then edited.
    const quizHere = slashCommand(ana, dm, 'quiz', [booleanOption('here', true)]);
    const deferred = await interact(quizHere);
    expect(deferred.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const edited = await h.fake.waitFor((r) => r.method === 'PATCH' && r.path === `/webhooks/${IDS.applicationId}/${quizHere.token}/messages/@original`);
    expectWithinLimits(edited.body);
    expect(embedText(edited.body)).toMatch(/need the bot in a server/);
    const board = await interact(slashCommand(ana, dm, 'leaderboard', [booleanOption('here', true)]));
    expect(embedText(board.data)).toMatch(/need the bot in a server/);
  });
});

describe('the spoilered reveal', () => {
  it('hides the answer behind spoilers until "Show answer", which shows it only to the clicker', async () => {
    const open = slashCommand(ana, inGuild, 'quiz', [booleanOption('here', true)]);
    await interact(open);
    await h.settled();
    const round = (await h.deps.store.openChannelRound(channelScope)) as RoundRow;
    const messageId = round.messageRef?.messageId ?? '';
    const letters = LETTERS.slice(0, round.choiceOrder.length);
    const correct = letters[round.choiceOrder.indexOf(round.correctIndex)] ?? 'A';
    const [post] = h.fake.find('POST', new RegExp(`^/channels/${IDS.channelId}/messages$`)).filter((r) => r.response?.id === messageId);
    await interact(buttonClick(ben, inGuild, `k1:a:${round.id}:${correct}`, messageOf(IDS.channelId, messageId, post?.body)));

    // The admin closes Ana's round through /kms-admin close.
    await interact(asAdminCommand(slashCommand(admin, inGuild, 'close', [])));
    await h.settled();
    const edits = h.fake.find('PATCH', new RegExp(`^/channels/${IDS.channelId}/messages/${messageId}$`));
    const reveal = edits.at(-1)?.body;
    expectWithinLimits(reveal);
    const text = embedText(reveal);
    expect(text).toMatch(new RegExp(`\\|\\|${correct} — `)); // the answer's text starts inside a spoiler
    expect(text).toMatch(/\|\|`[A-E] /); // the split (with its ✓) is behind a spoiler too
    const [show] = componentsOf(reveal);
    expect(show).toMatchObject({ type: ComponentType.Button, custom_id: 'discord:show-answer', label: 'Show answer' });

    // The explanation of every choice goes into a thread started from the round's message.
    const [thread] = h.fake.find('POST', new RegExp(`^/channels/${IDS.channelId}/messages/${messageId}/threads$`));
    expect(thread?.body).toMatchObject({ auto_archive_duration: 1440 });
    expect(String(thread?.body.name).length).toBeLessThanOrEqual(100);
    const [inThread] = h.fake.find('POST', new RegExp(`^/channels/${messageId}/messages$`));
    expect(inThread).toBeDefined();
    expectWithinLimits(inThread?.body);

    const shown = await interact(buttonClick(ben, inGuild, show.custom_id, messageOf(IDS.channelId, messageId, reveal)));
    expect(shown.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(shown.data.flags).toBe(MessageFlags.Ephemeral);
    const plain = embedText(shown.data);
    expect(plain).not.toContain('||');
    expect(plain).toContain(`${correct} — `);
    expect(plain).toContain('✓');
  });
});

describe('replies follow the interaction\'s locale where a translation exists', () => {
  it('a German client gets the adapter\'s own words in German, an English one in English', async () => {
    const anyMessage = messageOf(IDS.channelId, '1300000000000077009', {});
    const german = await interact(buttonClick(jonas, inGuild, 'totally-bogus', anyMessage));
    expect(embedText(german.data)).toContain('Diese Schaltfläche kenne ich nicht');
    const english = await interact(buttonClick(ben, inGuild, 'totally-bogus', anyMessage));
    expect(embedText(english.data)).toContain("I don't recognise that button");
    const chatter = memberMessage(ben, IDS.channelId, '1300000000000077010', 'hallo');
    const refused = await interact(messageCommand(jonas, inGuild, 'Report to admins', chatter));
    expect(embedText(refused.data)).toContain('Diese Nachricht enthält keine Frage');
  });
});
