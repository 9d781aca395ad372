/**
 * A deck imported in chat belongs to the guild that imported it (the tenant boundary), through the
 * Discord loopback harness: guild A's admin imports `guild-a-only` into IMPORT_DIR/teams/discord/<A>/;
 * guild B's `decks` does not list it, and `quiz deck:`, `deck`, `subscribe … deck:` and autocomplete
 * in B answer as for an unknown id; guild A quizzes it and answers the round; a restart (a new library
 * read from disk) keeps it A's only, and A's channel rounds from it still work; guild B may import the
 * same id as its own deck; a shared deck's id is refused.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InteractionResponseType, type APIAttachment, type APIChatInputApplicationCommandInteraction } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeckLibrary } from '../../src/core/deck/library.js';
import { loadLibrary } from '../../src/core/deck/loader.js';
import { chatImporter } from '../../src/import/chat-import.js';
import { startHarness, type Harness } from '../support/fake-discord/harness.js';
import {
  IDS,
  asAdminCommand,
  attachmentOption,
  autocomplete,
  booleanOption,
  buttonClick,
  messageOf,
  slashCommand,
  slashCommandWithFiles,
  stringOption,
  type Actor,
  type Place,
} from '../support/fake-discord/payloads.js';
import type { WireJson } from '../support/wire-json.js';

const CHAPTER = path.resolve(import.meta.dirname, '..', 'import', 'fixtures', 'chapter-09-in-transit.txt');
const GUILD_A = IDS.guildId;
const GUILD_B = '1299999999999999999';
const inA: Place = { kind: 'guild' };
const inB: Place = { kind: 'guild', guildId: GUILD_B, channelId: '1399999999999999991' };
const adminA: Actor = { id: '1100000000000000031', username: 'ada', admin: true };
const memberA: Actor = { id: '1100000000000000032', username: 'amo' };
const adminB: Actor = { id: '1100000000000000041', username: 'bea', admin: true };
const memberB: Actor = { id: '1100000000000000042', username: 'bo' };

let h: Harness;
/** IMPORT_DIR (here also the only DECKS_PATH folder, as when IMPORT_DIR is unset). */
let importDir: string;
const teamsDir = () => path.join(importDir, 'teams');
const load = (): DeckLibrary => loadLibrary('content', { extraDirs: [importDir], teamsDir: teamsDir() });

beforeAll(async () => {
  h = await startHarness();
  importDir = mkdtempSync(path.join(tmpdir(), 'kms-team-decks-'));
  const bytes = readFileSync(CHAPTER);
  h.deps.library = load();
  h.deps.reloadDecks = load;
  h.deps.importer = chatImporter({ decksDir: importDir, fetch: async () => new Response(bytes, { headers: { 'content-length': String(bytes.byteLength) } }) });
});
afterAll(async () => {
  await h?.close();
  rmSync(importDir, { recursive: true, force: true });
});

const file: APIAttachment = {
  id: '1400000000000000011',
  filename: 'chapter-09-in-transit.txt',
  size: readFileSync(CHAPTER).byteLength,
  url: 'https://cdn.discordapp.com/ephemeral-attachments/1400000000000000010/1400000000000000011/chapter-09-in-transit.txt',
  proxy_url: 'https://media.discordapp.net/ephemeral-attachments/1400000000000000010/1400000000000000011/chapter-09-in-transit.txt',
  content_type: 'text/plain; charset=utf-8',
};

/** A message body as the fake records it (the parts read here). */
interface Body {
  embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[] }[];
  components?: { components?: { custom_id?: string }[] }[];
}

/** Send `command` and return its reply's body (from the callback or, when deferred, the edit of the original). */
async function reply(command: APIChatInputApplicationCommandInteraction): Promise<Body> {
  const callback = await h.fake.interact(command);
  if (callback.type !== InteractionResponseType.DeferredChannelMessageWithSource) return (callback.data ?? {}) as Body;
  const edit = await h.fake.waitFor((r) => r.method === 'PATCH' && r.path === `/webhooks/${IDS.applicationId}/${command.token}/messages/@original`);
  return edit.body as Body;
}

