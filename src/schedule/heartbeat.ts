/**
 * The liveness heartbeat: the scheduler's minute job writes the current time to a small file, and
 * the container HEALTHCHECK (src/schedule/healthcheck.mjs) calls the process unhealthy when the
 * file is older than a few minutes. Used where no HTTP port answers /healthz (Slack Socket Mode,
 * Discord-only deployments).
 */
import { accessSync, constants, existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createFolder, virtualFileSystem } from '../fs/folder.js';

/** DATABASE_PATH's default (src/config.ts); the heartbeat sits next to the database. */
const DEFAULT_DATABASE_PATH = 'data/kms-tutor.db';

/**
 * Where the heartbeat goes: HEARTBEAT_PATH when set; with a database server (DATABASE_URL)
 * "data/heartbeat", whatever DATABASE_PATH says; else "heartbeat" in the SQLite file's folder
 * (DATABASE_PATH, default "data/kms-tutor.db", so "data/heartbeat"); undefined (no heartbeat) for
 * an in-memory database. src/schedule/healthcheck.mjs applies the same rule.
 */
export function heartbeatPath(env: Record<string, string | undefined>): string | undefined {
  const explicit = env.HEARTBEAT_PATH?.trim();
  if (explicit) return explicit;
  if (env.DATABASE_URL?.trim()) return join(dirname(DEFAULT_DATABASE_PATH), 'heartbeat');
  const db = env.DATABASE_PATH?.trim() || DEFAULT_DATABASE_PATH;
  return db === ':memory:' ? undefined : join(dirname(db), 'heartbeat');
}

/**
 * Write `now` (ISO 8601, UTC) to `path`, creating its folder. The file's modification time is what
 * the health check reads.
 * @throws Error from the file system (unwritable folder); the scheduler logs it and carries on.
 */
export function writeHeartbeat(path: string, now: Date): void {
  createFolder(dirname(path));
  writeFileSync(path, `${now.toISOString()}\n`);
}

/**
 * The one-line start-up problem with HEARTBEAT_PATH, naming it; undefined when it is unset or
 * writable. An existing folder is checked by writing the heartbeat now (so /proc and read-only
 * places fail here, not a minute later in the scheduler); a missing folder by its nearest existing
 * ancestor being a folder this process can write to (the scheduler creates the rest).
 */
export function heartbeatPathProblem(env: Record<string, string | undefined>): string | undefined {
  const path = env.HEARTBEAT_PATH?.trim();
  if (!path) return undefined;
  let folder = dirname(path);
  try {
    if (existsSync(folder)) {
      writeFileSync(path, `${new Date().toISOString()}\n`);
      return undefined;
    }
    while (!existsSync(folder) && dirname(folder) !== folder) folder = dirname(folder);
    if (!statSync(folder).isDirectory()) return `HEARTBEAT_PATH "${path}" cannot be written: "${folder}" is not a folder`;
    const virtual = virtualFileSystem(folder);
    if (virtual !== undefined) return `HEARTBEAT_PATH "${path}" cannot be written: "${folder}" is a virtual file system (${virtual}) that cannot hold files`;
    accessSync(folder, constants.W_OK);
    return undefined;
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (code ?? String(err));
    return `HEARTBEAT_PATH "${path}" cannot be written (${why}); point it at a file in a writable folder`;
  }
}
