/**
 * Start-up and deferral: the adapter logs in over the fake gateway (IDENTIFY with the Guilds intent
 * only), refuses a bad token, and defers an interaction whose work outlasts `deferAfterMs` instead
 * of missing Discord's 3 s deadline.
 */
import { GatewayIntentBits, InteractionResponseType, MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/ports/logger.js';
import { startDiscord } from '../../src/adapters/discord/index.js';
import { startFailureLine } from '../../src/adapters/start-failure.js';
import { startHarness, type Harness } from './harness.js';
import { IDS, buttonClick, messageOf, slashCommand, stringOption } from './payloads.js';

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
