/**
 * Command-line arguments of `npm start` and `npm run ask`: `--user NAME` (or `--user=NAME`) and,
 * for ask, the command words.
 */
import { cleanUserName } from './context.js';

/** Parsed arguments: the user (when given), the remaining words, or a problem to print. */
export type TerminalArgs = { user?: string; words: string[]; problem?: undefined } | { problem: string };

/** Parse `[--user NAME] [words…]`; `--` ends the options. */
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
    } else {
      words.push(arg);
      continue;
    }
    const clean = cleanUserName(value);
    if (!clean) return { problem: `--user "${value.slice(0, 40)}" is not a usable name (1-40 letters, digits, . _ -)` };
    user = clean;
  }
  return user === undefined ? { words } : { user, words };
}
