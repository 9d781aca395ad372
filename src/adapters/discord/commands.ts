/**
 * The `/kms` slash command definition (discord.js SlashCommandBuilder): one command whose
 * subcommands mirror the core grammar (src/core/command.ts) with typed options. The terminal-only
 * subcommands (`answer`, `hint`, `reference`, `check`) are buttons and menus on Discord.
 *
 * `npm run discord:register` sends `commandDefinitions(...)` with a bulk overwrite.
 */
import {
  ApplicationIntegrationType,
  InteractionContextType,
  SlashCommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { SUBCOMMANDS } from '../../core/command.js';

/** The command's name: `/kms`. */
export const COMMAND_NAME = 'kms';

/** Longest `explain term:` value, in characters (the core lookup refuses longer ones). */
export const MAX_TERM_LENGTH = 200;

/** Longest free-text option other than the term, in characters. */
const MAX_TEXT_OPTION = 100;

/** At most 25 choices per option (Discord's limit). */
const MAX_CHOICES = 25;

/** Subcommands a Discord user can pick (the terminal-only ones are buttons here). */
export const DISCORD_SUBCOMMANDS = [
  'help',
  'explain',
  'terms',
  'quiz',
  'close',
  'scenario',
  'leaderboard',
  'stats',
  'subscribe',
  'unsubscribe',
  'schedule',
  'forget-me',
] as const;

/** A Discord subcommand name. */
export type DiscordSubcommand = (typeof DISCORD_SUBCOMMANDS)[number];

/** What the definition is built from. */
export interface CommandDefinitionOptions {
  /**
   * The decks' tags, offered as fixed choices for `terms tag:` and `quiz tag:` (at most 25 are
   * used). Empty or absent: the tag is a free string option.
   */
  tags?: readonly string[];
  /** Deck ids offered as choices for `subscribe deck:` (at most 25). Empty or absent: a free string. */
  deckIds?: readonly string[];
}

function choicesOf(values: readonly string[] | undefined): { name: string; value: string }[] | undefined {
  const unique = [...new Set(values ?? [])].filter((v) => v.length >= 1 && v.length <= MAX_TEXT_OPTION).slice(0, MAX_CHOICES);
  return unique.length > 0 ? unique.map((v) => ({ name: v, value: v })) : undefined;
}

/** The `/kms` command builder. */
export function buildKmsCommand(options: CommandDefinitionOptions = {}): SlashCommandBuilder {
  const tagChoices = choicesOf(options.tags);
  const deckChoices = choicesOf(options.deckIds);
  const command = new SlashCommandBuilder()
    .setName(COMMAND_NAME)
    .setDescription('Study AWS KMS and encryption at rest: lookups, quiz rounds, scenarios, leaderboards')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);

  command.addSubcommand((s) =>
    s
      .setName('help')
      .setDescription('What the bot can do, or the details of one subcommand')
      .addStringOption((o) =>
        o
          .setName('topic')
          .setDescription('A subcommand to explain')
          .addChoices(...SUBCOMMANDS.map((name) => ({ name, value: name }))),
      ),
  );
  command.addSubcommand((s) =>
    s
      .setName('explain')
      .setDescription('Look up a term by name or alias (typos are fine)')
      .addStringOption((o) =>
        o.setName('term').setDescription('The term, e.g. grants or SSE-KMS').setRequired(true).setAutocomplete(true).setMaxLength(MAX_TERM_LENGTH),
      ),
  );
  command.addSubcommand((s) =>
    s
      .setName('terms')
      .setDescription("List the deck's terms")
      .addStringOption((o) => {
        o.setName('tag').setDescription('Only terms tested under this tag').setMaxLength(MAX_TEXT_OPTION);
        return tagChoices ? o.addChoices(...tagChoices) : o;
      }),
  );
  command.addSubcommand((s) =>
    s
      .setName('quiz')
      .setDescription('A practice question only you see, or a round for the whole channel')
      .addBooleanOption((o) => o.setName('here').setDescription('Open a round in this channel for everyone'))
      .addStringOption((o) => {
        o.setName('tag').setDescription('Only questions with this tag').setMaxLength(MAX_TEXT_OPTION);
        return tagChoices ? o.addChoices(...tagChoices) : o;
      }),
  );
  command.addSubcommand((s) =>
    s
      .setName('close')
      .setDescription("Close the channel's open round now and reveal the answer")
      .addIntegerOption((o) => o.setName('round').setDescription('The round number (default: the open one)').setMinValue(1)),
  );
  command.addSubcommand((s) =>
    s
      .setName('scenario')
      .setDescription('A scenario exercise with hints, a reference design and a self-check (none named: the list)')
      .addStringOption((o) =>
        o.setName('name').setDescription('The scenario').setAutocomplete(true).setMaxLength(MAX_TERM_LENGTH),
      ),
  );
  command.addSubcommand((s) =>
    s
      .setName('leaderboard')
      .setDescription("The team's (or this channel's) top scorers")
      .addStringOption((o) =>
        o
          .setName('period')
          .setDescription('Which period (default: this week)')
          .addChoices(
            { name: 'This week', value: 'week' },
            { name: 'This month', value: 'month' },
            { name: 'Last 30 days', value: '30d' },
            { name: 'All time', value: 'all' },
          ),
      )
      .addBooleanOption((o) => o.setName('here').setDescription('Only this channel')),
  );
  command.addSubcommand((s) =>
    s
      .setName('stats')
      .setDescription('Your answers, accuracy per topic and streaks (or another member’s)')
      .addUserOption((o) => o.setName('user').setDescription('Whose stats (default: yours)')),
  );
  command.addSubcommand((s) =>
    s
      .setName('subscribe')
      .setDescription('Post a daily question in this channel (Manage Server)')
      .addStringOption((o) => o.setName('time').setDescription('Local post time, HH:MM (default 09:00)').setMaxLength(5))
      .addStringOption((o) => o.setName('zone').setDescription('IANA time zone, e.g. Europe/Berlin').setMaxLength(64))
      .addStringOption((o) =>
        o
          .setName('cadence')
          .setDescription('Every day or weekdays only')
          .addChoices({ name: 'Every day', value: 'daily' }, { name: 'Weekdays', value: 'weekdays' }),
      )
      .addStringOption((o) => {
        o.setName('deck').setDescription('Which deck (default: the default deck)').setMaxLength(63);
        return deckChoices ? o.addChoices(...deckChoices) : o;
      }),
  );
  command.addSubcommand((s) => s.setName('unsubscribe').setDescription("Stop this channel's daily question (Manage Server)"));
  command.addSubcommand((s) => s.setName('schedule').setDescription("This channel's daily question schedule"));
  command.addSubcommand((s) =>
    s.setName('forget-me').setDescription('Delete your answers, scores and self-checks in this server (asks first)'),
  );
  return command;
}

/** The JSON bodies for a bulk overwrite (PUT) of the application's commands: just `/kms`. */
export function commandDefinitions(options: CommandDefinitionOptions = {}): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [buildKmsCommand(options).toJSON()];
}
