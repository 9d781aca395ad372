/**
 * The listeners' response_url poster (src/adapters/slack/response-url.ts): one JSON POST per
 * private answer over keep-alive connections, resolving once Slack's answer was read, rejecting for
 * a status other than 2xx, a network error or an unusable URL.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResponseUrlError, responder, responseUrlAgents } from '../../src/adapters/slack/response-url.js';
import { MockSlackApi } from '../support/fake-slack/mock-slack-api.js';

let api: MockSlackApi;
const agents = responseUrlAgents(4);
beforeAll(async () => {
  api = await new MockSlackApi().start();
});
afterAll(async () => {
  agents.http.destroy();
  agents.https.destroy();
  await api.stop();
});

describe('posting to a response_url', () => {
  it('posts the message as JSON and resolves once answered; posts of a burst share keep-alive connections', async () => {
    const sockets = new Set<unknown>();
    const counting = (req: http.IncomingMessage) => sockets.add(req.socket);
    const server = (api as unknown as { server: http.Server }).server;
    server.on('request', counting);
    try {
      const message = { response_type: 'ephemeral' as const, replace_original: false, text: 'Recorded: B', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*B* is right' } }] };
      for (let i = 0; i < 6; i++) await expect(responder(api.responseUrl(`r-${i}`), agents)(message)).resolves.toBeUndefined();
      expect(api.responsesTo('r-0')).toEqual([message]);
      expect(api.responsesTo('r-5')).toEqual([message]);
      // Six posts one after another: one connection, reused.
      expect(sockets.size).toBe(1);
    } finally {
      server.off('request', counting);
    }
  });

  it('rejects with the status when the response_url refuses the post (e.g. expired), and for an unusable URL', async () => {
    const refusing = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('expired_url');
      });
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/actions/T0001/1/expired`;
      const failed = responder(url, agents)({ text: 'late' }).catch((err: unknown) => err);
      expect(await failed).toBeInstanceOf(ResponseUrlError);
      expect(((await failed) as ResponseUrlError).status).toBe(404);
    } finally {
      refusing.closeAllConnections();
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
    await expect(responder(undefined, agents)({ text: 'x' })).rejects.toThrow('no usable response_url');
    await expect(responder('ftp://example.com/x', agents)({ text: 'x' })).rejects.toThrow('not http(s)');
  });
});
