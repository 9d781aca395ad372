/**
 * Start-up and deferral: the adapter logs in over the fake gateway (IDENTIFY with the Guilds intent
 * only), refuses a bad token, and defers an interaction whose work outlasts `deferAfterMs` instead
 * of missing Discord's 3 s deadline.
 */
import { GatewayIntentBits, InteractionResponseType, MessageFlags } from 'discord.js';
import { connect, createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingLogger } from '../support/fake-slack/harness.js';
import { silentLogger } from '../../src/core/ports/logger.js';
import { discordAdapter, startDiscord } from '../../src/adapters/discord/index.js';
import { startFailureLine } from '../../src/adapters/start-failure.js';
import { FakeDiscord } from '../support/fake-discord/fake-discord.js';
import { BOT_TOKEN, startHarness, type Harness } from '../support/fake-discord/harness.js';
import { IDS, buttonClick, messageOf, slashCommand, stringOption } from '../support/fake-discord/payloads.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ tutorDelayMs: 300, deferAfterMs: 50 });
});
afterAll(async () => {
  await h?.close();
});

describe('gateway session', () => {
  it('identifies with the bot token and the Guilds intent only', () => {
    const identify = h.fake.gatewayFrames.find((f) => f.op === 2);
    expect(identify.d.token).toBe('fake-bot-token');
    expect(identify.d.intents).toBe(GatewayIntentBits.Guilds);
    expect(h.adapter.client.guilds.cache.has(IDS.guildId)).toBe(true);
    expect(h.fake.find('GET', /^\/gateway\/bot$/)).toHaveLength(1);
  });

  it('rejects a token Discord refuses, naming the problem', async () => {
    await expect(
      startDiscord({ config: { token: 'wrong-token', applicationId: IDS.applicationId, apiUrl: h.fake.apiUrl }, tutor: h.tutor, logger: silentLogger }),
    ).rejects.toThrow(/token/i);
  });

  it('a refused token is told in one line naming DISCORD_TOKEN and what to do (issue 15 item 3)', async () => {
    const err = await startDiscord({ config: { token: 'wrong-token', applicationId: IDS.applicationId, apiUrl: h.fake.apiUrl }, tutor: h.tutor, logger: silentLogger }).catch(
      (e: unknown) => e,
    );
    const line = startFailureLine(err);
    expect(line).toMatch(/^Discord refused DISCORD_TOKEN \(TokenInvalid\): /);
    expect(line).toContain('Developer Portal');
    expect(line).not.toContain('\n');
  });
});

describe('Discord unreachable at start-up', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = new FakeDiscord({ applicationId: IDS.applicationId, botUserId: IDS.botUserId, guildId: IDS.guildId, channelIds: [IDS.channelId], token: BOT_TOKEN });
    await fake.start();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('keeps retrying the login (as the README says for both platforms) and starts once Discord answers (issue 15 item 3)', async () => {
    // A port nothing listens on yet: connections are refused, as with no network.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    const logger = recordingLogger();
    const adapter = discordAdapter({ config: { token: BOT_TOKEN, applicationId: IDS.applicationId, apiUrl: `http://127.0.0.1:${port}/api` }, logger });
    const started = adapter.start({ tutor: h.tutor });
    let proxy: Server | undefined;
    try {
      while (!logger.entries.some((e) => e.msg === 'could not reach Discord; retrying')) await new Promise((r) => setTimeout(r, 20));
      // Discord becomes reachable: a TCP relay on that port to the fake REST API.
      const target = new URL(fake.apiUrl);
      proxy = createServer((socket) => {
        const upstream = connect(Number(target.port), target.hostname);
        socket.pipe(upstream).pipe(socket);
        upstream.on('error', () => socket.destroy());
        socket.on('error', () => upstream.destroy());
      }).listen(port, '127.0.0.1');
      await started;
      expect(logger.entries.map((e) => e.msg)).toContain('Discord adapter ready');
    } finally {
      await adapter.stop();
      proxy?.close();
    }
  }, 30_000);

  it('a stop during the retries ends the start-up', async () => {
    const logger = recordingLogger();
    const adapter = discordAdapter({ config: { token: 'fake-bot-token', applicationId: IDS.applicationId, apiUrl: 'http://127.0.0.1:1/api' }, logger });
    const started = adapter.start({ tutor: h.tutor }).then(
      () => 'started',
      (err: unknown) => String(err),
    );
    while (!logger.entries.some((e) => e.msg === 'could not reach Discord; retrying')) await new Promise((r) => setTimeout(r, 20));
    await adapter.stop();
    expect(await started).toMatch(/stopped/);
  }, 30_000);
});

describe('slow work is deferred', () => {
  const ana = { id: '1100000000000000011', username: 'ana' };

  it('a slow lookup is deferred ephemerally, then the original response is edited with the card', async () => {
    const command = slashCommand(ana, { kind: 'guild' }, 'explain', [stringOption('term', 'grants')]);
    const callback = await h.fake.interact(command);
    expect(callback).toEqual({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
    const edit = await h.fake.waitFor((r) => r.method === 'PATCH' && r.path === `/webhooks/${IDS.applicationId}/${command.token}/messages/@original`);
    expect(edit.body.embeds[0].title).toBe('Grant (KMS)');
  });

  it('a slow share click is acknowledged with a deferred update and the card follows publicly', async () => {
    const click = buttonClick(ana, { kind: 'guild' }, 'k1:sh:t:grant', messageOf(IDS.channelId, '1300000000000099101', { flags: MessageFlags.Ephemeral }));
    const callback = await h.fake.interact(click);
    expect(callback.type).toBe(InteractionResponseType.DeferredMessageUpdate);
    const followUp = await h.fake.waitFor((r) => r.method === 'POST' && r.path === `/webhooks/${IDS.applicationId}/${click.token}`);
    expect(followUp.body.flags ?? 0).toBe(0);
    expect(followUp.body.embeds[0].title).toContain('Grant (KMS)');
  });
});
