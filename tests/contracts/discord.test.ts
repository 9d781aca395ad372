/**
 * The adapter contract for Discord: a real discord.js Client (discordAdapter) logged in to the fake
 * Discord (REST + gateway), real INTERACTION_CREATE payloads, channel messages and edits recorded by
 * the fake, and Discord's own error responses.
 */
import { ComponentType, type APIEmbed } from 'discord.js';
import { encodeAction, type Action } from '../../src/core/action.js';
import type { AdapterLimits } from '../../src/core/ports/adapter.js';
import { silentLogger } from '../../src/core/ports/logger.js';
import { discordAdapter, type DiscordMessage } from '../../src/adapters/discord/index.js';
import { DISCORD_FAILURES, FakeDiscord, snowflake, type DiscordFailure } from '../support/fake-discord/fake-discord.js';
import { BOT_TOKEN } from '../support/fake-discord/harness.js';
import { booleanOption, buttonClick, IDS, messageOf, slashCommand, type Actor, type Place } from '../support/fake-discord/payloads.js';
import { adapterContract, type ProvokedFailure } from './adapter.js';

const opener: Actor = { id: '1100000000000000011', username: 'ana', globalName: 'Ana', nick: null };
const other: Actor = { id: '1100000000000000012', username: 'ben' };
const inGuild: Place = { kind: 'guild', channelId: IDS.channelId };

/** Discord's documented limits (message embed and component references), independent of the adapter's table. */
const DISCORD = {
  'embed.title': 256,
  'embed.description': 4096,
  'embed.fields': 25,
  'field.name': 256,
  'field.value': 1024,
  'embed.footer': 2048,
  'embeds.total': 6000,
  embeds: 10,
  'components.rows': 5,
  'row.buttons': 5,
  'button.label': 80,
  custom_id: 100,
  'select.options': 25,
  'option.label': 100,
};

/** Every way one Discord message body breaks Discord's limits. */
function violations(message: DiscordMessage, limits: AdapterLimits): string[] {
  const out: string[] = [];
  for (const key of Object.keys(DISCORD) as (keyof typeof DISCORD)[]) {
    if (key in limits.detail && limits.detail[key]! > DISCORD[key]) out.push(`the adapter allows ${key} ${limits.detail[key]} > ${DISCORD[key]}`);
  }
  const over = (what: string, n: number, max: number) => {
    if (n > max) out.push(`${what}: ${n} > ${max}`);
  };
  over('embeds', message.embeds.length, DISCORD.embeds);
  let total = 0;
  for (const e of message.embeds) {
    const title = e.title?.length ?? 0;
    const description = e.description?.length ?? 0;
    const footer = e.footer?.text.length ?? 0;
    over('embed title', title, DISCORD['embed.title']);
    over('embed description', description, DISCORD['embed.description']);
    over('embed footer', footer, DISCORD['embed.footer']);
    over('embed fields', e.fields?.length ?? 0, DISCORD['embed.fields']);
    total += title + description + footer;
    for (const f of e.fields ?? []) {
      over('field name', f.name.length, DISCORD['field.name']);
      over('field value', f.value.length, DISCORD['field.value']);
      total += f.name.length + f.value.length;
    }
  }
  over('characters over all embeds', total, Math.min(DISCORD['embeds.total'], limits.messageText));
  over('action rows', message.components.length, DISCORD['components.rows']);
  let buttons = 0;
  for (const row of message.components) {
    over('buttons in a row', row.components.length, DISCORD['row.buttons']);
    for (const c of row.components) {
      if ('custom_id' in c && c.custom_id !== undefined) over('custom_id', c.custom_id.length, DISCORD.custom_id);
      if (c.type === ComponentType.Button) {
        buttons += 1;
        over('button label', ('label' in c ? c.label?.length : undefined) ?? 0, Math.min(DISCORD['button.label'], limits.buttonLabel));
      }
      if (c.type === ComponentType.StringSelect) {
        over('select options', c.options.length, DISCORD['select.options']);
        for (const o of c.options) over('option label', o.label.length, DISCORD['option.label']);
      }
    }
  }
  over('buttons', buttons, limits.buttonsPerMessage);
  return out;
}

