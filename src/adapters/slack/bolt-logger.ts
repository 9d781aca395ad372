/**
 * Bolt's Logger interface on top of our pino-style Logger, so Bolt, the WebClient and the Socket
 * Mode client log through the app's logger (structured, one stream).
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../core/ports/logger.js';

const ORDER: LogLevel[] = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

/** Split Bolt's variadic log arguments into a message string and an object with any Error found. */
function toEntry(args: unknown[]): { obj: Record<string, unknown>; msg: string } {
  const obj: Record<string, unknown> = {};
  const words: string[] = [];
  for (const arg of args) {
    if (arg instanceof Error) obj.err = arg;
    else if (typeof arg === 'string') words.push(arg);
    else if (arg !== undefined) words.push(typeof arg === 'object' ? JSON.stringify(arg) ?? String(arg) : String(arg));
  }
  return { obj, msg: words.join(' ') };
}

/**
 * Wrap `logger` as a Bolt Logger. `level` filters below it (default info: Bolt's debug output is
 * very chatty); `setLevel` from Bolt changes it. The name Bolt sets becomes a `component` binding.
 */
export function toBoltLogger(logger: Logger, level: LogLevel = LogLevel.INFO): BoltLogger {
  let current = level;
  let target = logger.child({ component: 'bolt' });
  const enabled = (l: LogLevel) => ORDER.indexOf(l) >= ORDER.indexOf(current);
  return {
    debug: (...args: unknown[]) => {
      if (!enabled(LogLevel.DEBUG)) return;
      const { obj, msg } = toEntry(args);
      target.debug(obj, msg);
    },
    info: (...args: unknown[]) => {
      if (!enabled(LogLevel.INFO)) return;
      const { obj, msg } = toEntry(args);
      target.info(obj, msg);
    },
    warn: (...args: unknown[]) => {
      if (!enabled(LogLevel.WARN)) return;
      const { obj, msg } = toEntry(args);
      target.warn(obj, msg);
    },
    error: (...args: unknown[]) => {
      const { obj, msg } = toEntry(args);
      target.error(obj, msg);
    },
    setLevel: (l: LogLevel) => {
      current = l;
    },
    getLevel: () => current,
    setName: (name: string) => {
      target = logger.child({ component: name });
    },
  };
}
