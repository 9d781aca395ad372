/**
 * The process logger: pino, pretty-printed (pino-pretty) when writing to a terminal outside CI,
 * JSON lines otherwise. Fields that look like tokens or secrets are redacted wherever they appear
 * up to two levels deep, so a config object or request logged by mistake never prints a token.
 */
import pino from 'pino';
import type { Logger } from './core/ports/logger.js';

/** Field names whose values are never logged. */
const SECRET_KEYS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'clientSecret',
  'secret',
  'password',
  'authorization',
  'Authorization',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'DISCORD_TOKEN',
];

/** pino redact paths for SECRET_KEYS at the top level and one or two objects down. */
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

/** How to build the logger. */
export interface LoggerOptions {
  /** pino level name (default "info"). */
  level?: string;
  /** Pretty output; default: stdout is a TTY and CI is unset. */
  pretty?: boolean;
  /** Write to stderr instead of stdout (the terminal channel keeps stdout for the conversation). */
  toStderr?: boolean;
  /** Environment used for the CI check (default process.env). */
  env?: Record<string, string | undefined>;
  /** Write JSON lines here instead of stdout/stderr (tests); implies pretty: false. */
  destination?: pino.DestinationStream;
}

/** True when logs should be pretty: the output stream is a TTY and CI is not set. */
export function wantsPretty(isTty: boolean, env: Record<string, string | undefined> = process.env): boolean {
  return isTty && !env.CI;
}

/**
 * Create the process logger. It satisfies core's Logger port and is a full pino logger.
 * Pretty printing runs pino-pretty in a worker thread; call `flush()` before exiting if needed.
 */
export function createLogger(options: LoggerOptions = {}): pino.Logger & Logger {
  const stream = options.toStderr ? process.stderr : process.stdout;
  const pretty = options.destination ? false : (options.pretty ?? wantsPretty(Boolean(stream.isTTY), options.env));
  const base: pino.LoggerOptions = {
    level: options.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { app: 'kms-tutor' },
  };
  if (pretty) {
    return pino({
      ...base,
      transport: {
        target: 'pino-pretty',
        options: { destination: options.toStderr ? 2 : 1, colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,app' },
      },
    });
  }
  return pino(base, options.destination ?? pino.destination({ dest: options.toStderr ? 2 : 1, sync: true }));
}
