/**
 * Environment -> typed Config (zod). Decides which adapters start.
 * The loader (`loadConfig`) is filled in below; these types are the contract adapters build on.
 */

/** Slack adapter settings. Socket Mode when `appToken` is set, else the HTTP receiver. */
export interface SlackConfig {
  /** SLACK_BOT_TOKEN, "xoxb-…". */
  botToken: string;
  /** SLACK_APP_TOKEN, "xapp-…" (Socket Mode). */
  appToken?: string;
  /** SLACK_SIGNING_SECRET (HTTP receiver). */
  signingSecret?: string;
  mode: 'socket' | 'http';
  /** PORT for the HTTP receiver (default 3000); path /slack/events. */
  port: number;
  /** SLACK_API_URL: Web API base override, e.g. "http://127.0.0.1:4010/api/". */
  apiUrl?: string;
}

/** Discord adapter settings. */
export interface DiscordConfig {
  /** DISCORD_TOKEN (bot token). */
  token: string;
  /** DISCORD_APPLICATION_ID (snowflake). */
  applicationId: string;
  /** DISCORD_GUILD_ID: register commands on one guild (instant) instead of globally. */
  guildId?: string;
  /** DISCORD_API_URL: REST base override, e.g. "http://127.0.0.1:4020/api". */
  apiUrl?: string;
}
