#!/usr/bin/env node
/**
 * Container health check (Dockerfile HEALTHCHECK): exit 0 when healthy, 1 when not, with one line
 * saying why. Plain JavaScript so it starts fast without tsx.
 *
 * - Always: the scheduler's heartbeat file (HEARTBEAT_PATH, else "heartbeat" next to DATABASE_PATH,
 *   default "data/heartbeat", and always "data/heartbeat" with DATABASE_URL; written every minute by the scheduler's minute job) is younger than
 *   HEARTBEAT_MAX_AGE_S seconds (default 180; a whole number, at least 90, else it fails naming the variable).
 * - When the Slack adapter runs (SLACK_BOT_TOKEN or SLACK_CLIENT_ID, with SLACK_SIGNING_SECRET for
 *   the HTTP receiver or SLACK_APP_TOKEN for Socket Mode; Bolt serves /healthz on PORT in both): also
 *   GET http://127.0.0.1:$PORT/healthz (PORT default 3000) answers 2xx within 4 s.
 * - Discord-only deployments have no HTTP port: the heartbeat decides.
 */
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';

const env = process.env;
const set = (name) => (env[name] ?? '').trim() !== '';

function fail(reason) {
  console.error(`unhealthy: ${reason}`);
  process.exit(1);
}

// With a database server (DATABASE_URL) the heartbeat is not tied to any SQLite file's folder.
const databaseFile = set('DATABASE_URL') ? 'data/kms-tutor.db' : (env.DATABASE_PATH ?? '').trim() || 'data/kms-tutor.db';
const heartbeatPath = (env.HEARTBEAT_PATH ?? '').trim() || join(dirname(databaseFile), 'heartbeat');
// Whole seconds, at least 90 (the same rule as src/config.ts, which refuses other values at start-up).
const maxAgeText = (env.HEARTBEAT_MAX_AGE_S ?? '').trim() || '180';
if (!/^[0-9]{1,7}$/.test(maxAgeText) || Number(maxAgeText) < 90) {
  fail(`HEARTBEAT_MAX_AGE_S must be a whole number of seconds (at least 90), not "${maxAgeText.slice(0, 40)}"`);
}
const maxAgeS = Number(maxAgeText);
let ageS;
try {
  ageS = (Date.now() - statSync(heartbeatPath).mtimeMs) / 1000;
} catch {
  fail(`no heartbeat file at ${heartbeatPath}`);
}
if (!(ageS <= maxAgeS)) fail(`heartbeat ${Math.round(ageS)} s old (limit ${maxAgeS} s)`);

if ((set('SLACK_BOT_TOKEN') || set('SLACK_CLIENT_ID')) && (set('SLACK_SIGNING_SECRET') || set('SLACK_APP_TOKEN'))) {
  const port = (env.PORT ?? '').trim() || '3000';
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(4000) });
    if (!res.ok) fail(`GET /healthz on port ${port} answered ${res.status}`);
  } catch (err) {
    fail(`GET /healthz on port ${port} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
console.log('healthy');
process.exit(0);
