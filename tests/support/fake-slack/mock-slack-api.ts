/**
 * A loopback stand-in for Slack's Web API and response_url endpoints (node:http on 127.0.0.1).
 * Records every call (method, parsed body, Authorization header) and answers like Slack does:
 * `{ ok: true, ... }` with method-specific fields, or whatever a test scripted with `reply()`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One recorded Web API call. */
export interface ApiCall {
  method: string;
  body: Record<string, unknown>;
  authorization?: string;
  /** The JSON body the mock answered with (e.g. chat.postMessage's `ts`), once answered. */
  response?: Record<string, unknown>;
}

/** One recorded response_url post. */
export interface ResponseUrlCall {
  id: string;
  body: Record<string, unknown>;
}

/** One file POSTed to an upload URL handed out by files.getUploadURLExternal. */
export interface UploadedFile {
  fileId: string;
  bytes: Buffer;
  contentType?: string;
}

/** A scripted answer: HTTP status, JSON body and headers. */
export interface ScriptedAnswer {
  /** Answer only after this many ms (a slow Slack). */
  delayMs?: number;
  /** Answer only once this settles (a Slack held back until the test lets it answer). */
  until?: Promise<unknown>;
  /** Answer as the mock does by default (e.g. users.info from its directory), after the wait above. */
  asDefault?: boolean;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A user the mock's users.info knows. */
export interface MockUser {
  id: string;
  name: string;
  displayName?: string;
  tz?: string;
  isAdmin?: boolean;
  isOwner?: boolean;
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    const looksJson = (v.startsWith('[') && v.endsWith(']')) || (v.startsWith('{') && v.endsWith('}'));
    if (looksJson) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        // keep the raw string
      }
    }
    out[k] = v;
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The running mock. */
export class MockSlackApi {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponseUrlCall[] = [];
  /** Files POSTed to upload URLs (the middle step of Slack's file upload), in order. */
  readonly uploads: UploadedFile[] = [];
  private fileCounter = 0;
  private viewCounter = 0;
  /** users.info directory by user id. */
  readonly users = new Map<string, MockUser>();
  /** What apps.connections.open returns as `url` (Socket Mode tests set it). */
  socketUrl = '';
  private readonly scripted = new Map<string, ((body: Record<string, unknown>) => ScriptedAnswer | undefined)[]>();
  private tsCounter = 100;
  private server!: Server;
  private waiters: (() => void)[] = [];
  url = '';

  /** Start on a free loopback port. */
  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((err: unknown) => {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(String(err));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  /** Close the server and its connections. */
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The Web API base URL for `clientOptions.slackApiUrl` / SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** A response_url that records posts under `id`. */
  responseUrl(id: string): string {
    return `${this.url}/response/${encodeURIComponent(id)}`;
  }

  /** Add a user to users.info. */
  addUser(user: MockUser): void {
    this.users.set(user.id, user);
  }

  /**
   * Script `method`: `answer` is asked first for every call (newest script first); returning
   * undefined falls through to the default answer.
   */
  reply(method: string, answer: (body: Record<string, unknown>) => ScriptedAnswer | undefined): void {
    const list = this.scripted.get(method) ?? [];
    list.unshift(answer);
    this.scripted.set(method, list);
  }

  /** Calls of one Web API method, in order. */
  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** response_url posts for `id`, in order. */
  responsesTo(id: string): Record<string, unknown>[] {
    return this.responses.filter((r) => r.id === id).map((r) => r.body);
  }

  /** Resolve once `predicate` holds (checked after every recorded call); reject after `timeoutMs`. */
  async waitFor(predicate: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
    if (predicate()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve();
      };
      this.waiters.push(check);
    });
  }

