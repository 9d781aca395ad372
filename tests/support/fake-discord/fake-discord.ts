/**
 * A small fake Discord on loopback for the adapter tests: an HTTP server standing in for the REST
 * API (the client's `rest.api` points at `apiUrl`) and a `ws` server standing in for the gateway.
 *
 * REST: GET /gateway/bot (points the client at the fake gateway), POST /interactions/:id/:token/callback,
 * PATCH/POST/DELETE /webhooks/:app/:token(/messages/@original), POST/PATCH /channels/:id/messages(/:mid),
 * POST /channels/:id/messages/:mid/threads (a public thread started from a message; its id is the
 * message's), PUT /applications/:app(/guilds/:guild)/commands. Every request is recorded;
 * `failChannel` makes message creation in one channel fail with a Discord error, `failThreads`
 * thread creation there.
 *
 * Gateway: HELLO (op 10), expects IDENTIFY (op 2), sends READY then GUILD_CREATE, ACKs heartbeats
 * (op 11), and `dispatch(t, d)` sends further dispatches (op 0) such as INTERACTION_CREATE.
 * Sharding as Discord does it: `GET /gateway/bot` recommends `shards` (default 1); each connection's
 * IDENTIFY names `[shard_id, num_shards]`, its READY echoes that and lists only the guilds with
 * `(guild_id >> 22) % num_shards == shard_id`, and a dispatch about a guild goes to that guild's
 * shard (anything else to shard 0, as DMs do).
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WireJson } from '../wire-json.js';

/** One recorded REST request. */
export interface RecordedRequest {
  method: string;
  /** Path after /api/v10, e.g. "/channels/123/messages". */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: WireJson;
  /** Files of a multipart/form-data request (pictures attached to a message), in order. */
  files?: { field: string; name: string; type: string; bytes: Buffer }[];
  /** The JSON the fake answered with (e.g. the created message, with its id), once answered. */
  response?: WireJson;
}

/** A Discord error response for a failing route. */
export interface DiscordFailure {
  status: number;
  code: number;
  message: string;
  /** Extra response headers (rate-limit headers for a 429). */
  headers?: Record<string, string>;
  /** Seconds to wait, for a 429 body. */
  retry_after?: number;
}

