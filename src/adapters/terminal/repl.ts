/**
 * The interactive terminal channel: a readline loop where each line is a `/kms` command (the prefix
 * is optional) typed by one user in channel #terminal. Replies are printed as plain text; channel
 * posts (rounds, reveals) come through the TerminalPoster. On-demand rounds whose time is up are
 * closed periodically. `exit`, `quit`, Ctrl-C or end of input leave cleanly. With input piped in
 * (not a terminal) there is no prompt: each command is echoed as `kms> command` just before its
 * reply, so the output reads as a transcript.
 */
import { clearLine, createInterface, cursorTo } from 'node:readline';
import type { Logger } from '../../core/ports/logger.js';
import { renderText } from '../../core/render-text.js';
import { safeText } from '../../core/safe-text.js';
import type { DailyService, TutorApi } from '../../core/tutor-api.js';
import { terminalContext } from './context.js';
import { saveReplyImages } from './images.js';
import { marker, TerminalPoster } from './poster.js';
import { APOLOGY } from './text.js';

/** What the terminal channel needs. */
export interface TerminalOptions {
  tutor: TutorApi;
  /** Closes due on-demand rounds; omitted = rounds only close on `close` or the next answer. */
  daily?: Pick<DailyService, 'closeDueRounds'>;
  logger: Logger;
  user: string;
  /** Printed first (see terminalBanner). */
  banner: string;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** The clock (default: the wall clock). */
  now?: () => Date;
  /** How often to close due rounds, in ms (default 15 000). */
  closeCheckMs?: number;
  /** Where reply pictures (charts) are written (default DEFAULT_IMAGE_DIR, under the OS temp folder). */
  imageDir?: string;
}

/** A running terminal channel. */
export interface RunningTerminal {
  /** Its channel posts; core gets it as the terminal adapter's poster (src/adapters/terminal/adapter.ts). */
  poster: TerminalPoster;
  /** Resolves once the user has left and the last command has finished. */
  done: Promise<void>;
  /** Leave (as if the user typed exit). */
  stop(): void;
}

const EXIT_WORDS = new Set(['exit', 'quit', '/exit', '/quit']);

/** Start the REPL. See the module comment. */
export function startTerminal(options: TerminalOptions): RunningTerminal {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const tty = Boolean(output.isTTY);
  const now = options.now ?? (() => new Date());
  // Some terminals (and pseudo-terminals) report 0 columns: fall back to 80.
  const render = () => ({ color: tty, width: Math.min(100, output.columns && output.columns > 0 ? output.columns : 80) });
  // Typed at a terminal: prompt and line editing. Piped in: no prompts, each command echoed instead.
  const interactive = tty && Boolean((input as { isTTY?: boolean }).isTTY);
  const rl = createInterface({ input, output, terminal: interactive, prompt: 'kms> ' });
  const prompt = () => {
    if (interactive) rl.prompt();
  };

  let busy = false;
  const print = (text: string) => {
    if (!busy && interactive) {
      // A background post (a round closing by itself): clear the prompt, print, redraw it.
      clearLine(output, 0);
      cursorTo(output, 0);
      output.write(`${text}\n\n`);
      rl.prompt(true);
    } else {
      output.write(`${text}\n\n`);
    }
  };
  const poster = new TerminalPoster(print, { get color() { return render().color; }, get width() { return render().width; } });

  const handle = async (line: string) => {
    busy = true;
    try {
      const reply = await options.tutor.handleText(line, terminalContext(options.user, now()));
      const text = renderText(saveReplyImages(reply, options.imageDir), render());
      output.write(reply.visibility === 'channel' ? `${marker('#terminal')}\n${text}\n\n` : `${text}\n\n`);
    } catch (err) {
      options.logger.error({ err }, 'terminal command failed');
      output.write(`${APOLOGY}\n\n`);
    } finally {
      busy = false;
    }
  };

  const closeDue = async () => {
    if (!options.daily) return;
    try {
      await options.daily.closeDueRounds(now());
    } catch (err) {
      options.logger.error({ err }, 'closing due rounds failed');
    }
  };
  const interval = setInterval(() => void queue.then(closeDue), options.closeCheckMs ?? 15_000);
  interval.unref();

  let queue: Promise<void> = Promise.resolve();
  let resolveDone: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });

  output.write(`${options.banner}\n\n`);
  rl.on('line', (raw) => {
    const line = raw.trim();
    if (EXIT_WORDS.has(line.toLowerCase())) {
      rl.close();
      return;
    }
    if (line === '') {
      prompt();
      return;
    }
    // Piped in: the echo waits its turn too, so the output reads as a transcript (each command, then its reply).
    queue = queue
      .then(() => {
        if (!interactive) output.write(`kms> ${safeText(line)}\n`);
        return handle(line);
      })
      .then(prompt);
  });
  // Ctrl-C leaves the cursor after the prompt: end that line first, so "Bye." stands on its own.
  rl.on('SIGINT', () => {
    output.write('\n');
    rl.close();
  });
  rl.on('close', () => {
    clearInterval(interval);
    void queue.then(() => {
      output.write('Bye.\n');
      resolveDone();
    });
  });
  prompt();

  return { poster, done, stop: () => rl.close() };
}
