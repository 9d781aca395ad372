/**
 * The liveness heartbeat: the scheduler's minute job writes the current time to a small file, and
 * the container HEALTHCHECK (src/schedule/healthcheck.mjs) calls the process unhealthy when the
 * file is older than a few minutes. Used where no HTTP port answers /healthz (Slack Socket Mode,
 * Discord-only deployments).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where the heartbeat goes when HEARTBEAT_PATH is unset (relative to the working directory). */
export const DEFAULT_HEARTBEAT_PATH = 'data/heartbeat';

/**
 * Write `now` (ISO 8601, UTC) to `path`, creating its folder. The file's modification time is what
 * the health check reads.
 * @throws Error from the file system (unwritable folder); the scheduler logs it and carries on.
 */
export function writeHeartbeat(path: string, now: Date): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${now.toISOString()}\n`);
}
