/**
 * The Discord adapter: a discord.js v14 gateway client (Guilds intent only, no message content)
 * that answers `/kms` interactions through core, and a Poster for round messages and the
 * scheduler's daily posts.
 *
 * `DiscordConfig.apiUrl` (DISCORD_API_URL) replaces the REST base; the gateway address then comes
 * from `GET /gateway/bot` on that base, as usual. Rate limits, retries and the gateway protocol are
 * discord.js's; command registration is `npm run discord:register` (src/discord-register.ts).
 * Sharding is discord.js's too (shards.ts): the recommended count in this process, or a configured subset.
 */
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { DiscordConfig } from '../../config.js';
import type { Logger } from '../../core/ports/logger.js';
import type { ChatAdapter } from '../../core/ports/adapter.js';
import type { Poster } from '../../core/ports/poster.js';
import type { Reply } from '../../core/reply.js';
import type { TutorApi } from '../../core/tutor-api.js';
import { renderReply, type DiscordMessage } from './embeds.js';
import { InteractionRouter } from './interactions.js';
import { DiscordPoster } from './poster.js';
import { restOptions } from './rest-options.js';
import { shardOptions } from './shards.js';
import { isUnreachable, LOGIN_RETRY_FOR_MS, retryWaitMs } from './login-retry.js';
import { DISCORD_LIMITS, DISCORD_SURFACE } from './surface.js';

/** The lower-level pieces, documented where they are defined (tests and main use some of them). */
export type { DiscordMessage } from './embeds.js';
export { autocompleteChoices } from './interactions.js';
export { DISCORD_LIMITS } from './surface.js';

/** How long to wait for the gateway's READY (and the guilds' GUILD_CREATE) at start-up, in ms. */
const READY_TIMEOUT_MS = 30_000;

/** Options of {@link discordAdapter}. */
export interface DiscordAdapterOptions {
  config: DiscordConfig;
  logger: Logger;
  /** Clock for Context.now (default: the wall clock). */
  now?: () => Date;
  /** Defer interactions whose work runs longer than this, in ms (default 2,000). */
  deferAfterMs?: number;
}

/** Options of {@link startDiscord}. */
export interface StartDiscordOptions extends DiscordAdapterOptions {
  tutor: TutorApi;
}

/** A running Discord adapter. */
export interface DiscordAdapter {
  /** Posts and edits channel messages (register it as `posters.discord`). */
  poster: Poster;
  /** Finish the interactions being handled (at most ~5 s), then close the gateway connection. */
  stop(): Promise<void>;
  /** The discord.js client (tests, diagnostics). */
  client: Client;
  /** The interaction router (tests await `settled()`). */
  router: InteractionRouter;
}

/** The Discord ChatAdapter, plus the discord.js client and (once started) the interaction router. */
export interface DiscordChatAdapter extends ChatAdapter<DiscordMessage> {
  readonly client: Client;
  /** Set by `start`; tests await its `settled()`. */
  readonly router: InteractionRouter | undefined;
}

/**
 * Create the Discord adapter: a discord.js client and its Poster, not yet logged in. `start` logs
 * the bot in and starts answering interactions; it resolves once the gateway session is ready.
 * `start` throws when the login fails (bad token: discord.js's TokenInvalid) or READY does not
 * arrive within READY_TIMEOUT_MS; the client is destroyed first. An unreachable Discord is retried
 * for minutes (login-retry.ts, a warning per attempt); `stop` ends those retries.
 */
