/**
 * The Slack adapter's own words to users (everything else they read comes from core's catalogues in
 * src/core/text/). Plain strings and small templates, so a translation is a change of this file.
 */
/** Shown when a click does not decode. */
export const UNKNOWN_BUTTON =
  "I don't recognise that button. It may belong to an older message; run `/kms help` to start again.";

/** Shown when a handler failed unexpectedly (a bug); the details are in the log. */
export const APOLOGY = 'Sorry, something went wrong on my side (it has been logged). Please try again.';

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

/** Why a workspace's subscriptions were paused (stored with them; shown by `subscribe` status). */
export const PAUSED_BY_SLACK = {
  uninstalled: 'the app was uninstalled from this Slack workspace',
  tokensRevoked: "the app's bot token was revoked in this Slack workspace",
} as const;
