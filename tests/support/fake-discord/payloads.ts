/**
 * INTERACTION_CREATE payloads shaped as Discord sends them (typed with discord-api-types, so a
 * missing or misnamed field fails the type-check): chat input commands (type 2) with the
 * subcommand option tree, context menu commands (type 2 with data.type 2 USER or 3 MESSAGE,
 * `target_id` and `resolved`), autocomplete (type 4) with the focused option, and message components
 * (type 3) for buttons (component_type 2) and string selects (component_type 3); in a guild, the
 * bot's DM, or (a user install) another DM without the bot (context 2).
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  type GuildMemberFlags,
  InteractionContextType,
  InteractionType,
  Locale,
  MessageType,
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIAttachment,
  type APIChatInputApplicationCommandInteraction,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageComponentButtonInteraction,
  type APIMessageComponentSelectMenuInteraction,
  type APIMessageApplicationCommandInteraction,
  type APIUser,
  type APIUserApplicationCommandInteraction,
} from 'discord.js';
import { snowflake } from './fake-discord.js';

/** Ids shared by the fake and the payloads. */
export const IDS = {
  applicationId: '1200000000000000001',
  botUserId: '1200000000000000002',
  guildId: '1200000000000000003',
  channelId: '1200000000000000004',
  forbiddenChannelId: '1200000000000000005',
  commandId: '1200000000000000006',
} as const;

/** Permissions of an ordinary member (no Manage Server): the @everyone defaults, as a decimal string. */
const MEMBER_PERMISSIONS = '2248473465835073';
/** Permissions of an admin: the member's plus Administrator (1 << 3) and Manage Server (1 << 5). */
const ADMIN_PERMISSIONS = String((1n << 3n) | (1n << 5n) | BigInt(MEMBER_PERMISSIONS));

/** Who clicks: a user and, in a guild, how the member looks. */
export interface Actor {
  id: string;
  username: string;
  globalName?: string | null;
  nick?: string | null;
  admin?: boolean;
  /** The actor's Discord client language (default en-US). */
  locale?: Locale;
}

/**
 * Where: a guild channel (default: IDS.guildId's IDS.channelId), the bot's DM (context 1), or a DM
 * between users where the learner uses their own install of the app (context 2: no member, no
 * guild, authorised by the user install only).
 */
export type Place = { kind: 'guild'; channelId?: string; guildId?: string } | { kind: 'dm' } | { kind: 'private' };

function apiUser(actor: Actor): APIUser {
  return { id: actor.id, username: actor.username, discriminator: '0', global_name: actor.globalName ?? null, avatar: null };
}

function member(actor: Actor): APIInteractionGuildMember {
  return {
    user: apiUser(actor),
    nick: actor.nick ?? null,
    avatar: null,
    banner: null,
    roles: [],
    joined_at: '2026-01-05T10:00:00.000Z',
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags, // no member flags set
    pending: false,
    communication_disabled_until: null,
    permissions: actor.admin ? ADMIN_PERMISSIONS : MEMBER_PERMISSIONS,
  };
}

