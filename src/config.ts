/**
 * Environment -> typed Config (zod). Decides which adapters start.
 * `loadConfig(env)` reads and checks the environment; SlackConfig/DiscordConfig are the contract adapters build on.
 */
import { z } from 'zod';

/** Slack adapter settings. Socket Mode when `appToken` is set, else the HTTP receiver. */
export interface SlackConfig {
  /** SLACK_BOT_TOKEN, "xoxb-…": one workspace. Absent with `oauth` (each workspace's token is stored at install). */
  botToken?: string;
  /** SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET: installable in many workspaces (HTTP receiver only). */
  oauth?: SlackOAuthConfig;
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

/** Slack OAuth distribution (Bolt's installer): the app's credentials from its Basic Information page. */
interface SlackOAuthConfig {
  clientId: string;
  clientSecret: string;
  /** Signs the install state (any long random string). */
  stateSecret: string;
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
  /**
   * DISCORD_SHARDS (+ DISCORD_SHARD_COUNT): the gateway shards this process opens. Absent means
   * "auto": discord.js opens the count `GET /gateway/bot` recommends, all in this process.
   */
  shards?: DiscordShards;
}

/** A subset of the bot's gateway shards, for several processes or hosts sharing one database. */
interface DiscordShards {
  /** Shard ids this process opens (DISCORD_SHARDS, e.g. "0,1" or "0-3"), ascending, each below `count`. */
  ids: number[];
  /** The bot's total shard count over all processes (DISCORD_SHARD_COUNT). */
  count: number;
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
  SLACK_CLIENT_SECRET: "must be the app's client secret (8+ characters, no spaces)",
  SLACK_STATE_SECRET: 'must be a random string of 16+ characters without spaces',
  DISCORD_TOKEN: 'must be a bot token (no spaces)',
  DATABASE_URL: 'must be a PostgreSQL URL, e.g. postgres://user:password@host:5432/kms_tutor',
};

const snowflake = z.string().regex(/^[0-9]{17,20}$/, 'must be a Discord snowflake (17-20 digits)');
/** An http(s) URL; `example` is shown in the error (each platform's own local address). */
const httpUrl = (example: string) =>
  z.string().refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol), `must be an http(s) URL, e.g. ${example}`);
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
  SLACK_API_URL: httpUrl('http://127.0.0.1:4010/api/').optional(),
  SLACK_CLIENT_ID: z.string().regex(/^[0-9]+\.[0-9]+$/, "must be the app's client id, e.g. 1234567890.1234567890").optional(),
  SLACK_CLIENT_SECRET: z.string().regex(/^\S{8,}$/, SECRET_RULES.SLACK_CLIENT_SECRET).optional(),
  SLACK_STATE_SECRET: z.string().regex(/^\S{16,}$/, SECRET_RULES.SLACK_STATE_SECRET).optional(),
  PORT: port.default(3000),
  DISCORD_TOKEN: z.string().regex(/^\S+$/, SECRET_RULES.DISCORD_TOKEN).optional(),
  DISCORD_APPLICATION_ID: snowflake.optional(),
  DISCORD_GUILD_ID: snowflake.optional(),
  DISCORD_API_URL: httpUrl('http://127.0.0.1:4020/api').optional(),
  DISCORD_SHARDS: z
    .string()
    .regex(/^(auto|[0-9]{1,5}(-[0-9]{1,5})?(,[0-9]{1,5}(-[0-9]{1,5})?)*)$/, 'must be "auto" or shard ids such as "0,1" or "0-3"')
    .optional(),
  DISCORD_SHARD_COUNT: z
    .string()
    .regex(/^[0-9]{1,5}$/, 'must be a whole number of shards (1 or more)')
    .transform(Number)
    .refine((n) => n >= 1, 'must be a whole number of shards (1 or more)')
    .optional(),
  HEARTBEAT_MAX_AGE_S: heartbeatSeconds.optional(),
});

/**
 * DISCORD_SHARDS and DISCORD_SHARD_COUNT (already well-formed) -> the shards to open: undefined for
 * "auto" (or unset), a DiscordShards for ids, or the one-line problem (names the variables).
 */