/** Discord's own error responses for the failures the tests provoke. */
export const DISCORD_FAILURES = {
  missingPermissions: { status: 403, code: 50013, message: 'Missing Permissions' },
  missingAccess: { status: 403, code: 50001, message: 'Missing Access' },
  /** A user who does not accept direct messages from the bot. */
  cannotMessageUser: { status: 403, code: 50007, message: 'Cannot send messages to this user' },
  unknownChannel: { status: 404, code: 10003, message: 'Unknown Channel' },
  serverError: { status: 502, code: 0, message: '502: Bad Gateway' },
  /** A route rate limit with two minutes to wait. */
  rateLimited: {
    status: 429,
    code: 0,
    message: 'You are being rate limited.',
    retry_after: 120,
    headers: { 'retry-after': '120', 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': '120', 'x-ratelimit-bucket': 'fake-bucket', 'x-ratelimit-scope': 'user' },
  },
} as const satisfies Record<string, DiscordFailure>;

/** The fake's fixed ids and objects. */
export interface FakeDiscordOptions {
  applicationId: string;
  botUserId: string;
  guildId: string;
  /** Text channels of the guild. */
  channelIds: string[];
  /** The bot token the REST API accepts ("Authorization: Bot <token>"); other tokens get 401. */
  token: string;
  /** More guilds the bot is in, each with its text channels. */
  moreGuilds?: { guildId: string; channelIds: string[] }[];
  /** The shard count `GET /gateway/bot` recommends (default 1). */
  shards?: number;
}

/** The shard a guild's events go to: `(guild_id >> 22) % num_shards` (Discord's formula). */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

const API_PREFIX = '/api/v10';

let nextId = 1_300_000_000_000_000_000n;
/** A Discord snowflake-like id (19 digits) that grows with each call. */
export function snowflake(): string {
  nextId += 1n;
  return nextId.toString();
}

/** Fake Discord REST + gateway. */
export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  readonly gatewayFrames: WireJson[] = [];
  private readonly failures = new Map<string, DiscordFailure>();
  private readonly waiters: { match: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }[] = [];
  private readonly http = http.createServer((req, res) => void this.onRequest(req, res));
  private readonly wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  /** The open gateway connection of each identified shard, with its own sequence number. */
  private readonly shardSockets = new Map<number, { socket: WebSocket; seq: number }>();
  /** `num_shards` of the IDENTIFYs (1 until one arrives). */
  private shardCount = 1;

  constructor(readonly options: FakeDiscordOptions) {
    this.wss.on('connection', (socket) => this.onConnection(socket));
  }

  /** Start both servers on ephemeral loopback ports. */
  async start(): Promise<void> {
    this.http.listen(0, '127.0.0.1');
    await once(this.http, 'listening');
    if (this.wss.address() === null) await once(this.wss, 'listening');
  }

  /** The REST base to pass as `rest.api` / DISCORD_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${(this.http.address() as AddressInfo).port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}`;
  }

  /** The DM channel POST /users/@me/channels opens with `userId` (one per user, stable). */
  dmChannelFor(userId: string): string {
    let id = this.dmChannels.get(userId);
    if (id === undefined) {
      id = snowflake();
      this.dmChannels.set(userId, id);
    }
    return id;
  }

  private readonly dmChannels = new Map<string, string>();

  /** Make POST /channels/:channelId/messages fail with `failure`. */
  failChannel(channelId: string, failure: DiscordFailure): void {
    this.failures.set(channelId, failure);
  }

  private readonly threadFailures = new Map<string, DiscordFailure>();

  /** Make starting a thread from a message in `channelId` fail with `failure`. */
  failThreads(channelId: string, failure: DiscordFailure): void {
    this.threadFailures.set(channelId, failure);
  }

  /** Parent channel of each thread started so far, by thread id. */
  private readonly threads = new Map<string, string>();

  /** Requests matching a method and a path pattern. */
  find(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  /** Resolves with the first request (already recorded or future) that matches. */
  waitFor(match: (r: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
    const seen = this.requests.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('fake Discord: no matching request arrived')), timeoutMs);
      this.waiters.push({
        match,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      });
    });
  }

  /** The shard ids identified so far, ascending. */
  get identifiedShards(): number[] {
    return [...this.shardSockets.keys()].sort((a, b) => a - b);
  }

  /**
   * Send a gateway dispatch (op 0) on `shard`; by default the shard of `d.guild_id` (see
   * shardOfGuild), else shard 0.
   */
  dispatch(t: string, d: unknown, shard?: number): void {
    const guildId = (d as { guild_id?: unknown } | null)?.guild_id;
    const target = shard ?? (typeof guildId === 'string' ? shardOfGuild(guildId, this.shardCount) : 0);
    const connection = this.shardSockets.get(target);
    if (!connection) throw new Error(`fake Discord: no gateway connection for shard ${target}`);
    connection.seq += 1;
    connection.socket.send(JSON.stringify({ op: 0, t, s: connection.seq, d }));
  }

  /**
   * Dispatch an INTERACTION_CREATE and resolve with the body of its callback
   * (POST /interactions/:id/:token/callback).
   */
  async interact(interaction: { id: string; token: string }): Promise<WireJson> {
    const path = `/interactions/${interaction.id}/${interaction.token}/callback`;
    const callback = this.waitFor((r) => r.method === 'POST' && r.path === path);
    this.dispatch('INTERACTION_CREATE', interaction);
    return (await callback).body;
  }

  /** Close both servers. */
  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  // --- gateway

  private onConnection(socket: WebSocket): void {
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null }));
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw));
      this.gatewayFrames.push(frame);
      if (frame.op === 1) socket.send(JSON.stringify({ op: 11 }));
      if (frame.op === 2) this.onIdentify(socket, Array.isArray(frame.d?.shard) ? frame.d.shard : [0, 1]);
    });
    socket.on('close', () => {
      for (const [id, connection] of this.shardSockets) if (connection.socket === socket) this.shardSockets.delete(id);
    });
  }

  private onIdentify(socket: WebSocket, [shardId, shardCount]: [number, number]): void {
    const { applicationId, botUserId, guildId, channelIds } = this.options;
    this.shardCount = shardCount;
    this.shardSockets.set(shardId, { socket, seq: 0 });
    const guilds = [{ guildId, channelIds }, ...(this.options.moreGuilds ?? [])].filter((g) => shardOfGuild(g.guildId, shardCount) === shardId);
    this.dispatch(
      'READY',
      {
        v: 10,
        user: { id: botUserId, username: 'kms-tutor', discriminator: '0', global_name: null, avatar: null, bot: true, flags: 0 },
        guilds: guilds.map((g) => ({ id: g.guildId, unavailable: true })),
        session_id: `fake-session-${shardId}`,
        resume_gateway_url: this.gatewayUrl,
        shard: [shardId, shardCount],
        application: { id: applicationId, flags: 0 },
      },
      shardId,
    );
    for (const g of guilds) this.dispatch('GUILD_CREATE', this.guildCreate(g.guildId, g.channelIds), shardId);
  }

  /** A GUILD_CREATE payload for a guild and its text channels. */
  private guildCreate(guildId: string, channelIds: string[]): unknown {
    return {
      id: guildId,
      name: 'Study group',
      icon: null,
      owner_id: '1100000000000000001',
      unavailable: false,
      member_count: 4,
      large: false,
      joined_at: '2026-01-05T10:00:00.000Z',
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      system_channel_flags: 0,
      preferred_locale: 'en-US',
      features: [],
      roles: [{ id: guildId, name: '@everyone', color: 0, hoist: false, position: 0, permissions: '2248473465835073', managed: false, mentionable: false, flags: 0 }],
      emojis: [],
      stickers: [],
      channels: channelIds.map((id, position) => ({
        id,
        type: 0,
        guild_id: guildId,
        name: `study-${position}`,
        position,
        permission_overwrites: [],
        nsfw: false,
        parent_id: null,
        topic: null,
        last_message_id: null,
        rate_limit_per_user: 0,
      })),
      threads: [],
      members: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  // --- REST

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = Buffer.concat(chunks);
    const text = raw.toString('utf8');
    let body: unknown;
    let files: RecordedRequest['files'];
    const contentType = String(req.headers['content-type'] ?? '');
    if (contentType.startsWith('multipart/form-data')) {
      // discord.js sends attachments as multipart: the JSON in payload_json, each file as files[n].
      const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
      const payload = form.get('payload_json');
      body = typeof payload === 'string' ? JSON.parse(payload) : undefined;
      files = [];
      for (const [field, value] of form.entries()) {
        if (typeof value !== 'string') files.push({ field, name: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
      }
    } else if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const pathname = decodeURIComponent(url.pathname); // "@original" arrives as "%40original"
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: pathname.startsWith(API_PREFIX) ? pathname.slice(API_PREFIX.length) : pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      ...(files ? { files } : {}),
    };
    this.requests.push(record);
    const [status, payload, headers = {}] = this.authorised(record) ? this.route(record) : [401, { code: 0, message: '401: Unauthorized' }];
    record.response = payload;
    res.writeHead(status, { ...headers, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) });
    res.end(payload === undefined ? undefined : JSON.stringify(payload));
    for (const waiter of [...this.waiters]) {
      if (waiter.match(record)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(record);
      }
    }
  }

  /** Interaction callbacks and webhooks are authorised by their token in the path; the rest need the bot token. */
  private authorised(r: RecordedRequest): boolean {
    if (/^\/(interactions|webhooks)\//.test(r.path)) return true;
    return r.headers.authorization === `Bot ${this.options.token}`;
  }

  /** A message object as Discord returns it for a created or edited message. */
  private message(channelId: string, id: string, body: WireJson): unknown {
    return {
      id,
      channel_id: channelId,
      author: { id: this.options.botUserId, username: 'kms-tutor', discriminator: '0', global_name: null, avatar: null, bot: true },
      content: body?.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      pinned: false,
      type: 0,
      flags: body?.flags ?? 0,
    };
  }

  private route(r: RecordedRequest): [number, unknown, Record<string, string>?] {
    const { method, path } = r;
    if (method === 'GET' && path === '/gateway/bot') {
      // A large bot's max_concurrency lets all shards identify at once (no 5 s waits between them).
      const shards = this.options.shards ?? 1;
      return [200, { url: this.gatewayUrl, shards, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: shards } }];
    }
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return [204, undefined];
    let m = /^\/webhooks\/(\d+)\/([^/]+)(\/messages\/@original)?$/.exec(path);
    if (m) {
      if (method === 'DELETE') return [204, undefined];
      return [200, this.message('0', snowflake(), r.body)];
    }
    if (method === 'POST' && path === '/users/@me/channels') {
      // Discord's DM channel object (type 1 = DM) with its recipient.
      const recipient = String((r.body as { recipient_id?: unknown }).recipient_id ?? '');
      return [200, { id: this.dmChannelFor(recipient), type: 1, last_message_id: null, flags: 0, recipients: [{ id: recipient, username: `user-${recipient}`, discriminator: '0', global_name: null, avatar: null }] }];
    }
    m = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path);
    if (m && method === 'POST') {
      const [, channelId = '', messageId = ''] = m;
      const failure = this.threadFailures.get(channelId);
      if (failure) return [failure.status, { code: failure.code, message: failure.message }];
      if (this.threads.has(messageId)) return [400, { code: 160004, message: 'A thread has already been created for this message' }];
      this.threads.set(messageId, channelId);
      // Discord's thread channel object (type 11 = public thread); a thread from a message has the message's id.
      const name = String((r.body as { name?: unknown }).name ?? '');
      return [
        201,
        {
          id: messageId,
          type: 11,
          guild_id: this.options.guildId,
          parent_id: channelId,
          name,
          owner_id: this.options.botUserId,
          last_message_id: null,
          rate_limit_per_user: 0,
          message_count: 0,
          member_count: 1,
          flags: 0,
          thread_metadata: { archived: false, auto_archive_duration: (r.body as { auto_archive_duration?: number }).auto_archive_duration ?? 4320, archive_timestamp: new Date().toISOString(), locked: false },
          total_message_sent: 0,
        },
      ];
    }
    m = /^\/channels\/(\d+)\/messages(?:\/(\d+))?$/.exec(path);
    if (m) {
      const [, channelId = '', messageId] = m;
      const failure = this.failures.get(channelId);
      if (failure) {
        const body = { code: failure.code, message: failure.message, ...(failure.retry_after ? { retry_after: failure.retry_after, global: false } : {}) };
        return [failure.status, body, failure.headers ?? {}];
      }
      if (method === 'POST' && !messageId) return [200, this.message(channelId, snowflake(), r.body)];
      if (method === 'PATCH' && messageId) return [200, this.message(channelId, messageId, r.body)];
    }
    m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path);
    if (m && method === 'PUT' && Array.isArray(r.body)) {
      const [, applicationId, guildId] = m;
      return [
        200,
        r.body.map((c: WireJson) => ({ ...c, id: snowflake(), application_id: applicationId, ...(guildId ? { guild_id: guildId } : {}), version: snowflake(), type: c.type ?? 1 })),
      ];
    }
    return [404, { code: 0, message: '404: Not Found' }];
  }
}
