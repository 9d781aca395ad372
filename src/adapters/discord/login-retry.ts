/**
 * Start-up against an unreachable Discord: like Slack's Web API client, keep trying for minutes
 * instead of giving up after one connection error (no network yet, DNS not ready, Discord down).
 * A refusal (bad token, HTTP error) is not retried.
 */

/** Error codes of a connection that never reached Discord (Node's net/dns and undici's). */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
]);

/** How long start-up keeps retrying an unreachable Discord, in ms (30 minutes, as Slack's client). */
export const LOGIN_RETRY_FOR_MS = 30 * 60_000;

/** The first wait between attempts, in ms; each later wait doubles, up to LOGIN_RETRY_MAX_WAIT_MS. */
const LOGIN_RETRY_FIRST_WAIT_MS = 1_000;

/** The longest wait between attempts, in ms. */
const LOGIN_RETRY_MAX_WAIT_MS = 60_000;

/** True when `err` (or its cause) says Discord could not be reached at all, or a request timed out. */
export function isUnreachable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; typeof e === 'object' && e !== null && depth < 4; depth++) {
    const { code, name, cause } = e as { code?: unknown; name?: unknown; cause?: unknown };
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
    if (name === 'AbortError' || name === 'TimeoutError') return true;
    e = cause;
  }
  return false;
}

/** The wait before attempt `attempt` + 1 (attempt counts from 1), in ms. */
export function retryWaitMs(attempt: number): number {
  return Math.min(LOGIN_RETRY_MAX_WAIT_MS, LOGIN_RETRY_FIRST_WAIT_MS * 2 ** Math.max(0, attempt - 1));
}
