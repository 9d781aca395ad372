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

/** Migration 1: users, rounds, answers, practice cards, self-scores, subscriptions, digest claims. */
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
 * Migration 2: the aggregate tables boards, stats, streaks and digests read, maintained by
 * recordAnswer and forgetUser. Both hold rollup rows where '' (or round_id 0) means "all", and
 * both are keyed so that one answer updates neighbouring rows: an answer dirties three pages
 * (answers, channel_days, user_stats), which is what keeps a click cheap.
 */
const aggregateTables = `
-- Per (team, channel-local date, channel) tallies of round answers (daily and channel rounds;
-- the answer's local date), at two levels:
--   user rows  (user_id = the user, round_id = 0): the user's answers that day -> leaderboards;
--   round rows (user_id = '', round_id = the round): everyone's answers to that round that day,
--              with the round's question and tags -> digests (tag tallies, most-missed question).
CREATE TABLE channel_days (
  platform        TEXT NOT NULL,
  team_id         TEXT NOT NULL,
  local_date      TEXT NOT NULL,
  channel_id      TEXT NOT NULL,
  user_id         TEXT NOT NULL,
  round_id        INTEGER NOT NULL,
  points          INTEGER NOT NULL,
  answered        INTEGER NOT NULL,
  correct         INTEGER NOT NULL,
  last_point_at   INTEGER,             -- user rows: latest point-earning answer (null if none)
  first_answer_at INTEGER,             -- user rows: first answer
  deck_id         TEXT,                -- round rows: the round's question and tags (JSON)
  question_id     TEXT,
  tags            TEXT,
  PRIMARY KEY (platform, team_id, local_date, channel_id, user_id, round_id)
) WITHOUT ROWID;

-- Per (team, user) rollups of all the user's answers (round and practice):
--   channel_id = '', tag = ''     the user's totals              -> userStats
--   channel_id = '', tag = a tag  answers to rounds with that tag  -> userStats.byTag
--   channel_id = C,  tag = ''     round answers in channel C, and the user's daily-round streak
--                                 there (streak_*; streak_date = local date of the last daily
--                                 round answered, null before the first)  -> streaks
CREATE TABLE user_stats (
  platform          TEXT NOT NULL,
  team_id           TEXT NOT NULL,
  user_id           TEXT NOT NULL,
  channel_id        TEXT NOT NULL,
  tag               TEXT NOT NULL,
  round_answered    INTEGER NOT NULL,  -- daily and channel rounds
  round_correct     INTEGER NOT NULL,
  points            INTEGER NOT NULL,
  practice_answered INTEGER NOT NULL,
  practice_correct  INTEGER NOT NULL,
  streak_current    INTEGER NOT NULL,
  streak_best       INTEGER NOT NULL,
  streak_date       TEXT,
  PRIMARY KEY (platform, team_id, user_id, channel_id, tag)
) WITHOUT ROWID;
`;

/** The user_stats counter columns summed over `answers a JOIN rounds r`. */
const userStatsSums = `
  sum(r.kind <> 'practice'), sum(CASE WHEN r.kind <> 'practice' THEN a.correct ELSE 0 END),
  sum(CASE WHEN r.kind <> 'practice' THEN a.points ELSE 0 END),
  sum(r.kind = 'practice'), sum(CASE WHEN r.kind = 'practice' THEN a.correct ELSE 0 END)`;

/**
 * Fills the (empty) aggregate tables from `answers` and `rounds`: what migration 2 runs on a
 * database that already holds answers. Tests also use it to check that the aggregates maintained
 * answer by answer equal a rebuild from scratch. Streaks: runs of consecutive daily rounds of a
 * channel (in local-date order) that the user answered; the current one is the run ending at the
 * last daily round they answered.
 */
export const AGGREGATE_BACKFILL_SQL = `
INSERT INTO channel_days
  SELECT a.platform, a.team_id, a.local_date, a.channel_id, a.user_id, 0,
         sum(a.points), count(*), sum(a.correct),
         max(CASE WHEN a.points > 0 THEN a.answered_at END), min(a.answered_at), NULL, NULL, NULL
  FROM answers a JOIN rounds r ON r.id = a.round_id
  WHERE r.kind IN ('daily', 'channel')
  GROUP BY a.platform, a.team_id, a.local_date, a.channel_id, a.user_id;

INSERT INTO channel_days
  SELECT a.platform, a.team_id, a.local_date, a.channel_id, '', r.id,
         sum(a.points), count(*), sum(a.correct), NULL, NULL, r.deck_id, r.question_id, r.tags
  FROM answers a JOIN rounds r ON r.id = a.round_id
  WHERE r.kind IN ('daily', 'channel')
  GROUP BY a.platform, a.team_id, a.local_date, a.channel_id, r.id;

INSERT INTO user_stats
  SELECT a.platform, a.team_id, a.user_id, '', '', ${userStatsSums}, 0, 0, NULL
  FROM answers a JOIN rounds r ON r.id = a.round_id
  GROUP BY a.platform, a.team_id, a.user_id;

INSERT INTO user_stats
  SELECT a.platform, a.team_id, a.user_id, '', t.value, ${userStatsSums}, 0, 0, NULL
  FROM answers a JOIN rounds r ON r.id = a.round_id, json_each(r.tags) t
  GROUP BY a.platform, a.team_id, a.user_id, t.value;

INSERT INTO user_stats
  WITH daily AS (
    SELECT id, platform, team_id, channel_id, local_date,
           row_number() OVER (PARTITION BY platform, team_id, channel_id ORDER BY local_date) AS seq
    FROM rounds WHERE kind = 'daily'
  ), answered AS (
    SELECT d.platform, d.team_id, d.channel_id, a.user_id, d.local_date,
           d.seq - row_number() OVER (PARTITION BY d.platform, d.team_id, d.channel_id, a.user_id ORDER BY d.seq) AS run
    FROM daily d JOIN answers a ON a.round_id = d.id
  ), runs AS (
    SELECT platform, team_id, channel_id, user_id, count(*) AS length, max(local_date) AS last_date
    FROM answered GROUP BY platform, team_id, channel_id, user_id, run
  ), streaks AS (
    SELECT platform, team_id, channel_id, user_id, max(length) AS best, max(last_date) AS last_date
    FROM runs GROUP BY platform, team_id, channel_id, user_id
  ), counts AS (
    SELECT a.platform, a.team_id, a.user_id, a.channel_id,
           count(*) AS answered, sum(a.correct) AS correct, sum(a.points) AS points
    FROM answers a JOIN rounds r ON r.id = a.round_id
    WHERE r.kind IN ('daily', 'channel')
    GROUP BY a.platform, a.team_id, a.user_id, a.channel_id
  )
  SELECT c.platform, c.team_id, c.user_id, c.channel_id, '', c.answered, c.correct, c.points, 0, 0,
         coalesce((SELECT length FROM runs x
                   WHERE x.platform = s.platform AND x.team_id = s.team_id AND x.channel_id = s.channel_id
                     AND x.user_id = s.user_id AND x.last_date = s.last_date), 0),
         coalesce(s.best, 0), s.last_date
  FROM counts c LEFT JOIN streaks s
    ON s.platform = c.platform AND s.team_id = c.team_id AND s.channel_id = c.channel_id AND s.user_id = c.user_id;
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
    if (migration.version <= from) continue;
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
