/**
 * The far side of the end-to-end bench, run in its own process (child_process.fork from
 * bench/e2e/burst.ts) so neither the mock nor the clicking steals the app's event loop:
 *   slack-http   - the mock Web API and response_url endpoint (tests/slack/mock-slack-api.ts); clicks
 *                  are block_actions POSTs to the app's /slack/events, signed as Slack signs them
 *                  (tests/slack/slack-requests.ts), over keep-alive connections; latency = until the ack (HTTP 200).
 *   slack-socket - the same mock, whose apps.connections.open hands out this process's loopback
 *                  WebSocket; clicks are `interactive` envelopes; latency = until the envelope's ack.
 *   discord      - the fake Discord REST + gateway (tests/discord/fake-discord.ts); clicks are
 *                  INTERACTION_CREATE button dispatches (tests/discord/payloads.ts); latency = until
 *                  the interaction callback POST arrives.
 * A burst keeps `concurrency` clicks in flight until `users` distinct users have clicked, then waits
 * until every click's feedback arrived (Slack: one response_url post each) and reports latencies
 * (ms), wall time and the outbound calls the app made during the burst.
 *
 * IPC: parent sends PeerRequest messages, this process answers each with one PeerReply.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { FakeDiscord } from '../../tests/support/fake-discord/fake-discord.js';
import { buttonClick, IDS, messageOf } from '../../tests/support/fake-discord/payloads.js';
import { MockSlackApi } from '../../tests/support/fake-slack/mock-slack-api.js';
import { blockActionsBody, blockActionsPayload, signedHeaders, type Where } from '../../tests/support/fake-slack/slack-requests.js';

/** Which platform the peer plays. */
export type PeerPlatform = 'slack-http' | 'slack-socket' | 'discord';

/** Bot token the fake Discord accepts. */
export const PEER_DISCORD_TOKEN = 'bench-bot-token';
/** The Slack channel and team the bench rounds live in. */
export const SLACK_PLACE = { teamId: 'T0001', channelId: 'C0BENCH' } as const;

/** Messages to the peer. */
export type PeerRequest =
  | { type: 'start'; platform: PeerPlatform }
  | {
      type: 'burst';
      /** Slack HTTP: the app's events URL. */
      eventsUrl?: string;
      roundId: number;
      /** The round message's ts (Slack) or id (Discord). */
      messageId: string;
      /** Answer letters, one per user (its length is N). */
      letters: string[];
      /** User ids, one per click. */
      userIds: string[];
      concurrency: number;
    }
  | { type: 'last-update' }
  | { type: 'stop' };

/** What a burst found. */
export interface BurstReport {
  /** Ack/callback latency per click, ms, in click order. */
  latencies: number[];
  /** From the first click sent to the last ack, ms. */
  ackWallMs: number;
  /** From the first click sent until every click's feedback arrived, ms. */
  wallMs: number;
  /** The peer's own CPU time over the burst (process.cpuUsage), ms: when it nears wallMs the peer, not the app, sets the pace. */
  peerCpuMs: number;
  /** Outbound calls the app made during the burst, by method/route. */
  outbound: Record<string, number>;
  /** Clicks whose ack was not a plain success (HTTP status other than 200, ...). */
  failedAcks: number;
  /** Feedback messages per click beyond the first (Slack response_url posts), summed. */
  extraFeedback: number;
  /** Clicks with no feedback. */
  missingFeedback: number;
}

/** Replies from the peer. */
export type PeerReply =
  | { type: 'ready'; apiUrl: string }
  | { type: 'burst'; report: BurstReport }
  | { type: 'last-update'; text: string }
  | { type: 'stopped' };

const send = (m: PeerReply) => process.send?.(m);

let platform: PeerPlatform = 'slack-http';
let slackApi: MockSlackApi | undefined;
let fake: FakeDiscord | undefined;
let wss: WebSocketServer | undefined;
let socket: WebSocket | undefined;
const socketAcks = new Map<string, () => void>();