/** The plain words of an interaction response: its embeds' titles, descriptions, fields and footers. */
function words(data: { embeds?: APIEmbed[]; content?: string } | undefined): string {
  const out: string[] = [data?.content ?? ''];
  for (const e of data?.embeds ?? []) {
    out.push(e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text ?? '');
  }
  return out.filter(Boolean).join('\n');
}

adapterContract<DiscordMessage>('Discord', async () => {
  const fake = new FakeDiscord({
    applicationId: IDS.applicationId,
    botUserId: IDS.botUserId,
    guildId: IDS.guildId,
    channelIds: [IDS.channelId],
    token: BOT_TOKEN,
  });
  await fake.start();
  const adapter = discordAdapter({ config: { token: BOT_TOKEN, applicationId: IDS.applicationId, apiUrl: fake.apiUrl }, logger: silentLogger });
  const channelMessages = (method: string) => fake.find(method, new RegExp(`^/channels/${IDS.channelId}/messages(/\\d+)?$`));
  /** The round message as Discord includes it in a click: the body the adapter last posted or edited. */
  const messageFor = (messageId: string) => {
    const last = [...channelMessages('POST'), ...channelMessages('PATCH')].filter((r) => r.response?.id === messageId).at(-1);
    return messageOf(IDS.channelId, messageId, last?.body ?? {});
  };
  const click = (actor: Actor, action: Action, messageId: string) => fake.interact(buttonClick(actor, inGuild, encodeAction(action), messageFor(messageId)));
  const refusal = (name: string, failure: DiscordFailure, expected: ProvokedFailure['expected']): ProvokedFailure => ({
    name,
    expected,
    provoke() {
      const channelId = snowflake();
      fake.failChannel(channelId, failure);
      return channelId;
    },
  });
  return {
    adapter,
    scope: { platform: 'discord', teamId: IDS.guildId, channelId: IDS.channelId },
    violations,
    async openRound() {
      await fake.interact(slashCommand(opener, inGuild, 'quiz', [booleanOption('here', true)]));
    },
    async clickAsOpener(action, messageId) {
      await click(opener, action, messageId);
    },
    async clickAsOther(action, messageId) {
      return words((await click(other, action, messageId)).data);
    },
    messages: () => ({
      created: channelMessages('POST').map((r) => String(r.response?.id ?? '')),
      edited: channelMessages('PATCH').map((r) => String(r.response?.id ?? '')),
    }),
    threadReplies: () => {
      // A thread started from a message (POST .../messages/:id/threads) has the message's id.
      const started = fake.find('POST', new RegExp(`^/channels/${IDS.channelId}/messages/\\d+/threads$`));
      const threads = new Set(started.map((r) => r.path.split('/')[4] ?? ''));
      return fake.requests
        .filter((r) => r.method === 'POST')
        .map((r) => /^\/channels\/(\d+)\/messages$/.exec(r.path)?.[1])
        .filter((id): id is string => id !== undefined && threads.has(id))
        .map((parent) => ({ parent }));
    },
    failures: [
      refusal('50013 Missing Permissions', DISCORD_FAILURES.missingPermissions, 'forbidden'),
      refusal('50001 Missing Access', DISCORD_FAILURES.missingAccess, 'forbidden'),
      refusal('10003 Unknown Channel', DISCORD_FAILURES.unknownChannel, 'channel_not_found'),
      refusal('a 502 after retries', DISCORD_FAILURES.serverError, 'transient'),
      refusal('a long rate limit', DISCORD_FAILURES.rateLimited, 'rate_limited'),
    ],
    close: () => fake.close(),
  };
});
