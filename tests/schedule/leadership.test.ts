/**
 * Several processes on one database: only the leading process runs the scheduled work. Two
 * "processes" (stores on one SQLite file) with a leadership flag each: the follower's ticks and
 * jobs post nothing (its heartbeat still beats), the leader posts once; when the leader goes away
 * the other takes over at its next tick and the day's post is not repeated.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BERLIN, makeProc, startWorld, subscription, tempDir, type World } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;
const worlds: World[] = [];
afterEach(async () => {
  for (const w of worlds.splice(0)) {
    await w.scheduler.stop();
    await w.store.close();
  }
  tmp?.cleanup();
});

describe('one leader among processes sharing a database', () => {
  it('only the leader posts; the follower takes over when the leader is gone, without posting the day twice', async () => {
    tmp = tempDir();
    const db = path.join(tmp.dir, 'shared.db');
    const leads = { a: true, b: false };
    const a = startWorld(makeProc(db), '2026-06-10T05:00:00Z', { leader: async () => leads.a });
    const b = startWorld(makeProc(db), '2026-06-10T05:00:00Z', {
      leader: async () => leads.b,
      heartbeatPath: path.join(tmp.dir, 'b-heartbeat'),
    });
    worlds.push(a, b);
    await a.store.upsertSubscription(subscription(BERLIN));
    await Promise.all([a.scheduler.started, b.scheduler.started]);

    const at = new Date('2026-06-10T07:00:00Z'); // 09:00 Berlin
    expect((await b.scheduler.tick(at)).runs).toEqual([]);
    expect(await b.scheduler.runDue(at, BERLIN)).toEqual([]);
    expect(readFileSync(path.join(tmp.dir, 'b-heartbeat'), 'utf8').trim()).toBe(at.toISOString());
    expect(b.poster.posts).toHaveLength(0);
    expect((await a.scheduler.tick(at)).runs.map((r) => r.outcome.status)).toEqual(['posted']);
    expect(a.poster.posts).toHaveLength(1);

    // The leader dies; the other process leads from its next tick on.
    leads.a = false;
    leads.b = true;
    await b.scheduler.tick(new Date('2026-06-10T07:01:00Z'));
    expect(b.poster.posts).toHaveLength(0); // the day's round exists already
    const nextDay = await b.scheduler.tick(new Date('2026-06-11T07:00:00Z'));
    expect(nextDay.runs.map((r) => r.outcome.status)).toEqual(['posted']);
    expect(b.poster.posts).toHaveLength(1);
    expect(a.poster.posts).toHaveLength(1);
    expect(b.logger.entries.map((e) => e.msg)).toEqual(
      expect.arrayContaining(['another process leads the scheduled posts', 'this process leads the scheduled posts']),
    );
  });
});
