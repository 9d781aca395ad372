/** Command registration: a bulk overwrite (PUT) on a guild or globally, against the fake REST API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRegistration, registerCommands, registrationFailure } from '../../src/adapters/discord/register.js';
import { FakeDiscord } from '../support/fake-discord/fake-discord.js';
import { BOT_TOKEN } from '../support/fake-discord/harness.js';
import { IDS } from '../support/fake-discord/payloads.js';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = new FakeDiscord({ applicationId: IDS.applicationId, botUserId: IDS.botUserId, guildId: IDS.guildId, channelIds: [IDS.channelId], token: BOT_TOKEN });
  await fake.start();
});
afterAll(async () => {
  await fake.close();
});

describe('registerCommands', () => {
  it('overwrites the guild commands with all of them in one PUT when a guild id is set', async () => {
    const result = await registerCommands(
      { token: BOT_TOKEN, applicationId: IDS.applicationId, guildId: IDS.guildId, apiUrl: fake.apiUrl },
      { tags: ['kms', 's3'], deckIds: ['kms-encryption-at-rest'] },
    );
    const [put] = fake.find('PUT', new RegExp(`^/applications/${IDS.applicationId}/guilds/${IDS.guildId}/commands$`));
    expect(put!.headers.authorization).toBe(`Bot ${BOT_TOKEN}`);
    // One bulk overwrite holds every command: both chat commands and the three context menus.
    expect(put!.body.map((c: { name: string; type?: number }) => [c.name, c.type ?? 1])).toEqual([
      ['kms', 1],
      ['kms-admin', 1],
      ['Explain terms', 3],
      ['Report to admins', 3],
      ['Study stats', 2],
    ]);
    expect(put!.body[1]).toMatchObject({ default_member_permissions: '32', contexts: [0], integration_types: [0] });
    expect(put!.body[0]).toMatchObject({ contexts: [0, 1, 2], integration_types: [0, 1] });
    expect(result).toMatchObject({ scope: 'guild', guildId: IDS.guildId });
    expect(result.commands.map((c) => c.name)).toEqual(['kms', 'kms-admin', 'Explain terms', 'Report to admins', 'Study stats']);

    const lines = describeRegistration(result);
    expect(lines[0]).toBe(`Registered 5 command(s) for guild ${IDS.guildId} (visible now):`);
    expect(lines).toContain('    /kms-admin subscribe time: zone: cadence: deck:');
    expect(lines).toContain('    /kms-admin exam date: clear:');
    expect(lines.find((l) => l.startsWith('  /kms-admin'))).toMatch(/\(Manage Server; server admins can change who may use it in Server Settings → Integrations\)$/);
    expect(lines).toContain(`  "Study stats" (right-click a user → Apps; id ${result.commands[4]!.id})`);
    expect(lines).toContain('    /kms explain term:');
    expect(lines).toContain('    /kms quiz here: tag: deck:');
    expect(lines).toContain('    /kms forget-me');
    expect(lines).toContain('    /kms-admin import file: id:');
  });

  it('overwrites the global commands when no guild id is set', async () => {
    const result = await registerCommands({ token: BOT_TOKEN, applicationId: IDS.applicationId, apiUrl: fake.apiUrl });
    expect(fake.find('PUT', new RegExp(`^/applications/${IDS.applicationId}/commands$`))).toHaveLength(1);
    expect(result.scope).toBe('global');
    expect(describeRegistration(result)[0]).toMatch(/all servers \(global/);
  });

  it('rejects with Discord\'s error when the token is refused', async () => {
    await expect(registerCommands({ token: 'wrong-token', applicationId: IDS.applicationId, apiUrl: fake.apiUrl })).rejects.toThrow(/401|Unauthorized/);
  });

  it('a network failure is told as not reaching Discord, a refusal as a refusal (issue 15 item 8)', async () => {
    const unreachable = await registerCommands({ token: BOT_TOKEN, applicationId: IDS.applicationId, apiUrl: 'http://127.0.0.1:1' }).catch((e: unknown) => e);
    expect(registrationFailure(unreachable, 'http://127.0.0.1:1')).toMatch(/^Could not reach Discord \(http:\/\/127\.0\.0\.1:1\): .*ECONNREFUSED.*; check the network/);
    const refused = await registerCommands({ token: 'wrong-token', applicationId: IDS.applicationId, apiUrl: fake.apiUrl }).catch((e: unknown) => e);
    expect(registrationFailure(refused)).toMatch(/^Discord refused the registration: .*401|Unauthorized/);
  });
});
