/**
 * The store contract (tests/contracts/store.ts) on SqliteStore: fresh in-memory databases, and
 * database files written at every older schema version (MIGRATIONS.slice(0, v)) holding the
 * contract's older data, then opened (and so migrated) by openStore.
 */
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { MIGRATIONS, migrate, openDatabase, openStore } from '../../src/store/index.js';
import { tempDir } from '../store/fixtures.js';
import { coordinationContract } from './store-coordination.js';
import { storeContract, type OlderDatabase } from './store.js';

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => tmp.cleanup());

/** The contract's older data (see OLDER_DATA_DESCRIPTION) as SQL of the first schema's tables. */
const OLDER_DATA_SQL = `
  INSERT INTO users VALUES ('slack', 'T1', 'U1', 'Ann', 'ann', 1), ('slack', 'T1', 'U2', 'Bob', 'bob', 1);
  INSERT INTO rounds (id, platform, team_id, channel_id, kind, deck_id, question_id, choice_order, correct_index,
                      tags, opened_by, opened_at, closes_at, closed_at, local_date, message_ref)
  VALUES (1, 'slack', 'T1', 'C1', 'daily', 'kms', 'q1', '[0,1,2]', 0, '["kms","ebs"]', NULL, 100, NULL, 500, '2026-01-05', NULL),
         (2, 'slack', 'T1', 'C1', 'practice', 'kms', 'q2', '[0,1,2]', 1, '["rds"]', 'U1', 100, NULL, NULL, NULL, NULL);
  INSERT INTO answers VALUES
    (1, 'U1', 'slack', 'T1', 'C1', 'A', 0, 1, 1, 200, '2026-01-05'),
    (1, 'U2', 'slack', 'T1', 'C1', 'B', 1, 0, 0, 150, '2026-01-05'),
    (2, 'U1', 'slack', 'T1', 'C1', 'B', 1, 1, 0, 300, '2026-01-05');
  INSERT INTO subscriptions VALUES ('slack', 'T1', 'C1', 'kms', '09:00', 'Europe/Berlin', 'weekdays', 'U1', 50, NULL, NULL);
`;

/**
 * A database file left at schema version `version` holding the older data (written at version 1,
 * then upgraded to `version` as that release's start-up would have), opened with openStore.
 */
function olderAt(version: number): OlderDatabase {
  return {
    label: `schema version ${version} of ${MIGRATIONS.length}`,
    open: async () => {
      const path = join(tmp.dir, `v${version}-${Math.random().toString(36).slice(2)}.db`);
      const old = openDatabase(path);
      migrate(old, MIGRATIONS.slice(0, 1));
      old.exec(OLDER_DATA_SQL);
      migrate(old, MIGRATIONS.slice(0, version));
      old.close();
      return openStore(path);
    },
  };
}

storeContract(
  'SQLite',
  async () => openStore(':memory:'),
  MIGRATIONS.slice(0, -1).map((m) => olderAt(m.version)),
);

coordinationContract(
  'SQLite',
  async () => openStore(':memory:'),
  async () => {
    const path = join(tmp.dir, `shared-${Math.random().toString(36).slice(2)}.db`);
    return [openStore(path), openStore(path)];
  },
);
