/**
 * The Slack adapter: a Bolt app (Socket Mode or HTTP receiver) that serves `/kms`, button and checkbox
 * clicks, the App Home tab, modals and the message shortcut (surfaces.ts), and exposes a Poster for
 * rounds, reveal threads and scheduled posts.
 *
 * main uses it through the ChatAdapter port (slackAdapter in adapter.ts): created first so its
 * Poster can be given to core, then started with the TutorApi.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type App, HTTPReceiver, LogLevel, SocketModeReceiver, webApi, type Receiver } from '@slack/bolt';
import type { SlackConfig } from '../../config.js';
import type { Logger } from '../../core/ports/logger.js';
import type { DeliveriesPort, InstallationsPort } from '../../core/ports/store.js';
import type { TutorApi } from '../../core/tutor-api.js';
import { toBoltLogger } from './bolt-logger.js';
import { DeliveryLog } from './duplicate-delivery.js';
import { healthRoute } from './health-route.js';
import { DatabaseInstallationStore } from './installation-store.js';
import { registerActions, registerCommand, registerDuplicateFilter } from './listeners.js';
import { SlackPoster } from './poster.js';
import { handleViewClick, openModalFor, registerSurfaces } from './surfaces.js';
import { ReplyDelivery } from './reply-delivery.js';
import { BOT_SCOPES, INSTALL_PATH, OAUTH_REDIRECT_PATH } from './scopes.js';
import { installedTeamClients, singleTeamClients } from './team-clients.js';
import { registerUninstallEvents } from './uninstall.js';
import { NameRefresher } from './name-refresh.js';
import { responseUrlAgents } from './response-url.js';
import { UserDirectory } from './user-directory.js';
import { UserlessGuardApp } from './user-less-payloads.js';
import { WorkQueue } from './work-queue.js';


/** The path Slack posts commands and interactions to (HTTP receiver). */
export const EVENTS_PATH = '/slack/events';

/** What the Slack adapter keeps in the database: delivery ids (all modes) and installations (OAuth). */
type SlackStore = DeliveriesPort & InstallationsPort;

/** Options of {@link createSlackApp}; tests use the optional ones to point everything at loopback fakes. */
export interface CreateSlackAppOptions {
  config: SlackConfig;
  /** Where commands and clicks go; may instead be given to `start` (when core is built after the app). */
  tutor?: TutorApi;
  /** The database's ports; may instead be given to `start`. Required to start with `config.oauth`. */
  store?: SlackStore;
  logger: Logger;
  /**
   * Extra WebClient options merged over `{ slackApiUrl: config.apiUrl }` (e.g. `retryConfig: { retries: 0 }`).
   * Also given to the Socket Mode client, which calls apps.connections.open with them.
   */
  clientOptions?: webApi.WebClientOptions;
  /** Bot id and bot user id: when both are given Bolt needs no auth.test call. */
  botId?: string;
  botUserId?: string;
  /** Socket Mode client tuning (ms); defaults are Bolt's. */
  socketMode?: { clientPingTimeout?: number; serverPingTimeout?: number; autoReconnectEnabled?: boolean };
  /** users.info cache lifetime in ms (default 5 minutes). */
  userCacheMs?: number;
  /** Pause between two display-name lookups after answer clicks, ms (default 1 s; see name-refresh.ts). */
  nameRefreshMs?: number;
  /** The clock for Context.now. Default: the wall clock. */
  now?: () => Date;
  /** Bolt's own log level (default info). */
  boltLogLevel?: LogLevel;
  /** Requests worked on at once after their ack (default WORK_CONCURRENCY). */
  workConcurrency?: number;
}

/** Default number of acked requests worked on at once (users.info, core, response_url). */
const WORK_CONCURRENCY = 64;

/** A created, not yet started Slack adapter. */
export interface SlackApp {
  app: App;
  poster: SlackPoster;
  /**
   * Register the listeners (routing to `tutor`, default the one given at creation; recording
   * deliveries and installations in `store`, likewise) and start receiving. HTTP mode resolves with
   * the bound port (useful with port 0).
   * @throws Error when no TutorApi was given at creation or here, or `config.oauth` is set and no store.
   */
  start(tutor?: TutorApi, store?: SlackStore): Promise<{ port?: number }>;
  /** Stop receiving and close connections. Safe to call twice. */
  stop(): Promise<void>;
  /** Resolves once every acked request has been worked on (tests, shutdown). */
  settled(): Promise<void>;
  /** Resolves once no display-name lookup (after answer clicks) is queued or running (tests). */
  namesSettled(): Promise<void>;
}

/**
 * Build the Bolt app and its listeners without starting it.
 * @throws Error when the config lacks the token its mode needs (appToken for socket, signingSecret for http).
 */
