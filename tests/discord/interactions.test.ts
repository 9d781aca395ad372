/**
 * End to end on loopback: a real discord.js Client logged in to the fake Discord (REST + gateway),
 * real INTERACTION_CREATE dispatches, the real Tutor on an in-memory store and the real deck.
 * Asserts the interaction callbacks (type, flags, embeds, components), the channel messages and
 * edits, and what the database holds afterwards.
 */
import { ApplicationCommandOptionType, ComponentType, InteractionResponseType, MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LETTERS } from '../../src/core/round-view.js';
import type { RoundRow } from '../../src/core/ports/store.js';
import { startHarness, type Harness } from '../support/fake-discord/harness.js';
import { DISCORD_FAILURES } from '../support/fake-discord/fake-discord.js';
import {
  IDS,
  asAdminCommand,
  autocomplete,
  booleanOption,
  buttonClick,
  messageOf,
  selectMenu,
  slashCommand,
  stringOption,
  type Actor,
} from '../support/fake-discord/payloads.js';
import type { WireJson } from '../support/wire-json.js';

const ana: Actor = { id: '1100000000000000011', username: 'ana', globalName: 'Ana Global', nick: 'Ana (study lead)' };
const ben: Actor = { id: '1100000000000000012', username: 'ben', globalName: null, nick: null };
const cy: Actor = { id: '1100000000000000013', username: 'cy', globalName: 'Cy', nick: null };
const dee: Actor = { id: '1100000000000000014', username: 'dee' };
const admin: Actor = { id: '1100000000000000015', username: 'root', admin: true };

const inGuild = { kind: 'guild' } as const;
const guildScope = { platform: 'discord' as const, teamId: IDS.guildId };
const channelScope = { ...guildScope, channelId: IDS.channelId };

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** All text of a callback's or message body's embeds. */
function embedText(data: WireJson): string {
  return (data?.embeds ?? [])
    .map((e: WireJson) => [e.title, e.description, ...(e.fields ?? []).flatMap((f: WireJson) => [f.name, f.value]), e.footer?.text].filter(Boolean).join('\n'))
    .join('\n');
}

/** Every component of a message body, flattened out of its action rows. */
function componentsOf(data: WireJson): WireJson[] {
  return (data?.components ?? []).flatMap((row: WireJson) => row.components);
}

/** The PATCH of a deferred reply's original message for an interaction token. */
function originalEdit(token: string) {
  return h.fake.waitFor((r) => r.method === 'PATCH' && r.path === `/webhooks/${IDS.applicationId}/${token}/messages/@original`);
}

