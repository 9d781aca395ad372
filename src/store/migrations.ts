/**
 * The database schema as an ordered list of numbered migrations. `PRAGMA user_version` holds the
 * number of the last one applied. Append new migrations at the end; never edit a shipped one.
 *
 * Conventions: every row carries (platform, team_id) and, where it belongs to a channel,
 * channel_id. Times are UTC epoch milliseconds (INTEGER); local dates are "YYYY-MM-DD" TEXT in the
 * channel's zone; JSON columns (choice_order, tags, message_ref, checked) are TEXT.
 */
import type Database from 'better-sqlite3';

/** One schema step. `version` is 1-based and equals its position in MIGRATIONS. */
export interface Migration {
  version: number;
  /** Short description, shown in logs and errors. */
  name: string;
  /** SQL run inside the migration's transaction (may hold several statements). */
  sql: string;
}

/** Migration 1: users, rounds, answers, streaks, practice cards, self-scores, subscriptions, digests. */
const baseTables = `
CREATE TABLE users (
  platform   TEXT NOT NULL,
  team_id    TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  user_name  TEXT NOT NULL,
  name_key   TEXT NOT NULL,            -- user_name lower-cased (JS toLowerCase) for findUsers
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (platform, team_id, user_id)
) WITHOUT ROWID;
CREATE INDEX users_by_name ON users (platform, team_id, name_key);

CREATE TABLE rounds (
  id            INTEGER PRIMARY KEY,
  platform      TEXT NOT NULL,
  team_id       TEXT NOT NULL,
  channel_id    TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('daily', 'channel', 'practice')),
  deck_id       TEXT NOT NULL,
  question_id   TEXT NOT NULL,
  choice_order  TEXT NOT NULL,         -- JSON number[]
  correct_index INTEGER NOT NULL,
  tags          TEXT NOT NULL,         -- JSON string[] (distinct)
  opened_by     TEXT,
  opened_at     INTEGER NOT NULL,
  closes_at     INTEGER,
  closed_at     INTEGER,
  local_date    TEXT,
  message_ref   TEXT,                  -- JSON MessageRef
  CHECK (kind <> 'daily' OR local_date IS NOT NULL)
);
-- One daily round per (channel, local date).
CREATE UNIQUE INDEX rounds_one_daily ON rounds (platform, team_id, channel_id, local_date)
  WHERE kind = 'daily';
-- One open on-demand round per channel.
CREATE UNIQUE INDEX rounds_one_open_channel ON rounds (platform, team_id, channel_id)
  WHERE kind = 'channel' AND closed_at IS NULL;
CREATE INDEX rounds_due ON rounds (closes_at)
  WHERE closed_at IS NULL AND closes_at IS NOT NULL;
CREATE INDEX rounds_by_question ON rounds (platform, team_id, channel_id, deck_id, question_id)
  WHERE kind IN ('daily', 'channel');
-- A team's rounds (forgetUser walks them to find a user's answers; practice rounds by user).
CREATE INDEX rounds_by_team ON rounds (platform, team_id, kind, opened_by);

-- The first answer per (round, user) is the only one: the primary key refuses a second.
-- No index by user: forgetUser finds a user's answers through the team's rounds (rounds_by_team),
-- which keeps recordAnswer's writes to the hot end of this table.
CREATE TABLE answers (
  round_id     INTEGER NOT NULL REFERENCES rounds (id),
  user_id      TEXT NOT NULL,
  platform     TEXT NOT NULL,
  team_id      TEXT NOT NULL,
  channel_id   TEXT NOT NULL,
  letter       TEXT NOT NULL,
  choice_index INTEGER NOT NULL,
  correct      INTEGER NOT NULL CHECK (correct IN (0, 1)),
  points       INTEGER NOT NULL,
  answered_at  INTEGER NOT NULL,
  local_date   TEXT NOT NULL,
  PRIMARY KEY (round_id, user_id)
) WITHOUT ROWID;

-- Daily-round streaks per (channel, user); "current" as of last_date (readers zero it when missed).
CREATE TABLE streaks (
  platform   TEXT NOT NULL,
  team_id    TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  current    INTEGER NOT NULL,
  best       INTEGER NOT NULL,
  last_date  TEXT,
  PRIMARY KEY (platform, team_id, channel_id, user_id)
) WITHOUT ROWID;
CREATE INDEX streaks_by_user ON streaks (platform, team_id, user_id);

CREATE TABLE practice_cards (
  platform    TEXT NOT NULL,
  team_id     TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  deck_id     TEXT NOT NULL,
  question_id TEXT NOT NULL,
  card        TEXT NOT NULL,           -- ts-fsrs card JSON
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (platform, team_id, user_id, deck_id, question_id)
) WITHOUT ROWID;

CREATE TABLE self_scores (
  platform    TEXT NOT NULL,
  team_id     TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  deck_id     TEXT NOT NULL,
  scenario_id TEXT NOT NULL,
  checked     TEXT NOT NULL,           -- JSON number[]
  total       INTEGER NOT NULL,
  at          INTEGER NOT NULL,
  PRIMARY KEY (platform, team_id, user_id, deck_id, scenario_id)
) WITHOUT ROWID;

CREATE TABLE subscriptions (
  platform      TEXT NOT NULL,
  team_id       TEXT NOT NULL,
  channel_id    TEXT NOT NULL,
  deck_id       TEXT NOT NULL,
  time          TEXT NOT NULL,
  time_zone     TEXT NOT NULL,
  cadence       TEXT NOT NULL CHECK (cadence IN ('daily', 'weekdays')),
  created_by    TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  paused_reason TEXT,
  paused_at     INTEGER,
  PRIMARY KEY (platform, team_id, channel_id)
) WITHOUT ROWID;

CREATE TABLE digest_claims (
  platform   TEXT NOT NULL,
  team_id    TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  iso_week   TEXT NOT NULL,
  claimed_at INTEGER NOT NULL,
  PRIMARY KEY (platform, team_id, channel_id, iso_week)
) WITHOUT ROWID;
`;