process.on('message', (m: PeerRequest) => {
  void handle(m).catch((err: unknown) => {
    process.stderr.write(`bench peer: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
});

async function handle(m: PeerRequest): Promise<void> {
  if (m.type === 'start') {
    platform = m.platform;
    if (platform === 'discord') {
      fake = new FakeDiscord({ applicationId: IDS.applicationId, botUserId: IDS.botUserId, guildId: IDS.guildId, channelIds: [IDS.channelId], token: PEER_DISCORD_TOKEN });
      await fake.start();
      send({ type: 'ready', apiUrl: fake.apiUrl });
      return;
    }
    slackApi = await new MockSlackApi().start();
    // users.info knows every user the bench clicks with.
    slackApi.reply('users.info', (body) => {
      const id = String(body.user);
      return { body: { ok: true, user: { id, name: id.toLowerCase(), real_name: id, tz: 'Europe/Berlin', is_admin: false, is_owner: false, is_primary_owner: false, profile: { display_name: id, real_name: id } } } };
    });
    if (platform === 'slack-socket') {
      wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
      await new Promise<void>((resolve) => wss?.once('listening', () => resolve()));
      wss.on('connection', (ws) => {
        socket = ws;
        ws.on('message', (data) => {
          const ack = JSON.parse(String(data)) as { envelope_id?: string };
          if (ack.envelope_id) socketAcks.get(ack.envelope_id)?.();
        });
        ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'applink-bench', build_number: 1, approximate_connection_time: 18060 }, connection_info: { app_id: 'A0KMSTUTOR' } }));
      });
      slackApi.socketUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link/?ticket=bench&app_id=A0KMSTUTOR`;
    }
    send({ type: 'ready', apiUrl: slackApi.apiUrl });
    return;
  }
  if (m.type === 'burst') {
    send({ type: 'burst', report: await burst(m) });
    return;
  }
  if (m.type === 'last-update') {
    const text = slackApi
      ? JSON.stringify(slackApi.callsTo('chat.update').at(-1)?.body ?? {})
      : JSON.stringify(fake?.find('PATCH', /^\/channels\/\d+\/messages\/\d+$/).at(-1)?.body ?? {});
    send({ type: 'last-update', text });
    return;
  }
  await slackApi?.stop();
  for (const c of wss?.clients ?? []) c.terminate();
  await new Promise<void>((resolve) => (wss ? wss.close(() => resolve()) : resolve()));
  await fake?.close();
  // Exit once the reply is out: the fake gateway's closed sockets can keep the process alive
  // (and so the parent, whose child handle stays open) after everything was stopped.
  process.send?.({ type: 'stopped' } satisfies PeerReply, () => process.exit(0));
}

/** Outbound calls recorded so far, by Web API method / REST route shape. */
function outboundCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  const add = (k: string) => {
    counts[k] = (counts[k] ?? 0) + 1;
  };
  if (slackApi) {
    for (const c of slackApi.calls) add(c.method);
    for (let i = 0; i < slackApi.responses.length; i++) add('response_url');
  }
  for (const r of fake?.requests ?? []) add(`${r.method} ${r.path.replace(/\d{5,}/g, ':id').replace(/\/[^/]{40,}/g, '/:token')}`);
  return counts;
}

function minus(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) if (v - (before[k] ?? 0) > 0) out[k] = v - (before[k] ?? 0);
  return out;
}

async function burst(b: Extract<PeerRequest, { type: 'burst' }>): Promise<BurstReport> {
  const n = b.userIds.length;
  const before = outboundCounts();
  // Feedback that arrives while clicks are still being sent counts too.
  const responsesBefore = slackApi?.responses.length ?? 0;
  const latencies = new Array<number>(n).fill(0);
  let failedAcks = 0;
  const responseIds = b.userIds.map((u) => `burst-${b.roundId}-${u}`);
  const click = clicker(b, responseIds);
  const cpu = process.cpuUsage();
  const start = performance.now();
  let lastAck = start;
  let next = 0;
  const lane = async () => {
    while (next < n) {
      const i = next++;
      const t0 = performance.now();
      if (!(await click(i))) failedAcks++;
      lastAck = performance.now();
      latencies[i] = lastAck - t0;
    }
  };
  await Promise.all(Array.from({ length: b.concurrency }, lane));
  const ackWallMs = lastAck - start;
  let missingFeedback = 0;
  let extraFeedback = 0;
  if (slackApi) {
    const api = slackApi;
    const counts = () => {
      const byId = new Map<string, number>();
      for (const r of api.responses) byId.set(r.id, (byId.get(r.id) ?? 0) + 1);
      return byId;
    };
    // Cheap check first: the predicate runs after every recorded call.
    const allIn = () => {
      if (api.responses.length - responsesBefore < n) return false;
      const byId = counts();
      return responseIds.every((id) => byId.has(id));
    };
    await api.waitFor(allIn, 300_000, 'every click feedback').catch(() => {});
    const byId = counts();
    for (const id of responseIds) {
      const c = byId.get(id) ?? 0;
      if (c === 0) missingFeedback++;
      else extraFeedback += c - 1;
    }
  }
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { latencies, ackWallMs, wallMs, peerCpuMs: (used.user + used.system) / 1000, outbound: minus(outboundCounts(), before), failedAcks, extraFeedback, missingFeedback };
}

