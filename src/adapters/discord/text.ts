/**
 * The Discord adapter's own words to users (everything else they read comes from core's catalogues
 * in src/core/text/): English here, other locales in text-<locale>.ts, picked per interaction by
 * `wordsFor(interaction.locale)` (locales.ts). The names and descriptions Discord shows in its
 * command picker and context menus come from the same catalogue.
 */

/** Every word the adapter says itself, in one language. */
export interface DiscordWords {
  /** What an unknown or malformed button/menu gets. */
  unknownButton: string;
  /** What the user sees when a handler failed unexpectedly. */
  apology: string;
  /** The title of that apology when it is rendered as a Reply. */
  apologyTitle: string;
  /** A command of another name reached the bot: `name` is ours (without the slash). */
  onlyCommand: (name: string) => string;
  /** What the deferred private "thinking" message becomes once a channel reply is posted. */
  postedInChannel: string;
  /** The placeholder of a scenario rubric's select menu. */
  checklistPlaceholder: string;
  /** The button under a revealed round whose answer is behind a spoiler. */
  showAnswer: string;
  /** "Report to admins" on a message that carries no item of the bot's. */
  reportNothing: string;
  /** "Explain terms" on a message without text (only pictures or embeds of another bot). */
  explainNoText: string;
  /** Posted in the channel when the bot may not start the discussion thread under a reveal. */
  threadRefused: string;
  /** A discussion thread's name when its first message has no title (at most 100 characters). */
  threadName: string;
  /** The picker's names and descriptions. */
  picker: {
    /** `/kms`, at most 100 characters. */
    kmsDescription: string;
    /** `/kms-admin`, at most 100 characters. */
    adminDescription: string;
    /** Context menu names, at most 32 characters each. */
    explainTerms: string;
    reportToAdmins: string;
    studyStats: string;
    /**
     * Subcommand descriptions by subcommand name (at most 100 characters); `admin:<name>` for the
     * admin use of a subcommand in `/kms-admin`. Missing: the registry's English one is shown.
     */
    subcommands: Readonly<Record<string, string>>;
    /** Option descriptions by `<subcommand key>.<option>` (e.g. `explain.term`, `admin:exam.date`); missing: the registry's. */
    options: Readonly<Record<string, string>>;
  };
}

export const EN: DiscordWords = {
  unknownButton: "I don't recognise that button. It may be from an older version of the bot; try the command again.",
  apology: 'Sorry, something went wrong on my side while handling that (it has been logged). Please try again.',
  apologyTitle: 'Something went wrong',
  onlyCommand: (name: string) => `I only know /${name}; try /${name} help.`,
  postedInChannel: 'Posted in the channel.',
  checklistPlaceholder: 'Tick the points your answer covered',
  showAnswer: 'Show answer',
  reportNothing:
    'That message holds no question, term or scenario of mine to report. Use "Report to admins" on a term card or a revealed round, or `/kms report` with the item id.',
  explainNoText: 'That message has no text to look terms up in.',
  threadRefused: 'I could not start a discussion thread here (I need the Create Public Threads permission in this channel).',
  threadName: 'Discussion',
  picker: {
    kmsDescription: 'Study AWS KMS and encryption at rest: lookups, quiz rounds, scenarios, leaderboards',
    adminDescription: 'Server admin tools for the study bot: daily questions, decks, reports, channel exam date',
    explainTerms: 'Explain terms',
    reportToAdmins: 'Report to admins',
    studyStats: 'Study stats',
    subcommands: {},
    options: {},
  },
};

/** The English apology (tests check its wording). */
export const APOLOGY_TEXT = EN.apology;

/**
 * What DMs and servers without the bot add when a channel-only subcommand is refused: channel
 * features need the bot itself in a server (core shows it under its own refusal, in English).
 */
export const CHANNEL_HINT =
  'Channel features (daily questions, quiz rounds and leaderboards of a channel) need the bot in a server: add it to one and run them in a channel there.';