/**
 * The aggregate tables boards, stats and digests read, maintained by recordAnswer and forgetUser.
 * Only round answers (daily, channel) reach score_days and round_days; user_stats also counts
 * practice answers (in their own columns). Days are the answer's channel-local date.
 */
const aggregateTables = `
-- Leaderboards: one row per (day, channel, user); a board sums a date range.
CREATE TABLE score_days (
  platform        TEXT NOT NULL,
  team_id         TEXT NOT NULL,
  local_date      TEXT NOT NULL,
  channel_id      TEXT NOT NULL,
  user_id         TEXT NOT NULL,
  points          INTEGER NOT NULL,
  answered        INTEGER NOT NULL,
  correct         INTEGER NOT NULL,
  last_point_at   INTEGER,             -- latest point-earning answer, null if none
  first_answer_at INTEGER NOT NULL,
  PRIMARY KEY (platform, team_id, local_date, channel_id, user_id)
) WITHOUT ROWID;

-- User stats: per (team, user, tag) the user's answers with that tag; tag '' = all their answers.
-- One user's rows sit side by side, so an answer updates one page and userStats reads one range.
CREATE TABLE user_stats (
  platform          TEXT NOT NULL,
  team_id           TEXT NOT NULL,
  user_id           TEXT NOT NULL,
  tag               TEXT NOT NULL,
  round_answered    INTEGER NOT NULL,  -- daily and channel rounds
  round_correct     INTEGER NOT NULL,
  points            INTEGER NOT NULL,
  practice_answered INTEGER NOT NULL,
  practice_correct  INTEGER NOT NULL,
  PRIMARY KEY (platform, team_id, user_id, tag)
) WITHOUT ROWID;

-- Digests: per (day, channel, round) totals with the round's question and tags, for per-tag
-- tallies (json_each over tags) and the most-missed question of a date range.
CREATE TABLE round_days (
  platform    TEXT NOT NULL,
  team_id     TEXT NOT NULL,
  local_date  TEXT NOT NULL,
  channel_id  TEXT NOT NULL,
  round_id    INTEGER NOT NULL,
  deck_id     TEXT NOT NULL,
  question_id TEXT NOT NULL,
  tags        TEXT NOT NULL,           -- JSON string[], the round's
  answered    INTEGER NOT NULL,
  correct     INTEGER NOT NULL,
  PRIMARY KEY (platform, team_id, local_date, channel_id, round_id)
) WITHOUT ROWID;
`;