describe('slash commands and buttons', () => {
  it('explain replies ephemerally with the term card and a Share button that posts it in the channel', async () => {
    const command = slashCommand(ana, inGuild, 'explain', [stringOption('term', 'grants')]);
    const callback = await h.fake.interact(command);
    expect(callback.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(callback.data.flags).toBe(MessageFlags.Ephemeral);
    expect(callback.data.embeds[0].title).toBe('Grant (KMS)');
    expect(callback.data.embeds[0].description).toContain('kms:CreateGrant');
    expect(callback.data.embeds[0].footer.text).toMatch(/^Chapter 8/);
    const [share, report] = componentsOf(callback.data);
    expect(share).toMatchObject({ type: ComponentType.Button, custom_id: 'k1:sh:t:grant', label: 'Share in channel' });
    expect(report).toMatchObject({ type: ComponentType.Button, custom_id: 'k1:rp:t:grant', label: 'Report a problem' });
    // The asker's guild nickname is the name core stores for boards.
    expect(await h.deps.store.findUsers(guildScope, ana.id)).toEqual([{ userId: ana.id, userName: 'Ana (study lead)' }]);

    const ephemeralCard = messageOf(IDS.channelId, '1300000000000099001', { ...callback.data, flags: MessageFlags.Ephemeral });
    const shared = await h.fake.interact(buttonClick(ana, inGuild, share.custom_id, ephemeralCard));
    expect(shared.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(shared.data.flags ?? 0).toBe(0); // a normal channel message
    expect(shared.data.embeds[0].title).toContain('Grant (KMS)');
    expect(embedText(shared.data)).toContain('Ana (study lead)');
    await h.settled();
  });

  it('autocompletes terms and scenarios, and answers junk with an empty list', async () => {
    const typo = await h.fake.interact(autocomplete(ben, inGuild, 'explain', 'term', 'grnat'));
    expect(typo.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    expect(typo.data.choices).toContainEqual({ name: 'Grant (KMS)', value: 'Grant (KMS)' });

    const empty = await h.fake.interact(autocomplete(ben, inGuild, 'explain', 'term', ''));
    expect(empty.data.choices.length).toBeGreaterThan(1);
    expect(empty.data.choices.length).toBeLessThanOrEqual(25);
    for (const c of empty.data.choices) {
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }

    const junk = await h.fake.interact(autocomplete(ben, inGuild, 'explain', 'term', `${'#%$'.repeat(33)}q`));
    expect(junk.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    expect(Array.isArray(junk.data.choices)).toBe(true);
    expect(junk.data.choices.length).toBeLessThanOrEqual(25);

    const scenarios = await h.fake.interact(autocomplete(ben, inGuild, 'scenario', 'name', 'rds'));
    expect(scenarios.data.choices.map((c: WireJson) => c.value)).toContain('rds-encrypt-existing-instance');
  });

  it('quiz here opens a round; three users answer (one twice); the count is edited at most once per 10 s; close reveals', async () => {
    const open = slashCommand(ana, inGuild, 'quiz', [booleanOption('here', true)]);
    const deferred = await h.fake.interact(open);
    expect(deferred.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(deferred.data.flags).toBe(MessageFlags.Ephemeral);
    const notice = await originalEdit(open.token);
    expect(embedText(notice.body)).toMatch(/Round #\d+ is open/);

    const round = (await h.deps.store.openChannelRound(channelScope)) as RoundRow;
    expect(round).toBeDefined();
    const posts = h.fake.find('POST', new RegExp(`^/channels/${IDS.channelId}/messages$`));
    expect(posts).toHaveLength(1);
    const post = posts[0]!;
    expect(post.body.embeds[0].title).toContain(`Round #${round.id}`);
    expect(post.body.allowed_mentions).toEqual({ parse: [] });
    const buttons = componentsOf(post.body);
    const letters = LETTERS.slice(0, round.choiceOrder.length);
    expect(buttons.map((b) => b.custom_id)).toEqual(expect.arrayContaining(letters.map((l) => `k1:a:${round.id}:${l}`)));
    for (const b of buttons) expect(b.label.length).toBeLessThanOrEqual(80);
    expect(round.messageRef).toMatchObject({ platform: 'discord', channelId: IDS.channelId });
    const messageId = round.messageRef!.messageId;
    const roundMessage = messageOf(IDS.channelId, messageId, post.body);

    const correct = letters[round.choiceOrder.indexOf(round.correctIndex)]!;
    const wrong = letters.find((l) => l !== correct)!;
    const click = (actor: Actor, letter: string) => h.fake.interact(buttonClick(actor, inGuild, `k1:a:${round.id}:${letter}`, roundMessage));

    const anaReply = await click(ana, correct);
    const benReply = await click(ben, wrong);
    const cyReply = await click(cy, correct);
    const benAgain = await click(ben, correct);
    for (const reply of [anaReply, benReply, cyReply, benAgain]) {
      expect(reply.type).toBe(InteractionResponseType.ChannelMessageWithSource);
      expect(reply.data.flags).toBe(MessageFlags.Ephemeral);
    }
    expect(embedText(anaReply.data)).toMatch(/\+1 point/);
    expect(embedText(benReply.data)).toMatch(/No point/);
    expect(embedText(benAgain.data)).toMatch(new RegExp(`already answered round #${round.id} with ${wrong} —`)); // told which stands
    await h.settled();

    // One answer per user; Ben's first answer stands.
    expect(await h.deps.store.getAnswer(round.id, ben.id)).toMatchObject({ letter: wrong, correct: false, points: 0 });
    expect(await h.deps.store.getAnswer(round.id, ana.id)).toMatchObject({ letter: correct, correct: true, points: 1 });
    expect(await h.deps.store.roundTally(round.id, round.choiceOrder.length)).toMatchObject({ answered: 3, correct: 2 });

    // The first answer edited the count at once; the rest wait for the 10 s window.
    const editPath = new RegExp(`^/channels/${IDS.channelId}/messages/${messageId}$`);
    let edits = h.fake.find('PATCH', editPath);
    expect(edits).toHaveLength(1);
    expect(edits[0]!.body.embeds.at(-1).footer.text).toContain('1 answered');
    h.timers.advance(10_000);
    await h.settled();
    edits = h.fake.find('PATCH', editPath);
    expect(edits).toHaveLength(2);
    expect(edits[1]!.body.embeds.at(-1).footer.text).toContain('3 answered');

    // Ana (the opener) closes it with the close button: a silent ack, the message shows the reveal.
    const closeButton = buttons.find((b) => b.custom_id === `k1:cl:${round.id}`);
    expect(closeButton).toBeDefined();
    const closed = await h.fake.interact(buttonClick(ana, inGuild, closeButton.custom_id, roundMessage));
    expect(closed.type).toBe(InteractionResponseType.DeferredMessageUpdate);
    await h.settled();
    edits = h.fake.find('PATCH', editPath);
    expect(edits).toHaveLength(3);
    const reveal = edits[2]!.body;
    expect(reveal.embeds.at(-1).footer.text).toContain('Round closed · 3 answered');
    // The edit replaces the components: no answer or close button stays clickable.
    expect(Array.isArray(reveal.components)).toBe(true);
    expect(componentsOf(reveal).filter((b) => /^k1:(a|cl):/.test(b.custom_id) && b.disabled !== true)).toEqual([]);
    expect((await h.deps.store.getRound(round.id))?.closedAt).not.toBeNull();

    // Dee clicks after the close: told so, nothing stored.
    const late = await click(dee, correct);
    expect(late.data.flags).toBe(MessageFlags.Ephemeral);
    expect(embedText(late.data)).toMatch(new RegExp(`Round #${round.id} is closed`));
    expect(await h.deps.store.getAnswer(round.id, dee.id)).toBeUndefined();
    expect((await h.deps.store.roundTally(round.id, round.choiceOrder.length)).answered).toBe(3);
    // No further message edits after the reveal.
    await h.settled();
    expect(h.fake.find('PATCH', editPath)).toHaveLength(3);
  });

  it('a malformed or unknown custom id gets an ephemeral "I don\'t recognise that button"', async () => {
    const anyMessage = messageOf(IDS.channelId, '1300000000000099002', {});
    for (const customId of ['k1:a:notanumber:Z', 'totally-bogus', 'k1:ss:finance-compliance:1.x']) {
      const reply = await h.fake.interact(buttonClick(ben, inGuild, customId, anyMessage));
      expect(reply.type).toBe(InteractionResponseType.ChannelMessageWithSource);
      expect(reply.data.flags).toBe(MessageFlags.Ephemeral);
      expect(embedText(reply.data)).toContain("I don't recognise that button");
    }
  });

  it('a click on a round that does not exist is told so and stores nothing', async () => {
    const reply = await h.fake.interact(buttonClick(ben, inGuild, 'k1:a:999999:A', messageOf(IDS.channelId, '1300000000000099005', {})));
    expect(reply.data.flags).toBe(MessageFlags.Ephemeral);
    expect(embedText(reply.data)).toMatch(/no round #999999/i);
    expect(await h.deps.store.getAnswer(999999, ben.id)).toBeUndefined();
  });

  it('a scenario check-yourself select menu stores the self-score', async () => {
    const card = await h.fake.interact(slashCommand(cy, inGuild, 'scenario', [stringOption('name', 'finance-compliance')]));
    expect(card.data.flags).toBe(MessageFlags.Ephemeral);
    const check = componentsOf(card.data).find((c) => c.custom_id === 'k1:chk:finance-compliance');
    expect(check).toBeDefined();

    const cardMessage = messageOf(IDS.channelId, '1300000000000099003', { ...card.data, flags: MessageFlags.Ephemeral });
    const rubric = await h.fake.interact(buttonClick(cy, inGuild, check.custom_id, cardMessage));
    expect(rubric.data.flags).toBe(MessageFlags.Ephemeral);
    const menu = componentsOf(rubric.data).find((c) => c.type === ComponentType.StringSelect);
    expect(menu).toMatchObject({ custom_id: 'k1:ss:finance-compliance:', min_values: 0 });
    expect(menu.max_values).toBe(menu.options.length);
    expect(menu.options[0].value).toBe('0');

    const rubricMessage = messageOf(IDS.channelId, '1300000000000099004', { ...rubric.data, flags: MessageFlags.Ephemeral });
    const scored = await h.fake.interact(selectMenu(cy, inGuild, menu.custom_id, ['2', '0'], rubricMessage));
    expect(scored.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(scored.data.flags).toBe(MessageFlags.Ephemeral);
    expect(await h.deps.store.selfScores(guildScope, cy.id)).toEqual([
      expect.objectContaining({ scenarioId: 'finance-compliance', checked: [0, 2], total: menu.options.length }),
    ]);
  });

  it('Report a problem on an explain card: a reason string select files the report; admins list and resolve it', async () => {
    const card = await h.fake.interact(slashCommand(dee, inGuild, 'explain', [stringOption('term', 'grants')]));
    const report = componentsOf(card.data).find((c) => c.label === 'Report a problem');
    expect(report).toMatchObject({ type: ComponentType.Button, custom_id: 'k1:rp:t:grant' });

    const cardMessage = messageOf(IDS.channelId, '1300000000000099006', { ...card.data, flags: MessageFlags.Ephemeral });
    const picker = await h.fake.interact(buttonClick(dee, inGuild, report.custom_id, cardMessage));
    expect(picker.data.flags).toBe(MessageFlags.Ephemeral);
    const menu = componentsOf(picker.data).find((c) => c.type === ComponentType.StringSelect);
    expect(menu).toMatchObject({ custom_id: 'k1:rp:t:grant', min_values: 1, max_values: 1, placeholder: 'Pick a reason' });
    expect(menu.options.map((o: { value: string }) => o.value)).toEqual(['wrong', 'ambiguous', 'outdated', 'unclear', 'typo', 'other'].map((r) => `k1:rp:t.${r}:grant`));

    const pickerMessage = messageOf(IDS.channelId, '1300000000000099007', { ...picker.data, flags: MessageFlags.Ephemeral });
    const filed = await h.fake.interact(selectMenu(dee, inGuild, menu.custom_id, ['k1:rp:t.typo:grant'], pickerMessage));
    expect(filed.data.flags).toBe(MessageFlags.Ephemeral);
    expect(filed.data.embeds[0].title).toMatch(/^Thanks — report #\d+ filed$/);
    const [stored] = (await h.deps.store.openReports(guildScope)).filter((r) => r.userId === dee.id);
    expect(stored).toMatchObject({ itemKind: 'term', itemId: 'grant', reason: 'typo', text: '' });
    expect(stored!.file).toMatch(/terms\.yaml$/);

    // A value naming another item than the menu's is refused and stores nothing.
    const foreign = await h.fake.interact(selectMenu(dee, inGuild, menu.custom_id, ['k1:rp:t.typo:kms-key'], pickerMessage));
    expect(foreign.data.flags).toBe(MessageFlags.Ephemeral);
    expect((await h.deps.store.openReports(guildScope)).filter((r) => r.userId === dee.id)).toHaveLength(1);

    // Words come with the typed options; the same open report is updated.
    await h.fake.interact(slashCommand(dee, inGuild, 'report', [stringOption('item', 'grant'), stringOption('reason', 'typo'), stringOption('text', 'CreateGrant is misspelt')]));
    expect((await h.deps.store.getReport(guildScope, stored!.id))?.text).toBe('CreateGrant is misspelt');

    const refused = await h.fake.interact(asAdminCommand(slashCommand(ben, inGuild, 'reports', [])));
    expect(refused.data.embeds[0].title).toContain('Only admins');
    const list = await h.fake.interact(asAdminCommand(slashCommand(admin, inGuild, 'reports', [])));
    expect(list.data.flags).toBe(MessageFlags.Ephemeral);
    expect(embedText(list.data)).toContain(`#${stored!.id}`);
    expect(embedText(list.data)).toContain('CreateGrant is misspelt');
    const resolve = { name: 'resolve', type: ApplicationCommandOptionType.Integer as const, value: stored!.id };
    const done = await h.fake.interact(asAdminCommand(slashCommand(admin, inGuild, 'reports', [resolve, stringOption('note', 'fixed')])));
    expect(done.data.embeds[0].title).toBe(`Report #${stored!.id} resolved`);
    expect((await h.deps.store.getReport(guildScope, stored!.id))).toMatchObject({ status: 'resolved', note: 'fixed', resolvedBy: admin.id });
  });

  it('stats user: looks up another member of the guild by the user option', async () => {
    const userOption = { name: 'user', type: ApplicationCommandOptionType.User as const, value: ana.id };
    const anaUser = { id: ana.id, username: ana.username, discriminator: '0', global_name: ana.globalName ?? null, avatar: null };
    const reply = await h.fake.interact(slashCommand(ben, inGuild, 'stats', [userOption], [anaUser]));
    expect(reply.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(reply.data.flags).toBe(MessageFlags.Ephemeral);
    expect(reply.data.embeds[0].title).toContain('Ana (study lead)');
    // Ana answered one round question correctly above.
    expect(await h.deps.store.userStats(guildScope, ana.id)).toMatchObject({ answered: 1, correct: 1, points: 1 });
  });

  it('subscribe needs Manage Server: a member is refused, an admin subscribes with a channel reply', async () => {
    const options = [stringOption('time', '09:00'), stringOption('zone', 'Europe/Berlin'), stringOption('cadence', 'weekdays')];
    const refused = await h.fake.interact(asAdminCommand(slashCommand(ben, inGuild, 'subscribe', options)));
    expect(refused.data.flags).toBe(MessageFlags.Ephemeral);
    expect(embedText(refused.data)).toMatch(/admin/i);
    expect(await h.deps.store.getSubscription(channelScope)).toBeUndefined();

    const accepted = await h.fake.interact(asAdminCommand(slashCommand(admin, inGuild, 'subscribe', options)));
    expect(accepted.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(accepted.data.flags ?? 0).toBe(0);
    expect(await h.deps.store.getSubscription(channelScope)).toMatchObject({ time: '09:00', timeZone: 'Europe/Berlin', cadence: 'weekdays', createdBy: admin.id });
  });
});

describe('direct messages', () => {
  it('lookups work in a DM; quiz here is refused and opens nothing', async () => {
    const dm = { kind: 'dm' } as const;
    const lookup = await h.fake.interact(slashCommand(dee, dm, 'explain', [stringOption('term', 'envelop encryption')]));
    expect(lookup.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(lookup.data.flags).toBe(MessageFlags.Ephemeral);
    expect(lookup.data.embeds[0].title).toMatch(/envelope encryption/i);

    const quiz = slashCommand(dee, dm, 'quiz', [booleanOption('here', true)]);
    const deferred = await h.fake.interact(quiz);
    expect(deferred.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const refusal = await originalEdit(quiz.token);
    expect(embedText(refusal.body)).toMatch(/Rounds need a channel/);
    const dmChannel = { platform: 'discord' as const, teamId: `dm:${dee.id}`, channelId: quiz.channel_id! };
    expect(await h.deps.store.openChannelRound(dmChannel)).toBeUndefined();
    expect(await h.deps.store.findUsers({ platform: 'discord', teamId: `dm:${dee.id}` }, dee.id)).toEqual([{ userId: dee.id, userName: 'dee' }]);
  });
});

describe('faults', () => {
  it('a 50013 Missing Permissions when posting a round gets a friendly message and stores no round', async () => {
    h.fake.failChannel(IDS.forbiddenChannelId, DISCORD_FAILURES.missingPermissions);
    const place = { kind: 'guild', channelId: IDS.forbiddenChannelId } as const;
    const quiz = slashCommand(ana, place, 'quiz', [booleanOption('here', true)]);
    const deferred = await h.fake.interact(quiz);
    expect(deferred.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(deferred.data.flags).toBe(MessageFlags.Ephemeral);
    const answer = await originalEdit(quiz.token);
    const text = embedText(answer.body);
    expect(text).toContain('Could not post the round');
    expect(text).toContain('may not post');
    expect(text).toContain('Missing Permissions');
    expect(text).toContain(IDS.forbiddenChannelId);
    expect(h.fake.find('POST', new RegExp(`^/channels/${IDS.forbiddenChannelId}/messages$`))).toHaveLength(1);
    expect(await h.deps.store.openChannelRound({ ...guildScope, channelId: IDS.forbiddenChannelId })).toBeUndefined();
  });
});

describe('the Discord apology for an unexpected failure (issue 15 item 17)', () => {
  it('promises nothing about stored data, like core apologyReply', async () => {
    const { APOLOGY_TEXT } = await import('../../src/adapters/discord/text.js');
    expect(APOLOGY_TEXT).not.toMatch(/nothing was changed/i);
    expect(APOLOGY_TEXT).toContain('logged');
  });
});