  /** Wait for the `n`th response_url post to `id` and return it. */
  async nthResponse(id: string, n = 1, timeoutMs = 5000): Promise<Record<string, unknown>> {
    await this.waitFor(() => this.responsesTo(id).length >= n, timeoutMs, `${n} response(s) to ${id}`);
    return this.responsesTo(id)[n - 1]!;
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const bytes = await readBody(req);
    const raw = bytes.toString('utf8');
    const path = new URL(req.url ?? '/', this.url).pathname;
    const send = (answer: ScriptedAnswer) => {
      res.writeHead(answer.status ?? 200, { 'Content-Type': 'application/json', ...answer.headers });
      res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? { ok: true }));
    };
    if (path.startsWith('/upload/')) {
      // Slack answers the upload URL's POST with a plain 200 "OK - <length>".
      this.uploads.push({ fileId: decodeURIComponent(path.slice('/upload/'.length)), bytes, contentType: req.headers['content-type'] });
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(`OK - ${bytes.length}`);
      this.notify();
      return;
    }
    if (path.startsWith('/response/')) {
      const id = decodeURIComponent(path.slice('/response/'.length));
      this.responses.push({ id, body: parseBody(raw, req.headers['content-type']) });
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok');
      this.notify();
      return;
    }
    if (path.startsWith('/api/')) {
      const method = path.slice('/api/'.length);
      const body = parseBody(raw, req.headers['content-type']);
      const call: ApiCall = { method, body, authorization: req.headers.authorization };
      this.calls.push(call);
      let answer: ScriptedAnswer | undefined;
      for (const script of this.scripted.get(method) ?? []) {
        answer = script(body);
        if (answer) break;
      }
      if (answer?.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      if (answer?.until) await answer.until;
      const chosen = answer && !answer.asDefault ? answer : this.defaultAnswer(method, body);
      if (typeof chosen.body === 'object' && chosen.body !== null) call.response = chosen.body as Record<string, unknown>;
      send(chosen);
      this.notify();
      return;
    }
    send({ status: 404, body: { ok: false, error: 'not_found' } });
  }

  private defaultAnswer(method: string, body: Record<string, unknown>): ScriptedAnswer {
    switch (method) {
      case 'chat.postMessage': {
        this.tsCounter += 1;
        const ts = `1700000000.000${this.tsCounter}`;
        return { body: { ok: true, channel: body.channel, ts, message: { type: 'message', text: body.text, ts } } };
      }
      case 'conversations.open':
        // Slack's answer for a 1:1 DM: the IM channel's id.
        return { body: { ok: true, channel: { id: `D${String(body.users ?? '').replace(/^U/, '')}` } } };
      case 'chat.update':
        return { body: { ok: true, channel: body.channel, ts: body.ts, text: body.text } };
      case 'users.info': {
        const user = this.users.get(String(body.user));
        if (!user) return { body: { ok: false, error: 'user_not_found' } };
        return {
          body: {
            ok: true,
            user: {
              id: user.id,
              name: user.name,
              real_name: user.displayName ?? user.name,
              tz: user.tz,
              is_admin: user.isAdmin ?? false,
              is_owner: user.isOwner ?? false,
              is_primary_owner: false,
              profile: { display_name: user.displayName ?? '', real_name: user.displayName ?? user.name },
            },
          },
        };
      }
      case 'apps.connections.open':
        return { body: this.socketUrl ? { ok: true, url: this.socketUrl } : { ok: false, error: 'invalid_auth' } };
      case 'files.getUploadURLExternal': {
        this.fileCounter += 1;
        const fileId = `F0000000${this.fileCounter}`;
        return { body: { ok: true, upload_url: `${this.url}/upload/${fileId}`, file_id: fileId } };
      }
      case 'files.completeUploadExternal': {
        const files = Array.isArray(body.files) ? (body.files as { id: string; title?: string }[]) : [];
        return { body: { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? '', name: f.id })) } };
      }
      case 'views.publish':
      case 'views.open': {
        // Slack answers with the view as stored, with its id.
        this.viewCounter += 1;
        const view = typeof body.view === 'string' ? JSON.parse(body.view) : body.view;
        return { body: { ok: true, view: { id: `V0000${this.viewCounter}`, ...(view as object) } } };
      }
      case 'auth.test':
        return { body: { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0001', user: 'kms-tutor' } };
      default:
        return { body: { ok: false, error: 'unknown_method' } };
    }
  }
}

/** Start a MockSlackApi on a free loopback port. */
export function startMockSlackApi(): Promise<MockSlackApi> {
  return new MockSlackApi().start();
}
