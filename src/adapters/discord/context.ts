/**
 * A Discord interaction -> core Context: the guild as the team (a DM is its own team,
 * `dm:<userId>`), the channel, the user, their display name in the guild, and whether they may
 * run the admin subcommands (the Manage Server permission).
 *
 * The app installs to servers and to users. An interaction the server's install did not authorise
 * (`authorizing_integration_owners` without the guild-install key "0": the learner's own install
 * used in a server the bot is not in) is private use like a DM: the learner's own team, no channel
 * features, nobody an admin.
 */
import { ApplicationIntegrationType, GuildMember, PermissionFlagsBits, type BaseInteraction } from 'discord.js';
import type { Context } from '../../core/context.js';
import { DISCORD_SURFACE } from './surface.js';

/** The facts a Context is built from, read off an interaction. */
export interface InteractionFacts {
  /** Guild snowflake, or null in a DM. */
  guildId: string | null;
  /** Channel snowflake (a DM channel in DMs); null only for malformed payloads. */
  channelId: string | null;
  userId: string;
  username: string;
  /** The user's global display name, if set. */
  globalName: string | null;
  /** The member's nickname in this guild, if set. */
  nick: string | null;
  /** The member has Manage Server (false in DMs). */
  canManageGuild: boolean;
  /**
   * The server's install of the app authorised this interaction (the bot is in the server); false in
   * DMs and for a user install used in a server. Payloads without `authorizing_integration_owners` count as the server's.
   */
  serverInstall: boolean;
}

/** Read the context facts off a discord.js interaction (cached GuildMember or raw API member). */
export function interactionFacts(interaction: BaseInteraction): InteractionFacts {
  const member = interaction.member;
  let nick: string | null = null;
  if (member instanceof GuildMember) nick = member.nickname;
  else if (member && typeof member === 'object' && 'nick' in member) nick = member.nick ?? null;
  return {
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    userId: interaction.user.id,
    username: interaction.user.username,
    globalName: interaction.user.globalName,
    nick,
    canManageGuild: interaction.guildId !== null && (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false),
    serverInstall: interaction.guildId !== null && serverAuthorised(interaction),
  };
}

/** Whether the guild install authorised the interaction (absent owners: assume so, as before user installs). */
function serverAuthorised(interaction: BaseInteraction): boolean {
  const owners = interaction.authorizingIntegrationOwners as Partial<Record<ApplicationIntegrationType, string>> | null | undefined;
  if (!owners || Object.keys(owners).length === 0) return true;
  return owners[ApplicationIntegrationType.GuildInstall] !== undefined;
}

/** The name shown on boards: guild nickname, else global display name, else username. */
export function displayName(facts: Pick<InteractionFacts, 'nick' | 'globalName' | 'username' | 'userId'>): string {
  const name = [facts.nick, facts.globalName, facts.username].find((n) => typeof n === 'string' && n.trim() !== '');
  return name?.trim() ?? facts.userId;
}

/**
 * The core Context for an interaction's facts at `now` (UTC instant).
 * In a DM, or a server the bot is not in (`serverInstall` false), the team is `dm:<userId>`,
 * `isDirectMessage` is true and nobody is an admin.
 */
export function contextFromFacts(facts: InteractionFacts, now: Date): Context {
  const isDirectMessage = facts.guildId === null || !facts.serverInstall;
  return {
    platform: 'discord',
    teamId: isDirectMessage || facts.guildId === null ? `dm:${facts.userId}` : facts.guildId,
    channelId: facts.channelId ?? `dm:${facts.userId}`,
    userId: facts.userId,
    userName: displayName(facts),
    isAdmin: !isDirectMessage && facts.canManageGuild,
    isDirectMessage,
    now,
    surface: DISCORD_SURFACE,
  };
}