/** The fields every interaction shares, for a guild channel or a DM. */
function base(actor: Actor, place: Place) {
  const common = {
    id: snowflake(),
    application_id: IDS.applicationId,
    token: `token-${snowflake()}`,
    version: 1 as const,
    app_permissions: MEMBER_PERMISSIONS,
    locale: actor.locale ?? Locale.EnglishUS,
    entitlements: [],
    attachment_size_limit: 10_485_760,
  };
  if (place.kind === 'private') {
    const channelId = `8${actor.id.slice(1)}`;
    const friend: APIUser = { id: '1100000000000000099', username: 'friend', discriminator: '0', global_name: null, avatar: null };
    return {
      ...common,
      channel_id: channelId,
      channel: { id: channelId, type: ChannelType.DM as const, recipients: [apiUser(actor), friend], last_message_id: null, flags: 0 },
      user: apiUser(actor),
      authorizing_integration_owners: { '1': actor.id },
      context: InteractionContextType.PrivateChannel,
    };
  }
  if (place.kind === 'dm') {
    const channelId = `9${actor.id.slice(1)}`;
    return {
      ...common,
      channel_id: channelId,
      channel: { id: channelId, type: ChannelType.DM as const, recipients: [apiUser(actor)], last_message_id: null, flags: 0 },
      user: apiUser(actor),
      authorizing_integration_owners: { '0': IDS.guildId },
      context: InteractionContextType.BotDM,
    };
  }
  const channelId = place.channelId ?? IDS.channelId;
  const guildId = place.guildId ?? IDS.guildId;
  return {
    ...common,
    guild_id: guildId,
    guild: { id: guildId, locale: Locale.EnglishUS, features: [] },
    guild_locale: Locale.EnglishUS,
    channel_id: channelId,
    channel: { id: channelId, type: ChannelType.GuildText as const, guild_id: guildId, name: 'study-0', position: 0, nsfw: false, parent_id: null, topic: null, last_message_id: null, rate_limit_per_user: 0, flags: 0, permission_overwrites: [] },
    member: member(actor),
    authorizing_integration_owners: { '0': guildId },
    context: InteractionContextType.Guild,
  };
}

/** A `/kms <subcommand>` chat input command with the given options. */
export function slashCommand(
  actor: Actor,
  place: Place,
  subcommand: string,
  options: APIApplicationCommandInteractionDataBasicOption[] = [],
  resolvedUsers: APIUser[] = [],
): APIChatInputApplicationCommandInteraction {
  return {
    ...base(actor, place),
    type: InteractionType.ApplicationCommand,
    data: {
      id: IDS.commandId,
      name: 'kms',
      type: ApplicationCommandType.ChatInput,
      options: [{ name: subcommand, type: ApplicationCommandOptionType.Subcommand, options }],
      ...(resolvedUsers.length > 0 ? { resolved: { users: Object.fromEntries(resolvedUsers.map((u) => [u.id, u])) } } : {}),
      ...(place.kind === 'guild' ? { guild_id: place.guildId ?? IDS.guildId } : {}),
    },
  } satisfies APIChatInputApplicationCommandInteraction;
}

/**
 * A `/kms <subcommand>` with files attached to ATTACHMENT options (type 11): each option's value is
 * the attachment's id, and the files themselves are in `data.resolved.attachments`, by id.
 */
export function slashCommandWithFiles(
  actor: Actor,
  place: Place,
  subcommand: string,
  options: APIApplicationCommandInteractionDataBasicOption[],
  attachments: APIAttachment[],
): APIChatInputApplicationCommandInteraction {
  const command = slashCommand(actor, place, subcommand, options);
  return { ...command, data: { ...command.data, resolved: { attachments: Object.fromEntries(attachments.map((a) => [a.id, a])) } } };
}

/** An ATTACHMENT option value: the id of a file in `data.resolved.attachments`. */
export function attachmentOption(name: string, attachmentId: string): APIApplicationCommandInteractionDataBasicOption {
  return { name, type: ApplicationCommandOptionType.Attachment, value: attachmentId };
}

/** A string option value. */
export function stringOption(name: string, value: string): APIApplicationCommandInteractionDataBasicOption {
  return { name, type: ApplicationCommandOptionType.String, value };
}

/** A boolean option value. */
export function booleanOption(name: string, value: boolean): APIApplicationCommandInteractionDataBasicOption {
  return { name, type: ApplicationCommandOptionType.Boolean, value };
}

/** Autocomplete while typing `value` into option `name` of `/kms <subcommand>`. */
export function autocomplete(actor: Actor, place: Place, subcommand: string, name: string, value: string): APIApplicationCommandAutocompleteInteraction {
  return {
    ...base(actor, place),
    type: InteractionType.ApplicationCommandAutocomplete,
    data: {
      id: IDS.commandId,
      name: 'kms',
      type: ApplicationCommandType.ChatInput,
      options: [
        {
          name: subcommand,
          type: ApplicationCommandOptionType.Subcommand,
          options: [{ name, type: ApplicationCommandOptionType.String, value, focused: true }],
        },
      ],
    },
  } satisfies APIApplicationCommandAutocompleteInteraction;
}

