/** Interaction facts -> core Context: guild vs DM, display name, Manage Server. */
import { describe, expect, it } from 'vitest';
import { contextFromFacts, displayName, type InteractionFacts } from '../../src/adapters/discord/context.js';
import { DISCORD_SURFACE } from '../../src/adapters/discord/surface.js';

const now = new Date('2026-03-02T09:15:00Z');
const guildFacts: InteractionFacts = {
  guildId: '1200000000000000003',
  channelId: '1200000000000000004',
  userId: '1100000000000000011',
  username: 'ana',
  globalName: 'Ana Global',
  nick: 'Ana (lead)',
  canManageGuild: false,
  serverInstall: true,
};

describe('contextFromFacts', () => {
  it('uses the guild as the team and the channel and user as given', () => {
    expect(contextFromFacts(guildFacts, now)).toEqual({
      platform: 'discord',
      teamId: '1200000000000000003',
      channelId: '1200000000000000004',
      userId: '1100000000000000011',
      userName: 'Ana (lead)',
      isAdmin: false,
      isDirectMessage: false,
      now,
      surface: DISCORD_SURFACE,
    });
  });

  it('makes a member with Manage Server an admin', () => {
    expect(contextFromFacts({ ...guildFacts, canManageGuild: true }, now).isAdmin).toBe(true);
  });

  it('gives a DM its own team dm:<userId>, marks it direct and never admin', () => {
    const ctx = contextFromFacts({ ...guildFacts, guildId: null, channelId: '1900000000000000011', canManageGuild: true }, now);
    expect(ctx).toMatchObject({ teamId: 'dm:1100000000000000011', channelId: '1900000000000000011', isDirectMessage: true, isAdmin: false });
  });
});

describe('contextFromFacts for a user install', () => {
  it('treats a user install used in a server the bot is not in as private use: own team, no channel features, no admin', () => {
    const ctx = contextFromFacts({ ...guildFacts, serverInstall: false, canManageGuild: true }, now);
    expect(ctx).toMatchObject({ teamId: 'dm:1100000000000000011', channelId: '1200000000000000004', isDirectMessage: true, isAdmin: false });
  });
});

describe('displayName', () => {
  it('prefers the guild nickname, then the global name, then the username', () => {
    expect(displayName(guildFacts)).toBe('Ana (lead)');
    expect(displayName({ ...guildFacts, nick: null })).toBe('Ana Global');
    expect(displayName({ ...guildFacts, nick: '  ', globalName: null })).toBe('ana');
    expect(displayName({ ...guildFacts, nick: null, globalName: null, username: '' })).toBe('1100000000000000011');
  });
});
