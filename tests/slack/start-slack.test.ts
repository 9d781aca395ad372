/** The Slack adapter as main.ts creates and starts it: no test-only options, so Bolt checks the bot token with auth.test. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogLevel } from '@slack/bolt';
import { slackAdapter } from '../../src/adapters/slack/adapter.js';
import { startFailureLine } from '../../src/adapters/start-failure.js';
import { createServer } from 'node:net';
import type { SlackConfig } from '../../src/config.js';
import { toBoltLogger } from '../../src/adapters/slack/bolt-logger.js';
import type { TutorApi } from '../../src/core/tutor-api.js';
import { recordingLogger } from '../support/fake-slack/harness.js';
import { startMockSlackApi, type MockSlackApi } from '../support/fake-slack/mock-slack-api.js';
import { SIGNING_SECRET } from '../support/fake-slack/slack-requests.js';

let api: MockSlackApi;
beforeAll(async () => {
  api = await startMockSlackApi();
});
afterAll(async () => {
  await api?.stop();
});

/** The adapter never calls the tutor before a request arrives; any call here is a test failure. */
const idleTutor: TutorApi = {
  handleText: () => Promise.reject(new Error('not expected')),
  handle: () => Promise.reject(new Error('not expected')),
  act: () => Promise.reject(new Error('not expected')),
  explainTermsIn: () => Promise.reject(new Error('not expected')),
  home: () => Promise.reject(new Error('not expected')),
  refreshUserName: () => Promise.reject(new Error('not expected')),
  suggestTerms: () => [],
  suggestScenarios: () => [],
  deckChoices: () => [],
};

/** slackAdapter + start, as main does. */
async function startSlack(options: { config: SlackConfig; tutor: TutorApi; logger: ReturnType<typeof recordingLogger> }) {
  const slack = slackAdapter({ config: options.config, logger: options.logger });
  await slack.start({ tutor: options.tutor });
  return slack;
}

describe('the Slack adapter (slackAdapter, then start)', () => {
  it('verifies the bot token, listens, and returns a working Poster', async () => {
    const before = api.callsTo('auth.test').length;
    const slack = await startSlack({
      config: { botToken: 'xoxb-live', signingSecret: SIGNING_SECRET, mode: 'http', port: 0, apiUrl: api.apiUrl },
      tutor: idleTutor,
      logger: recordingLogger(),
    });
    try {
      expect(api.callsTo('auth.test').length).toBe(before + 1);
      expect(api.callsTo('auth.test').at(-1)!.authorization).toBe('Bearer xoxb-live');
      const ref = await slack.poster.post('C1', { visibility: 'channel', tone: 'info', blocks: [{ type: 'text', text: 'hello' }] });
      expect(ref).toMatchObject({ platform: 'slack', channelId: 'C1' });
      expect(slack.poster.platform).toBe('slack');
    } finally {
      await slack.stop();
      await slack.stop();
    }
  });

  it('rejects with Slack\'s error when the bot token is refused', async () => {
    api.reply('auth.test', () => ({ body: { ok: false, error: 'invalid_auth' } }));
    await expect(
      startSlack({
        config: { botToken: 'xoxb-revoked', signingSecret: SIGNING_SECRET, mode: 'http', port: 0, apiUrl: api.apiUrl },
        tutor: idleTutor,
        logger: recordingLogger(),
      }),
    ).rejects.toThrow(/invalid_auth/);
  });

  it('a refused bot token is told in one line naming SLACK_BOT_TOKEN and what to do (issue 15 item 3)', async () => {
    api.reply('auth.test', () => ({ body: { ok: false, error: 'invalid_auth' } }));
    const err = await startSlack({
      config: { botToken: 'xoxb-revoked', signingSecret: SIGNING_SECRET, mode: 'http', port: 0, apiUrl: api.apiUrl },
      tutor: idleTutor,
      logger: recordingLogger(),
    }).catch((e: unknown) => e);
    const line = startFailureLine(err);
    expect(line).toMatch(/^Slack refused SLACK_BOT_TOKEN \(invalid_auth\): /);
    expect(line).toContain('OAuth & Permissions');
    expect(line).not.toContain('\n');
  });

  it('a busy port is told in one line naming the port and PORT (issue 15 item 3)', async () => {
    api.reply('auth.test', () => ({ body: { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0001', user: 'kms-tutor' } }));
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const err = await startSlack({
        config: { botToken: 'xoxb-live', signingSecret: SIGNING_SECRET, mode: 'http', port, apiUrl: api.apiUrl },
        tutor: idleTutor,
        logger: recordingLogger(),
      }).catch((e: unknown) => e);
      expect(startFailureLine(err)).toBe(
        `port ${port} is already in use (another kms-tutor, or another server): stop that process or set PORT to a free port`,
      );
    } finally {
      busy.close();
    }
  });

  it('refuses a config without the secret or token its mode needs', () => {
    expect(() => slackAdapter({ config: { botToken: 'xoxb-x', mode: 'http', port: 0, apiUrl: api.apiUrl }, logger: recordingLogger() })).toThrow(
      /SLACK_SIGNING_SECRET/,
    );
    expect(() => slackAdapter({ config: { botToken: 'xoxb-x', mode: 'socket', port: 0, apiUrl: api.apiUrl }, logger: recordingLogger() })).toThrow(
      /SLACK_APP_TOKEN/,
    );
  });
});

describe('toBoltLogger', () => {
  it('forwards Bolt log calls as structured entries, filtered by level', () => {
    const logger = recordingLogger();
    const bolt = toBoltLogger(logger, LogLevel.INFO);
    bolt.debug('hidden');
    bolt.info('listening on', 3000);
    const err = new Error('boom');
    bolt.error('failed:', err);
    bolt.setLevel(LogLevel.DEBUG);
    bolt.setName('socket-mode');
    bolt.debug('now shown');
    expect(bolt.getLevel()).toBe(LogLevel.DEBUG);
    expect(logger.entries.map((e) => [e.level, e.msg])).toEqual([
      ['info', 'listening on 3000'],
      ['error', 'failed:'],
      ['debug', 'now shown'],
    ]);
    expect(logger.entries[1]!.obj.err).toBe(err);
    expect(logger.entries[2]!.obj.component).toBe('socket-mode');
  });
});