/** The message a component sits on, as Discord includes it in a component interaction. */
export function messageOf(channelId: string, messageId: string, posted: { embeds?: unknown[]; components?: unknown[]; flags?: number }): APIMessage {
  return {
    id: messageId,
    channel_id: channelId,
    author: { id: IDS.botUserId, username: 'kms-tutor', discriminator: '0', global_name: null, avatar: null, bot: true },
    content: '',
    timestamp: '2026-03-02T09:00:00.000Z',
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: (posted.embeds ?? []) as APIMessage['embeds'],
    components: (posted.components ?? []) as APIMessage['components'],
    pinned: false,
    type: MessageType.Default,
    flags: posted.flags ?? 0,
  };
}

/** A click on the button with `customId` on `message`. */
export function buttonClick(actor: Actor, place: Place, customId: string, message: APIMessage): APIMessageComponentButtonInteraction {
  return {
    ...base(actor, place),
    type: InteractionType.MessageComponent,
    data: { custom_id: customId, component_type: ComponentType.Button },
    message,
  } satisfies APIMessageComponentButtonInteraction;
}

/** Choosing `values` in the string select `customId` on `message`. */
export function selectMenu(actor: Actor, place: Place, customId: string, values: string[], message: APIMessage): APIMessageComponentSelectMenuInteraction {
  return {
    ...base(actor, place),
    type: InteractionType.MessageComponent,
    data: { custom_id: customId, component_type: ComponentType.StringSelect, values },
    message,
  } satisfies APIMessageComponentSelectMenuInteraction;
}

/** The same chat input command sent as `/kms-admin` (the admin command) instead of `/kms`. */
export function asAdminCommand(command: APIChatInputApplicationCommandInteraction): APIChatInputApplicationCommandInteraction {
  return { ...command, data: { ...command.data, name: 'kms-admin' } };
}

/** A user context menu command (data.type 2) named `name` on `target`, with `data.resolved.users` (and members in a guild). */
export function userCommand(actor: Actor, place: Place, name: string, target: Actor): APIUserApplicationCommandInteraction {
  return {
    ...base(actor, place),
    type: InteractionType.ApplicationCommand,
    data: {
      id: IDS.commandId,
      name,
      type: ApplicationCommandType.User,
      target_id: target.id,
      resolved: {
        users: { [target.id]: apiUser(target) },
        ...(place.kind === 'guild'
          ? { members: { [target.id]: { nick: target.nick ?? null, avatar: null, banner: null, roles: [], joined_at: '2026-01-05T10:00:00.000Z', premium_since: null, flags: 0 as GuildMemberFlags, pending: false, communication_disabled_until: null, permissions: MEMBER_PERMISSIONS } } }
          : {}),
      },
      ...(place.kind === 'guild' ? { guild_id: IDS.guildId } : {}),
    },
  } satisfies APIUserApplicationCommandInteraction;
}

/** A message context menu command (data.type 3) named `name` on `message`, with `data.resolved.messages`. */
export function messageCommand(actor: Actor, place: Place, name: string, message: APIMessage): APIMessageApplicationCommandInteraction {
  return {
    ...base(actor, place),
    type: InteractionType.ApplicationCommand,
    data: {
      id: IDS.commandId,
      name,
      type: ApplicationCommandType.Message,
      target_id: message.id,
      resolved: { messages: { [message.id]: message } },
      ...(place.kind === 'guild' ? { guild_id: IDS.guildId } : {}),
    },
  } satisfies APIMessageApplicationCommandInteraction;
}

/** A message a member wrote (content only), as a message command's `resolved.messages` holds it. */
export function memberMessage(author: Actor, channelId: string, messageId: string, content: string): APIMessage {
  return { ...messageOf(channelId, messageId, {}), author: apiUser(author), content };
}
