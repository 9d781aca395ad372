/** users.info lookups: admin flag, time zone, name, the per-user cache and failures. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { UserDirectory } from '../../src/adapters/slack/user-directory.js';
import { recordingLogger } from '../support/fake-slack/harness.js';
import { startMockSlackApi, type MockSlackApi } from '../support/fake-slack/mock-slack-api.js';

let api: MockSlackApi;
beforeAll(async () => {
  api = await startMockSlackApi();
  api.addUser({ id: 'UADM', name: 'ada', displayName: 'Ada', tz: 'Europe/Berlin', isAdmin: true });
  api.addUser({ id: 'UOWN', name: 'otto', isOwner: true });
  api.addUser({ id: 'UMEM', name: 'mia', tz: 'Asia/Tokyo' });
});
afterAll(async () => {
  await api?.stop();
});

function directory(now: () => number = Date.now) {
  const client = new webApi.WebClient('xoxb-test-token', { slackApiUrl: api.apiUrl, retryConfig: { retries: 0 } });
  const logger = recordingLogger();
  return { users: new UserDirectory(client, logger, { ttlMs: 60_000, now }), logger };
}
const count = (user: string) => api.callsTo('users.info').filter((c) => c.body.user === user).length;

describe('UserDirectory', () => {
  it('reads admin, owner, time zone and display name', async () => {
    const { users } = directory();
    expect(await users.lookup('T1', 'UADM')).toEqual({ isAdmin: true, timeZone: 'Europe/Berlin', displayName: 'Ada' });
    expect((await users.lookup('T1', 'UOWN')).isAdmin).toBe(true);
    expect(await users.lookup('T1', 'UMEM')).toEqual({ isAdmin: false, timeZone: 'Asia/Tokyo', displayName: 'mia' });
  });

  it('caches per user until the lifetime ends, sharing one call between concurrent lookups', async () => {
    let t = 0;
    const { users } = directory(() => t);
    const before = count('UMEM');
    await Promise.all([users.lookup('T1', 'UMEM'), users.lookup('T1', 'UMEM'), users.lookup('T1', 'UMEM')]);
    expect(count('UMEM')).toBe(before + 1);
    t = 59_999;
    await users.lookup('T1', 'UMEM');
    expect(count('UMEM')).toBe(before + 1);
    t = 60_000;
    await users.lookup('T1', 'UMEM');
    expect(count('UMEM')).toBe(before + 2);
  });

  it('treats a failed lookup as a non-admin, logs it and does not cache it', async () => {
    const { users, logger } = directory();
    expect(await users.lookup('T1', 'UNKNOWN')).toEqual({ isAdmin: false });
    expect(logger.entries).toContainEqual(expect.objectContaining({ level: 'warn', obj: expect.objectContaining({ method: 'users.info', user: 'UNKNOWN', code: 'user_not_found' }) }));
    const before = count('UNKNOWN');
    await users.lookup('T1', 'UNKNOWN');
    expect(count('UNKNOWN')).toBe(before + 1);
  });
});
