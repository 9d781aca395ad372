/**
 * The Discord Poster over discord.js's REST client against the fake REST API: channel messages are
 * created and edited with rendered embeds, and Discord's failures become the right PosterError
 * (after discord.js's own retries and rate-limit handling), logged with the channel id.
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/core/ports/logger.js';
import { PosterError } from '../../src/core/ports/poster.js';
import type { Reply } from '../../src/core/reply.js';
import { DiscordPoster } from '../../src/adapters/discord/poster.js';
import { restOptions } from '../../src/adapters/discord/rest-options.js';
import { DISCORD_FAILURES, FakeDiscord, type DiscordFailure } from '../support/fake-discord/fake-discord.js';
import { BOT_TOKEN } from '../support/fake-discord/harness.js';
import { IDS } from '../support/fake-discord/payloads.js';
import type { WireJson } from '../support/wire-json.js';

/** A Logger that keeps what it was told (to check the channel id is logged). */
class RecordingLogger implements Logger {
  readonly lines: { level: string; obj: Record<string, unknown>; msg?: string }[] = [];
  debug(obj: object, msg?: string) {
    this.lines.push({ level: 'debug', obj: obj as Record<string, unknown>, ...(msg ? { msg } : {}) });
  }
  info(obj: object, msg?: string) {
    this.lines.push({ level: 'info', obj: obj as Record<string, unknown>, ...(msg ? { msg } : {}) });
  }
  warn(obj: object, msg?: string) {
    this.lines.push({ level: 'warn', obj: obj as Record<string, unknown>, ...(msg ? { msg } : {}) });
  }
  error(obj: object, msg?: string) {
    this.lines.push({ level: 'error', obj: obj as Record<string, unknown>, ...(msg ? { msg } : {}) });
  }
  child(): Logger {
    return this;
  }
}

const roundReply: Reply = {
  visibility: 'channel',
  tone: 'info',
  title: 'Round #4 · KMS',
  blocks: [{ type: 'choices', choices: [{ letter: 'A', text: 'Key policy' }, { letter: 'B', text: 'IAM policy' }] }],
  buttons: [
    { action: { kind: 'answer', roundId: 4, letter: 'A' }, label: 'A' },
    { action: { kind: 'answer', roundId: 4, letter: 'B' }, label: 'B' },
  ],
  round: { id: 4, state: 'open', answered: 0 },
};

let fake: FakeDiscord;
let rest: REST;
let logger: RecordingLogger;
let poster: DiscordPoster;

beforeAll(async () => {
  fake = new FakeDiscord({ applicationId: IDS.applicationId, botUserId: IDS.botUserId, guildId: IDS.guildId, channelIds: [IDS.channelId], token: BOT_TOKEN });
  await fake.start();
  rest = new REST({ version: '10', ...restOptions({ apiUrl: `${fake.apiUrl}/` }) }).setToken(BOT_TOKEN);
  logger = new RecordingLogger();
  poster = new DiscordPoster(rest, logger);
});
afterAll(async () => {
  await fake.close();
});