function discordShards(ids: string | undefined, count: number | undefined): DiscordShards | string | undefined {
  if (ids === undefined || ids === 'auto') {
    return count === undefined ? undefined : 'DISCORD_SHARD_COUNT is set but DISCORD_SHARDS does not list shard ids (it is "auto" or unset)';
  }
  if (count === undefined) return 'DISCORD_SHARDS lists shard ids but DISCORD_SHARD_COUNT (the bot\'s total shard count) is not set';
  const chosen = new Set<number>();
  for (const part of ids.split(',')) {
    const [from, to = from] = part.split('-').map(Number) as [number, number?];
    if (to < from) return `DISCORD_SHARDS has the range "${part}", which runs backwards`;
    for (let id = from; id <= to; id++) {
      if (id >= count) return `DISCORD_SHARDS names shard ${id}, but shard ids run from 0 to ${count - 1} (DISCORD_SHARD_COUNT is ${count})`;
      chosen.add(id);
    }
  }
  return { ids: [...chosen].sort((a, b) => a - b), count };
}

/**
 * Read the configuration from `env` (default `process.env`). Empty variables count as unset.
 * Slack starts when SLACK_BOT_TOKEN is set: Socket Mode with SLACK_APP_TOKEN, else the HTTP receiver
 * on PORT with SLACK_SIGNING_SECRET; or, installable in many workspaces, when SLACK_CLIENT_ID,
 * SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are set (with SLACK_SIGNING_SECRET, HTTP receiver). Discord starts when DISCORD_TOKEN and DISCORD_APPLICATION_ID are set,
 * opening the recommended shard count unless DISCORD_SHARDS lists ids (with DISCORD_SHARD_COUNT).
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
  const oauthVars = (['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const).filter((k) => e[k] !== undefined);
  if (e.SLACK_BOT_TOKEN && oauthVars.length > 0) {
    missing.push(`SLACK_BOT_TOKEN (one workspace) and ${oauthVars.join(', ')} (many workspaces) are both set; set one or the other`);
  } else if (e.SLACK_BOT_TOKEN) {
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
  } else if (oauthVars.length > 0) {
    const absent = (['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'SLACK_SIGNING_SECRET'] as const).filter((k) => e[k] === undefined);
    if (absent.length > 0) {
      missing.push(`${oauthVars.join(', ')} ${oauthVars.length > 1 ? 'are' : 'is'} set (installing in many workspaces) but ${absent.join(', ')} ${absent.length > 1 ? 'are' : 'is'} not`);
    } else if (e.SLACK_APP_TOKEN) {
      missing.push('SLACK_APP_TOKEN is set with SLACK_CLIENT_ID: installing in many workspaces uses the HTTP receiver (SLACK_SIGNING_SECRET), not Socket Mode');
    } else if (e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_STATE_SECRET && e.SLACK_SIGNING_SECRET) {
      slack = {
        oauth: { clientId: e.SLACK_CLIENT_ID, clientSecret: e.SLACK_CLIENT_SECRET, stateSecret: e.SLACK_STATE_SECRET },
        signingSecret: e.SLACK_SIGNING_SECRET,
        mode: 'http',
        port: e.PORT,
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
      const shards = discordShards(e.DISCORD_SHARDS, e.DISCORD_SHARD_COUNT);
      if (typeof shards === 'string') missing.push(shards);
      discord = {
        token: e.DISCORD_TOKEN,
        applicationId: e.DISCORD_APPLICATION_ID,
        ...(e.DISCORD_GUILD_ID ? { guildId: e.DISCORD_GUILD_ID } : {}),
        ...(e.DISCORD_API_URL ? { apiUrl: e.DISCORD_API_URL } : {}),
        ...(typeof shards === 'object' ? { shards } : {}),
      };
    }
  } else {
    const orphans = (['DISCORD_APPLICATION_ID', 'DISCORD_GUILD_ID', 'DISCORD_API_URL', 'DISCORD_SHARDS', 'DISCORD_SHARD_COUNT'] as const).filter((k) => e[k] !== undefined);
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
