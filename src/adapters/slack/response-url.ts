/**
 * Posting a private answer to a request's `response_url` (Slack's hooks.slack.com endpoint for a
 * click or slash command), as Bolt's `respond` does — one JSON POST, an error for any status but
 * 2xx — but through `node:http` / `node:https` with keep-alive agents instead of `fetch`. In a burst
 * this post is a Slack click's one outbound call, and `fetch` (undici's WHATWG layer: streams,
 * promises, Response objects) cost 0.5-0.67 CPU ms per post on this machine against 0.08-0.17 ms for
 * a plain request on the same keep-alive connections (README, "End-to-end click bursts").
 * The answer's short body is read to its end, so the connection is free for the next post.
 */
import type { RespondArguments } from '@slack/bolt';
import http from 'node:http';
import https from 'node:https';

/** Give up on a post after this long, ms (Slack answers in well under a second). */
const TIMEOUT_MS = 15_000;

/** A response_url that answered with another status than 2xx (expired, too many uses, bad body). */
export class ResponseUrlError extends Error {
  constructor(readonly status: number) {
    super(`Failed to respond to the response_url: ${status}`);
    this.name = 'ResponseUrlError';
  }
}

/**
 * How the listeners answer privately: Bolt's `respond` (whose fetch Response the caller reads) or
 * `responder` below (resolves with nothing once the answer was read).
 */
export type Respond = (message: RespondArguments) => Promise<unknown>;

/** The keep-alive agents every response_url post of the process shares. */
export interface ResponseUrlAgents {
  http: http.Agent;
  https: https.Agent;
}

/**
 * Agents for `responder`: keep-alive, at most `maxSockets` connections per host (default 64). The
 * 15 s timeout is the agents' (a connection silent that long fails its post, or is closed when
 * idle), not each request's: a request with its own timeout re-arms its connection's timer twice
 * per post (when it takes the connection and when it hands it back).
 */
export function responseUrlAgents(maxSockets = 64): ResponseUrlAgents {
  const options = { keepAlive: true, maxSockets, timeout: TIMEOUT_MS };
  return { http: new http.Agent(options), https: new https.Agent(options) };
}

/**
 * A Respond posting to `responseUrl` (http or https). It resolves (with nothing) once Slack's
 * answer was read to its end; it rejects with ResponseUrlError for a non-2xx status, and with the
 * network error (or a timeout after 15 s) otherwise. A missing or non-http(s) URL rejects at once.
 */
export function responder(responseUrl: string | undefined, agents: ResponseUrlAgents): Respond {
  return (message: RespondArguments) => {
    let url: URL;
    try {
      url = new URL(responseUrl ?? '');
    } catch {
      return Promise.reject(new Error('no usable response_url in the request'));
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return Promise.reject(new Error(`response_url is not http(s): ${url.protocol}`));
    const body = JSON.stringify(message);
    const send = url.protocol === 'https:' ? https.request : http.request;
    const agent = url.protocol === 'https:' ? agents.https : agents.http;
    return new Promise<void>((resolve, reject) => {
      const req = send(
        url,
        { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
        (res) => {
          const status = res.statusCode ?? 0;
          res.resume();
          res.on('end', () => (status >= 200 && status < 300 ? resolve() : reject(new ResponseUrlError(status))));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`response_url did not answer within ${TIMEOUT_MS} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  };
}
