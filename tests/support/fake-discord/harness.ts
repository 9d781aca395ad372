/**
 * The end-to-end harness: the fake Discord, the real Tutor on an in-memory store and the real
 * content deck, and the Discord adapter (a real discord.js Client) logged in against the fake.
 * Round refreshes run on fake timers so the tests decide when 10 s have passed.
 */
import type { Action } from '../../../src/core/action.js';
import type { Command } from '../../../src/core/command.js';
import type { Context, TeamScope } from '../../../src/core/context.js';
import { loadLibrary } from '../../../src/core/deck/loader.js';
import type { CoreDeps } from '../../../src/core/deps.js';
import { type Logger, silentLogger } from '../../../src/core/ports/logger.js';
import type { Reply } from '../../../src/core/reply.js';
import { Tutor } from '../../../src/core/tutor.js';
import type { TutorApi } from '../../../src/core/tutor-api.js';
import { discordAdapter, type DiscordAdapter } from '../../../src/adapters/discord/index.js';
import { openStore } from '../../../src/store/open.js';
import { FakeTimers } from '../fake-timers.js';
import { seededRandom } from '../seeded-random.js';
import { FakeDiscord } from './fake-discord.js';
import { IDS } from './payloads.js';

/** The bot token the fake accepts. */
export const BOT_TOKEN = 'fake-bot-token';

/** Everything a test talks to. */
export interface Harness {
  fake: FakeDiscord;
  deps: CoreDeps;
  tutor: Tutor;
  adapter: DiscordAdapter;
  timers: FakeTimers;
  /** Wait for the adapter to finish every interaction in flight (follow-ups included). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real Tutor behind a delay (as if the database or a channel post were slow), to see the
 * adapter defer interactions it cannot answer in time.
 */
class SlowTutor implements TutorApi {
  constructor(
    private readonly tutor: TutorApi,
    private readonly delayMs: number,
  ) {}

  private async later<T>(work: () => Promise<T>): Promise<T> {
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    return work();
  }

  handleText(text: string, ctx: Context): Promise<Reply> {
    return this.later(() => this.tutor.handleText(text, ctx));
  }
  handle(command: Command, ctx: Context): Promise<Reply> {
    return this.later(() => this.tutor.handle(command, ctx));
  }
  act(action: Action, ctx: Context): Promise<Reply> {
    return this.later(() => this.tutor.act(action, ctx));
  }
  explainTermsIn(text: string, ctx: Context): Promise<Reply> {
    return this.later(() => this.tutor.explainTermsIn(text, ctx));
  }
  home(ctx: Context): Promise<Reply> {
    return this.later(() => this.tutor.home(ctx));
  }
  refreshUserName(scope: TeamScope, userId: string, displayName: string, now: Date): Promise<void> {
    return this.tutor.refreshUserName(scope, userId, displayName, now);
  }
  suggestTerms(query: string, limit: number) {
    return this.tutor.suggestTerms(query, limit);
  }
  suggestScenarios(query: string, limit: number) {
    return this.tutor.suggestScenarios(query, limit);
  }
  deckChoices() {
    return this.tutor.deckChoices();
  }
}

/** Harness options. */
export interface HarnessOptions {
  /** Delay every tutor call by this many ms (see SlowTutor). */
  tutorDelayMs?: number;
  /** The adapter's deferAfterMs. */
  deferAfterMs?: number;
  /** The adapter's logger (default: silent, or pino at debug with DEBUG_DISCORD set). */
  logger?: Logger;
}

/** Start the fake, the core (built with the adapter's Poster as `posters.discord`) and the adapter. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = new FakeDiscord({
    applicationId: IDS.applicationId,
    botUserId: IDS.botUserId,
    guildId: IDS.guildId,
    channelIds: [IDS.channelId, IDS.forbiddenChannelId],
    token: BOT_TOKEN,
  });
  await fake.start();
  const timers = new FakeTimers();
  const store = openStore(':memory:');
  // The adapter first, so core is built with its poster (as main does); it starts with the tutor.
  const chat = discordAdapter({
    config: { token: BOT_TOKEN, applicationId: IDS.applicationId, apiUrl: fake.apiUrl },
    ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
    logger:
      options.logger ?? (process.env.DEBUG_DISCORD ? (await import('../../../src/logger.js')).createLogger({ level: 'debug' }) : silentLogger),
  });
  const deps: CoreDeps = {
    store,
    library: loadLibrary('content'),
    posters: { discord: chat.poster },
    logger: silentLogger,
    random: seededRandom(42),
    timers,
    settings: { channelRoundMs: 15 * 60_000, roundRefreshMs: 10_000 },
  };
  const tutor = new Tutor(deps);
  await chat.start({ tutor: options.tutorDelayMs ? new SlowTutor(tutor, options.tutorDelayMs) : tutor });
  const adapter: DiscordAdapter = { poster: chat.poster, client: chat.client, router: chat.router!, stop: () => chat.stop() };
  return {
    fake,
    deps,
    tutor,
    adapter,
    timers,
    async settled() {
      await adapter.router.settled();
      await tutor.rounds.settled();
    },
    async close() {
      tutor.rounds.dispose();
      await adapter.stop();
      await fake.close();
      await store.close();
    },
  };
}
