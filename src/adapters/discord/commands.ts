/**
 * The application's command definitions, all built from the core registry
 * (src/core/commands/registry.ts) and the adapter's text catalogue (text.ts and its translations):
 *
 * - `/kms`: every subcommand for everyone (the text-only ones, `answer`, `hint`, `reference`,
 *   `check`, are buttons and menus on Discord). Installable to a server and to a user
 *   (`integration_types` [0, 1]) and usable in servers, the bot's DM and other DMs (`contexts`
 *   [0, 1, 2]).
 * - `/kms-admin`: the subcommands the registry declares admin-only (`requires: 'admin'`) and the
 *   admin uses of the others (`adminUse`: another's round for `close`, the channel for `exam`).
 *   `default_member_permissions` is Manage Server, so server admins see it in Server Settings →
 *   Integrations and can allow it to other roles or members; servers only. The bot still checks
 *   the asker's permissions itself.
 * - Context menus: "Explain terms" and "Report to admins" on a message (type 3), "Study stats" on a
 *   user (type 2), with the same install types and contexts as `/kms`.
 *
 * Names and descriptions (of commands, subcommands and options) carry `name_localizations` /
 * `description_localizations` from the text catalogue. `npm run discord:register` sends `commandDefinitions(...)` in one bulk overwrite.
 */
import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  type Locale,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type RESTPostAPIApplicationCommandsJSONBody,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import { ALL_COMMANDS, requiresAdmin, SUBCOMMANDS } from '../../core/commands/registry.js';
import type { BaseCommand, ChoiceSource, OptionSpec, OptionValues } from '../../core/commands/spec.js';
import { localisations } from './locales.js';
import { EN, type DiscordWords } from './text.js';

/** The everyday command's name: `/kms`. */
export const COMMAND_NAME = 'kms';

/** The admin command's name: `/kms-admin`. */
const ADMIN_COMMAND_NAME = 'kms-admin';

/** The context menu commands, by what they do (their names are the catalogue's). */
const CONTEXT_MENUS = {
  explainTerms: { type: ApplicationCommandType.Message, name: EN.picker.explainTerms },
  reportToAdmins: { type: ApplicationCommandType.Message, name: EN.picker.reportToAdmins },
  studyStats: { type: ApplicationCommandType.User, name: EN.picker.studyStats },
} as const;

/** A context menu command, by what it does. */
export type ContextMenu = keyof typeof CONTEXT_MENUS;

/** The context menu a command name (the English one, which Discord sends whatever the locale) belongs to, or undefined. */
export function contextMenuNamed(name: string): ContextMenu | undefined {
  return (Object.keys(CONTEXT_MENUS) as ContextMenu[]).find((k) => CONTEXT_MENUS[k].name === name);
}

/** Longest choice name or value, in characters (Discord's limit). */
const MAX_CHOICE_TEXT = 100;

/** At most 25 choices per option (Discord's limit). */
const MAX_CHOICES = 25;

/** One subcommand as Discord offers it: from a registry entry, or from an entry's admin use. */
export interface DiscordSubcommand {
  name: string;
  /** The registry's English description (at most 100 characters). */
  description: string;
  /** The catalogue key of its translated descriptions: the name, or `admin:<name>` for an admin use. */
  wordsKey: string;
  options: readonly OptionSpec[];
  /** Typed option values -> the command (the registry's fromOptions). */
  fromOptions(values: OptionValues): BaseCommand;
}

/** `/kms`: the registry's subcommands that are neither text-only nor admin-only, in help order. */
const DISCORD_COMMANDS: readonly DiscordSubcommand[] = ALL_COMMANDS.flatMap((spec) => {
  const fromOptions = spec.fromOptions;
  if (spec.textOnly || requiresAdmin(spec) || !fromOptions) return [];
  return [{ name: spec.name, description: spec.description, wordsKey: spec.name, options: spec.options, fromOptions }];
});

/** `/kms-admin`: the admin-only subcommands and the admin uses of the others, in help order. */
export const ADMIN_COMMANDS: readonly DiscordSubcommand[] = ALL_COMMANDS.flatMap((spec): DiscordSubcommand[] => {
  const fromOptions = spec.fromOptions;
  if (!spec.textOnly && requiresAdmin(spec) && fromOptions) {
    return [{ name: spec.name, description: spec.description, wordsKey: spec.name, options: spec.options, fromOptions }];
  }
  const use = spec.adminUse;
  if (!use) return [];
  return [{ name: spec.name, description: use.description, wordsKey: `admin:${spec.name}`, options: use.options, fromOptions: (v) => use.fromOptions(v) }];
});

/** `/kms`'s subcommand names, in picker order. */
export const DISCORD_SUBCOMMANDS: readonly string[] = DISCORD_COMMANDS.map((c) => c.name);

/** The subcommands of one of our chat commands by its name, or undefined for another name. */
export function subcommandsOf(commandName: string): readonly DiscordSubcommand[] | undefined {
  if (commandName === COMMAND_NAME) return DISCORD_COMMANDS;
  if (commandName === ADMIN_COMMAND_NAME) return ADMIN_COMMANDS;
  return undefined;
}

