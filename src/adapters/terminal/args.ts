/**
 * Command-line arguments of `npm start` and `npm run ask`: `--user NAME` (or `--user=NAME`, `-u NAME`)
 * and, for ask, the command words. Any other option (`--foo`, `-x`) is refused rather than ignored.
 */
import { safeText } from '../../core/safe-text.js';
import { cleanUserName } from './context.js';

/** Parsed arguments: the user (when given), the remaining words, or a problem to print. */
export type TerminalArgs = { user?: string; words: string[]; problem?: undefined } | { problem: string };

/** One line per program, printed after an argument problem. */
export const USAGE = {
  start: 'usage: npm start [-- --user NAME]',
  ask: 'usage: npm run ask -- [--user NAME] "<command>"   e.g. npm run ask -- "explain grants"',
} as const;

/**
 * An option-looking word: "-" or "--" followed by a letter ("--foo", "-x", "--user=bob"). Command
 * words such as "-1" (a number) or "-" stay words, so `npm run ask -- hint id -1` reaches the
 * command parser, which says what is wrong with the number.
 */
const OPTION = /^--?[A-Za-z]/;

/** A typed argument as a problem quotes it: its first 40 characters, control and bidi characters escaped ("\x1b"). */
function shown(typed: string): string {
  return safeText(typed.slice(0, 40));
}

/**
 * Parse `[--user NAME] [words…]`; `--` ends the options (everything after it is a word).
 * @returns a problem (one line, naming the argument with control characters escaped) for a missing,
 * option-like or unusable name, a repeated --user, or an unknown option.
 */
export function parseTerminalArgs(argv: readonly string[]): TerminalArgs {
  const words: string[] = [];
  let user: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      words.push(...argv.slice(i + 1));
      break;
    }
    let value: string | undefined;
    if (arg === '--user' || arg === '-u') {
      value = argv[i + 1];
      i += 1;
      if (value === undefined) return { problem: '--user needs a name, e.g. --user alice' };
    } else if (arg.startsWith('--user=')) {
      value = arg.slice('--user='.length);
    } else if (OPTION.test(arg)) {
      return { problem: `unknown option "${shown(arg)}" (the only option is --user NAME)` };
    } else {
      words.push(arg);
      continue;
    }
    if (value.startsWith('-')) return { problem: `--user needs a name, not the option-like "${shown(value)}", e.g. --user alice` };
    if (user !== undefined) return { problem: `--user is given twice ("${shown(user)}" and "${shown(value)}"); give it once` };
    const clean = cleanUserName(value);
    if (!clean) return { problem: `--user "${shown(value)}" is not a usable name (1-40 letters, digits, . _ -)` };
    user = clean;
  }
  return user === undefined ? { words } : { user, words };
}
