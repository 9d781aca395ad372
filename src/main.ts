/**
 * Composition root (`npm start`): config -> logger -> chat adapters (created, not started: one per
 * platform the config turns on, see src/adapters/platforms.ts) -> store, decks, Tutor and
 * DailyRounds built with the adapters' posters -> each adapter started -> scheduler. With no
 * platform configured it runs the terminal channel instead. Start-up problems print one clear
 * message and exit 1; SIGINT/SIGTERM shut down gracefully (adapters stopped, timers cancelled, the
 * database closed), also while an adapter is still starting (exit 0 without waiting for it).
 * Unknown options or stray words print one line and the usage, exit 1. With no platform and stdin
 * neither a terminal nor piped input (e.g. /dev/null) it prints one line and exits 1.
 *
 * Usage: npm start [-- --user NAME]
 */
import type { ChatAdapter } from './core/ports/adapter.js';
import type { PosterRegistry } from './core/ports/poster.js';
import { configuredPlatforms } from './adapters/platforms.js';
import { startFailureLine } from './adapters/start-failure.js';
import { terminalAdapter } from './adapters/terminal/adapter.js';
import { parseTerminalArgs, USAGE } from './adapters/terminal/args.js';
import { ignoreClosedPipe } from './adapters/terminal/closed-pipe.js';
import { hasTerminalInput, NOTHING_TO_SERVE } from './adapters/terminal/input-source.js';
import { terminalBanner } from './adapters/terminal/banner.js';
import { defaultUserName } from './adapters/terminal/context.js';
import { createLogger } from './logger.js';
import type { Scheduler } from './schedule/scheduler.js';
import { heartbeatPathProblem } from './schedule/heartbeat.js';
import { startDailySchedule } from './schedule/service.js';
import { schedulerLeadership } from './store/select.js';
import { loadConfigOrReport, startCoreOrReport, type Core } from './startup.js';

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
  const heartbeatProblem = heartbeatPathProblem(env);
  if (heartbeatProblem !== undefined) {
    process.stderr.write(`kms-tutor: ${heartbeatProblem}\n`);
    return 1;
  }
  const platforms = configuredPlatforms(config);
  const terminalOnly = platforms.length === 0;
  if (terminalOnly && !hasTerminalInput()) {
    // Exit non-zero: under a restart policy a silent exit 0 would loop quietly.
    process.stderr.write(`${NOTHING_TO_SERVE}\n`);
    return 1;
  }
  // The terminal channel keeps stdout for the conversation: logs go to stderr, warnings and up by default.
  const logger = createLogger({ level: config.logLevel ?? (terminalOnly ? 'warn' : 'info'), toStderr: terminalOnly });

  // The adapters first (no network yet), so core is built with their posters.
  let core: Core | undefined;
  const user = args.user ?? defaultUserName();
  let adapters: ChatAdapter[];
  try {
    adapters = terminalOnly
      ? [terminalAdapter({ logger: logger.child({ adapter: 'terminal' }), user, banner: () => (core ? terminalBanner(user, core.library) : '') })]
      : platforms.map((p) => p.create(logger.child({ adapter: p.platform })));
  } catch (err) {
    logger.error({ err }, 'start-up failed');
    return 1;
  }
  const posters: PosterRegistry = Object.fromEntries(adapters.map((a) => [a.platform, a.poster]));
  core = await startCoreOrReport(config, logger, posters);
  if (core === undefined) {
    await Promise.all(adapters.map(async (a) => a.stop()));
    return 1;
  }
  const { tutor, daily, deps } = core;
  const running: ChatAdapter[] = [];

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
  // With several processes on one PostgreSQL database, one of them runs the scheduled work.
  const leadership = schedulerLeadership(core.store);
  let shuttingDown: Promise<void> | undefined;
  const shutdown = (reason: string): Promise<void> => {
    shuttingDown ??= (async () => {
      logger.info({ reason }, 'shutting down');
      // Stop the scheduler first (no new posts; in-flight runs finish, at most 10 s).
      await scheduler?.stop();
      await leadership.release();
      await stopWithin(SHUTDOWN_GRACE_MS, Promise.all(running.reverse().map(async (a) => a.stop())));
      await core.close();
    })();
    return shuttingDown;
  };

  /**
   * Start one adapter, racing its start-up against a signal: a chat adapter's start-up can retry
   * an unreachable API for minutes, and a signal must not wait for that. When the signal wins, the
   * adapter is stopped if its start-up finishes later (the exit timer below ends the process anyway)
   * and false is returned; a failed start-up rejects as before.
   */
  const startAdapter = async (adapter: ChatAdapter): Promise<boolean> => {
    const starting = adapter.start({ tutor, daily, store: deps.store }).then(() => 'started' as const);
    const first = await Promise.race([starting, signalled.then(() => 'signal' as const)]);
    if (first !== 'signal') {
      running.push(adapter);
      return true;
    }
    logger.info({ adapter: adapter.platform }, 'signal during start-up: not waiting for the adapter');
    starting.then(
      () => adapter.stop().catch(() => {}),
      () => {}, // its failure no longer matters: we are shutting down
    );
    return false;
  };

  try {
    const names = adapters.map((a) => a.platform);
    if (!terminalOnly) logger.info({ adapters: names }, 'starting chat adapters');
    for (const adapter of adapters) {
      if (!(await startAdapter(adapter))) {
        await shutdown('signal during start-up');
        return 0;
      }
    }
    // The scheduler, once the adapters are up: it serves the platforms in deps.posters and sets
    // deps.onSubscriptionChange so subscribe/unsubscribe take effect at once.
    scheduler = startDailySchedule({ deps, daily, leadership });
    if (!terminalOnly) logger.info({ adapters: names, decks: [...core.library.decks.keys()] }, 'kms-tutor started');

    // Run until a signal, or until an adapter ends by itself (the terminal's user left).
    const ended = adapters.flatMap((a) => (a.done ? [a.done.then(() => a.platform)] : []));
    const by = await Promise.race([signalled.then(() => undefined), ...ended]);
    await shutdown(by === undefined ? 'signal' : `${by} closed`);
    return 0;
  } catch (err) {
    // A refused token or a busy port: one line saying what to do; anything else with its details.
    const line = startFailureLine(err);
    if (line !== undefined) process.stderr.write(`kms-tutor: ${line}\n`);
    else logger.error({ err }, 'start-up failed');
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
