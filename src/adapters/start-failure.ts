/**
 * One line for a chat adapter's start-up failure that a person can act on: a token the platform
 * refused (naming the variable and where a good one is found) or a port already in use. Anything
 * else is not recognised here (undefined): the caller logs it with its details.
 */

/** Slack's error codes for a bot token it will not accept (auth.test at start-up). */
const SLACK_TOKEN_REFUSALS = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired']);

/** The error's `code` and Slack's `data.error`, when present. */
function codes(err: unknown): { code?: unknown; slackError?: unknown; port?: unknown } {
  if (typeof err !== 'object' || err === null) return {};
  const e = err as { code?: unknown; data?: { error?: unknown }; port?: unknown };
  return { code: e.code, slackError: e.data?.error, port: e.port };
}

/**
 * The one-line message for `err` thrown by an adapter's `start`, or undefined when it is not a
 * refused token or a busy port.
 * - Slack (WebAPIPlatformError with data.error invalid_auth and kin): names SLACK_BOT_TOKEN;
 * - Discord (discord.js error code TokenInvalid): names DISCORD_TOKEN;
 * - EADDRINUSE (the HTTP receiver's listen): names the port and PORT.
 */
export function startFailureLine(err: unknown): string | undefined {
  const { code, slackError, port } = codes(err);
  if (code === 'slack_webapi_platform_error' && typeof slackError === 'string' && SLACK_TOKEN_REFUSALS.has(slackError)) {
    return `Slack refused SLACK_BOT_TOKEN (${slackError}): copy the Bot User OAuth Token (xoxb-…) from your app's OAuth & Permissions page (reinstall the app if it was revoked)`;
  }
  if (code === 'TokenInvalid') {
    return 'Discord refused DISCORD_TOKEN (TokenInvalid): copy the bot token from the Developer Portal (your application → Bot → Reset Token)';
  }
  if (code === 'EADDRINUSE') {
    const which = typeof port === 'number' ? `port ${port}` : 'the port';
    return `${which} is already in use (another kms-tutor, or another server): stop that process or set PORT to a free port`;
  }
  return undefined;
}
