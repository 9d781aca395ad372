/**
 * Test doubles for the round tests: a recording Poster, fake timers, a seeded random source,
 * contexts, and CoreDeps built on a real store (openStore) and the fixture deck.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from '../../src/core/context.js';
import type { DeckLibrary } from '../../src/core/deck/library.js';
import { loadLibrary } from '../../src/core/deck/loader.js';
import type { CoreDeps } from '../../src/core/deps.js';
import { silentLogger, type Logger } from '../../src/core/ports/logger.js';
import type { StorePorts } from '../../src/core/ports/store.js';
import type { Reply } from '../../src/core/reply.js';
import { FakeTimers } from '../support/fake-timers.js';
import { RecordingPoster } from '../support/recording-poster.js';
import { seededRandom } from '../support/seeded-random.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The fixture deck's content folder (8 questions over s3, ebs, rds, kms). */
const FIXTURE_CONTENT = path.join(here, 'fixtures', 'content');

let fixtureLibrary: DeckLibrary | undefined;
/** The fixture library, loaded once per test file. */
export function fixtureDecks(): DeckLibrary {
  fixtureLibrary ??= loadLibrary(FIXTURE_CONTENT);
  return fixtureLibrary;
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
