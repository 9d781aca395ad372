/**
 * Gateway shards on the loopback fake: `GET /gateway/bot` recommends 2 shards. With DISCORD_SHARDS
 * unset ("auto") discord.js opens both in one process, each IDENTIFY naming its `[shard_id,
 * num_shards]`; a guild's interactions arrive on its own shard and are answered either way; the
 * scheduler posts each channel's daily question once. With DISCORD_SHARDS=1 and
 * DISCORD_SHARD_COUNT=2 the process opens shard 1 only (another process opens shard 0).
 */
import { InteractionResponseType } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelScope } from '../../src/core/context.js';
import { DailyRounds } from '../../src/core/daily.js';
import { loadLibrary } from '../../src/core/deck/loader.js';
import type { CoreDeps } from '../../src/core/deps.js';
import { silentLogger } from '../../src/core/ports/logger.js';
import { Tutor } from '../../src/core/tutor.js';
import { discordAdapter, type DiscordChatAdapter } from '../../src/adapters/discord/index.js';
import { startScheduler } from '../../src/schedule/scheduler.js';
import { openStore } from '../../src/store/open.js';
import { FakeDiscord, shardOfGuild } from '../support/fake-discord/fake-discord.js';
import { BOT_TOKEN } from '../support/fake-discord/harness.js';
import { IDS, slashCommand, type Actor } from '../support/fake-discord/payloads.js';
import { FakeClock, FakeTimers } from '../support/fake-timers.js';
import { seededRandom } from '../support/seeded-random.js';
import { FakeCron } from '../schedule/helpers.js';

/** A second guild, whose events go to the other shard of two. */
const OTHER_GUILD = '1200000000004194307';
const OTHER_CHANNEL = '1200000000004194308';
const learner: Actor = { id: '1100000000000000071', username: 'learner' };

function fakeWithTwoShards(): FakeDiscord {
  return new FakeDiscord({
    applicationId: IDS.applicationId,
    botUserId: IDS.botUserId,
    guildId: IDS.guildId,
    channelIds: [IDS.channelId],
    token: BOT_TOKEN,
    moreGuilds: [{ guildId: OTHER_GUILD, channelIds: [OTHER_CHANNEL] }],
    shards: 2,
  });
}

describe('the fixtures', () => {
  it('put the two guilds on different shards of two', () => {
    expect(new Set([shardOfGuild(IDS.guildId, 2), shardOfGuild(OTHER_GUILD, 2)])).toEqual(new Set([0, 1]));
  });
});

describe('DISCORD_SHARDS=auto with 2 recommended shards, one process', () => {
  let fake: FakeDiscord;
  let chat: DiscordChatAdapter;
  let deps: CoreDeps;
  let tutor: Tutor;
  const store = openStore(':memory:');

  beforeAll(async () => {
    fake = fakeWithTwoShards();
    await fake.start();
    chat = discordAdapter({ config: { token: BOT_TOKEN, applicationId: IDS.applicationId, apiUrl: fake.apiUrl }, logger: silentLogger });
    deps = {
      store,
      library: loadLibrary('content'),
      posters: { discord: chat.poster },
      logger: silentLogger,
      random: seededRandom(5),
      timers: new FakeTimers(),
      settings: { channelRoundMs: 15 * 60_000, roundRefreshMs: 10_000 },
    };
    tutor = new Tutor(deps);
    await chat.start({ tutor, daily: new DailyRounds(deps) });
  }, 60_000);
  afterAll(async () => {
    tutor?.rounds.dispose();
    await chat?.stop();
    await fake?.close();
    await store.close();
  });

  it('identifies both shards, each naming [shard_id, 2], and sees both guilds', () => {
    const shards = fake.gatewayFrames.filter((f) => f.op === 2).map((f) => f.d.shard);
    expect(shards).toHaveLength(2);
    expect(shards).toEqual(expect.arrayContaining([
      [0, 2],
      [1, 2],
    ]));
    expect(fake.identifiedShards).toEqual([0, 1]);
    expect(chat.client.guilds.cache.has(IDS.guildId)).toBe(true);
    expect(chat.client.guilds.cache.has(OTHER_GUILD)).toBe(true);
  });

  it.each([
    ['the first', IDS.guildId, IDS.channelId],
    ['the second', OTHER_GUILD, OTHER_CHANNEL],
  ])("answers an interaction arriving on %s guild's shard", async (_which, guildId, channelId) => {
    const callback = await fake.interact(slashCommand(learner, { kind: 'guild', guildId, channelId }, 'help'));
    expect(callback.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(JSON.stringify(callback.data)).toContain('kms');
  });

  it("the scheduler posts each channel's daily question once, whichever shard its guild is on", async () => {
    const channels: ChannelScope[] = [
      { platform: 'discord', teamId: IDS.guildId, channelId: IDS.channelId },
      { platform: 'discord', teamId: OTHER_GUILD, channelId: OTHER_CHANNEL },
    ];
    for (const channel of channels) {
      await deps.store.upsertSubscription({
        ...channel,
        deckId: 'kms-encryption-at-rest',
        time: '09:00',
        timeZone: 'UTC',
        cadence: 'daily',
        createdBy: learner.id,
        createdAt: Date.parse('2026-03-01T00:00:00Z'),
      });
    }
    const at = new Date('2026-03-02T09:00:00Z');
    const scheduler = startScheduler({
      store: deps.store,
      daily: new DailyRounds(deps),
      platforms: () => ['discord'],
      clock: new FakeClock(at),
      logger: silentLogger,
      cron: new FakeCron(),
      timers: new FakeTimers(),
    });
    try {
      await scheduler.started;
      await scheduler.tick(at);
      await scheduler.tick(new Date(at.getTime() + 60_000));
      await scheduler.idle();
    } finally {
      await scheduler.stop();
    }
    for (const channel of channels) expect(fake.find('POST', new RegExp(`^/channels/${channel.channelId}/messages$`))).toHaveLength(1);
  });
});

describe('DISCORD_SHARDS=1 with DISCORD_SHARD_COUNT=2', () => {
  let fake: FakeDiscord;
  let chat: DiscordChatAdapter;

  beforeAll(async () => {
    fake = fakeWithTwoShards();
    await fake.start();
    chat = discordAdapter({
      config: { token: BOT_TOKEN, applicationId: IDS.applicationId, apiUrl: fake.apiUrl, shards: { ids: [1], count: 2 } },
      logger: silentLogger,
    });
    const deps: CoreDeps = {
      store: openStore(':memory:'),
      library: loadLibrary('content'),
      posters: { discord: chat.poster },
      logger: silentLogger,
      random: seededRandom(5),
      timers: new FakeTimers(),
      settings: { channelRoundMs: 15 * 60_000, roundRefreshMs: 10_000 },
    };
    await chat.start({ tutor: new Tutor(deps), daily: new DailyRounds(deps) });
  }, 60_000);
  afterAll(async () => {
    await chat?.stop();
    await fake?.close();
  });

  it('opens only shard 1 of 2: one IDENTIFY, and only the guild on that shard', () => {
    expect(fake.gatewayFrames.filter((f) => f.op === 2).map((f) => f.d.shard)).toEqual([[1, 2]]);
    const onShardOne = [IDS.guildId, OTHER_GUILD].filter((g) => shardOfGuild(g, 2) === 1);
    expect([...chat.client.guilds.cache.keys()]).toEqual(onShardOne);
  });
});