export function discordAdapter(opts: DiscordAdapterOptions): DiscordChatAdapter {
  const log = opts.logger; // main binds { adapter: 'discord' }
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: restOptions(opts.config), ...shardOptions(opts.config) });
  const poster = new DiscordPoster(client.rest, log);
  let router: InteractionRouter | undefined;
  let started = false;
  let stopped = false;
  /** Ends the wait between login attempts (set while start-up waits to retry an unreachable Discord). */
  let cancelWait: (() => void) | undefined;

  const start = async (tutor: TutorApi): Promise<void> => {
    started = true;
    const routing = new InteractionRouter({
      tutor,
      logger: opts.logger,
      ...(opts.now ? { now: opts.now } : {}),
      ...(opts.deferAfterMs !== undefined ? { deferAfterMs: opts.deferAfterMs } : {}),
    });
    router = routing;

    client.on(Events.InteractionCreate, (interaction) => void routing.handle(interaction));
    client.on(Events.Error, (err) => log.error({ err }, 'Discord client error'));
    client.on(Events.Warn, (message) => log.warn({ message }, 'Discord client warning'));
    client.on(Events.ShardDisconnect, (event, shardId) => log.warn({ code: event.code, shardId }, 'Discord gateway disconnected'));
    client.on(Events.ShardReconnecting, (shardId) => log.info({ shardId }, 'Discord gateway reconnecting'));
    client.rest.on('rateLimited', (info) =>
      log.warn({ route: info.route, method: info.method, retryAfterMs: info.retryAfter, global: info.global }, 'Discord rate limit'),
    );

    /** Log in; an unreachable Discord is retried (with growing waits) for LOGIN_RETRY_FOR_MS or until stop. */
    const loginRetryingUnreachable = async (): Promise<void> => {
      const since = Date.now();
      for (let attempt = 1; ; attempt++) {
        try {
          await client.login(opts.config.token);
          return;
        } catch (err) {
          if (stopped || !isUnreachable(err) || Date.now() - since > LOGIN_RETRY_FOR_MS) throw err;
          const waitMs = retryWaitMs(attempt);
          log.warn({ err: err instanceof Error ? err.message : String(err), attempt, retryInMs: waitMs }, 'could not reach Discord; retrying');
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, waitMs);
            cancelWait = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          cancelWait = undefined;
          if (stopped) throw new Error('Discord start-up stopped while Discord was unreachable');
        }
      }
    };

    let readyTimer: NodeJS.Timeout | undefined;
    let notReady: ((err: Error) => void) | undefined;
    const ready = new Promise<void>((resolve, reject) => {
      notReady = reject;
      client.once(Events.ClientReady, () => resolve());
    });
    ready.catch(() => {}); // observed below; this only keeps a failed login from leaving it unhandled
    try {
      await loginRetryingUnreachable();
      // READY's deadline counts from a successful login, not from the first attempt.
      readyTimer = setTimeout(() => notReady?.(new Error(`Discord gateway not ready after ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
      await ready;
    } catch (err) {
      stopped = true;
      await client.destroy().catch(() => {});
      throw err;
    } finally {
      clearTimeout(readyTimer);
    }
    log.info({ user: client.user?.tag, guilds: client.guilds.cache.size, shards: client.options.shards, shardCount: client.options.shardCount }, 'Discord adapter ready');
  };

  return {
    platform: 'discord',
    poster,
    surface: DISCORD_SURFACE,
    limits: DISCORD_LIMITS,
    client,
    get router() {
      return router;
    },
    render: (reply: Reply) => renderReply(reply),
    start: ({ tutor }) => start(tutor),
    async stop() {
      if (stopped) return;
      stopped = true;
      cancelWait?.();
      if (!started) {
        await client.destroy().catch(() => {});
        return;
      }
      client.removeAllListeners(Events.InteractionCreate);
      client.removeAllListeners(Events.ShardDisconnect);
      client.removeAllListeners(Events.ShardReconnecting);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([router?.settled(), new Promise<void>((resolve) => (timer = setTimeout(resolve, 5000)))]);
      clearTimeout(timer);
      await client.destroy();
      log.info({}, 'Discord adapter stopped');
    },
  };
}

/**
 * Log the bot in and start answering interactions (discordAdapter + start). Resolves once the
 * gateway session is ready.
 * @throws as discordAdapter's `start` does.
 */
export async function startDiscord(opts: StartDiscordOptions): Promise<DiscordAdapter> {
  const adapter = discordAdapter(opts);
  await adapter.start({ tutor: opts.tutor });
  const router = adapter.router;
  if (!router) throw new Error('the Discord adapter started without an interaction router');
  return { poster: adapter.poster, client: adapter.client, router, stop: () => adapter.stop() };
}
