/**
 * Decks in chat on Discord, through the loopback harness: an admin attaches a chapter to
 * `/kms import` (an ATTACHMENT option resolved from `data.resolved.attachments`), the deck lands in the
 * guild's own deck folder and is listed by `/kms decks` without a restart; `/kms deck` sets the channel's
 * deck and `/kms quiz here` asks from it. A member cannot import.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InteractionResponseType, MessageFlags, type APIAttachment } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/core/deck/loader.js';
import { chatImporter } from '../../src/import/chat-import.js';
import { startHarness, type Harness } from '../support/fake-discord/harness.js';
import { IDS, asAdminCommand, attachmentOption, booleanOption, slashCommand, slashCommandWithFiles, stringOption, type Actor } from '../support/fake-discord/payloads.js';

const CHAPTER = path.resolve(import.meta.dirname, '..', 'import', 'fixtures', 'chapter-09-in-transit.txt');
const admin: Actor = { id: '1100000000000000025', username: 'lead', admin: true };
const member: Actor = { id: '1100000000000000026', username: 'mo' };
const inGuild = { kind: 'guild' } as const;
const channelScope = { platform: 'discord' as const, teamId: IDS.guildId, channelId: IDS.channelId };

let h: Harness;
let decksDir: string;
const fetched: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  decksDir = mkdtempSync(path.join(tmpdir(), 'kms-discord-decks-'));
  const bytes = readFileSync(CHAPTER);
  h.deps.reloadDecks = () => loadLibrary('content', { extraDirs: [decksDir], teamsDir: path.join(decksDir, 'teams') });
  h.deps.importer = chatImporter({
    decksDir,
    // Stands in for the CDN: records the URL the adapter passed on and serves the file's bytes.
    fetch: async (url) => {
      fetched.push(String(url));
      return new Response(bytes, { headers: { 'content-length': String(bytes.byteLength) } });
    },
  });
});
afterAll(async () => {
  await h?.close();
  rmSync(decksDir, { recursive: true, force: true });
});

/** A message body as the fake records it (the parts read here). */
interface Body {
  flags?: number;
  embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[] }[];
}

/** The reply's embeds as text, from the callback or, when deferred, the edit of the original message. */
async function replyText(callback: { type: number; data?: Body }, token: string): Promise<{ text: string; flags: number }> {
  let data = callback.data;
  if (callback.type === InteractionResponseType.DeferredChannelMessageWithSource) {
    const edit = await h.fake.waitFor((r) => r.method === 'PATCH' && r.path === `/webhooks/${IDS.applicationId}/${token}/messages/@original`);
    data = edit.body as Body;
  }
  const text = (data?.embeds ?? []).map((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value])].filter(Boolean).join('\n')).join('\n');
  return { text, flags: callback.data?.flags ?? data?.flags ?? 0 };
}

const file: APIAttachment = {
  id: '1400000000000000001',
  filename: 'chapter-09-in-transit.txt',
  size: readFileSync(CHAPTER).byteLength,
  url: 'https://cdn.discordapp.com/ephemeral-attachments/1400000000000000000/1400000000000000001/chapter-09-in-transit.txt',
  proxy_url: 'https://media.discordapp.net/ephemeral-attachments/1400000000000000000/1400000000000000001/chapter-09-in-transit.txt',
  content_type: 'text/plain; charset=utf-8',
};

describe('decks in chat on Discord', () => {
  it('a member cannot import; nothing is fetched', async () => {
    const command = asAdminCommand(slashCommandWithFiles(member, inGuild, 'import', [attachmentOption('file', file.id)], [file]));
    const reply = await replyText(await h.fake.interact(command), command.token);
    expect(reply.text).toContain('Only admins can import decks');
    expect(fetched).toEqual([]);
  });

  it('an id option holding a path is refused before anything is fetched or written (it used to write outside the decks folder)', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'kms-discord-outside-'));
    const walkOut = path.relative(path.join(decksDir, '.import-x', 'decks'), path.join(outside, 'pwn'));
    for (const id of [walkOut, '../../evil', 'a/b']) {
      const command = asAdminCommand(slashCommandWithFiles(admin, inGuild, 'import', [attachmentOption('file', file.id), stringOption('id', id)], [file]));
      const reply = await replyText(await h.fake.interact(command), command.token);
      expect(reply.text).toContain('Not a deck id');
      expect(reply.text).toContain('nothing was imported');
    }
    expect(fetched).toEqual([]);
    expect(readdirSync(outside)).toEqual([]);
    expect(readdirSync(decksDir)).toEqual([]);
    rmSync(outside, { recursive: true, force: true });
  });

  it('an admin imports an attached chapter; decks lists it; deck sets the channel; quiz here asks from it', async () => {
    const command = asAdminCommand(slashCommandWithFiles(admin, inGuild, 'import', [attachmentOption('file', file.id), stringOption('id', 'tls-in-transit')], [file]));
    const imported = await replyText(await h.fake.interact(command), command.token);
    expect(imported.flags).toBe(MessageFlags.Ephemeral);
    expect(imported.text).toContain('Imported deck “tls-in-transit”');
    expect(fetched).toEqual([file.url]);
    await h.settled();

    const list = slashCommand(member, inGuild, 'decks');
    const decks = await replyText(await h.fake.interact(list), list.token);
    expect(decks.text).toMatch(/`kms-encryption-at-rest` \(this channel\)/);
    expect(decks.text).toMatch(/`tls-in-transit` — .*\d+ terms, \d+ concept cards, \d+ questions, 1 scenario/);

    const choose = asAdminCommand(slashCommand(admin, inGuild, 'deck', [stringOption('id', 'tls-in-transit')]));
    const chosen = await h.fake.interact(choose);
    expect(chosen.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(chosen.data.flags ?? 0).toBe(0);
    expect(await h.deps.store.getChannelDeck(channelScope)).toMatchObject({ deckId: 'tls-in-transit', setBy: admin.id });

    await h.fake.interact(slashCommand(member, inGuild, 'quiz', [booleanOption('here', true)]));
    await h.settled();
    expect((await h.deps.store.openChannelRound(channelScope))?.deckId).toBe('tls-in-transit');
  });

  it('quiz deck: practises another deck than the channel’s', async () => {
    const command = slashCommand(member, inGuild, 'quiz', [stringOption('deck', 'kms-encryption-at-rest')]);
    const reply = await h.fake.interact(command);
    expect(reply.data.flags).toBe(MessageFlags.Ephemeral);
    await h.settled();
    const latest = await h.deps.store.getRound((await h.deps.store.openChannelRound(channelScope))!.id + 1);
    expect(latest).toMatchObject({ kind: 'practice', deckId: 'kms-encryption-at-rest' });
  });
});
