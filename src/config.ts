/**
 * Environment -> typed Config (zod). Decides which adapters start.
 * `loadConfig(env)` reads and checks the environment; SlackConfig/DiscordConfig are the contract adapters build on.
 */
import { z } from 'zod';

/** Slack adapter settings. Socket Mode when `appToken` is set, else the HTTP receiver. */
export interface SlackConfig {
  /** SLACK_BOT_TOKEN, "xoxb-…". */
  botToken: string;
  /** SLACK_APP_TOKEN, "xapp-…" (Socket Mode). */
  appToken?: string;
  /** SLACK_SIGNING_SECRET (HTTP receiver). */
  signingSecret?: string;
  mode: 'socket' | 'http';
  /** PORT for the HTTP receiver (default 3000); path /slack/events. */
  port: number;
  /** SLACK_API_URL: Web API base override, e.g. "http://127.0.0.1:4010/api/". */
  apiUrl?: string;
}

/** Discord adapter settings. */
export interface DiscordConfig {
  /** DISCORD_TOKEN (bot token). */
  token: string;
  /** DISCORD_APPLICATION_ID (snowflake). */
  applicationId: string;
  /** DISCORD_GUILD_ID: register commands on one guild (instant) instead of globally. */
  guildId?: string;
  /** DISCORD_API_URL: REST base override, e.g. "http://127.0.0.1:4020/api". */
  apiUrl?: string;
}

/** Pino log levels accepted in LOG_LEVEL. */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The whole configuration, from the environment. */
export interface Config {
  /** DATABASE_PATH: the SQLite file (default "data/kms-tutor.db"; ":memory:" for tests). Unused when databaseUrl is set. */
  databasePath: string;
  /**
   * DATABASE_URL: a postgres:// (or postgresql://) URL; when set, the store is PostgreSQL there instead of
   * the SQLite file. It may hold a password: never log it (src/store/postgres/open.ts describeUrl hides it).
   */
  databaseUrl?: string;
  /** CONTENT_DIR: the folder holding decks/<deck-id>/ (default "content"). */
  contentDir: string;
  /**
   * DECKS_PATH: more folders holding deck folders, beside `<contentDir>/decks` (colon-separated, in
   * order; empty entries ignored). A deck there that fails its check is skipped with a logged reason.
   */
  decksPath: string[];
  /**
   * Where `import` in chat writes decks: IMPORT_DIR, else the first DECKS_PATH folder; undefined
   * when neither is set (importing in chat is then off).
   */
  importDir?: string;
  /** DEFAULT_DECK: the deck id used when a command names none (default: the first deck). */
  defaultDeck?: string;
  /** LOG_LEVEL (any case, stored lower-case); undefined when unset (main then picks "info", or "warn" for the terminal channel). */
  logLevel?: (typeof LOG_LEVELS)[number];
  /** ROUND_MINUTES: how long a `quiz here` round stays open, in minutes (default 15). */
  roundMinutes: number;
  /** Set when SLACK_BOT_TOKEN is set (with an app token or signing secret). */
  slack?: SlackConfig;
  /** Set when DISCORD_TOKEN is set (with DISCORD_APPLICATION_ID). */
  discord?: DiscordConfig;
}

/** A missing or malformed environment variable. The message is one line, names the variable(s) and never holds a secret. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Environment variables holding secrets, with the fixed rule text shown when one is malformed (never its value). */
const SECRET_RULES: Readonly<Record<string, string>> = {
  SLACK_BOT_TOKEN: 'must be a bot token starting with xoxb-',
  SLACK_APP_TOKEN: 'must be an app-level token starting with xapp-',
  SLACK_SIGNING_SECRET: "must be the app's signing secret (8+ characters, no spaces)",
  DISCORD_TOKEN: 'must be a bot token (no spaces)',
  DATABASE_URL: 'must be a PostgreSQL URL, e.g. postgres://user:password@host:5432/kms_tutor',
};

const snowflake = z.string().regex(/^[0-9]{17,20}$/, 'must be a Discord snowflake (17-20 digits)');
const httpUrl = z
  .string()
  .refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol), 'must be an http(s) URL, e.g. http://127.0.0.1:4010/api/');
const minutes = z
  .string()
  .regex(/^[0-9]{1,4}$/, 'must be a whole number of minutes (1-1440)')
  .transform(Number)
  .refine((n) => n >= 1 && n <= 1440, 'must be a whole number of minutes (1-1440)');
const port = z
  .string()
  .regex(/^[0-9]{1,5}$/, 'must be a port number (1-65535)')
  .transform(Number)
  .refine((n) => n >= 1 && n <= 65535, 'must be a port number (1-65535)');

/**
 * HEARTBEAT_MAX_AGE_S: whole seconds, at least 90 (the heartbeat is rewritten every minute, so less
 * would fail between two writes). Read by src/schedule/healthcheck.mjs, which applies the same rule;
 * checked here too so a bad value stops start-up instead of failing every health check.
 */
const heartbeatSeconds = z
  .string()
  .regex(/^[0-9]{1,7}$/, 'must be a whole number of seconds (at least 90)')
  .transform(Number)
  .refine((n) => n >= 90, 'must be a whole number of seconds (at least 90)');