/** A function sending click `i` and resolving with whether it was acked as a success. */
function clicker(b: Extract<PeerRequest, { type: 'burst' }>, responseIds: string[]): (i: number) => Promise<boolean> {
  if (platform === 'discord') {
    const f = fake as FakeDiscord;
    const posted = f.find('POST', /^\/channels\/\d+\/messages$/).at(-1)?.body ?? {};
    const message = messageOf(IDS.channelId, b.messageId, posted);
    const pending = new Map<string, () => void>();
    // One waiter for every callback of the burst (FakeDiscord.waitFor scans every request recorded).
    void f.waitFor((r) => {
      if (r.method === 'POST' && r.path.startsWith('/interactions/')) pending.get(r.path)?.();
      return false;
    }, 600_000).catch(() => {});
    // Built before the burst starts, so the timed part costs the peer only the sending.
    const interactions = b.userIds.map((userId, i) => buttonClick({ id: userId, username: `learner${i}` }, { kind: 'guild' }, `k1:a:${b.roundId}:${b.letters[i]}`, message));
    return (i) => {
      const interaction = interactions[i] as ReturnType<typeof buttonClick>;
      const path = `/interactions/${interaction.id}/${interaction.token}/callback`;
      return new Promise((resolve) => {
        pending.set(path, () => {
          pending.delete(path);
          resolve(true);
        });
        f.dispatch('INTERACTION_CREATE', interaction);
      });
    };
  }
  const api = slackApi as MockSlackApi;
  const payloadOf = (i: number) => {
    const where: Where = { teamId: SLACK_PLACE.teamId, channelId: SLACK_PLACE.channelId, channelName: 'general', userId: b.userIds[i] as string, userName: `learner${i}` };
    return blockActionsPayload(where, { type: 'button', action_id: `k1:a:${b.roundId}:${b.letters[i]}`, text: b.letters[i] }, api.responseUrl(responseIds[i] as string), { messageTs: b.messageId });
  };
  if (platform === 'slack-socket') {
    const ws = socket as WebSocket;
    const envelopes = b.userIds.map((_, i) =>
      JSON.stringify({ envelope_id: `env-${b.roundId}-${i}`, type: 'interactive', payload: payloadOf(i), accepts_response_payload: false }),
    );
    return (i) =>
      new Promise((resolve) => {
        const id = `env-${b.roundId}-${i}`;
        socketAcks.set(id, () => {
          socketAcks.delete(id);
          resolve(true);
        });
        ws.send(envelopes[i] as string);
      });
  }
  const url = new URL(b.eventsUrl ?? '');
  const agent = new http.Agent({ keepAlive: true, maxSockets: b.concurrency });
  // Signed before the burst starts (the timestamp stays well inside Slack's 5 minutes).
  const requests = b.userIds.map((_, i) => {
    const body = blockActionsBody(payloadOf(i));
    return { body, headers: { ...signedHeaders(body), 'Content-Length': String(Buffer.byteLength(body)) } };
  });
  return (i) => {
    const { body, headers } = requests[i] as { body: string; headers: Record<string, string> };
    return new Promise((resolve) => {
      const req = http.request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode === 200));
        },
      );
      req.on('error', () => resolve(false));
      req.end(body);
    });
  };
}
