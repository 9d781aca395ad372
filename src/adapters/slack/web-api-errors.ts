/**
 * Slack Web API failures in platform-neutral terms: which PosterFailure an error is, and what to tell
 * the user in words. The WebClient already retried rate limits and server errors before we see them.
 */
import { PosterError, type PosterFailure } from '../../core/ports/poster.js';
import { POST_FAILURE } from './text.js';

/** A classified Web API failure: the neutral kind plus Slack's own error code (or a short cause). */
export interface SlackFailure {
  failure: PosterFailure;
  /** Slack's `error` field ("not_in_channel"), "http_503", "network" or "rate_limited". */
  code: string;
}

const FORBIDDEN = new Set([
  'not_in_channel',
  'is_archived',
  'channel_is_archived',
  'missing_scope',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'team_access_not_granted',
  'ekm_access_denied',
  'no_permission',
  'access_denied',
  'not_allowed_token_type',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'invalid_auth',
  'not_authed',
  'cant_update_message',
  'edit_window_closed',
]);

/** What @slack/web-api throws when it stops retrying a rate-limited call. */
const RATE_LIMIT_GIVE_UP = /rate limit was exceeded/i;

const TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

/**
 * Classify an error thrown by a WebClient call. Recognises the @slack/web-api error codes
 * (platform, HTTP, request and rate-limit errors), including the request error that wraps "A rate
 * limit was exceeded" when the client gives up retrying an HTTP 429. Anything else is `unknown`.
 */
export function classifySlackError(err: unknown): SlackFailure {
  const e = record(err);
  const code = typeof e?.code === 'string' ? e.code : undefined;
  if (code === 'slack_webapi_platform_error') {
    const slackCode = String(record(e?.data)?.error ?? 'unknown_error');
    if (slackCode === 'channel_not_found') return { failure: 'channel_not_found', code: slackCode };
    if (slackCode === 'ratelimited' || slackCode === 'rate_limited') return { failure: 'rate_limited', code: slackCode };
    if (FORBIDDEN.has(slackCode)) return { failure: 'forbidden', code: slackCode };
    if (TRANSIENT.has(slackCode)) return { failure: 'transient', code: slackCode };
    return { failure: 'unknown', code: slackCode };
  }
  if (code === 'slack_webapi_rate_limited_error') return { failure: 'rate_limited', code: 'rate_limited' };
  if (code === 'slack_webapi_http_error') {
    const status = Number(e?.statusCode);
    if (status === 429) return { failure: 'rate_limited', code: 'http_429' };
    if (status >= 500 || status === 408) return { failure: 'transient', code: `http_${status}` };
    return { failure: 'unknown', code: `http_${status}` };
  }
  if (code === 'slack_webapi_request_error') {
    // After its last retry of an HTTP 429 the client wraps "A rate limit was exceeded …" as a request error.
    const original = record(e?.original);
    if (typeof original?.message === 'string' && RATE_LIMIT_GIVE_UP.test(original.message)) {
      return { failure: 'rate_limited', code: 'rate_limited' };
    }
    return { failure: 'transient', code: 'network' };
  }
  if (err instanceof Error && RATE_LIMIT_GIVE_UP.test(err.message)) return { failure: 'rate_limited', code: 'rate_limited' };
  return { failure: 'unknown', code: err instanceof Error ? err.name : 'unknown_error' };
}

/** A PosterError that also carries Slack's error code, so the adapter can word it for the user. */
export class SlackPosterError extends PosterError {
  constructor(
    readonly slack: SlackFailure,
    readonly method: string,
    readonly channelId: string,
  ) {
    super(slack.failure, `Slack ${method} failed in channel ${channelId}: ${slack.code}`);
    this.name = 'SlackPosterError';
  }
}

/** Build the PosterError for a failed `method` call on `channelId` (message names method, channel and code). */
export function toPosterError(err: unknown, method: string, channelId: string): SlackPosterError {
  return new SlackPosterError(classifySlackError(err), method, channelId);
}

/**
 * One sentence for the user about why the bot could not post in the channel. `code` is Slack's
 * error code when known (it picks the wording inside `forbidden`).
 */
export function describeFailure(failure: SlackFailure): string {
  switch (failure.failure) {
    case 'channel_not_found':
      return POST_FAILURE.channelNotFound;
    case 'forbidden':
      if (failure.code === 'not_in_channel')
        return POST_FAILURE.notInChannel;
      if (failure.code === 'is_archived' || failure.code === 'channel_is_archived')
        return POST_FAILURE.archived;
      if (failure.code === 'missing_scope')
        return POST_FAILURE.missingScope;
      return POST_FAILURE.forbidden(failure.code);
    case 'rate_limited':
      return POST_FAILURE.rateLimited;
    case 'transient':
      return POST_FAILURE.transient;
    case 'unknown':
      return POST_FAILURE.unknown(failure.code);
  }
}
