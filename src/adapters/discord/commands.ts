/**
 * The `/kms` slash command definition (discord.js SlashCommandBuilder): one command whose
 * subcommands and typed options are built from the core registry (src/core/commands/registry.ts).
 * The text-only subcommands (`answer`, `hint`, `reference`, `check`) are buttons and menus on Discord.
 *
 * `npm run discord:register` sends `commandDefinitions(...)` with a bulk overwrite.
 */
import {
  ApplicationIntegrationType,
  InteractionContextType,
  SlashCommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import { ALL_COMMANDS, SUBCOMMANDS, type AnyCommandSpec } from '../../core/commands/registry.js';
import type { ChoiceSource, OptionSpec } from '../../core/commands/spec.js';

/** The command's name: `/kms`. */
export const COMMAND_NAME = 'kms';

/** Longest choice name or value, in characters (Discord's limit). */
const MAX_CHOICE_TEXT = 100;

/** At most 25 choices per option (Discord's limit). */
const MAX_CHOICES = 25;

/** Who may run the registry's admin subcommands on Discord, added to their descriptions. */
const ADMIN_NOTE = ' (Manage Server)';

/** The registry's subcommands a Discord user can pick (the text-only ones are buttons here). */
export const DISCORD_COMMANDS: readonly AnyCommandSpec[] = ALL_COMMANDS.filter((c) => !c.textOnly);

/** Their names, in picker order. */
export const DISCORD_SUBCOMMANDS: readonly string[] = DISCORD_COMMANDS.map((c) => c.name);

/** What the definition is built from. */
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

/** Add one registry option to a subcommand builder, typed by its kind. */
function addOption(s: SlashCommandSubcommandBuilder, option: OptionSpec, choices: { name: string; value: string }[] | undefined): void {
  const required = option.required ?? false;
  switch (option.kind) {
    case 'string':
      s.addStringOption((o) => {
        o.setName(option.name).setDescription(option.description).setRequired(required);
        if (option.autocomplete) o.setAutocomplete(true);
        if (option.maxLength !== undefined) o.setMaxLength(option.maxLength);
        return choices ? o.addChoices(...choices) : o;
      });
      return;
    case 'integer':
      s.addIntegerOption((o) => {
        o.setName(option.name).setDescription(option.description).setRequired(required);
        return option.minValue !== undefined ? o.setMinValue(option.minValue) : o;
      });
      return;
    case 'boolean':
      s.addBooleanOption((o) => o.setName(option.name).setDescription(option.description).setRequired(required));
      return;
    case 'user':
      s.addUserOption((o) => o.setName(option.name).setDescription(option.description).setRequired(required));
      return;
    case 'attachment':
      s.addAttachmentOption((o) => o.setName(option.name).setDescription(option.description).setRequired(required));
      return;
  }
}

/** The `/kms` command builder. */
function buildKmsCommand(options: CommandDefinitionOptions = {}): SlashCommandBuilder {
  const sources = { tags: options.tags, decks: options.deckIds, subcommands: SUBCOMMANDS };
  const command = new SlashCommandBuilder()
    .setName(COMMAND_NAME)
    .setDescription('Study AWS KMS and encryption at rest: lookups, quiz rounds, scenarios, leaderboards')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
  for (const spec of DISCORD_COMMANDS) {
    const admin = spec.requires.some((r) => (typeof r === 'string' ? r : r.name) === 'admin');
    command.addSubcommand((s) => {
      s.setName(spec.name).setDescription(`${spec.description}${admin ? ADMIN_NOTE : ''}`);
      for (const option of spec.options) addOption(s, option, optionChoices(option, sources));
      return s;
    });
  }
  return command;
}

/** The JSON bodies for a bulk overwrite (PUT) of the application's commands: just `/kms`. */
export function commandDefinitions(options: CommandDefinitionOptions = {}): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [buildKmsCommand(options).toJSON()];
}
