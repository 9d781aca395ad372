/**
 * Test helpers that break a database file the way a failing disk or a second process does: overwrite
 * the pages of some tables with junk, make a running connection notice it, hold the write lock.
 */
import { openSync, writeSync, closeSync } from 'node:fs';
import Database from 'better-sqlite3';

/**
 * Overwrite every page of the named tables and indexes with 0xFF bytes (an invalid b-tree page type,
 * so SQLite reports "database disk image is malformed" when it reads one). The schema pages are left
 * alone, so the file still opens. The database must be closed (or checkpointed) first.
 * @returns the page numbers overwritten.
 */
export function damageTables(path: string, names: readonly string[]): number[] {
  const raw = new Database(path, { readonly: true });
  const pageSize = raw.pragma('page_size', { simple: true }) as number;
  const pages = (
    raw.prepare(`SELECT DISTINCT pageno FROM dbstat WHERE name IN (${names.map(() => '?').join(', ')})`).all(...names) as { pageno: number }[]
  ).map((r) => r.pageno);
  raw.close();
  const fd = openSync(path, 'r+');
  try {
    for (const page of pages) writeSync(fd, Buffer.alloc(pageSize, 0xff), 0, pageSize, (page - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
  return pages;
}

/**
 * Commit one small write from another connection (user_version set to its own value), so connections
 * already open drop their page cache at their next read and see the file as it is now on disk.
 */
export function touchFromAnotherConnection(path: string): void {
  const raw = new Database(path);
  const version = raw.pragma('user_version', { simple: true }) as number;
  raw.pragma(`user_version = ${version}`);
  raw.close();
}

/** Take the write lock from another connection (BEGIN IMMEDIATE) until the returned release is called. */
export function holdWriteLock(path: string): () => void {
  const raw = new Database(path);
  raw.exec('BEGIN IMMEDIATE');
  return () => {
    raw.exec('ROLLBACK');
    raw.close();
  };
}
