/**
 * Test doubles for the round tests: a recording Poster, fake timers, a seeded random source,
 * contexts, and CoreDeps built on a real store (openStore) and the fixture deck.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context, Platform } from '../../src/core/context.js';
import type { DeckLibrary } from '../../src/core/deck/library.js';
import { loadLibrary } from '../../src/core/deck/loader.js';
import type { CoreDeps, Timers } from '../../src/core/deps.js';
import { silentLogger, type Logger } from '../../src/core/ports/logger.js';
import type { MessageRef, Poster } from '../../src/core/ports/poster.js';
import type { StorePorts } from '../../src/core/ports/store.js';
import type { Reply } from '../../src/core/reply.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The fixture deck's content folder (8 questions over s3, ebs, rds, kms). */
export const FIXTURE_CONTENT = path.join(here, 'fixtures', 'content');

let fixtureLibrary: DeckLibrary | undefined;
/** The fixture library, loaded once per test file. */
export function fixtureDecks(): DeckLibrary {
  fixtureLibrary ??= loadLibrary(FIXTURE_CONTENT);
  return fixtureLibrary;
}

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Timers that only fire when the test advances them. */
export class FakeTimers implements Timers {
  now = 0;
  private pending: { at: number; fn: () => void; seq: number }[] = [];
  private seq = 0;

  after(ms: number, fn: () => void): () => void {
    const entry = { at: this.now + ms, fn, seq: this.seq++ };
    this.pending.push(entry);
    return () => {
      this.pending = this.pending.filter((e) => e !== entry);
    };
  }

  /** Move time forward by `ms`, running every timer that falls due, in order. */
  advance(ms: number): void {
    const target = this.now + ms;
    for (;;) {
      const due = this.pending
        .filter((e) => e.at <= target)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.pending = this.pending.filter((e) => e !== due);
      this.now = due.at;
      due.fn();
    }
    this.now = target;
  }

  get size(): number {
    return this.pending.length;
  }
}

/** One recorded poster call. */
export type PosterCall =
  | { op: 'post'; channelId: string; reply: Reply; ref: MessageRef }
  | { op: 'update'; ref: MessageRef; reply: Reply };

/** A Poster that records calls; `failWith` makes calls to listed channels throw. */
export class RecordingPoster implements Poster {
  readonly calls: PosterCall[] = [];
  /** channelId -> error thrown by post/update in that channel. */
  readonly failWith = new Map<string, Error>();
  /** When set, every update throws it (posts still work). */
  updateFailure: Error | undefined;
  private next = 1;

  constructor(readonly platform: Platform = 'terminal') {}

  async post(channelId: string, reply: Reply): Promise<MessageRef> {
    await Promise.resolve();
    const err = this.failWith.get(channelId);
    if (err) throw err;
    const ref: MessageRef = { platform: this.platform, channelId, messageId: `m${this.next++}` };
    this.calls.push({ op: 'post', channelId, reply, ref });
    return ref;
  }

  async update(ref: MessageRef, reply: Reply): Promise<void> {
    await Promise.resolve();
    const err = this.updateFailure ?? this.failWith.get(ref.channelId);
    if (err) throw err;
    this.calls.push({ op: 'update', ref, reply });
  }

  async sendDirect(userId: string, reply: Reply): Promise<MessageRef> {
    await Promise.resolve();
    const ref: MessageRef = { platform: this.platform, channelId: `dm:${userId}`, messageId: `m${this.next++}` };
    this.calls.push({ op: 'post', channelId: ref.channelId, reply, ref });
    return ref;
  }

  posts(): Extract<PosterCall, { op: 'post' }>[] {
    return this.calls.filter((c): c is Extract<PosterCall, { op: 'post' }> => c.op === 'post');
  }

  updates(): Extract<PosterCall, { op: 'update' }>[] {
    return this.calls.filter((c): c is Extract<PosterCall, { op: 'update' }> => c.op === 'update');
  }
}

/** A logger that keeps warn/error entries for assertions. */
export function recordingLogger(): Logger & { entries: { level: string; obj: object; msg?: string }[] } {
  const entries: { level: string; obj: object; msg?: string }[] = [];
  const logger = {
    entries,
    debug() {},
    info() {},
    warn(obj: object, msg?: string) {
      entries.push({ level: 'warn', obj, ...(msg !== undefined ? { msg } : {}) });
    },
    error(obj: object, msg?: string) {
      entries.push({ level: 'error', obj, ...(msg !== undefined ? { msg } : {}) });
    },
    child() {
      return logger;
    },
  };
  return logger;
}

/** CoreDeps on `store` with the fixture deck, a RecordingPoster for 'terminal', fake timers and seeded random. */
export function makeDeps(
  store: StorePorts,
  overrides: Partial<CoreDeps> = {},
): CoreDeps & { poster: RecordingPoster; fakeTimers: FakeTimers } {
  const poster = new RecordingPoster('terminal');
  const fakeTimers = new FakeTimers();
  return {
    store,
    library: fixtureDecks(),
    posters: { terminal: poster },
    logger: silentLogger,
    random: seededRandom(42),
    timers: fakeTimers,
    settings: { channelRoundMs: 15 * 60_000, roundRefreshMs: 10_000 },
    ...overrides,
    poster,
    fakeTimers,
  };
}

/** The fixed start instant most tests use (a Tuesday). */
export const T0 = new Date('2026-03-03T09:00:00Z');

/** A channel context for user `userId` in team "local", channel "general" at `now`. */
export function ctxFor(userId: string, now: Date = T0, overrides: Partial<Context> = {}): Context {
  return {
    platform: 'terminal',
    teamId: 'local',
    channelId: 'general',
    userId,
    userName: userId.charAt(0).toUpperCase() + userId.slice(1),
    isAdmin: false,
    isDirectMessage: false,
    now,
    ...overrides,
  };
}

/** All the text of a reply (title, blocks, footer, button labels), for content assertions. */
export function replyText(reply: Reply): string {
  const parts: string[] = [];
  if (reply.title) parts.push(reply.title);
  for (const b of reply.blocks) {
    switch (b.type) {
      case 'text':
        parts.push(b.text);
        break;
      case 'section':
        parts.push(b.heading, b.text);
        break;
      case 'fields':
        for (const f of b.fields) parts.push(f.label, f.value);
        break;
      case 'choices':
        for (const c of b.choices) parts.push(`${c.letter}. ${c.text}`);
        break;
      case 'list':
        parts.push(...b.items);
        break;
      case 'pre':
        parts.push(...b.lines);
        break;
    }
  }
  for (const btn of reply.buttons ?? []) parts.push(btn.label);
  if (reply.footer) parts.push(reply.footer);
  return parts.join('\n');
}