/** The user_stats columns summed over `answers a JOIN rounds r`. */
const userStatsSums = `
  sum(r.kind <> 'practice'), sum(CASE WHEN r.kind <> 'practice' THEN a.correct ELSE 0 END),
  sum(CASE WHEN r.kind <> 'practice' THEN a.points ELSE 0 END),
  sum(r.kind = 'practice'), sum(CASE WHEN r.kind = 'practice' THEN a.correct ELSE 0 END)`;

/**
 * Fills the (empty) aggregate tables from `answers` and `rounds`: what migration 2 runs on a
 * database that already holds answers. Tests also use it to check that the aggregates maintained
 * answer by answer equal a rebuild from scratch.
 */
export const AGGREGATE_BACKFILL_SQL = `
INSERT INTO score_days
  SELECT a.platform, a.team_id, a.local_date, a.channel_id, a.user_id,
         sum(a.points), count(*), sum(a.correct),
         max(CASE WHEN a.points > 0 THEN a.answered_at END), min(a.answered_at)
  FROM answers a JOIN rounds r ON r.id = a.round_id
  WHERE r.kind IN ('daily', 'channel')
  GROUP BY a.platform, a.team_id, a.local_date, a.channel_id, a.user_id;

INSERT INTO user_stats
  SELECT a.platform, a.team_id, a.user_id, '', ${userStatsSums}
  FROM answers a JOIN rounds r ON r.id = a.round_id
  GROUP BY a.platform, a.team_id, a.user_id;

INSERT INTO user_stats
  SELECT a.platform, a.team_id, a.user_id, t.value, ${userStatsSums}
  FROM answers a JOIN rounds r ON r.id = a.round_id, json_each(r.tags) t
  GROUP BY a.platform, a.team_id, a.user_id, t.value;

INSERT INTO round_days
  SELECT a.platform, a.team_id, a.local_date, a.channel_id, r.id, r.deck_id, r.question_id, r.tags,
         count(*), sum(a.correct)
  FROM answers a JOIN rounds r ON r.id = a.round_id
  WHERE r.kind IN ('daily', 'channel')
  GROUP BY a.platform, a.team_id, a.local_date, a.channel_id, r.id;
`;

/** Every migration, in order. Append only. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'base tables', sql: baseTables },
  { version: 2, name: 'aggregate tables', sql: aggregateTables + AGGREGATE_BACKFILL_SQL },
];

/** What `migrate` did. */
export interface MigrationOutcome {
  from: number;
  to: number;
}

/**
 * Thrown by `migrate` when the database's user_version is newer than the newest migration, or a
 * migration fails (that migration is rolled back; user_version stays at the last good one).
 */
export class MigrationError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'MigrationError';
  }
}

/**
 * Bring `db` up to the last of `migrations`, each migration in its own IMMEDIATE transaction
 * (so two processes opening one file at once do not both apply it).
 * @throws MigrationError (see there).
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): MigrationOutcome {
  const known = migrations.length;
  const from = userVersion(db);
  if (from > known) {
    throw new MigrationError(
      `its schema version ${from} is newer than this kms-tutor knows (${known}); upgrade kms-tutor or use another database file`,
    );
  }
  for (const migration of migrations) {
    const apply = db.transaction(() => {
      // Re-read inside the write lock: another process may have applied it meanwhile.
      if (userVersion(db) >= migration.version) return;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    });
    try {
      apply.immediate();
    } catch (err) {
      throw new MigrationError(
        `migration ${migration.version} (${migration.name}) failed: ${err instanceof Error ? err.message : String(err)}`,
        err,
      );
    }
  }
  return { from, to: userVersion(db) };
}

/** The database's PRAGMA user_version. */
export function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
