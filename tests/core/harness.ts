/**
 * Test harness for core: an in-memory store, the fixture deck (or the real one), the recording
 * Poster, fake timers and seeded random of tests/support, and a Context builder. Built for tests/core and tests/terminal.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from '../../src/core/context.js';
import type { DeckLibrary } from '../../src/core/deck/library.js';
import { loadLibrary } from '../../src/core/deck/loader.js';
import type { CoreDeps } from '../../src/core/deps.js';
import type { Logger } from '../../src/core/ports/logger.js';
import type { RoundRow, StoreHandle } from '../../src/core/ports/store.js';
import type { Reply } from '../../src/core/reply.js';
import { Tutor } from '../../src/core/tutor.js';
import { openStore } from '../../src/store/index.js';
import { LETTERS } from '../../src/core/round-view.js';
import { FakeTimers } from '../support/fake-timers.js';
import { RecordingPoster } from '../support/recording-poster.js';
import { seededRandom } from '../support/seeded-random.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The fixture content folder (deck "mini-deck"). */
export const FIXTURE_CONTENT = path.join(here, 'fixtures', 'content');
/** The project's real content folder. */
export const REAL_CONTENT = path.resolve(here, '..', '..', 'content');

/** A logger that records error and warn calls. */
function recordingLogger(): Logger & { errors: unknown[][]; warnings: unknown[][] } {
  const errors: unknown[][] = [];
  const warnings: unknown[][] = [];
  const logger = {
    errors,
    warnings,
    debug() {},
    info() {},
    warn(obj: object, msg?: string) {
      warnings.push([obj, msg]);
    },
    error(obj: object, msg?: string) {
      errors.push([obj, msg]);
    },
    child() {
      return logger;
    },
  };
  return logger;
}

const libraries = new Map<string, DeckLibrary>();
/** Load (once per test file) the library under `contentDir`. */
function library(contentDir = FIXTURE_CONTENT): DeckLibrary {
  let lib = libraries.get(contentDir);
  if (!lib) {
    lib = loadLibrary(contentDir);
    libraries.set(contentDir, lib);
  }
  return lib;
}

/** Everything a core test needs. */
export interface Harness {
  store: StoreHandle;
  deps: CoreDeps;
  tutor: Tutor;
  poster: RecordingPoster;
  timers: FakeTimers;
  logger: ReturnType<typeof recordingLogger>;
  subscriptionChanges: unknown[];
  /** A Context for `user` in the terminal team/channel (override anything). */
  ctx(user?: string, over?: Partial<Context>): Context;
  /** Run text as `user` and return the reply. */
  say(text: string, user?: string, over?: Partial<Context>): Promise<Reply>;
  close(): void;
}

/** The fixed "now" of core tests: Wednesday 2026-11-25 10:00 UTC (ISO week 2026-W48). */
export const NOW = new Date('2026-11-25T10:00:00Z');

/** Build a harness on a fresh in-memory database (or on `store`, e.g. a file database). */
export function makeHarness(opts: { content?: string; now?: Date; store?: StoreHandle } = {}): Harness {
  const store = opts.store ?? openStore(':memory:');
  const poster = new RecordingPoster('terminal');
  const timers = new FakeTimers();
  const logger = recordingLogger();
  const subscriptionChanges: unknown[] = [];
  const deps: CoreDeps = {
    store,
    library: library(opts.content),
    posters: { terminal: poster },
    logger,
    random: seededRandom(),
    timers,
    settings: { channelRoundMs: 15 * 60_000, roundRefreshMs: 10_000 },
    onSubscriptionChange: (c) => subscriptionChanges.push(c),
  };
  const tutor = new Tutor(deps);
  const ctx = (user = 'alice', over: Partial<Context> = {}): Context => ({
    platform: 'terminal',
    teamId: 'local',
    channelId: 'terminal',
    userId: user,
    userName: user,
    isAdmin: true,
    isDirectMessage: false,
    now: opts.now ?? NOW,
    ...over,
  });
  return {
    store,
    deps,
    tutor,
    poster,
    timers,
    logger,
    subscriptionChanges,
    ctx,
    say: (text, user, over) => tutor.handleText(text, ctx(user, over)),
    close: () => store.close(),
  };
}

/** The letter of a round's correct choice and one wrong letter. */
export function lettersOf(round: RoundRow): { right: string; wrong: string } {
  const pos = round.choiceOrder.indexOf(round.correctIndex);
  return { right: LETTERS[pos] as string, wrong: LETTERS[(pos + 1) % round.choiceOrder.length] as string };
}

/** All text of a reply (title, blocks, footer), for assertions. */
export function textOf(reply: Reply): string {
  const parts: string[] = [reply.title ?? ''];
  for (const b of reply.blocks) {
    if (b.type === 'text') parts.push(b.text);
    else if (b.type === 'section') parts.push(b.heading, b.text);
    else if (b.type === 'fields') parts.push(...b.fields.map((f) => `${f.label}: ${f.value}`));
    else if (b.type === 'choices') parts.push(...b.choices.map((c) => `${c.letter}) ${c.text}`));
    else if (b.type === 'list') parts.push(...b.items);
    else if (b.type === 'image') parts.push(b.alt);
    else parts.push(...b.lines);
  }
  parts.push(reply.footer ?? '');
  return parts.join('\n');
}
