/**
 * The SQLite store: `openStore(path)` returns the Store port implementation (SqliteStore).
 * better-sqlite3 is used only inside src/store/.
 */
export { openStore, openDatabase, StoreOpenError } from './open.js';
export { SqliteStore } from './sqlite-store.js';
export { SyncSqliteStore } from './sync-store.js';
export { MIGRATIONS, migrate, userVersion } from './migrations.js';
