/**
 * Composition root (`npm start`): config -> logger -> store -> decks -> Tutor and DailyRounds ->
 * chat adapters -> scheduler. With no SLACK_* or DISCORD_* variables set it runs the terminal
 * channel instead. Start-up problems print one clear message and exit 1; SIGINT/SIGTERM shut down
 * gracefully (adapters stopped, timers cancelled, the database closed), also while an adapter is
 * still starting (exit 0 without waiting for it). Unknown options or stray words print one line and
 * the usage, exit 1.
 *
 * Usage: npm start [-- --user NAME]
 */
import type { Poster } from './core/ports/poster.js';
import { startDiscord } from './adapters/discord/index.js';
import { startSlack } from './adapters/slack/index.js';
import { parseTerminalArgs, USAGE } from './adapters/terminal/args.js';
import { ignoreClosedPipe } from './adapters/terminal/closed-pipe.js';
import { terminalBanner } from './adapters/terminal/banner.js';
import { defaultUserName } from './adapters/terminal/context.js';
import { startTerminal } from './adapters/terminal/repl.js';
import { createLogger } from './logger.js';
import type { Scheduler } from './schedule/scheduler.js';
import { startDailySchedule } from './schedule/service.js';
import { loadConfigOrReport, startCoreOrReport } from './startup.js';

/**
 * A running chat adapter. `startSlack({ config, tutor, logger })` and `startDiscord(…)` return one;
 * main registers its poster in `core.deps.posters` and calls `stop()` on shutdown.
 */
export interface RunningAdapter {
  poster: Poster;
  stop(): Promise<void> | void;
}

/** How long shutdown waits for adapters to stop before closing the database anyway, in ms. */
const SHUTDOWN_GRACE_MS = 5_000;

async function stopWithin(ms: number, work: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work.catch(() => {}), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** Run the bot. Resolves with the process exit status. */
async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  // `… | head -1` closes stdout early: drop the rest of the output quietly (see closed-pipe.ts).
  ignoreClosedPipe(process.stdout);
  const args = parseTerminalArgs(argv);
  if (args.problem !== undefined || args.words.length > 0) {
    const problem = args.problem ?? `unexpected argument "${(args.words[0] ?? '').slice(0, 40)}" (commands are typed at the prompt)`;
    process.stderr.write(`kms-tutor: ${problem}\n${USAGE.start}\n`);
    return 1;
  }

  const config = loadConfigOrReport(env);
  if (config === undefined) return 1;
  const terminalOnly = !config.slack && !config.discord;
  // The terminal channel keeps stdout for the conversation: logs go to stderr, warnings and up by default.
  const logger = createLogger({ level: config.logLevel ?? (terminalOnly ? 'warn' : 'info'), toStderr: terminalOnly });

  const core = startCoreOrReport(config, logger);
  if (core === undefined) return 1;
  const { tutor, daily, deps } = core;
  const adapters: RunningAdapter[] = [];
  const register = (adapter: RunningAdapter) => {
    adapters.push(adapter);
    deps.posters[adapter.poster.platform] = adapter.poster;
  };

  // Listen for SIGINT/SIGTERM before anything starts: without a listener Node dies at once on a
  // signal and skips the graceful shutdown. Both listeners go after the first signal, so a second
  // one (either kind) exits at once. (Ctrl-C at the terminal prompt is readline's: it leaves like `exit`.)
  const signalled = new Promise<void>((resolve) => {
    const onSignal = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });

  let scheduler: Scheduler | undefined;
  let shuttingDown: Promise<void> | undefined;
  const shutdown = (reason: string): Promise<void> => {
    shuttingDown ??= (async () => {
      logger.info({ reason }, 'shutting down');
      // Stop the scheduler first (no new posts; in-flight runs finish, at most 10 s).
      await scheduler?.stop();
      await stopWithin(SHUTDOWN_GRACE_MS, Promise.all(adapters.reverse().map(async (a) => a.stop())));
      await core.close();
    })();
    return shuttingDown;
  };

  /**
   * Start one adapter, racing its start-up against a signal: a Slack or Discord start-up can retry
   * an unreachable API for minutes, and a signal must not wait for that. When the signal wins, the
   * adapter is stopped if its start-up finishes later (the exit timer below ends the process anyway)
   * and false is returned; a failed start-up rejects as before.
   */
  const startAdapter = async (name: string, start: () => Promise<RunningAdapter>): Promise<boolean> => {
    const starting = start();
    const first = await Promise.race([starting, signalled.then(() => 'signal' as const)]);
    if (first !== 'signal') {
      register(first);
      return true;
    }
    logger.info({ adapter: name }, 'signal during start-up: not waiting for the adapter');
    starting.then(
      (late) => Promise.resolve(late.stop()).catch(() => {}),
      () => {}, // its failure no longer matters: we are shutting down
    );
    return false;
  };

  try {
    // Chat adapters: each starts, then its poster is registered for rounds and the scheduler.
    if (!terminalOnly) logger.info({ slack: config.slack?.mode ?? 'off', discord: config.discord ? 'on' : 'off' }, 'starting chat adapters');
    const { slack, discord } = config;
    const started =
      (!slack || (await startAdapter('slack', () => startSlack({ config: slack, tutor, logger: logger.child({ adapter: 'slack' }) })))) &&
      (!discord || (await startAdapter('discord', () => startDiscord({ config: discord, tutor, logger: logger.child({ adapter: 'discord' }) }))));
    if (!started) {
      await shutdown('signal during start-up');
      return 0;
    }
    // The scheduler, after the posters are registered: it serves the platforms in deps.posters and
    // sets deps.onSubscriptionChange so subscribe/unsubscribe take effect at once.
    if (!terminalOnly) scheduler = startDailySchedule({ deps, daily });

    if (terminalOnly) {
      const terminal = startTerminal({
        tutor,
        daily,
        logger: logger.child({ adapter: 'terminal' }),
        user: args.user ?? defaultUserName(),
        banner: terminalBanner(args.user ?? defaultUserName(), core.library),
      });
      register({ poster: terminal.poster, stop: () => terminal.stop() });
      scheduler = startDailySchedule({ deps, daily });
      await Promise.race([terminal.done, signalled]);
      await shutdown('terminal closed');
      return 0;
    }

    logger.info({ slack: config.slack?.mode ?? 'off', discord: config.discord ? 'on' : 'off', decks: [...core.library.decks.keys()] }, 'kms-tutor started');
    await signalled;
    await shutdown('signal');
    return 0;
  } catch (err) {
    logger.error({ err }, 'start-up failed');
    await shutdown('start-up failed');
    return 1;
  }
}

main(process.argv.slice(2), process.env).then(
  (code) => {
    process.exitCode = code;
    // Anything still holding the event loop (a stuck socket) must not keep a stopped bot alive.
    setTimeout(() => process.exit(code), 2_000).unref();
  },
  (err: unknown) => {
    process.stderr.write(`kms-tutor: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
