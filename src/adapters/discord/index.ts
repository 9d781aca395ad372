/**
 * The Discord adapter: a discord.js v14 gateway client (Guilds intent only, no message content)
 * that answers `/kms` interactions through core, and a Poster for round messages and the
 * scheduler's daily posts.
 *
 * `DiscordConfig.apiUrl` (DISCORD_API_URL) replaces the REST base; the gateway address then comes
 * from `GET /gateway/bot` on that base, as usual. Rate limits, retries and the gateway protocol are
 * discord.js's; command registration is `npm run discord:register` (src/discord-register.ts).
 */
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { DiscordConfig } from '../../config.js';
import type { Logger } from '../../core/ports/logger.js';
import type { Poster } from '../../core/ports/poster.js';
import type { TutorApi } from '../../core/tutor-api.js';
import { InteractionRouter } from './interactions.js';
import { DiscordPoster } from './poster.js';
import { restOptions } from './rest-options.js';

/** The lower-level pieces, documented where they are defined (tests and main use some of them). */
export { commandDefinitions, buildKmsCommand, COMMAND_NAME, DISCORD_SUBCOMMANDS } from './commands.js';
export { commandFromOptions } from './command-options.js';
export { contextFromFacts, displayName, interactionFacts } from './context.js';
export { renderReply, EMBED_LIMITS, TONE_COLOUR, embedSize, type DiscordMessage } from './embeds.js';
export { renderComponents, COMPONENT_LIMITS } from './components.js';
export { InteractionRouter, autocompleteChoices, UNKNOWN_BUTTON_TEXT } from './interactions.js';
export { DiscordPoster } from './poster.js';
export { posterErrorFrom, DISCORD_ERROR } from './poster-error.js';
export { registerCommands, describeRegistration, type RegisterResult } from './register.js';
export { restOptions, MAX_RATE_LIMIT_WAIT_MS } from './rest-options.js';

/** How long to wait for the gateway's READY (and the guilds' GUILD_CREATE) at start-up, in ms. */
export const READY_TIMEOUT_MS = 30_000;

/** Options of {@link startDiscord}. */
export interface StartDiscordOptions {
  config: DiscordConfig;
  tutor: TutorApi;
  logger: Logger;
  /** Clock for Context.now (default: the wall clock). */
  now?: () => Date;
  /** Defer interactions whose work runs longer than this, in ms (default 2,000). */
  deferAfterMs?: number;
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

/**
 * Log the bot in and start answering interactions. Resolves once the gateway session is ready.
 * @throws Error when the login fails (bad token: discord.js's TokenInvalid; REST base unreachable)
 *   or READY does not arrive within READY_TIMEOUT_MS; the client is destroyed first.
 */
export async function startDiscord(opts: StartDiscordOptions): Promise<DiscordAdapter> {
  const log = opts.logger; // main binds { adapter: 'discord' }
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: restOptions(opts.config) });
  const router = new InteractionRouter({
    tutor: opts.tutor,
    logger: opts.logger,
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.deferAfterMs !== undefined ? { deferAfterMs: opts.deferAfterMs } : {}),
  });

  client.on(Events.InteractionCreate, (interaction) => void router.handle(interaction));
  client.on(Events.Error, (err) => log.error({ err }, 'Discord client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'Discord client warning'));
  client.on(Events.ShardDisconnect, (event, shardId) => log.warn({ code: event.code, shardId }, 'Discord gateway disconnected'));
  client.on(Events.ShardReconnecting, (shardId) => log.info({ shardId }, 'Discord gateway reconnecting'));
  client.rest.on('rateLimited', (info) =>
    log.warn({ route: info.route, method: info.method, retryAfterMs: info.retryAfter, global: info.global }, 'Discord rate limit'),
  );

  let readyTimer: NodeJS.Timeout | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    readyTimer = setTimeout(() => reject(new Error(`Discord gateway not ready after ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
    client.once(Events.ClientReady, () => resolve());
  });
  ready.catch(() => {}); // observed below; this only keeps a failed login from leaving it unhandled
  try {
    await client.login(opts.config.token);
    await ready;
  } catch (err) {
    await client.destroy().catch(() => {});
    throw err;
  } finally {
    clearTimeout(readyTimer);
  }
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'Discord adapter ready');

  const poster = new DiscordPoster(client.rest, log);
  let stopped = false;
  return {
    poster,
    client,
    router,
    async stop() {
      if (stopped) return;
      stopped = true;
      client.removeAllListeners(Events.InteractionCreate);
      client.removeAllListeners(Events.ShardDisconnect);
      client.removeAllListeners(Events.ShardReconnecting);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([router.settled(), new Promise<void>((resolve) => (timer = setTimeout(resolve, 5000)))]);
      clearTimeout(timer);
      await client.destroy();
      log.info({}, 'Discord adapter stopped');
    },
  };
}
