/**
 * End-to-end harness: the real Bolt app (HTTP receiver on a free loopback port, or Socket Mode),
 * the real Tutor over an in-memory SQLite store and the fixture deck, and the mock Web API.
 */
import type { AnswerRow } from '../../../src/core/ports/store.js';
import type { Logger } from '../../../src/core/ports/logger.js';
import type { PosterRegistry } from '../../../src/core/ports/poster.js';
import type { DeckLibrary } from '../../../src/core/deck/library.js';
import { loadLibrary } from '../../../src/core/deck/loader.js';
import { Tutor } from '../../../src/core/tutor.js';
import { openStore } from '../../../src/store/index.js';
import { createSlackApp, EVENTS_PATH, type CreateSlackAppOptions, type SlackApp } from '../../../src/adapters/slack/index.js';
import type { SlackConfig } from '../../../src/config.js';
import { FakeTimers } from '../fake-timers.js';
import { seededRandom } from '../seeded-random.js';
import { startMockSlackApi, type MockSlackApi } from './mock-slack-api.js';
import { SIGNING_SECRET, signedHeaders } from './slack-requests.js';

/** The fixture deck folder (a content folder with decks/slack-test-deck). */
export const FIXTURE_CONTENT = new URL('../../slack/fixtures/content', import.meta.url).pathname;

/** One recorded log line. */
export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: Record<string, unknown>;
  msg?: string;
}

/** A Logger that keeps every entry (bindings merged in), for asserting what was logged. */
export function recordingLogger(entries: LogEntry[] = [], bindings: Record<string, unknown> = {}): Logger & { entries: LogEntry[] } {
  const at =
    (level: LogEntry['level']) =>
    (obj: object, msg?: string): void => {
      entries.push({ level, obj: { ...bindings, ...(obj as Record<string, unknown>) }, msg });
    };
  return {
    entries,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (b) => recordingLogger(entries, { ...bindings, ...b }),
  };
}

/** Poll `predicate` every 5 ms until it holds; reject after `timeoutMs`. For state the mock cannot see (the store). */
export async function until(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A running end-to-end setup. */
export interface Harness {
  api: MockSlackApi;
  slack: SlackApp;
  tutor: Tutor;
  store: ReturnType<typeof openStore>;
  timers: FakeTimers;
  logger: ReturnType<typeof recordingLogger>;
  /** Base URL of the Bolt HTTP receiver (HTTP mode). */
  baseUrl: string;
  /** POST a raw body to /slack/events, signed unless headers say otherwise. */
  send(body: string, headers?: Record<string, string>): Promise<{ status: number; text: string }>;
  /** The answer a user stored for a round, if any. */
  answer(roundId: number, userId: string): Promise<AnswerRow | undefined>;
  stop(): Promise<void>;
}

/** Start the mock Web API, the Tutor and the Slack app. */
export async function startHarness(
  options: { mode?: 'http' | 'socket'; socketUrl?: (api: MockSlackApi) => string; extra?: Partial<CreateSlackAppOptions>; library?: DeckLibrary } = {},
): Promise<Harness> {
  const api = await startMockSlackApi();
  const store = openStore(':memory:');
  const library = options.library ?? loadLibrary(FIXTURE_CONTENT);
  const timers = new FakeTimers();
  const logger = recordingLogger();
  const mode = options.mode ?? 'http';
  if (options.socketUrl) api.socketUrl = options.socketUrl(api);
  const config: SlackConfig =
    mode === 'socket'
      ? { botToken: 'xoxb-test-token', appToken: 'xapp-test-token', mode: 'socket', port: 0, apiUrl: api.apiUrl }
      : { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET, mode: 'http', port: 0, apiUrl: api.apiUrl };
  // The app first, so core is built with its poster (as main does); it starts with the tutor.
  const slack = createSlackApp({
    config,
    logger,
    clientOptions: { retryConfig: { retries: 0 } },
    botId: 'BBOT',
    botUserId: 'UBOT',
    ...options.extra,
  });
  const posters: PosterRegistry = { slack: slack.poster };
  const tutor = new Tutor({
    store,
    library,
    posters,
    logger,
    random: seededRandom(),
    timers,
    settings: { channelRoundMs: 15 * 60_000, roundRefreshMs: 10_000 },
  });
  const { port } = await slack.start(tutor);
  const baseUrl = port ? `http://127.0.0.1:${port}` : '';
  return {
    api,
    slack,
    tutor,
    store,
    timers,
    logger,
    baseUrl,
    async send(body, headers) {
      const res = await fetch(`${baseUrl}${EVENTS_PATH}`, { method: 'POST', headers: headers ?? signedHeaders(body), body });
      return { status: res.status, text: await res.text() };
    },
    answer: (roundId, userId) => store.getAnswer(roundId, userId),
    async stop() {
      tutor.rounds.dispose();
      await slack.stop();
      await api.stop();
      await store.close();
    },
  };
}
