import { execFile } from 'node:child_process';
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { heartbeatPath } from '../../src/schedule/heartbeat.js';
import { startDailySchedule } from '../../src/schedule/service.js';
import { startScheduler } from '../../src/schedule/scheduler.js';
import { FakeClock, FakeTimers } from '../support/fake-timers.js';
import { RecordingPoster } from '../support/recording-poster.js';
import {
  BERLIN,
  FakeCron,
  adminCtx,
  makeProc,
  recordingLogger,
  tempDir,
} from './helpers.js';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const HEALTHCHECK = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'schedule', 'healthcheck.mjs');

describe('startDailySchedule (the wire-up main calls)', () => {
  it('serves the platforms that have a poster, reloads on subscription changes, writes the heartbeat', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const proc = makeProc(':memory:');
    cleanups.push(() => proc.store.close());
    const discordChannel = { platform: 'discord' as const, teamId: 'G1', channelId: '222' };
    await proc.store.upsertSubscription({ ...discordChannel, deckId: 'schedule-fixture', time: '09:00', timeZone: 'UTC', cadence: 'daily', createdBy: 'u', createdAt: 0 });
    const cron = new FakeCron();
    const clock = new FakeClock(new Date('2026-06-10T05:00:00Z'));
    const heartbeat = path.join(t.dir, 'data', 'heartbeat');
    const scheduler = startDailySchedule({ deps: proc.deps, daily: proc.daily, env: { HEARTBEAT_PATH: heartbeat }, clock, cron });
    cleanups.push(async () => {
      await scheduler.stop();
      await cron.dispose();
    });
    await scheduler.started;
    // Only slack has a poster: the discord subscription gets no job.
    expect(scheduler.jobs()).toEqual([]);
    expect(readFileSync(heartbeat, 'utf8').trim()).toBe('2026-06-10T05:00:00.000Z');

    await proc.tutor.handleText('subscribe 09:00 Europe/Berlin daily', adminCtx(BERLIN, clock.now()));
    expect(scheduler.jobs()).toEqual([{ channel: BERLIN, expression: '0 9 * * *', timeZone: 'Europe/Berlin' }]);

    // The minute job is node-cron's "* * * * *"; firing it ticks on the clock.
    clock.set('2026-06-10T07:00:00Z');
    const minute = cron.live().find((j) => j.options.name === 'minute')!;
    expect(minute.expression).toBe('* * * * *');
    await minute.run();
    expect(proc.poster.postsIn('C-BERLIN')).toHaveLength(1);
    expect(readFileSync(heartbeat, 'utf8').trim()).toBe('2026-06-10T07:00:00.000Z');

    // A discord poster appearing later is picked up on reload.
    proc.deps.posters.discord = new RecordingPoster('discord');
    await scheduler.reload();
    expect(scheduler.jobs().map((j) => j.channel.platform).sort()).toEqual(['discord', 'slack']);
  });

  it('runs with real node-cron jobs and stops them all', async () => {
    const proc = makeProc(':memory:');
    cleanups.push(() => proc.store.close());
    await proc.store.upsertSubscription({ ...BERLIN, deckId: 'schedule-fixture', time: '09:00', timeZone: 'Europe/Berlin', cadence: 'weekdays', createdBy: 'u', createdAt: 0 });
    const { getTasks } = await import('node-cron');
    const before = getTasks().size;
    const scheduler = startScheduler({
      store: proc.store,
      daily: proc.daily,
      platforms: () => ['slack'],
      clock: new FakeClock(new Date('2026-06-10T05:00:00Z')),
      logger: recordingLogger(),
      timers: new FakeTimers(),
    });
    await scheduler.started;
    expect(getTasks().size - before).toBe(2); // the subscription's job and the minute job
    const job = [...getTasks().values()].find((task) => task.name === 'daily slack/T1/C-BERLIN');
    expect(job?.getPattern()).toBe('0 9 * * 1-5');
    expect(job?.match(new Date('2026-06-10T07:00:00Z'))).toBe(true);
    expect(await scheduler.stop()).toEqual({ timedOut: false });
    expect(getTasks().size).toBe(before);
  });
});

