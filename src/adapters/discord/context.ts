/**
 * A Discord interaction -> core Context: the guild as the team (a DM is its own team,
 * `dm:<userId>`), the channel, the user, their display name in the guild, and whether they may
 * run the admin subcommands (the Manage Server permission).
 */
import { GuildMember, PermissionFlagsBits, type BaseInteraction } from 'discord.js';
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
  };
}

/** The name shown on boards: guild nickname, else global display name, else username. */
export function displayName(facts: Pick<InteractionFacts, 'nick' | 'globalName' | 'username' | 'userId'>): string {
  const name = [facts.nick, facts.globalName, facts.username].find((n) => typeof n === 'string' && n.trim() !== '');
  return name?.trim() ?? facts.userId;
}

/**
 * The core Context for an interaction's facts at `now` (UTC instant).
 * In a DM the team is `dm:<userId>`, `isDirectMessage` is true and nobody is an admin.
 */
export function contextFromFacts(facts: InteractionFacts, now: Date): Context {
  const isDirectMessage = facts.guildId === null;
  return {
    platform: 'discord',
    teamId: facts.guildId ?? `dm:${facts.userId}`,
    channelId: facts.channelId ?? `dm:${facts.userId}`,
    userId: facts.userId,
    userName: displayName(facts),
    isAdmin: !isDirectMessage && facts.canManageGuild,
    isDirectMessage,
    now,
    surface: DISCORD_SURFACE,
  };
}
