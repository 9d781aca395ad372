/**
 * One-shot command (`npm run ask -- [--user NAME] "<command>"`): answers one `/kms` command in the
 * terminal channel (team "local", channel #terminal) and exits. The reply is printed as plain text,
 * after any channel post the command made (a round opened, a round revealed). State persists in the
 * database, so a script can open a round as one user and answer it as others.
 *
 * Exit status (exitStatusOf): 0 when the command was handled; 1 when what it named was not found
 * (`explain zzzz`, `stats nobody`, `close` with nothing open), it was refused (an unknown
 * subcommand, an answer to a closed round) or a start-up problem (bad configuration,
 * database or content), printed as one clear message on stderr.
 */
import { parseTerminalArgs, USAGE } from './adapters/terminal/args.js';
import { ignoreClosedPipe } from './adapters/terminal/closed-pipe.js';
import { defaultUserName, TERMINAL_SURFACE, terminalContext } from './adapters/terminal/context.js';
import { saveReplyImages } from './adapters/terminal/images.js';
import { TerminalPoster } from './adapters/terminal/poster.js';
import { renderText } from './core/render-text.js';
import { exitStatusOf } from './core/reply.js';
import { createLogger } from './logger.js';
import { loadConfigOrReport, startCoreOrReport } from './startup.js';

/** Said where a subscription is confirmed: a one-shot command runs no scheduler. */
const ONE_SHOT_SCHEDULE_NOTE = 'Nothing is posted until `npm start` runs: it runs the scheduler; this one-shot command only stored the schedule.';

async function ask(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  // `… | head -1` closes stdout early: drop the rest of the output quietly (see closed-pipe.ts).
  ignoreClosedPipe(process.stdout);
  const args = parseTerminalArgs(argv);
  if (args.problem !== undefined) {
    process.stderr.write(`kms-tutor: ${args.problem}\n${USAGE.ask}\n`);
    return 1;
  }
  const text = args.words.join(' ').trim();
  if (text === '') {
    process.stderr.write(`${USAGE.ask}\n`);
    return 1;
  }
  const config = loadConfigOrReport(env);
  if (config === undefined) return 1;
  // Synchronous JSON logs on stderr, warnings and up unless LOG_LEVEL says otherwise.
  const logger = createLogger({ level: config.logLevel ?? 'warn', toStderr: true, pretty: false });
  const color = Boolean(process.stdout.isTTY);
  const columns = process.stdout.columns;
  const width = Math.min(100, columns && columns > 0 ? columns : 80);
  // Channel posts print before the reply, except the reveals of rounds that ran out meanwhile
  // (closed quietly first): a one-shot reply is only what was asked.
  let printPosts = false;
  const poster = new TerminalPoster((t) => printPosts && process.stdout.write(`${t}\n\n`), { color, width, showCountUpdates: false });
  const core = await startCoreOrReport(config, logger, { [poster.platform]: poster });
  if (core === undefined) return 1;
  try {
    const now = new Date();
    // Rounds whose time ran out since the last call close first; their reveals are not printed.
    await core.daily.closeDueRounds(now);
    printPosts = true;
    const ctx = terminalContext(args.user ?? defaultUserName(), now);
    ctx.surface = { ...TERMINAL_SURFACE, ...ctx.surface, scheduleNote: ONE_SHOT_SCHEDULE_NOTE };
    const reply = await core.tutor.handleText(text, ctx);
    process.stdout.write(`${renderText(saveReplyImages(reply), { color, width })}\n`);
    return exitStatusOf(reply);
  } finally {
    await core.close();
  }
}

ask(process.argv.slice(2), process.env).then(
  (code) => {
    process.exitCode = code;
    setTimeout(() => process.exit(code), 1_000).unref();
  },
  (err: unknown) => {
    process.stderr.write(`kms-tutor: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