describe('DiscordPoster', () => {
  it('posts a round as one channel message and edits it in place', async () => {
    const ref = await poster.post(IDS.channelId, roundReply);
    const [created] = fake.find('POST', new RegExp(`^/channels/${IDS.channelId}/messages$`));
    expect(created!.headers.authorization).toBe(`Bot ${BOT_TOKEN}`);
    expect(created!.body.embeds[0]).toMatchObject({ title: 'Round #4 · KMS', footer: { text: '👥 0 answered' } });
    expect(created!.body.components[0].components.map((b: WireJson) => b.custom_id)).toEqual(['k1:a:4:A', 'k1:a:4:B']);
    expect(ref.platform).toBe('discord');
    expect(ref.channelId).toBe(IDS.channelId);
    expect(ref.messageId).toMatch(/^\d{17,20}$/);

    await poster.update(ref, { ...roundReply, round: { id: 4, state: 'closed', answered: 2 } });
    const [edit] = fake.find('PATCH', new RegExp(`^/channels/${IDS.channelId}/messages/${ref.messageId}$`));
    expect(edit!.body.embeds[0].footer.text).toBe('🔒 Round closed · 2 answered');
    expect(edit!.body.components[0].components.every((b: WireJson) => b.disabled === true)).toBe(true);
  });

  it('attaches a reply picture as a file the embed shows (multipart, attachment://name)', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const digest: Reply = {
      visibility: 'channel',
      tone: 'info',
      title: 'Weekly digest',
      blocks: [
        { type: 'pre', lines: ['S3   ███████░░░   70%  (7/10)'] },
        { type: 'image', name: 'digest-topics.png', png, alt: 'Bar chart of accuracy per topic: S3 70%.' },
      ],
    };
    await poster.post(IDS.channelId, digest);
    const sent = fake.find('POST', new RegExp(`^/channels/${IDS.channelId}/messages$`)).at(-1);
    expect(String(sent?.headers['content-type'])).toMatch(/^multipart\/form-data/);
    expect(sent?.body.embeds.at(-1)).toMatchObject({ image: { url: 'attachment://digest-topics.png' } });
    expect(sent?.body.attachments).toEqual([{ id: 0, filename: 'digest-topics.png', description: 'Bar chart of accuracy per topic: S3 70%.' }]);
    expect(sent?.files).toHaveLength(1);
    expect(sent?.files?.[0]?.name).toBe('digest-topics.png');
    expect([...(sent?.files?.[0]?.bytes ?? [])]).toEqual([...png]);
    expect(JSON.stringify(sent?.body.embeds)).toContain('70%');
  });

  it('sends a direct message: opens the DM channel with POST /users/@me/channels, then posts there', async () => {
    const user = '200000000000000077';
    const ref = await poster.sendDirect(user, { visibility: 'user', tone: 'info', title: 'Cards due', blocks: [{ type: 'text', text: '3 cards are due.' }], buttons: [{ action: { kind: 'practice' }, label: 'Practice now' }] });
    const [opened] = fake.find('POST', /^\/users\/@me\/channels$/);
    expect(opened!.body).toEqual({ recipient_id: user });
    const dm = fake.dmChannelFor(user);
    const [message] = fake.find('POST', new RegExp(`^/channels/${dm}/messages$`));
    expect(message!.body.embeds[0].title).toBe('Cards due');
    expect(message!.body.components[0].components[0].custom_id).toBe('k1:pq');
    expect(ref).toMatchObject({ platform: 'discord', channelId: dm });
  });

  it('a user who does not accept DMs (50007) is a permanent forbidden', async () => {
    const user = '200000000000000078';
    fake.failChannel(fake.dmChannelFor(user), DISCORD_FAILURES.cannotMessageUser);
    const err = await poster.sendDirect(user, { visibility: 'user', tone: 'info', blocks: [{ type: 'text', text: 'x' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PosterError);
    expect((err as PosterError).failure).toBe('forbidden');
    expect((err as PosterError).permanent).toBe(true);
  });

  const cases: [string, DiscordFailure, PosterError['failure'], boolean][] = [
    ['50013 Missing Permissions', DISCORD_FAILURES.missingPermissions, 'forbidden', true],
    ['50001 Missing Access', DISCORD_FAILURES.missingAccess, 'forbidden', true],
    ['10003 Unknown Channel', DISCORD_FAILURES.unknownChannel, 'channel_not_found', true],
    ['a 502 after retries', DISCORD_FAILURES.serverError, 'transient', false],
    ['a long rate limit', DISCORD_FAILURES.rateLimited, 'rate_limited', false],
  ];
  it.each(cases)('maps %s to a PosterError and logs the channel id', async (_name, failure, expected, permanent) => {
    const channelId = `17000000000000000${String(cases.findIndex((c) => c[1] === failure)).padStart(2, '0')}`;
    fake.failChannel(channelId, failure);
    const error = await poster.post(channelId, roundReply).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(PosterError);
    expect((error as PosterError).failure).toBe(expected);
    expect((error as PosterError).permanent).toBe(permanent);
    expect((error as PosterError).message).toContain(channelId);
    expect(logger.lines.some((l) => l.level === 'warn' && l.obj.channelId === channelId && l.obj.failure === expected)).toBe(true);
    const attempts = fake.find('POST', new RegExp(`^/channels/${channelId}/messages$`)).length;
    // discord.js retries server errors itself; a refusal is not retried.
    if (expected === 'transient') expect(attempts).toBeGreaterThan(1);
    if (permanent) expect(attempts).toBe(1);
  });

  const choicesReply: Reply = {
    visibility: 'channel',
    tone: 'info',
    title: 'Round #4 · every choice explained',
    blocks: [{ type: 'section', heading: 'A — Key policy', text: 'Right: every KMS key has exactly one key policy.' }],
  };

  it('postInThread starts a public thread from the round message (POST .../messages/:id/threads) and posts in it', async () => {
    const parent = await poster.post(IDS.channelId, roundReply);
    const ref = await poster.postInThread(parent, choicesReply);
    const [started] = fake.find('POST', new RegExp(`^/channels/${IDS.channelId}/messages/${parent.messageId}/threads$`));
    expect(started!.body).toEqual({ name: 'Round #4 · every choice explained', auto_archive_duration: 1440 });
    expect(started!.response).toMatchObject({ id: parent.messageId, type: 11, parent_id: IDS.channelId });
    // A thread started from a message has the message's id; the explanation is posted there.
    const [inThread] = fake.find('POST', new RegExp(`^/channels/${parent.messageId}/messages$`));
    expect(inThread!.body.embeds[0].title).toBe('Round #4 · every choice explained');
    expect(ref).toMatchObject({ platform: 'discord', channelId: parent.messageId });

    // The message has a thread already (160004): the reply goes into it.
    await poster.postInThread(parent, choicesReply);
    expect(fake.find('POST', new RegExp(`^/channels/${parent.messageId}/messages$`))).toHaveLength(2);
  });

  it('postInThread without permission to create threads says so in one line in the channel and throws forbidden', async () => {
    const channelId = '1700000000000000199';
    fake.failThreads(channelId, DISCORD_FAILURES.missingPermissions);
    const parent = await poster.post(channelId, roundReply);
    const error = await poster.postInThread(parent, choicesReply).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PosterError);
    expect((error as PosterError).failure).toBe('forbidden');
    const posts = fake.find('POST', new RegExp(`^/channels/${channelId}/messages$`));
    expect(posts).toHaveLength(2); // the round, then the line
    expect(posts[1]!.body).toEqual({
      content: 'I could not start a discussion thread here (I need the Create Public Threads permission in this channel).',
      allowed_mentions: { parse: [] },
    });
    expect(fake.find('POST', new RegExp(`^/channels/${parent.messageId}/messages$`))).toEqual([]);
  });

  it('maps an unreachable API to a transient PosterError', async () => {
    const closed = http.createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const offline = new DiscordPoster(
      new REST({ version: '10', retries: 0, ...restOptions({ apiUrl: `http://127.0.0.1:${port}/api` }) }).setToken(BOT_TOKEN),
      logger,
    );
    const error = await offline.post(IDS.channelId, roundReply).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(PosterError);
    expect((error as PosterError).failure).toBe('transient');
  });
});
