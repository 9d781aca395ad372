/**
 * Context from Slack payloads: slash commands (form fields) and block_actions (JSON payload).
 * Pure functions; the user profile comes from the UserDirectory.
 */
import type { Context } from '../../core/context.js';
import { SLACK_SURFACE } from './surface.js';
import type { SlackUserProfile } from './user-directory.js';

/** The slash command fields the tutor uses (Slack sends more). */
export interface SlashCommandFields {
  team_id: string;
  channel_id: string;
  channel_name?: string;
  user_id: string;
  user_name?: string;
  text?: string;
}

/** The block_actions fields the tutor uses. */
export interface BlockActionFields {
  team?: { id?: string } | null;
  user: { id: string; username?: string; name?: string; team_id?: string };
  channel?: { id?: string; name?: string } | null;
  container?: { channel_id?: string } | null;
}

/**
 * A direct message: channel ids of DMs start with "D", and slash commands in a DM carry
 * channel_name "directmessage". Group DMs (mpdm-…) are channels here: the bot can post in them.
 */
export function isDirectMessage(channelId: string, channelName?: string): boolean {
  return channelId.startsWith('D') || channelName === 'directmessage';
}

function baseContext(
  teamId: string,
  channelId: string,
  channelName: string | undefined,
  userId: string,
  fallbackName: string | undefined,
  profile: SlackUserProfile,
  now: Date,
): Context {
  const ctx: Context = {
    platform: 'slack',
    teamId,
    channelId,
    userId,
    userName: profile.displayName || fallbackName || userId,
    isAdmin: profile.isAdmin,
    isDirectMessage: isDirectMessage(channelId, channelName),
    now,
    surface: SLACK_SURFACE,
  };
  if (profile.timeZone) ctx.userTimeZone = profile.timeZone;
  return ctx;
}

/** Context of a `/kms` slash command. `userName` prefers the profile's display name over `user_name`. */
export function commandContext(command: SlashCommandFields, profile: SlackUserProfile, now: Date): Context {
  return baseContext(
    command.team_id,
    command.channel_id,
    command.channel_name,
    command.user_id,
    command.user_name,
    profile,
    now,
  );
}

/**
 * Context of an event that names no slash command or message click: the App Home tab, a modal's
 * submission, a message shortcut. `channelId` is where the answer goes or what it is about (a direct
 * message "D…" is a direct message).
 */
export function userContext(
  where: { teamId: string; channelId: string; channelName?: string },
  user: { id: string; username?: string; name?: string },
  profile: SlackUserProfile,
  now: Date,
): Context {
  return baseContext(where.teamId, where.channelId, where.channelName, user.id, user.username || user.name, profile, now);
}

/** Where a click happened: team and channel ids, or null when the payload names neither (e.g. App Home). */
export function actionScope(body: BlockActionFields): { teamId: string; channelId: string; channelName?: string } | null {
  const teamId = body.team?.id || body.user.team_id;
  const channelId = body.channel?.id || body.container?.channel_id;
  if (!teamId || !channelId) return null;
  return { teamId, channelId, channelName: body.channel?.name };
}

/** Context of a button or checkbox click, or null when the payload has no team or channel. */
export function actionContext(body: BlockActionFields, profile: SlackUserProfile, now: Date): Context | null {
  const scope = actionScope(body);
  if (!scope) return null;
  return baseContext(
    scope.teamId,
    scope.channelId,
    scope.channelName,
    body.user.id,
    body.user.username || body.user.name,
    profile,
    now,
  );
}