describe('heartbeatPath', () => {
  it('is HEARTBEAT_PATH, else next to the database, and none for an in-memory database', () => {
    expect(heartbeatPath({ HEARTBEAT_PATH: '/run/hb', DATABASE_PATH: '/srv/db/x.db' })).toBe('/run/hb');
    expect(heartbeatPath({ DATABASE_PATH: '/srv/db/x.db' })).toBe('/srv/db/heartbeat');
    expect(heartbeatPath({ HEARTBEAT_PATH: '  ' })).toBe(path.join('data', 'heartbeat'));
    expect(heartbeatPath({ DATABASE_PATH: ':memory:' })).toBeUndefined();
  });

  it('with a database server (DATABASE_URL) is HEARTBEAT_PATH, else data/heartbeat, never next to a SQLite path', () => {
    expect(heartbeatPath({ DATABASE_URL: 'postgres://db/kms', DATABASE_PATH: '/srv/db/x.db' })).toBe(path.join('data', 'heartbeat'));
    expect(heartbeatPath({ DATABASE_URL: 'postgres://db/kms', DATABASE_PATH: ':memory:' })).toBe(path.join('data', 'heartbeat'));
    expect(heartbeatPath({ DATABASE_URL: 'postgres://db/kms', HEARTBEAT_PATH: '/run/hb' })).toBe('/run/hb');
  });
});

describe('healthcheck.mjs', () => {
  function check(env: Record<string, string>): Promise<{ code: number; out: string }> {
    return new Promise((resolve) => {
      execFile(process.execPath, [HEALTHCHECK], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 15_000 }, (err, stdout, stderr) => {
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}`.trim() });
      });
    });
  }

  async function server(status: number): Promise<string> {
    const srv: Server = createServer((req, res) => {
      res.statusCode = req.url === '/healthz' ? status : 404;
      res.end();
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => srv.close(() => r())));
    return String((srv.address() as AddressInfo).port);
  }

  it('is healthy with a fresh heartbeat, unhealthy with a stale or missing one', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const hb = path.join(t.dir, 'heartbeat');
    expect(await check({ HEARTBEAT_PATH: hb })).toEqual({ code: 1, out: `unhealthy: no heartbeat file at ${hb}` });
    writeFileSync(hb, 'x');
    expect(await check({ HEARTBEAT_PATH: hb })).toEqual({ code: 0, out: 'healthy' });
    // Without HEARTBEAT_PATH it looks next to the database, like the scheduler writes it.
    expect(await check({ DATABASE_PATH: path.join(t.dir, 'kms-tutor.db') })).toEqual({ code: 0, out: 'healthy' });
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(hb, old, old);
    const stale = await check({ HEARTBEAT_PATH: hb });
    expect(stale.code).toBe(1);
    expect(stale.out).toMatch(/heartbeat \d+ s old \(limit 180 s\)/);
  });

  it('refuses a malformed HEARTBEAT_MAX_AGE_S with one line naming it (not "limit NaN s")', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const hb = path.join(t.dir, 'heartbeat');
    writeFileSync(hb, 'x');
    for (const value of ['abc', '-5', '1.5']) {
      const result = await check({ HEARTBEAT_PATH: hb, HEARTBEAT_MAX_AGE_S: value });
      expect(result.code).toBe(1);
      expect(result.out).toBe(`unhealthy: HEARTBEAT_MAX_AGE_S must be a whole number of seconds (at least 90), not "${value}"`);
    }
    expect(await check({ HEARTBEAT_PATH: hb, HEARTBEAT_MAX_AGE_S: ' 600 ' })).toEqual({ code: 0, out: 'healthy' });
  });

  it('with the Slack adapter (HTTP receiver or Socket Mode), also needs GET /healthz to answer 2xx', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const hb = path.join(t.dir, 'heartbeat');
    writeFileSync(hb, 'x');
    const slack = { HEARTBEAT_PATH: hb, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret-secret' };
    expect(await check({ ...slack, PORT: await server(200) })).toEqual({ code: 0, out: 'healthy' });
    const bad = await check({ ...slack, PORT: await server(503) });
    expect(bad).toMatchObject({ code: 1 });
    expect(bad.out).toMatch(/answered 503/);
    const socketMode = { HEARTBEAT_PATH: hb, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_APP_TOKEN: 'xapp-test' };
    expect(await check({ ...socketMode, PORT: await server(200) })).toEqual({ code: 0, out: 'healthy' });
    // Discord only: no HTTP port to ask; the heartbeat decides.
    expect(await check({ HEARTBEAT_PATH: hb, DISCORD_TOKEN: 'token', PORT: '1' })).toEqual({ code: 0, out: 'healthy' });
  });
});
