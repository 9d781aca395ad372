/**
 * Hand-made message commands the bot can recognise as bad, end to end on loopback (real discord.js
 * Client, fake REST + gateway, the real Tutor and deck): "Explain terms" and "Report to admins" on a
 * target message whose `content` is missing or not text, or with a `data.resolved` that holds no
 * message at all. Each gets the menu's own private notice, never the internal-error apology, and
 * nothing is logged as an error. The payloads are the real APPLICATION_COMMAND (data.type 3) shape
 * (tests/support/fake-discord/payloads.ts) with one field changed.
 */
import { InteractionResponseType, MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/core/ports/logger.js';
import { startHarness, type Harness } from '../support/fake-discord/harness.js';
import { IDS, memberMessage, messageCommand, messageOf, slashCommand, stringOption, type Actor } from '../support/fake-discord/payloads.js';
import type { WireJson } from '../support/wire-json.js';

const ana: Actor = { id: '1100000000000000041', username: 'ana', globalName: 'Ana', nick: null };
const ben: Actor = { id: '1100000000000000042', username: 'ben' };
const inGuild = { kind: 'guild' } as const;
const NO_TEXT = 'That message has no text to look terms up in.';
const APOLOGY = /something went wrong/i;

/** Every log line's level and message. */
const logged: { level: string; msg: string | undefined }[] = [];
function recording(): Logger {
  const at = (level: string) => (_obj: object, msg?: string) => {
    logged.push({ level, msg });
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: () => recording() };
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ logger: recording() });
});
afterAll(async () => {
  await h?.close();
});

function embedText(data: WireJson): string {
  return (data?.embeds ?? []).map((e: WireJson) => [e.title, e.description].filter(Boolean).join('\n')).join('\n');
}

/** A member's message as `resolved.messages` holds it, with `change` applied to it. */
function hostile(messageId: string, change: (message: Record<string, unknown>) => void): ReturnType<typeof memberMessage> {
  const message = memberMessage(ben, IDS.channelId, messageId, 'Should we use a grant?');
  change(message as unknown as Record<string, unknown>);
  return message;
}

/** The callback of menu `name` on `target`, checked to be a private message. */
async function menuOn(name: string, target: ReturnType<typeof memberMessage>, resolved?: unknown): Promise<WireJson> {
  const interaction = messageCommand(ana, inGuild, name, target);
  if (resolved !== undefined) (interaction.data as { resolved: unknown }).resolved = resolved;
  const callback = await h.fake.interact(interaction);
  expect(callback.type).toBe(InteractionResponseType.ChannelMessageWithSource);
  expect(callback.data.flags).toBe(MessageFlags.Ephemeral);
  expect(embedText(callback.data)).not.toMatch(APOLOGY);
  return callback;
}

describe('"Explain terms" on a message it cannot read', () => {
  it('says the message has no text when its content is missing or a number, or Discord resolved no message', async () => {
    const noContent = hostile('1300000000000099001', (m) => delete m.content);
    expect(embedText((await menuOn('Explain terms', noContent)).data)).toBe(NO_TEXT);
    const numeric = hostile('1300000000000099002', (m) => {
      m.content = 123;
    });
    expect(embedText((await menuOn('Explain terms', numeric)).data)).toBe(NO_TEXT);
    const unresolved = memberMessage(ben, IDS.channelId, '1300000000000099003', 'Should we use a grant?');
    expect(embedText((await menuOn('Explain terms', unresolved, {})).data)).toBe(NO_TEXT);
    await h.settled();
    expect(logged.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('still reads the embeds of a message whose content is missing', async () => {
    const card = await h.fake.interact(slashCommand(ana, inGuild, 'explain', [stringOption('term', 'grants')]));
    const cardMessage = messageOf(IDS.channelId, '1300000000000099004', card.data);
    delete (cardMessage as unknown as Record<string, unknown>).content;
    expect(embedText((await menuOn('Explain terms', cardMessage)).data)).toMatch(/Grant/);
    expect(logged.filter((l) => l.level === 'error')).toEqual([]);
  });
});

describe('"Report to admins" on a message it cannot read', () => {
  it('says what can be reported when Discord resolved no message or its content is a number', async () => {
    const unresolved = memberMessage(ben, IDS.channelId, '1300000000000099011', 'grants never expire');
    expect(embedText((await menuOn('Report to admins', unresolved, {})).data)).toContain('holds no question, term or scenario of mine');
    const numeric = hostile('1300000000000099012', (m) => {
      m.content = 7;
    });
    expect(embedText((await menuOn('Report to admins', numeric)).data)).toContain('holds no question, term or scenario of mine');
    await h.settled();
    expect(logged.filter((l) => l.level === 'error')).toEqual([]);
  });
});
