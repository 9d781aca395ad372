/**
 * The ceiling baseline of the end-to-end bench: the least a Slack answer click needs, with no
 * framework, store or tutor. A bare `node:http` server on loopback that, per request, reads the body,
 * checks the Slack v0 signature (HMAC-SHA256 over `v0:<timestamp>:<body>`, compared in constant
 * time, timestamp within 5 minutes), parses the `payload` form field, acks with an empty 200, then
 * posts one JSON message to the payload's `response_url` over keep-alive connections. Driven by the
 * same peer at the same C as the real app (peer platform `slack-http`), in the same process the app
 * runs in, so end-to-end / ceiling says how much of this machine the app leaves unused.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A started ceiling server. */
export interface CeilingServer {
  /** Where the peer posts the clicks. */
  eventsUrl: string;
  /** Requests refused (bad signature, stale timestamp, no payload): should stay 0. */
  refused(): number;
  /** Resolves once every response_url post started so far has been answered. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/** True when `signature` is Slack's v0 signature of `body` at `timestamp` (seconds) and the timestamp is within 5 minutes of now. */
function signedBySlack(secret: string, timestamp: string | undefined, signature: string | undefined, body: string): boolean {
  if (!timestamp || !signature) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`);
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Start the ceiling server on a free loopback port; `secret` is the signing secret the peer signs with. */
export async function startCeiling(secret: string): Promise<CeilingServer> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let refused = 0;
  let pending = 0;
  let idle: (() => void)[] = [];
  const done = () => {
    pending--;
    if (pending === 0) {
      for (const resolve of idle) resolve();
      idle = [];
    }
  };
  const respond = (responseUrl: string) => {
    const url = new URL(responseUrl);
    const body = JSON.stringify({ response_type: 'ephemeral', replace_original: false, text: 'Recorded: your answer.' });
    pending++;
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', done);
      },
    );
    req.on('error', () => {
      refused++;
      done();
    });
    req.end(body);
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const ts = req.headers['x-slack-request-timestamp'];
      const sig = req.headers['x-slack-signature'];
      const payload = new URLSearchParams(body).get('payload');
      if (!signedBySlack(secret, typeof ts === 'string' ? ts : undefined, typeof sig === 'string' ? sig : undefined, body) || !payload) {
        refused++;
        res.writeHead(401).end();
        return;
      }
      const responseUrl = (JSON.parse(payload) as { response_url?: string }).response_url;
      res.writeHead(200, { 'Content-Length': 0 }).end();
      if (responseUrl) respond(responseUrl);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    refused: () => refused,
    settled: () => (pending === 0 ? Promise.resolve() : new Promise((resolve) => idle.push(resolve))),
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