/** One schema per variable: the key is the variable's name, so an issue's path names it. */
const EnvSchema = z.object({
  DATABASE_PATH: z.string().default('data/kms-tutor.db'),
  DATABASE_URL: z
    .string()
    .refine((s) => URL.canParse(s) && /^postgres(ql)?:$/.test(new URL(s).protocol), SECRET_RULES.DATABASE_URL)
    .optional(),
  CONTENT_DIR: z.string().default('content'),
  DECKS_PATH: z.string().optional(),
  IMPORT_DIR: z.string().optional(),
  DEFAULT_DECK: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a deck id (lower-case letters, digits, hyphens)').optional(),
  // Any case, like commands: "DEBUG" is "debug".
  LOG_LEVEL: z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')} (any case)` }))
    .optional(),
  ROUND_MINUTES: minutes.default(15),
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', SECRET_RULES.SLACK_BOT_TOKEN).optional(),
  SLACK_APP_TOKEN: z.string().startsWith('xapp-', SECRET_RULES.SLACK_APP_TOKEN).optional(),
  SLACK_SIGNING_SECRET: z.string().regex(/^\S{8,}$/, SECRET_RULES.SLACK_SIGNING_SECRET).optional(),
  SLACK_API_URL: httpUrl.optional(),
  PORT: port.default(3000),
  DISCORD_TOKEN: z.string().regex(/^\S+$/, SECRET_RULES.DISCORD_TOKEN).optional(),
  DISCORD_APPLICATION_ID: snowflake.optional(),
  DISCORD_GUILD_ID: snowflake.optional(),
  DISCORD_API_URL: httpUrl.optional(),
  HEARTBEAT_MAX_AGE_S: heartbeatSeconds.optional(),
});

/**
 * Read the configuration from `env` (default `process.env`). Empty variables count as unset.
 * Slack starts when SLACK_BOT_TOKEN is set: Socket Mode with SLACK_APP_TOKEN, else the HTTP receiver
 * on PORT with SLACK_SIGNING_SECRET. Discord starts when DISCORD_TOKEN and DISCORD_APPLICATION_ID are set.
 * @throws ConfigError (one line naming every bad variable; secret values are never quoted) when a
 *   variable is set but malformed, or a variable is set without the partner it needs.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present: Record<string, string> = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    const value = env[key]?.trim();
    if (value !== undefined && value !== '') present[key] = value;
  }
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      // The message names the variable and its rule only. A secret's rule is a fixed text, so no part of
      // its value can reach the message (never substitute inside the text: a short value would scramble it).
      return `${name} ${SECRET_RULES[name] ?? issue.message}`;
    });
    throw new ConfigError(`Invalid configuration: ${[...new Set(problems)].join('; ')}`);
  }
  const e = parsed.data;

  const missing: string[] = [];
  let slack: SlackConfig | undefined;
  if (e.SLACK_BOT_TOKEN) {
    if (!e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
      missing.push('SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP) is');
    } else {
      slack = {
        botToken: e.SLACK_BOT_TOKEN,
        mode: e.SLACK_APP_TOKEN ? 'socket' : 'http',
        port: e.PORT,
        ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
        ...(e.SLACK_SIGNING_SECRET ? { signingSecret: e.SLACK_SIGNING_SECRET } : {}),
        ...(e.SLACK_API_URL ? { apiUrl: e.SLACK_API_URL } : {}),
      };
    }
  } else {
    const orphans = (['SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_API_URL'] as const).filter((k) => e[k] !== undefined);
    if (orphans.length > 0) missing.push(`${orphans.join(', ')} ${orphans.length > 1 ? 'are' : 'is'} set but SLACK_BOT_TOKEN is not`);
  }

  let discord: DiscordConfig | undefined;
  if (e.DISCORD_TOKEN) {
    if (!e.DISCORD_APPLICATION_ID) {
      missing.push('DISCORD_TOKEN is set but DISCORD_APPLICATION_ID is not');
    } else {
      discord = {
        token: e.DISCORD_TOKEN,
        applicationId: e.DISCORD_APPLICATION_ID,
        ...(e.DISCORD_GUILD_ID ? { guildId: e.DISCORD_GUILD_ID } : {}),
        ...(e.DISCORD_API_URL ? { apiUrl: e.DISCORD_API_URL } : {}),
      };
    }
  } else {
    const orphans = (['DISCORD_APPLICATION_ID', 'DISCORD_GUILD_ID', 'DISCORD_API_URL'] as const).filter((k) => e[k] !== undefined);
    if (orphans.length > 0) missing.push(`${orphans.join(', ')} ${orphans.length > 1 ? 'are' : 'is'} set but DISCORD_TOKEN is not`);
  }
  if (missing.length > 0) throw new ConfigError(`Invalid configuration: ${missing.join('; ')}`);

  const decksPath = (e.DECKS_PATH ?? '').split(':').map((d) => d.trim()).filter((d) => d !== '');
  const importDir = e.IMPORT_DIR ?? decksPath[0];
  return {
    databasePath: e.DATABASE_PATH,
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    contentDir: e.CONTENT_DIR,
    decksPath,
    ...(importDir ? { importDir } : {}),
    roundMinutes: e.ROUND_MINUTES,
    ...(e.DEFAULT_DECK ? { defaultDeck: e.DEFAULT_DECK } : {}),
    ...(e.LOG_LEVEL ? { logLevel: e.LOG_LEVEL } : {}),
    ...(slack ? { slack } : {}),
    ...(discord ? { discord } : {}),
  };
}
