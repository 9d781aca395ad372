import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, openStore, StoreOpenError } from '../../src/store/index.js';
import { channel, dailyRound, tempDir } from './fixtures.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

/** Expect openStore(path) to throw a one-line StoreOpenError naming the path; returns it. */
function openError(path: string): StoreOpenError {
  let caught: unknown;
  try {
    openStore(path).close();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(StoreOpenError);
  const error = caught as StoreOpenError;
  expect(error.message.startsWith(`cannot open database "${path}": `)).toBe(true);
  expect(error.message).not.toContain('\n');
  expect(error.path).toBe(path);
  return error;
}

describe('openStore', () => {
  it('opens a file database with WAL, a 2 s busy_timeout, foreign keys and synchronous NORMAL', async () => {
    const store = openStore(join(tmp.dir, 'kms.db'));
    try {
      expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(store.db.pragma('busy_timeout', { simple: true })).toBe(2000);
      expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(store.db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
      expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    } finally {
      await store.close();
    }
  });

  it('creates missing parent folders and keeps data across reopen', async () => {
    const path = join(tmp.dir, 'nested', 'deeper', 'kms.db');
    const first = openStore(path);
    const round = await first.createRound(dailyRound('2026-01-05'));
    await first.close();
    const second = openStore(path);
    expect(await second.getRound(round.id)).toEqual(round);
    expect((await second.latestDailyRound(channel))?.id).toBe(round.id);
    await second.close();
  });

  it('opens :memory: databases that do not share data', async () => {
    const a = openStore(':memory:');
    const b = openStore(':memory:');
    await a.createRound(dailyRound('2026-01-05'));
    expect(await a.latestDailyRound(channel)).toBeDefined();
    expect(await b.latestDailyRound(channel)).toBeUndefined();
    await a.close();
    await b.close();
  });

  it('logs applied migrations once, not on a reopen', () => {
    const path = join(tmp.dir, 'kms.db');
    const infos: { obj: object; msg?: string }[] = [];
    const logger = {
      debug() {},
      info(obj: object, msg?: string) {
        infos.push({ obj, msg });
      },
      warn() {},
      error() {},
      child() {
        return logger;
      },
    };
    openStore(path, { logger }).close();
    expect(infos).toEqual([{ obj: { path, from: 0, to: MIGRATIONS.length }, msg: 'database migrated' }]);
    openStore(path, { logger }).close();
    expect(infos).toHaveLength(1);
  });
});

describe('openStore refuses bad paths with a StoreOpenError naming the path', () => {
  it('a directory', () => {
    const path = join(tmp.dir, 'folder.db');
    mkdirSync(path);
    expect(openError(path).reason).toMatch(/directory/);
  });

  it('a text file with junk, which it leaves untouched', () => {
    const path = join(tmp.dir, 'notes.db');
    const junk = 'these are my notes, not a database\n'.repeat(200);
    writeFileSync(path, junk);
    expect(openError(path).reason).toMatch(/not a database/);
    expect(readFileSync(path, 'utf8')).toBe(junk);
  });

  it('a location under a regular file (folder cannot be created): names the file', () => {
    const file = join(tmp.dir, 'plain.txt');
    writeFileSync(file, 'x');
    expect(openError(join(file, 'sub', 'kms.db')).reason).toBe(
      `cannot create its folder "${join(file, 'sub')}": "${file}" is a regular file, not a folder`,
    );
  });

  it('a file whose parent is a regular file: names the parent, not "does its folder allow writing?"', () => {
    const file = join(tmp.dir, 'plain.txt');
    writeFileSync(file, 'x');
    expect(openError(join(file, 'kms.db')).reason).toBe(`its folder "${file}" is a regular file, not a folder`);
  });

  it('an unwritable system location (its folder cannot be created): names the device', () => {
    expect(openError('/dev/null/kms-tutor/kms.db').reason).toBe('cannot create its folder "/dev/null/kms-tutor": "/dev/null" is a device, not a folder');
  });

  it('a device such as /dev/null: says so instead of "migration 1 failed: disk I/O error"', () => {
    expect(openError('/dev/null').reason).toBe('it is a device, not a database file');
  });

  it('a folder that refuses new files, even to root: names the virtual file system', () => {
    // Linux: /proc exists but takes no files; elsewhere the folder itself cannot be made.
    expect(openError('/proc/kms-tutor.db').reason).toBe('"/proc" is a virtual file system (procfs) that cannot hold files');
  });

  it('a missing folder under /proc fails at once (Node\'s recursive mkdir loops there), naming the problem, not ENOENT', () => {
    const reason = openError('/proc/kms-tutor-missing/sub/kms.db').reason;
    expect(reason).toBe('cannot create its folder "/proc/kms-tutor-missing/sub": "/proc" is a virtual file system (procfs) that cannot hold files');
    expect(openError('/proc/foo/x.db').reason).not.toMatch(/ENOENT/);
  });

  it('a database whose schema is newer than the code knows, which it leaves untouched', () => {
    const path = join(tmp.dir, 'future.db');
    const raw = new Database(path);
    raw.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    raw.exec('CREATE TABLE from_the_future (x)');
    raw.close();
    const error = openError(path);
    expect(error.reason).toMatch(new RegExp(`schema version ${MIGRATIONS.length + 5} is newer`));
    const after = new Database(path);
    expect(after.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 5);
    expect(after.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'rounds'").get()).toEqual({ n: 0 });
    after.close();
  });
});