export function createSlackApp(options: CreateSlackAppOptions): SlackApp {
  const { config } = options;
  // main binds { adapter: 'slack' } on the logger it passes in.
  const logger = options.logger;
  const boltLogger = toBoltLogger(logger, options.boltLogLevel ?? LogLevel.INFO);
  const clientOptions: webApi.WebClientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    // The WebClient retries rate limits and network errors itself; five tries in five minutes keeps a
    // scheduled post from hanging for half an hour (the default policy) before it is reported.
    retryConfig: webApi.retryPolicies.fiveRetriesInFiveMinutes,
    ...options.clientOptions,
  };

  // Installed in many workspaces: Bolt's installer (install page, OAuth redirect, oauth.v2.access)
  // on the HTTP receiver, storing each workspace's installation in the database.
  const installations = config.oauth ? new DatabaseInstallationStore() : undefined;
  let receiver: Receiver;
  let socketReceiver: SocketModeReceiver | undefined;
  if (config.mode === 'socket') {
    if (!config.appToken) throw new Error('SLACK_APP_TOKEN is required for Socket Mode');
    socketReceiver = new SocketModeReceiver({
      appToken: config.appToken,
      logger: boltLogger,
      customRoutes: [healthRoute],
      // A copy: the Socket Mode client sets its own retry policy on the object it is given.
      installerOptions: { clientOptions: { ...clientOptions }, port: config.port },
      ...options.socketMode,
    });
    receiver = socketReceiver;
  } else {
    if (!config.signingSecret) throw new Error('SLACK_SIGNING_SECRET is required for the HTTP receiver');
    receiver = new HTTPReceiver({
      signingSecret: config.signingSecret,
      endpoints: EVENTS_PATH,
      port: config.port,
      customRoutes: [healthRoute],
      logger: boltLogger,
      ...(config.oauth && installations
        ? {
            clientId: config.oauth.clientId,
            clientSecret: config.oauth.clientSecret,
            stateSecret: config.oauth.stateSecret,
            scopes: [...BOT_SCOPES],
            installationStore: installations,
            installerOptions: {
              installPath: INSTALL_PATH,
              redirectUriPath: OAUTH_REDIRECT_PATH,
              // The install path sends the browser straight on to Slack's consent page.
              directInstall: true,
              clientOptions: { ...clientOptions },
            },
          }
        : {}),
    });
  }
  if (!config.botToken && !installations) throw new Error('SLACK_BOT_TOKEN (or SLACK_CLIENT_ID with its secrets) is required');

  const app = new UserlessGuardApp({
    receiver,
    ...(config.botToken ? { token: config.botToken, botId: options.botId, botUserId: options.botUserId } : {}),
    clientOptions: { ...clientOptions },
    logger: boltLogger,
    convoStore: false,
    // init() in start() runs auth.test (unless the ids are given) and rejects on a bad token,
    // instead of an unhandled rejection from the constructor.
    deferInitialization: true,
    tokenVerificationEnabled: !(options.botId && options.botUserId),
  }, logger);
  app.error(async (error) => {
    logger.error({ err: error }, 'unhandled error in a Slack listener');
  });

  const clients = installations ? installedTeamClients(installations, { ...clientOptions }) : app.client;
  const poster = new SlackPoster(clients, logger);
  const users = new UserDirectory(clients, logger, { ttlMs: options.userCacheMs });
  const delivery = new ReplyDelivery(poster, logger);
  const deliveries = new DeliveryLog();
  const now = options.now ?? (() => new Date());
  const work = new WorkQueue(options.workConcurrency ?? WORK_CONCURRENCY);
  const responseUrls = responseUrlAgents(options.workConcurrency ?? WORK_CONCURRENCY);

  let names: NameRefresher | undefined;
  let running = false;
  let listening = false;
  return {
    app,
    poster,
    async start(tutor = options.tutor, store = options.store) {
      if (!tutor) throw new Error('createSlackApp: start() needs a TutorApi (none was given at creation)');
      if (installations && !store) throw new Error('createSlackApp: installing in many workspaces needs the store at start()');
      if (store) {
        deliveries.bind(store, (err) => logger.warn({ err }, 'could not check or record the delivery in the database; handling it'));
        installations?.bind(store);
      }
      if (!listening) {
        listening = true;
        registerDuplicateFilter(app, { deliveries, logger });
        registerUninstallEvents(app, { store: () => store, logger, now });
        names = new NameRefresher({ users, tutor, logger, now }, { intervalMs: options.nameRefreshMs });
        const base = { tutor, users, delivery, deliveries, logger, now, work };
        const surfaces = { ...base, clientFor: typeof clients === 'function' ? clients : singleTeamClients(app.client), poster };
        registerCommand(app, { ...base, responseUrls });
        registerActions(app, {
          ...base,
          names,
          responseUrls,
          viewClick: (body, actionId, action, at) => handleViewClick(body, actionId, action, surfaces, at),
          modalClick: (body, action, ctx) => openModalFor(body, action, ctx, surfaces),
        });
        registerSurfaces(app, surfaces);
      }
      await app.init();
      if (socketReceiver) {
        await app.start();
        // Bolt serves /healthz on its own server in Socket Mode; log instead of crashing if PORT is taken.
        const health = (socketReceiver as unknown as { httpServer?: Server }).httpServer;
        health?.on('error', (err) => logger.error({ err, port: config.port }, 'health check server failed'));
        running = true;
        logger.info({ mode: 'socket' }, 'Slack adapter connected (Socket Mode)');
        return {};
      }
      const server = (await app.start(config.port)) as Server;
      running = true;
      const port = (server.address() as AddressInfo | null)?.port;
      logger.info({ mode: 'http', port, path: EVENTS_PATH }, 'Slack adapter listening');
      return { port };
    },
    async stop() {
      if (!running) return;
      running = false;
      await app.stop();
      await work.settled();
      await deliveries.flush();
      names?.stop();
      responseUrls.http.destroy();
      responseUrls.https.destroy();
    },
    settled: async () => {
      await work.settled();
      await deliveries.flush();
    },
    namesSettled: () => names?.settled() ?? Promise.resolve(),
  };
}
