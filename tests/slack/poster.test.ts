/**
 * The Slack Poster against the loopback Web API: what it sends, and how Web API failures become
 * PosterErrors (logged with method and channel).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LogLevel, webApi } from '@slack/bolt';
import { toBoltLogger } from '../../src/adapters/slack/bolt-logger.js';
import { PosterError } from '../../src/core/ports/poster.js';
import type { Reply } from '../../src/core/reply.js';
import { SlackPoster } from '../../src/adapters/slack/poster.js';
import { recordingLogger } from '../support/fake-slack/harness.js';
import { startMockSlackApi, type MockSlackApi } from '../support/fake-slack/mock-slack-api.js';

let api: MockSlackApi;
beforeAll(async () => {
  api = await startMockSlackApi();
});
afterAll(async () => {
  await api?.stop();
});

function poster(retries = 0, slackApiUrl = api.apiUrl) {
  const logger = recordingLogger();
  // The WebClient logs through the test's recording logger (as production routes it to pino), not the console.
  const client = new webApi.WebClient('xoxb-test-token', {
    slackApiUrl,
    retryConfig: { retries, minTimeout: 1, maxTimeout: 5 },
    logger: toBoltLogger(logger, LogLevel.WARN),
  });
  return { poster: new SlackPoster(client, logger), logger };
}

const round: Reply = {
  visibility: 'channel',
  tone: 'info',
  title: 'Round #4 · KMS',
  blocks: [{ type: 'text', text: 'Question?' }],
  buttons: [{ action: { kind: 'answer', roundId: 4, letter: 'A' }, label: 'A' }],
  round: { id: 4, state: 'open', answered: 0 },
};

describe('SlackPoster', () => {
  it('posts with chat.postMessage and returns the channel and ts as the message ref', async () => {
    const { poster: p } = poster();
    const ref = await p.post('C1', round);
    const call = api.callsTo('chat.postMessage').at(-1)!;
    expect(call.body.channel).toBe('C1');
    expect(call.authorization).toBe('Bearer xoxb-test-token');
    expect(call.body.text).toContain('Round #4');
    expect(JSON.stringify(call.body.blocks)).toContain('k1:a:4:A');
    expect(ref).toEqual({ platform: 'slack', channelId: 'C1', messageId: expect.stringMatching(/^\d+\.\d+$/) });
  });

  it('uploads a reply picture with the file upload API and shares it in the channel after the message', async () => {
    const { poster: p } = poster();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7, 7]);
    const digest: Reply = {
      visibility: 'channel',
      tone: 'info',
      title: 'Weekly digest',
      blocks: [
        { type: 'pre', lines: ['S3   ███████░░░   70%  (7/10)'] },
        { type: 'image', name: 'digest-topics.png', png, alt: 'Bar chart of accuracy per topic: S3 70%.' },
      ],
    };
    const before = api.calls.length;
    await p.post('C1', digest);
    const calls = api.calls.slice(before);
    expect(calls.map((c) => c.method)).toEqual(['chat.postMessage', 'files.getUploadURLExternal', 'files.completeUploadExternal']);
    expect(JSON.stringify(calls[0]?.body.blocks)).toContain('70%');
    expect(calls[1]?.body).toMatchObject({ filename: 'digest-topics.png', length: String(png.byteLength), alt_text: 'Bar chart of accuracy per topic: S3 70%.' });
    const fileId = calls[1]?.response?.file_id;
    expect(api.uploads.at(-1)?.fileId).toBe(fileId);
    expect([...(api.uploads.at(-1)?.bytes ?? [])]).toEqual([...png]);
    expect(calls[2]?.body).toMatchObject({ channel_id: 'C1', files: [{ id: fileId, title: 'Bar chart of accuracy per topic: S3 70%.' }] });
  });

  it('sends the pictures of an ephemeral reply to the asker\'s direct message only', async () => {
    const { poster: p } = poster();
    const before = api.calls.length;
    const shared = await p.shareImages(
      { visibility: 'user', tone: 'info', blocks: [{ type: 'image', name: 'stats-topics.png', png: new Uint8Array([1, 2, 3]), alt: 'Accuracy per topic.' }] },
      { userId: 'U42' },
    );
    expect(shared).toBe(1);
    const calls = api.calls.slice(before);
    expect(calls.map((c) => c.method)).toEqual(['conversations.open', 'files.getUploadURLExternal', 'files.completeUploadExternal']);
    expect(calls[0]?.body).toMatchObject({ users: 'U42' });
    expect(calls[2]?.body).toMatchObject({ channel_id: 'D42' });
  });

  it('sends a direct message: conversations.open with the user, then chat.postMessage in the IM channel', async () => {
    const { poster: p } = poster();
    const ref = await p.sendDirect('U42', { visibility: 'user', tone: 'info', title: 'Cards due', blocks: [{ type: 'text', text: '3 cards are due.' }], buttons: [{ action: { kind: 'practice' }, label: 'Practice now' }] });
    expect(api.callsTo('conversations.open').at(-1)!.body.users).toBe('U42');
    const call = api.callsTo('chat.postMessage').at(-1)!;
    expect(call.body.channel).toBe('D42');
    expect(JSON.stringify(call.body.blocks)).toContain('k1:pq');
    expect(ref).toMatchObject({ platform: 'slack', channelId: 'D42' });
  });

  it('a user Slack will not let the bot message is a permanent forbidden, logged', async () => {
    const { poster: p, logger } = poster();
    api.reply('conversations.open', (body) => (body.users === 'U_OFF' ? { body: { ok: false, error: 'user_disabled' } } : undefined));
    const err = await p.sendDirect('U_OFF', { visibility: 'user', tone: 'info', blocks: [{ type: 'text', text: 'x' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PosterError);
    expect((err as PosterError).failure).toBe('forbidden');
    expect((err as PosterError).permanent).toBe(true);
    expect(logger.entries.some((e) => e.level === 'warn' && JSON.stringify(e.obj).includes('user_disabled'))).toBe(true);
  });

  it('updates with chat.update on the same channel and ts', async () => {
    const { poster: p } = poster();
    await p.update({ platform: 'slack', channelId: 'C1', messageId: '1700000000.000555' }, { ...round, round: { id: 4, state: 'closed', answered: 2 } });
    const call = api.callsTo('chat.update').at(-1)!;
    expect(call.body).toMatchObject({ channel: 'C1', ts: '1700000000.000555' });
    expect(JSON.stringify(call.body.blocks)).not.toContain('k1:a:4:A');
    expect(JSON.stringify(call.body.blocks)).toContain('2 answered');
  });

  it('posts a very long non-round reply as several messages and returns the first one', async () => {
    const { poster: p } = poster();
    const before = api.callsTo('chat.postMessage').length;
    const long: Reply = { visibility: 'channel', tone: 'info', blocks: Array.from({ length: 70 }, (_, i) => ({ type: 'text', text: `line ${i}` })) };
    const ref = await p.post('C-LONG', long);
    const calls = api.callsTo('chat.postMessage').slice(before);
    expect(calls).toHaveLength(2);
    expect((calls[0]!.body.blocks as unknown[]).length).toBe(50);
    expect(ref.channelId).toBe('C-LONG');
  });

  const cases: [string, string, PosterError['failure'], boolean][] = [
    ['channel_not_found', 'C-GONE', 'channel_not_found', true],
    ['not_in_channel', 'C-NOTIN', 'forbidden', true],
    ['is_archived', 'C-ARCH', 'forbidden', true],
    ['missing_scope', 'C-SCOPE', 'forbidden', true],
    ['ratelimited', 'C-RL', 'rate_limited', false],
    ['internal_error', 'C-INT', 'transient', false],
    ['invalid_blocks', 'C-BLOCKS', 'unknown', false],
  ];
  for (const [code, channel, failure, permanent] of cases) {
    it(`maps Slack error ${code} to ${failure}${permanent ? ' (permanent)' : ''} and logs method and channel`, async () => {
      api.reply('chat.postMessage', (body) => (body.channel === channel ? { body: { ok: false, error: code } } : undefined));
      const { poster: p, logger } = poster();
      const err = await p.post(channel, round).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PosterError);
      expect((err as PosterError).failure).toBe(failure);
      expect((err as PosterError).permanent).toBe(permanent);
      expect((err as PosterError).message).toContain(code);
      expect(logger.entries).toContainEqual(
        expect.objectContaining({ level: 'warn', obj: expect.objectContaining({ method: 'chat.postMessage', channel, failure, code }) }),
      );
    });
  }

  it('maps a chat.update failure with the update method in the log', async () => {
    api.reply('chat.update', (body) => (body.channel === 'C-UPD' ? { body: { ok: false, error: 'cant_update_message' } } : undefined));
    const { poster: p, logger } = poster();
    const err = await p.update({ platform: 'slack', channelId: 'C-UPD', messageId: '1.2' }, round).catch((e: unknown) => e);
    expect((err as PosterError).failure).toBe('forbidden');
    expect(logger.entries).toContainEqual(expect.objectContaining({ obj: expect.objectContaining({ method: 'chat.update', channel: 'C-UPD' }) }));
  });

  it('lets the WebClient retry an HTTP 429 itself (Retry-After), so the post succeeds', async () => {
    let limited = 0;
    api.reply('chat.postMessage', (body) => {
      if (body.channel !== 'C-429-ONCE' || limited > 0) return undefined;
      limited += 1;
      return { status: 429, headers: { 'Retry-After': '0' }, body: { ok: false, error: 'ratelimited' } };
    });
    const { poster: p } = poster(2);
    const ref = await p.post('C-429-ONCE', round);
    expect(ref.channelId).toBe('C-429-ONCE');
    expect(api.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C-429-ONCE')).toHaveLength(2);
  });

  it('reports rate_limited once the WebClient has used up its retries on HTTP 429', async () => {
    api.reply('chat.postMessage', (body) =>
      body.channel === 'C-429' ? { status: 429, headers: { 'Retry-After': '0' }, body: { ok: false, error: 'ratelimited' } } : undefined,
    );
    const { poster: p, logger } = poster(1);
    // The WebClient's own warnings go to the test's logger, not the console (issue 15 item 17).
    const consoleWarn = vi.spyOn(console, 'warn');
    const err = await p.post('C-429', round).catch((e: unknown) => e);
    const warnedOnConsole = consoleWarn.mock.calls.length;
    consoleWarn.mockRestore();
    expect(warnedOnConsole).toBe(0);
    expect(logger.entries.some((e) => e.level === 'warn' && /http request failed/.test(JSON.stringify(e)))).toBe(true);
    expect((err as PosterError).failure).toBe('rate_limited');
    expect((err as PosterError).permanent).toBe(false);
    expect(api.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C-429')).toHaveLength(2);
  });

  it('reports an HTTP 503 as transient', async () => {
    api.reply('chat.postMessage', (body) => (body.channel === 'C-503' ? { status: 503, body: 'unavailable' } : undefined));
    const { poster: p } = poster();
    const err = await p.post('C-503', round).catch((e: unknown) => e);
    expect((err as PosterError).failure).toBe('transient');
  });

  it('reports a refused connection as transient', async () => {
    const closed = await startMockSlackApi();
    const url = closed.apiUrl;
    await closed.stop();
    const { poster: p } = poster(0, url);
    const err = await p.post('C1', round).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PosterError);
    expect((err as PosterError).failure).toBe('transient');
  });
});
