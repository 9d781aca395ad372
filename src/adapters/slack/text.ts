/**
 * The Slack adapter's own words to users (everything else they read comes from core's catalogues in
 * src/core/text/). Plain strings and small templates, so a translation is a change of this file.
 */
/** Shown when a click does not decode. */
export const UNKNOWN_BUTTON =
  "I don't recognise that button. It may belong to an older message; run `/kms help` to start again.";

/** Shown when a handler failed unexpectedly (a bug); the details are in the log. */
export const APOLOGY = 'Sorry, something went wrong on my side (it has been logged). Please try again.';

/** Shown when a typed `/kms` command names no workspace (Slack always sends one: forged or broken). */
export const NO_TEAM_COMMAND = "This command does not say which workspace it came from, so I did nothing. Type it again in your workspace.";

/** Shown when a click carries no channel or team we can scope it to. */
export const UNKNOWN_CLICK_CHANNEL = "I can't tell which channel that click came from, so I did nothing.";

/** One sentence per reason the bot could not post in a channel (see describeFailure). */
export const POST_FAILURE = {
  channelNotFound:
    "I can't find this channel (it may be private or deleted). Invite me to it with `/invite @kms-tutor`, or use me in a channel I'm in.",
  notInChannel: "I'm not a member of this channel, so I can't post here. Invite me with `/invite @kms-tutor` and try again.",
  archived: "This channel is archived, so I can't post in it.",
  missingScope: 'The app is missing a Slack permission for this. Ask a workspace admin to reinstall it from the manifest.',
  /** Any other `forbidden` code, named. */
  forbidden: (code: string) => `Slack doesn't let me post in this channel (${code}).`,
  rateLimited: 'Slack is rate-limiting me right now. Please try again in a minute.',
  transient: "Slack didn't answer just now. Please try again in a moment.",
  /** A refusal we have no words for, with Slack's code. */
  unknown: (code: string) =>
    `Slack refused the message (${code}). Please try again; if it keeps happening, tell whoever runs the bot.`,
} as const;

/** The App Home tab's own buttons and the modals (views.ts). Modal titles and buttons: at most 24 characters. */
export const VIEWS_TEXT = {
  home: {
    scenarioButton: 'Open a scenario',
    lookUpButton: 'Look a term up',
    subscribeButton: 'Daily question…',
    failed: 'Your dashboard could not be loaded just now. Open the Home tab again in a moment.',
    /** Where the answers to Home tab buttons go. */
    answersInMessages: 'Answers to these buttons come in the Messages tab.',
  },
  lookup: {
    title: 'Look a term up',
    submit: 'Look up',
    close: 'Close',
    label: 'Term',
    placeholder: 'e.g. grants, sse-kms, envelope encryption',
    hint: 'A name or an alias; typos are fine. `/kms explain <term>` does the same.',
    /** A submission whose signed payload names no workspace (Slack always sends one: forged or broken). */
    noTeam: 'This form does not say which workspace it came from, so nothing was looked up. Close it and open it again, or use `/kms explain <term>`.',
  },
  subscribe: {
    title: 'Daily question',
    submit: 'Subscribe',
    close: 'Cancel',
    channelLabel: 'Channel',
    channelHint: 'The channel the daily question is posted in (invite the bot there first).',
    timeLabel: 'Time',
    zoneLabel: 'Time zone',
    zonePlaceholder: 'Type a city, e.g. Berlin',
    cadenceLabel: 'Days',
    daily: 'Every day',
    weekdays: 'Weekdays (Monday to Friday)',
    deckLabel: 'Deck',
    intro: 'Post a quiz question in a channel every day. `/kms subscribe 09:00 Europe/Berlin weekdays` does the same.',
    needsChannel: 'Pick a channel (not a direct message): the daily question is posted for everyone there.',
    badTime: 'Pick a time of day.',
    badZone: (zone: string) => `"${zone}" is not a time zone I know; pick one from the list.`,
    badDeck: 'Pick one of the decks.',
    /** A submission whose signed payload names no workspace (Slack always sends one: forged or broken). */
    noTeam: 'This form does not say which workspace it came from, so nothing was subscribed. Close it and open it again, or use `/kms subscribe`.',
  },
  report: {
    title: 'Report a problem',
    submit: 'Send report',
    close: 'Cancel',
    reasonLabel: 'What is wrong?',
    noteLabel: 'In your words (optional)',
    noteHint: (max: number) => `At most ${max} characters. \`/kms report <item> <reason> [text]\` does the same.`,
    noteTooLong: (max: number, length: number) => `At most ${max} characters, please (this is ${length}).`,
    noteNeeded: 'Say in a few words what is wrong when the reason is "other".',
    pickReason: 'Pick what is wrong.',
    /** The modal's private_metadata does not say what it reports (an older or forged form). */
    formLost:
      'This form no longer says which question, term or scenario it reports (it may be from an older version), so nothing was filed. Close it and press "Report a problem" on the message again.',
  },
  selfCheck: {
    title: 'Self-check',
    submit: 'Score it',
    close: 'Cancel',
    pointsLabel: (from: number, to: number) => (from === to ? `Point ${from}` : `Points ${from}-${to}`),
    none: 'My answer covered none of these',
    noneLabel: 'Or',
    hint: '`/kms check <scenario> <points>` does the same.',
    tickSome: 'Tick the points your answer covered, or "none of these".',
    noneAndSome: '"None of these" cannot go with points you ticked.',
    /** The modal's private_metadata does not say which scenario it scores (an older or forged form). */
    formLost:
      'This self-check no longer says which scenario it is for (it may be from an older version), so nothing was scored. Close it and press "Self-check" on the scenario again, or use `/kms check <scenario> <points>`.',
  },
  done: 'Done',
  /** A modal showing a reply after a submission. */
  resultTitle: 'kms-tutor',
  /** A submitted form this version does not know (opened before an update, or not one of ours). */
  staleForm: 'This form is out of date (kms-tutor changed since it was opened), so nothing was done. Close it and open it again from the Home tab, or use `/kms`.',
  /** The message shortcut when its payload names no team or channel. */
  shortcutNoChannel: "I can't tell which channel that message is in, so I did nothing.",
} as const;

/** Why a workspace's subscriptions were paused (stored with them; shown by `subscribe` status). */
export const PAUSED_BY_SLACK = {
  uninstalled: 'the app was uninstalled from this Slack workspace',
  tokensRevoked: "the app's bot token was revoked in this Slack workspace",
} as const;
