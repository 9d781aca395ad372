/**
 * discord.js REST client options from the config: the API base override (DISCORD_API_URL) and the
 * rate-limit policy. Shared by the gateway client and command registration.
 */
import type { RESTOptions, RateLimitData } from 'discord.js';
import type { DiscordConfig } from '../../config.js';

/**
 * Rate-limit waits longer than this make a REST call fail with a RateLimitError (mapped to the
 * Poster's `rate_limited`) instead of holding a scheduled post for minutes; shorter waits are
 * simply waited out by discord.js.
 */
const MAX_RATE_LIMIT_WAIT_MS = 60_000;

/** The discord.js REST options for a config (trailing slashes of the API base are dropped). */
export function restOptions(config: Pick<DiscordConfig, 'apiUrl'>): Partial<RESTOptions> {
  return {
    ...(config.apiUrl ? { api: config.apiUrl.replace(/\/+$/, '') } : {}),
    rejectOnRateLimit: (data: RateLimitData) => data.timeToReset > MAX_RATE_LIMIT_WAIT_MS,
  };
}
