/**
 * Who is asking, where, and when: the platform-neutral context of one event.
 * Adapters build it from a Slack request, a Discord interaction or a terminal line.
 */

/**
 * The chat platform an event came from: the `platform` id of the adapter that built it ("slack",
 * "discord", "terminal", or a newer adapter's own id). Stored with teams, rounds and subscriptions,
 * so an adapter's id never changes. Open on purpose: adding a platform edits nothing in core.
 */
export type Platform = string;

/** A team: a Slack workspace (team id "T…"), a Discord guild (snowflake) or the terminal's "local". */
export interface TeamScope {
  platform: Platform;
  /** Slack team id, Discord guild id (or `dm:<userId>` for a Discord DM), or "local". */
  teamId: string;
}

/** A channel inside a team: Slack channel id "C…", Discord channel snowflake, or "terminal". */
export interface ChannelScope extends TeamScope {
  channelId: string;
}

/**
 * What differs per platform that core's words need, supplied by the adapter that built the
 * Context (core text never names a platform itself). Every field is plain user-facing text.
 */
export interface Surface {
  /** How a command is typed there, with a trailing space when non-empty: "/kms " or "" (terminal). */
  commandPrefix: string;
  /** Who may run admin subcommands there, in words, e.g. "workspace admins and owners". */
  adminRule: string;
  /** How to let the bot post in a channel there, in words (ends without a period). */
  inviteHint: string;
  /**
   * Added as its own line where a channel-only subcommand is refused outside a channel: how to get
   * somewhere it works there (a full sentence), e.g. that the bot must be added to a server first.
   */
  channelHint?: string;
  /**
   * Said where a subscription is set or shown when this process posts nothing on schedule (a
   * one-shot command), e.g. what must run for posts to happen; absent where the scheduler runs.
   */
  scheduleNote?: string;
}

/** The context of one command, button click or scheduled event. */
export interface Context extends ChannelScope {
  /** Platform user id (Slack "U…", Discord snowflake, terminal user name). */
  userId: string;
  /** Display name shown on leaderboards. */
  userName: string;
  /**
   * True when `userName` is only the account's handle from the event itself (a click, before the
   * adapter looked the display name up): core then keeps a name already stored for the user and
   * stores the handle only for a user who has none.
   */
  userNameIsHandle?: boolean;
  /**
   * May run admin subcommands (subscribe, unsubscribe): Slack workspace admin/owner,
   * Discord member with Manage Server, everyone in the terminal.
   */
  isAdmin: boolean;
  /** True for a direct message (no channel to post rounds in, no team board). */
  isDirectMessage: boolean;
  /** The user's own IANA time zone when the platform gives one (Slack users.info `tz`), else undefined. */
  userTimeZone?: string;
  /** When the event happened (UTC instant). Core never reads the wall clock itself. */
  now: Date;
  /** The platform's words for prefix, admins and invites; core falls back to neutral text when absent. */
  surface?: Surface;
}