/** The embeds' words, one string. */
const words = (body: Body) => (body.embeds ?? []).map((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value])].filter(Boolean).join('\n')).join('\n');

const importInto = (admin: Actor, place: Place, id: string) =>
  reply(asAdminCommand(slashCommandWithFiles(admin, place, 'import', [attachmentOption('file', file.id), stringOption('id', id)], [file])));

/** What guild B is told for a deck id nobody has, with `id` put in place of that id. */
async function unknownIn(place: Place, actor: Actor, subcommand: string, option: string, id: string, admin = false): Promise<string> {
  const command = slashCommand(actor, place, subcommand, [stringOption(option, 'no-such-deck')]);
  return words(await reply(admin ? asAdminCommand(command) : command)).replaceAll('no-such-deck', id);
}

describe('decks imported in chat belong to the guild that imported them', () => {
  it('guild A imports guild-a-only into its own folder; the shared library does not hold it', async () => {
    const imported = await importInto(adminA, inA, 'guild-a-only');
    expect(words(imported)).toContain('Imported deck “guild-a-only”');
    expect(existsSync(path.join(teamsDir(), 'discord', GUILD_A, 'guild-a-only', 'deck.yaml'))).toBe(true);
    // Nothing lands flat in IMPORT_DIR, where every team would see it.
    expect(readdirSync(importDir)).toEqual(['teams']);
    expect(h.deps.library.get('guild-a-only')).toBeUndefined();
    expect(h.deps.library.forTeam({ platform: 'discord', teamId: GUILD_A }).get('guild-a-only')).toBeDefined();
  });

  it('guild B does not see it: decks leaves it out; quiz, deck and subscribe answer as for an unknown id', async () => {
    const decks = words(await reply(slashCommand(memberB, inB, 'decks')));
    expect(decks).toContain('`kms-encryption-at-rest`');
    expect(decks).not.toContain('guild-a-only');

    const quiz = words(await reply(slashCommand(memberB, inB, 'quiz', [stringOption('deck', 'guild-a-only')])));
    expect(quiz).toContain('Unknown deck "guild-a-only"');
    expect(quiz).toBe(await unknownIn(inB, memberB, 'quiz', 'deck', 'guild-a-only'));

    const deck = words(await reply(asAdminCommand(slashCommand(adminB, inB, 'deck', [stringOption('id', 'guild-a-only')]))));
    expect(deck).toBe(await unknownIn(inB, adminB, 'deck', 'id', 'guild-a-only', true));
    expect(await h.deps.store.getChannelDeck({ platform: 'discord', teamId: GUILD_B, channelId: '1399999999999999991' })).toBeUndefined();

    const subscribe = asAdminCommand(slashCommand(adminB, inB, 'subscribe', [stringOption('time', '09:00'), stringOption('zone', 'UTC'), stringOption('deck', 'guild-a-only')]));
    expect(words(await reply(subscribe))).toContain('guild-a-only');
    expect(await h.deps.store.getSubscription({ platform: 'discord', teamId: GUILD_B, channelId: '1399999999999999991' })).toBeUndefined();
  });

  it('autocomplete suggests guild A’s own terms in A only', async () => {
    const inAChoices = await h.fake.interact(autocomplete(memberA, inA, 'explain', 'term', 'viewer protocol'));
    expect(inAChoices.data.choices.map((c: WireJson) => c.value)).toContain('Viewer protocol policy');
    const inBChoices = await h.fake.interact(autocomplete(memberB, inB, 'explain', 'term', 'viewer protocol'));
    expect(inBChoices.data.choices.map((c: WireJson) => c.value)).not.toContain('Viewer protocol policy');
  });

  it('guild A quizzes guild-a-only and answers the round', async () => {
    const quiz = slashCommand(memberA, inA, 'quiz', [stringOption('deck', 'guild-a-only')]);
    const body = await reply(quiz);
    const buttons = (body.components ?? []).flatMap((row) => row.components ?? []).map((c) => c.custom_id ?? '');
    const roundId = Number(buttons.find((id) => id.startsWith('k1:a:'))?.split(':')[2]);
    const round = await h.deps.store.getRound(roundId);
    expect(round).toMatchObject({ kind: 'practice', deckId: 'guild-a-only', platform: 'discord', teamId: GUILD_A });
    if (!round) return;
    const right = 'ABCDE'[round.choiceOrder.indexOf(round.correctIndex)] ?? 'A';
    expect(buttons).toContain(`k1:a:${round.id}:${right}`);
    const answered = await h.fake.interact(buttonClick(memberA, inA, `k1:a:${round.id}:${right}`, messageOf(IDS.channelId, '1500000000000000001', body)));
    expect(JSON.stringify(answered.data)).toMatch(/[Cc]orrect/);
    expect(await h.deps.store.getAnswer(round.id, memberA.id)).toMatchObject({ correct: true });
  });

  it('a restart (a new library read from disk) keeps guild-a-only guild A’s only', async () => {
    h.deps.library = load();
    expect(h.deps.library.get('guild-a-only')).toBeUndefined();
    expect(h.deps.library.forTeam({ platform: 'discord', teamId: GUILD_B }).get('guild-a-only')).toBeUndefined();
    expect(h.deps.library.forTeam({ platform: 'slack', teamId: GUILD_A }).get('guild-a-only')).toBeUndefined();
    expect(words(await reply(slashCommand(memberA, inA, 'decks')))).toContain('`guild-a-only`');
    expect(words(await reply(slashCommand(memberB, inB, 'decks')))).not.toContain('guild-a-only');

    // Guild A's channel studies it after the restart: a channel round from it, answered with its button.
    await h.fake.interact(asAdminCommand(slashCommand(adminA, inA, 'deck', [stringOption('id', 'guild-a-only')])));
    await h.fake.interact(slashCommand(memberA, inA, 'quiz', [booleanOption('here', true)]));
    await h.settled();
    const round = await h.deps.store.openChannelRound({ platform: 'discord', teamId: GUILD_A, channelId: IDS.channelId });
    expect(round).toMatchObject({ kind: 'channel', deckId: 'guild-a-only' });
    if (!round?.messageRef) throw new Error('the round was not posted');
    const right = 'ABCDE'[round.choiceOrder.indexOf(round.correctIndex)] ?? 'A';
    const click = buttonClick(memberA, inA, `k1:a:${round.id}:${right}`, messageOf(IDS.channelId, round.messageRef.messageId, {}));
    await h.fake.interact(click);
    expect(await h.deps.store.getAnswer(round.id, memberA.id)).toMatchObject({ correct: true });
  });

  it('guild B imports the same id as its own deck; each guild sees its own', async () => {
    expect(words(await importInto(adminB, inB, 'guild-a-only'))).toContain('Imported deck “guild-a-only”');
    const a = h.deps.library.forTeam({ platform: 'discord', teamId: GUILD_A }).get('guild-a-only');
    const b = h.deps.library.forTeam({ platform: 'discord', teamId: GUILD_B }).get('guild-a-only');
    expect(a?.dir).toBe(path.join(teamsDir(), 'discord', GUILD_A, 'guild-a-only'));
    expect(b?.dir).toBe(path.join(teamsDir(), 'discord', GUILD_B, 'guild-a-only'));
    // Re-importing an id the guild already has is refused, as before (never overwritten).
    expect(words(await importInto(adminA, inA, 'guild-a-only'))).toContain('a deck "guild-a-only" already exists; give another id');
  });

  it('an id a shared deck uses is refused, naming it; nothing is written', async () => {
    const refused = words(await importInto(adminA, inA, 'kms-encryption-at-rest'));
    expect(refused).toContain('Nothing was imported');
    expect(refused).toContain('a deck "kms-encryption-at-rest" already exists; give another id');
    expect(readdirSync(path.join(teamsDir(), 'discord', GUILD_A))).toEqual(['guild-a-only']);
  });
});
