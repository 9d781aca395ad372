/**
 * Discord REST errors -> the platform-neutral PosterError the scheduler and core act on.
 * discord.js has already retried 5xx and network failures and waited out rate limits by the
 * time an error reaches here.
 */
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { PosterError } from '../../core/ports/poster.js';

/** Discord JSON error codes this adapter distinguishes (https://discord.com/developers/docs/topics/opcodes-and-status-codes#json). */
const DISCORD_ERROR = {
  unknownChannel: 10003,
  unknownMessage: 10008,
  missingAccess: 50001,
  cannotMessageUser: 50007,
  missingPermissions: 50013,
} as const;

/**
 * Map an error from a REST call on `channelId` to a PosterError (already a PosterError: returned as is):
 * 10003 Unknown Channel -> channel_not_found; 50001 Missing Access, 50013 Missing Permissions and
 * 50007 -> forbidden; a 429 or RateLimitError -> rate_limited; 5xx, timeouts and network errors ->
 * transient; anything else (10008 Unknown Message, 4xx form errors) -> unknown. The message names
 * Discord's code and text and the channel, never a token.
 */
export function posterErrorFrom(err: unknown, channelId: string): PosterError {
  if (err instanceof PosterError) return err;
  if (err instanceof RateLimitError) {
    return new PosterError('rate_limited', `Discord rate limit on channel ${channelId}: retry after ${Math.ceil(err.retryAfter / 1000)} s`);
  }
  if (err instanceof DiscordAPIError) {
    const what = `Discord ${err.code === 0 ? err.status : err.code} ${err.message} (channel ${channelId})`;
    if (err.code === DISCORD_ERROR.unknownChannel) return new PosterError('channel_not_found', what);
    if (err.code === DISCORD_ERROR.missingAccess || err.code === DISCORD_ERROR.missingPermissions || err.code === DISCORD_ERROR.cannotMessageUser) {
      return new PosterError('forbidden', what);
    }
    if (err.status === 429) return new PosterError('rate_limited', what);
    if (err.status >= 500) return new PosterError('transient', what);
    if (err.status === 404 && err.code === 0) return new PosterError('channel_not_found', what);
    return new PosterError('unknown', what);
  }
  if (err instanceof HTTPError) {
    const what = `Discord HTTP ${err.status} ${err.message} (channel ${channelId})`;
    if (err.status === 429) return new PosterError('rate_limited', what);
    return new PosterError(err.status >= 500 ? 'transient' : 'unknown', what);
  }
  // Timeouts (AbortError), refused connections and other fetch failures.
  const message = err instanceof Error ? err.message : String(err);
  return new PosterError('transient', `Discord unreachable: ${message} (channel ${channelId})`);
}