/** What the definitions are built from. */
export interface CommandDefinitionOptions {
  /**
   * The decks' tags, offered as fixed choices for options whose choices come from 'tags' (`terms
   * tag:`, `quiz tag:`; at most 25 are used). Empty or absent: the tag is a free string option.
   */
  tags?: readonly string[];
  /** Deck ids offered as choices for options whose choices come from 'decks' (`subscribe deck:`; at most 25). Empty or absent: a free string. */
  deckIds?: readonly string[];
}

function choicesOf(values: readonly string[] | undefined): { name: string; value: string }[] | undefined {
  const unique = [...new Set(values ?? [])].filter((v) => v.length >= 1 && v.length <= MAX_CHOICE_TEXT).slice(0, MAX_CHOICES);
  return unique.length > 0 ? unique.map((v) => ({ name: v, value: v })) : undefined;
}

/** The choices of an option: its fixed ones, or those of its source. */
function optionChoices(option: OptionSpec, sources: Readonly<Record<ChoiceSource, readonly string[] | undefined>>): { name: string; value: string }[] | undefined {
  if (option.choices) return option.choices.map((c) => ({ name: c.label, value: c.value }));
  return option.choicesFrom ? choicesOf(sources[option.choicesFrom]) : undefined;
}

/** An option builder's shared setters (every kind has them). */
interface OptionBuilder {
  setName(name: string): this;
  setDescription(description: string): this;
  setDescriptionLocalizations(localizations: Partial<Record<Locale, string | null>> | null): this;
  setRequired(required: boolean): this;
}

/**
 * Add one registry option to a subcommand builder, typed by its kind, with its translated
 * descriptions (`translated`, from the catalogue's `options`).
 */
function addOption(
  s: SlashCommandSubcommandBuilder,
  option: OptionSpec,
  choices: { name: string; value: string }[] | undefined,
  translated: Partial<Record<Locale, string>> | undefined,
): void {
  const required = option.required ?? false;
  const base = <B extends OptionBuilder>(o: B): B => {
    o.setName(option.name).setDescription(option.description).setRequired(required);
    return translated ? o.setDescriptionLocalizations(translated) : o;
  };
  switch (option.kind) {
    case 'string':
      s.addStringOption((o) => {
        base(o);
        if (option.autocomplete) o.setAutocomplete(true);
        if (option.maxLength !== undefined) o.setMaxLength(option.maxLength);
        return choices ? o.addChoices(...choices) : o;
      });
      return;
    case 'integer':
      s.addIntegerOption((o) => {
        base(o);
        return option.minValue !== undefined ? o.setMinValue(option.minValue) : o;
      });
      return;
    case 'boolean':
      s.addBooleanOption((o) => base(o));
      return;
    case 'user':
      s.addUserOption((o) => base(o));
      return;
    case 'attachment':
      s.addAttachmentOption((o) => base(o));
      return;
  }
}

/** A chat command with the given subcommands. */
function buildChatCommand(
  name: string,
  description: (w: DiscordWords) => string,
  subcommands: readonly DiscordSubcommand[],
  options: CommandDefinitionOptions,
): SlashCommandBuilder {
  const sources = { tags: options.tags, decks: options.deckIds, subcommands: SUBCOMMANDS };
  const command = new SlashCommandBuilder().setName(name).setDescription(description(EN));
  const translated = localisations(description);
  if (translated) command.setDescriptionLocalizations(translated);
  for (const sub of subcommands) {
    command.addSubcommand((s) => {
      s.setName(sub.name).setDescription(sub.description);
      const subTranslated = localisations((w) => w.picker.subcommands[sub.wordsKey]);
      if (subTranslated) s.setDescriptionLocalizations(subTranslated);
      for (const option of sub.options) {
        addOption(s, option, optionChoices(option, sources), localisations((w) => w.picker.options[`${sub.wordsKey}.${option.name}`]));
      }
      return s;
    });
  }
  return command;
}

/** Installable to servers and users; usable in servers, the bot's DM and other DMs. */
const EVERYWHERE = {
  integrationTypes: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
} as const;

/** A context menu command's definition. */
function buildContextMenu(menu: ContextMenu): ContextMenuCommandBuilder {
  const { type, name } = CONTEXT_MENUS[menu];
  const builder = new ContextMenuCommandBuilder()
    .setName(name)
    .setType(type)
    .setIntegrationTypes(...EVERYWHERE.integrationTypes)
    .setContexts(...EVERYWHERE.contexts);
  const translated = localisations((w) => w.picker[menu]);
  if (translated) builder.setNameLocalizations(translated);
  return builder;
}

/**
 * The JSON bodies for a bulk overwrite (PUT) of the application's commands: `/kms`, `/kms-admin`
 * and the three context menus.
 */
export function commandDefinitions(options: CommandDefinitionOptions = {}): RESTPostAPIApplicationCommandsJSONBody[] {
  const kms = buildChatCommand(COMMAND_NAME, (w) => w.picker.kmsDescription, DISCORD_COMMANDS, options)
    .setIntegrationTypes(...EVERYWHERE.integrationTypes)
    .setContexts(...EVERYWHERE.contexts);
  const admin = buildChatCommand(ADMIN_COMMAND_NAME, (w) => w.picker.adminDescription, ADMIN_COMMANDS, options)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setContexts(InteractionContextType.Guild);
  const menus = (Object.keys(CONTEXT_MENUS) as ContextMenu[]).map((m) => buildContextMenu(m).toJSON());
  return [kms.toJSON(), admin.toJSON(), ...menus];
}
