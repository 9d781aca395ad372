/**
 * Whether the terminal channel has anyone to talk to: a terminal, or commands piped or redirected
 * in from a file or socket. stdin on /dev/null (`npm start </dev/null`, a container started without
 * `-i`/`-t`) or closed is not: the terminal channel would read end of input at once and exit.
 */
import { fstatSync } from 'node:fs';
import { isatty } from 'node:tty';

/**
 * True when file descriptor `fd` (stdin by default) is a TTY, a pipe (FIFO), a socket or a regular
 * file; false when it is another character device (such as /dev/null) or cannot be inspected.
 */
export function hasTerminalInput(fd = 0): boolean {
  if (isatty(fd)) return true;
  try {
    const stat = fstatSync(fd);
    return stat.isFIFO() || stat.isSocket() || stat.isFile();
  } catch {
    return false;
  }
}

/** The line `npm start` prints (on stderr, exit 1) when there is no platform and no terminal input. */
export const NOTHING_TO_SERVE =
  'kms-tutor: no SLACK_* or DISCORD_* variables and no terminal: nothing to serve (set the tokens, or run it in a terminal, or pipe commands into it)';
