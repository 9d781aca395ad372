import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const BOT = 'xoxb-1111-2222-secretbotvalue';
const APP = 'xapp-1-A111-secretappvalue';
const DISCORD = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.secret-discord-token';

function failure(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('defaults with no variables: terminal only', () => {
    expect(loadConfig({})).toEqual({ databasePath: 'data/kms-tutor.db', contentDir: 'content', decksPath: [], roundMinutes: 15 });
  });

  it('DECKS_PATH: colon-separated folders, empty entries ignored; imports go to IMPORT_DIR, else its first folder', () => {
    expect(loadConfig({ DECKS_PATH: '/srv/decks: :team-decks:' })).toMatchObject({ decksPath: ['/srv/decks', 'team-decks'], importDir: '/srv/decks' });
    expect(loadConfig({ DECKS_PATH: '/srv/decks', IMPORT_DIR: '/srv/imports' })).toMatchObject({ decksPath: ['/srv/decks'], importDir: '/srv/imports' });
    expect(loadConfig({}).importDir).toBeUndefined();
  });

  it('reads the general variables; empty ones count as unset', () => {
    expect(
      loadConfig({ DATABASE_PATH: '/tmp/x.db', CONTENT_DIR: 'c', DEFAULT_DECK: 'kms-encryption-at-rest', LOG_LEVEL: 'debug', ROUND_MINUTES: '5', SLACK_BOT_TOKEN: '' }),
    ).toEqual({ databasePath: '/tmp/x.db', contentDir: 'c', decksPath: [], defaultDeck: 'kms-encryption-at-rest', logLevel: 'debug', roundMinutes: 5 });
  });

  it('Slack: app token -> Socket Mode; signing secret -> HTTP on PORT', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP }).slack).toEqual({ botToken: BOT, appToken: APP, mode: 'socket', port: 3000 });
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 'abcdef0123456789', PORT: '8080', SLACK_API_URL: 'http://127.0.0.1:4010/api/' }).slack).toEqual({
      botToken: BOT,
      signingSecret: 'abcdef0123456789',
      mode: 'http',
      port: 8080,
      apiUrl: 'http://127.0.0.1:4010/api/',
    });
  });

  it('Discord: token + application id (+ guild, API URL)', () => {
    expect(loadConfig({ DISCORD_TOKEN: DISCORD, DISCORD_APPLICATION_ID: '123456789012345678', DISCORD_GUILD_ID: '223456789012345678', DISCORD_API_URL: 'http://127.0.0.1:4020/api' }).discord).toEqual({
      token: DISCORD,
      applicationId: '123456789012345678',
      guildId: '223456789012345678',
      apiUrl: 'http://127.0.0.1:4020/api',
    });
  });

  it('Slack in many workspaces: client id, client secret and state secret with the signing secret (HTTP), no bot token', () => {
    const oauth = { SLACK_CLIENT_ID: '1111111111.2222222222', SLACK_CLIENT_SECRET: 'client-secret-value', SLACK_STATE_SECRET: 'state-secret-0123456789', SLACK_SIGNING_SECRET: 'abcdef0123456789' };
    expect(loadConfig(oauth).slack).toEqual({
      oauth: { clientId: '1111111111.2222222222', clientSecret: 'client-secret-value', stateSecret: 'state-secret-0123456789' },
      signingSecret: 'abcdef0123456789',
      mode: 'http',
      port: 3000,
    });
  });

  it.each([
    [{ SLACK_CLIENT_ID: '1111111111.2222222222' }, 'SLACK_CLIENT_ID is set (installing in many workspaces) but SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, SLACK_SIGNING_SECRET are not'],
    [{ SLACK_CLIENT_ID: 'abc' }, 'SLACK_CLIENT_ID must be the app\'s client id'],
    [{ SLACK_STATE_SECRET: 'short' }, 'SLACK_STATE_SECRET must be a random string of 16+ characters'],
    [
      { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 'abcdef0123456789', SLACK_CLIENT_ID: '1111111111.2222222222' },
      'SLACK_BOT_TOKEN (one workspace) and SLACK_CLIENT_ID (many workspaces) are both set',
    ],
    [
      { SLACK_CLIENT_ID: '1111111111.2222222222', SLACK_CLIENT_SECRET: 'client-secret-value', SLACK_STATE_SECRET: 'state-secret-0123456789', SLACK_SIGNING_SECRET: 'abcdef0123456789', SLACK_APP_TOKEN: APP },
      'installing in many workspaces uses the HTTP receiver',
    ],
  ])('Slack OAuth %o -> one line: %s', (env, text) => {
    const err = failure(env as Record<string, string>);
    expect(err.message).toContain(text);
    expect(err.message).not.toContain('\n');
    for (const secret of ['client-secret-value', 'state-secret-0123456789', 'short', BOT, APP]) expect(err.message).not.toContain(secret);
  });

  it('Discord shards: "auto" (or unset) lets discord.js pick; ids and ranges with DISCORD_SHARD_COUNT pick a subset', () => {
    const discord = { DISCORD_TOKEN: DISCORD, DISCORD_APPLICATION_ID: '123456789012345678' };
    expect(loadConfig(discord).discord?.shards).toBeUndefined();
    expect(loadConfig({ ...discord, DISCORD_SHARDS: 'auto' }).discord?.shards).toBeUndefined();
    expect(loadConfig({ ...discord, DISCORD_SHARDS: '3,0-1', DISCORD_SHARD_COUNT: '4' }).discord?.shards).toEqual({ ids: [0, 1, 3], count: 4 });
  });

  it.each([
    [{ DISCORD_SHARDS: 'all' }, 'DISCORD_SHARDS must be "auto" or shard ids'],
    [{ DISCORD_SHARDS: '0,1' }, 'DISCORD_SHARDS lists shard ids but DISCORD_SHARD_COUNT'],
    [{ DISCORD_SHARDS: '0,2', DISCORD_SHARD_COUNT: '2' }, 'DISCORD_SHARDS names shard 2, but shard ids run from 0 to 1'],
    [{ DISCORD_SHARDS: '3-1', DISCORD_SHARD_COUNT: '4' }, 'DISCORD_SHARDS has the range "3-1", which runs backwards'],
    [{ DISCORD_SHARD_COUNT: '2' }, 'DISCORD_SHARD_COUNT is set but DISCORD_SHARDS does not list shard ids'],
    [{ DISCORD_SHARDS: '0', DISCORD_SHARD_COUNT: '0' }, 'DISCORD_SHARD_COUNT must be a whole number of shards'],
  ])('Discord shards %o -> one line: %s', (env, text) => {
    const err = failure({ DISCORD_TOKEN: DISCORD, DISCORD_APPLICATION_ID: '123456789012345678', ...env });
    expect(err.message).toContain(text);
    expect(err.message).not.toContain('\n');
    expect(err.message).not.toContain(DISCORD);
  });

  it.each([
    [{ DISCORD_SHARDS: 'auto' }, 'DISCORD_TOKEN'],
    [{ SLACK_BOT_TOKEN: 'xoxp-user-token-value' }, 'SLACK_BOT_TOKEN'],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: 'xoxb-wrong-kind' }, 'SLACK_APP_TOKEN'],
    [{ SLACK_BOT_TOKEN: BOT }, 'SLACK_APP_TOKEN'],
    [{ SLACK_APP_TOKEN: APP }, 'SLACK_BOT_TOKEN'],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_API_URL: 'not a url' }, 'SLACK_API_URL'],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 'abcdef0123456789', PORT: '70000' }, 'PORT'],
    [{ DISCORD_TOKEN: DISCORD }, 'DISCORD_APPLICATION_ID'],
    [{ DISCORD_TOKEN: DISCORD, DISCORD_APPLICATION_ID: 'my-app' }, 'DISCORD_APPLICATION_ID'],
    [{ DISCORD_TOKEN: DISCORD, DISCORD_APPLICATION_ID: '123456789012345678', DISCORD_GUILD_ID: '12' }, 'DISCORD_GUILD_ID'],
    [{ DISCORD_APPLICATION_ID: '123456789012345678' }, 'DISCORD_TOKEN'],
    [{ ROUND_MINUTES: '0' }, 'ROUND_MINUTES'],
    [{ ROUND_MINUTES: 'ten' }, 'ROUND_MINUTES'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ DEFAULT_DECK: 'Not A Deck' }, 'DEFAULT_DECK'],
    [{ HEARTBEAT_MAX_AGE_S: 'abc' }, 'HEARTBEAT_MAX_AGE_S'],
    [{ HEARTBEAT_MAX_AGE_S: '-5' }, 'HEARTBEAT_MAX_AGE_S'],
    [{ HEARTBEAT_MAX_AGE_S: '30' }, 'HEARTBEAT_MAX_AGE_S'],
  ])('%o -> one-line ConfigError naming %s, without secrets', (env, variable) => {
    const err = failure(env as Record<string, string>);
    expect(err.message).toContain(variable);
    expect(err.message).not.toContain('\n');
    for (const secret of [BOT, APP, DISCORD, 'xoxp-user-token-value', 'xoxb-wrong-kind']) expect(err.message).not.toContain(secret);
  });

  it('gives each platform its own example address in an API URL error', () => {
    const discord = failure({ DISCORD_TOKEN: DISCORD, DISCORD_APPLICATION_ID: '123456789012345678', DISCORD_API_URL: 'ftp://x' });
    expect(discord.message).toContain('DISCORD_API_URL must be an http(s) URL, e.g. http://127.0.0.1:4020/api');
    expect(discord.message).not.toContain('4010');
    const slack = failure({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_API_URL: 'ftp://x' });
    expect(slack.message).toContain('SLACK_API_URL must be an http(s) URL, e.g. http://127.0.0.1:4010/api/');
  });

  it('a short secret value leaves the message intact: names the variable and its rule, never masks inside the text', () => {
    expect(failure({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'e' }).message).toBe(
      "Invalid configuration: SLACK_SIGNING_SECRET must be the app's signing secret (8+ characters, no spaces)",
    );
    expect(failure({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'x' }).message).toBe(
      'Invalid configuration: SLACK_APP_TOKEN must be an app-level token starting with xapp-',
    );
    expect(failure({ DISCORD_TOKEN: 'a b', DISCORD_APPLICATION_ID: '123456789012345678' }).message).not.toContain('*');
  });

  it('DATABASE_URL: a postgres:// or postgresql:// URL selects PostgreSQL; anything else is refused in one line without the password', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://kms:pw@db.internal:5432/kms' })).toMatchObject({
      databaseUrl: 'postgres://kms:pw@db.internal:5432/kms',
      databasePath: 'data/kms-tutor.db',
    });
    expect(loadConfig({ DATABASE_URL: 'postgresql:///kms?host=/var/run/postgresql' }).databaseUrl).toBe('postgresql:///kms?host=/var/run/postgresql');
    expect(loadConfig({}).databaseUrl).toBeUndefined();
    for (const bad of ['mysql://kms:s3cretpw@db/kms', 'kms:s3cretpw@db/kms', 'https://kms:s3cretpw@db/kms']) {
      const err = failure({ DATABASE_URL: bad });
      expect(err.message).toBe('Invalid configuration: DATABASE_URL must be a PostgreSQL URL, e.g. postgres://user:password@host:5432/kms_tutor');
      expect(err.message).not.toContain('s3cretpw');
    }
  });

  it('accepts LOG_LEVEL in any case, as commands are', () => {
    expect(loadConfig({ LOG_LEVEL: 'DEBUG' }).logLevel).toBe('debug');
    expect(loadConfig({ LOG_LEVEL: 'Warn' }).logLevel).toBe('warn');
  });

  it('accepts a whole number of seconds in HEARTBEAT_MAX_AGE_S (read by the health check)', () => {
    expect(loadConfig({ HEARTBEAT_MAX_AGE_S: '300' })).toEqual(loadConfig({}));
  });

  it('names every bad variable at once', () => {
    const err = failure({ SLACK_BOT_TOKEN: 'bad', ROUND_MINUTES: '-1' });
    expect(err.message).toMatch(/SLACK_BOT_TOKEN.*ROUND_MINUTES|ROUND_MINUTES.*SLACK_BOT_TOKEN/);
  });
});
