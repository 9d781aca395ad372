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
  /**
   * Rebuilds a table that other tables reference: foreign keys are switched off around the
   * transaction (SQLite ignores that pragma inside one) and `PRAGMA foreign_key_check` must come
   * back empty before it commits.
   */
  rebuildsReferencedTable?: boolean;
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
 * Fills the (empty) aggregate tables of migration 2 from `answers` and `rounds`: what migration 2
 * runs on a database that already holds answers (frozen with it; AGGREGATE_REBUILD_SQL fills
 * today's aggregates). Streaks: runs of consecutive daily rounds of a channel (in local-date
 * order) that the user answered; the current one is the run ending at the last daily round they
 * answered.
 */
const migration2Backfill = `
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

${userStatsBackfill('INSERT INTO user_stats')}`;

/**
 * The user_stats inserts of the backfill, each starting with `into` (migration 2: `INSERT INTO
 * user_stats`; the rebuild names migration 2's columns, as the table has grown since).
 */
function userStatsBackfill(into: string): string {
  return `${into}
  SELECT a.platform, a.team_id, a.user_id, '', '', ${userStatsSums}, 0, 0, NULL
  FROM answers a JOIN rounds r ON r.id = a.round_id
  GROUP BY a.platform, a.team_id, a.user_id;

${into}
  SELECT a.platform, a.team_id, a.user_id, '', t.value, ${userStatsSums}, 0, 0, NULL
  FROM answers a JOIN rounds r ON r.id = a.round_id, json_each(r.tags) t
  GROUP BY a.platform, a.team_id, a.user_id, t.value;

${into}
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
}

/** user_stats' columns as migration 2 created them. */
const userStatsV2Columns = `platform, team_id, user_id, channel_id, tag, round_answered, round_correct, points,
  practice_answered, practice_correct, streak_current, streak_best, streak_date`;

/** round_days from answers: every (round, answer local date) of daily and channel rounds. */
const roundDaysBackfill = `
INSERT INTO round_days
  SELECT DISTINCT a.platform, a.team_id, a.local_date, a.channel_id, a.round_id
  FROM answers a JOIN rounds r ON r.id = a.round_id
  WHERE r.kind IN ('daily', 'channel');
`;

/** Per (team, user, channel): the latest point-earning and the first daily or channel round answer. */
const channelTimes = `
  SELECT a.platform, a.team_id, a.user_id, a.channel_id,
         max(CASE WHEN a.points > 0 THEN a.answered_at END) AS last_point_at, min(a.answered_at) AS first_answer_at
  FROM answers a JOIN rounds r ON r.id = a.round_id
  WHERE r.kind IN ('daily', 'channel')
  GROUP BY a.platform, a.team_id, a.user_id, a.channel_id`;

/**
 * Migration 3: round ids are never handed out again. `rounds.id` becomes AUTOINCREMENT (a round
 * deleted by deleteUnpostedRound left its id free for the next round, so a stale button or
 * `answer <id>` could reach the wrong question). Rebuilds the table with its rows and indexes.
 */
const roundIdsNeverReused = `
CREATE TABLE rounds_v3 (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
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
INSERT INTO rounds_v3 (id, platform, team_id, channel_id, kind, deck_id, question_id, choice_order, correct_index,
                       tags, opened_by, opened_at, closes_at, closed_at, local_date, message_ref)
  SELECT id, platform, team_id, channel_id, kind, deck_id, question_id, choice_order, correct_index,
         tags, opened_by, opened_at, closes_at, closed_at, local_date, message_ref
  FROM rounds ORDER BY id;
DROP TABLE rounds;
ALTER TABLE rounds_v3 RENAME TO rounds;
CREATE UNIQUE INDEX rounds_one_daily ON rounds (platform, team_id, channel_id, local_date)
  WHERE kind = 'daily';
CREATE UNIQUE INDEX rounds_one_open_channel ON rounds (platform, team_id, channel_id)
  WHERE kind = 'channel' AND closed_at IS NULL;
CREATE INDEX rounds_due ON rounds (closes_at)
  WHERE closed_at IS NULL AND closes_at IS NOT NULL;
CREATE INDEX rounds_by_question ON rounds (platform, team_id, channel_id, deck_id, question_id)
  WHERE kind IN ('daily', 'channel');
CREATE INDEX rounds_by_team ON rounds (platform, team_id, kind, opened_by);
`;

/** A channel row's streak after a round answer (see answerTriggers); `excluded` is the new row. */
const nextStreak = `CASE
        WHEN excluded.streak_date IS NULL OR excluded.streak_date <= coalesce(streak_date, '') THEN streak_current
        WHEN streak_date = (SELECT max(p.local_date) FROM rounds p
                            WHERE p.platform = NEW.platform AND p.team_id = NEW.team_id
                              AND p.channel_id = NEW.channel_id AND p.kind = 'daily'
                              AND p.local_date < excluded.streak_date)
          THEN streak_current + 1
        ELSE 1 END`;

/**
 * The triggers that keep round_days and user_stats up to date as answers are inserted (inside the
 * inserting statement, so inside the answer's transaction). A round answer (daily or channel):
 *   - round_days: its (round, local date) row, written by the first such answer only;
 *   - user_stats: the user's totals row and one row per tag of the round;
 *   - user_stats: the user's channel row: round answers there, their times (all-time boards) and
 *     the daily streak. For a daily round dated D: if the user's last answered daily round there
 *     is the channel's previous daily round (greatest local date before D) the streak grows, else
 *     it restarts at 1; a round dated on or before streak_date (answered late) leaves it alone, and
 *     so do channel rounds.
 * A practice answer counts in the user's totals and tags only (practice columns; never on boards).
 * Deleting answers (forgetUser) changes nothing here: forgetUser drops the user's rows itself.
 */
const answerTriggers = `
CREATE TRIGGER answers_count_round AFTER INSERT ON answers
WHEN (SELECT kind FROM rounds WHERE id = NEW.round_id) IN ('daily', 'channel')
BEGIN
  INSERT INTO round_days (platform, team_id, local_date, channel_id, round_id)
    VALUES (NEW.platform, NEW.team_id, NEW.local_date, NEW.channel_id, NEW.round_id)
    ON CONFLICT DO NOTHING;
  INSERT INTO user_stats (platform, team_id, user_id, channel_id, tag, round_answered, round_correct, points,
                          practice_answered, practice_correct, streak_current, streak_best, streak_date)
    SELECT NEW.platform, NEW.team_id, NEW.user_id, '', t.tag, 1, NEW.correct, NEW.points, 0, 0, 0, 0, NULL
    FROM (SELECT '' AS tag UNION ALL
          SELECT value FROM json_each((SELECT tags FROM rounds WHERE id = NEW.round_id))) AS t
    WHERE true
    ON CONFLICT DO UPDATE SET
      round_answered = round_answered + 1,
      round_correct = round_correct + excluded.round_correct,
      points = points + excluded.points;
  INSERT INTO user_stats (platform, team_id, user_id, channel_id, tag, round_answered, round_correct, points,
                          practice_answered, practice_correct, streak_current, streak_best, streak_date,
                          last_point_at, first_answer_at)
    SELECT NEW.platform, NEW.team_id, NEW.user_id, NEW.channel_id, '', 1, NEW.correct, NEW.points, 0, 0,
           r.kind = 'daily', r.kind = 'daily', CASE WHEN r.kind = 'daily' THEN r.local_date END,
           CASE WHEN NEW.points > 0 THEN NEW.answered_at END, NEW.answered_at
    FROM rounds r WHERE r.id = NEW.round_id
    ON CONFLICT DO UPDATE SET
      round_answered = round_answered + 1,
      round_correct = round_correct + excluded.round_correct,
      points = points + excluded.points,
      streak_current = ${nextStreak},
      streak_best = max(streak_best, ${nextStreak}),
      streak_date = CASE WHEN excluded.streak_date > coalesce(streak_date, '') THEN excluded.streak_date
                         ELSE streak_date END,
      last_point_at = max(coalesce(last_point_at, excluded.last_point_at),
                          coalesce(excluded.last_point_at, last_point_at)),
      first_answer_at = min(coalesce(first_answer_at, excluded.first_answer_at), excluded.first_answer_at);
END;

CREATE TRIGGER answers_count_practice AFTER INSERT ON answers
WHEN (SELECT kind FROM rounds WHERE id = NEW.round_id) = 'practice'
BEGIN
  INSERT INTO user_stats (platform, team_id, user_id, channel_id, tag, round_answered, round_correct, points,
                          practice_answered, practice_correct, streak_current, streak_best, streak_date)
    SELECT NEW.platform, NEW.team_id, NEW.user_id, '', t.tag, 0, 0, 0, 1, NEW.correct, 0, 0, NULL
    FROM (SELECT '' AS tag UNION ALL
          SELECT value FROM json_each((SELECT tags FROM rounds WHERE id = NEW.round_id))) AS t
    WHERE true
    ON CONFLICT DO UPDATE SET
      practice_answered = practice_answered + 1,
      practice_correct = practice_correct + excluded.practice_correct;
END;
`;

/**
 * Migration 4: a cheaper click. channel_days (rewritten on every answer: a user row and a round
 * row, two more pages per click) gives way to round_days, one row per (round, local date it was
 * answered on) that only the first such answer writes; boards, tag tallies and the most-missed
 * question sum the answers of those rounds instead. user_stats channel rows gain the times that
 * all-time boards rank ties by. Triggers on answers maintain both (answerTriggers).
 */
const roundDays = `
DROP TABLE channel_days;

-- The local dates each daily or channel round was answered on (the answers' dates): boards,
-- digests and tag tallies find a date range's answers through it.
CREATE TABLE round_days (
  platform   TEXT NOT NULL,
  team_id    TEXT NOT NULL,
  local_date TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  round_id   INTEGER NOT NULL,
  PRIMARY KEY (platform, team_id, local_date, channel_id, round_id)
) WITHOUT ROWID;

-- Channel rows (channel_id = C, tag = ''): the latest point-earning round answer and the first
-- round answer in the channel, for all-time boards.
ALTER TABLE user_stats ADD COLUMN last_point_at INTEGER;
ALTER TABLE user_stats ADD COLUMN first_answer_at INTEGER;

${roundDaysBackfill}
UPDATE user_stats AS s SET last_point_at = x.last_point_at, first_answer_at = x.first_answer_at
FROM (${channelTimes}) AS x
WHERE s.platform = x.platform AND s.team_id = x.team_id AND s.user_id = x.user_id AND s.channel_id = x.channel_id
  AND s.tag = '';
${answerTriggers}`;

/**
 * Migration 5: after forget-me, a user may not answer again a round that was open when they
 * answered it. forgetUser leaves an anonymous marker (round id, user id: no answer, no name, no
 * time) for each such round; the answer insert refuses a marked (round, user); closing the round
 * drops its markers, and so does deleting it.
 */
const answeredOpenRounds = `
CREATE TABLE forgotten_answers (
  round_id INTEGER NOT NULL,
  user_id  TEXT NOT NULL,
  PRIMARY KEY (round_id, user_id)
) WITHOUT ROWID;

CREATE TRIGGER forgotten_answers_on_close AFTER UPDATE OF closed_at ON rounds
WHEN NEW.closed_at IS NOT NULL
BEGIN
  DELETE FROM forgotten_answers WHERE round_id = NEW.id;
END;

CREATE TRIGGER forgotten_answers_on_delete AFTER DELETE ON rounds
BEGIN
  DELETE FROM forgotten_answers WHERE round_id = OLD.id;
END;
`;

/**
 * Migration 6: the deck each channel studies (`deck <id>`). One row per channel; a channel without a
 * row studies its subscription's deck, else the default deck.
 */
const channelDecks = `
CREATE TABLE channel_decks (
  platform   TEXT NOT NULL,
  team_id    TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  deck_id    TEXT NOT NULL,
  set_by     TEXT NOT NULL,
  set_at     INTEGER NOT NULL,
  PRIMARY KEY (platform, team_id, channel_id)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS answers_by_user ON answers (platform, team_id, user_id);
`;

/**
 * Migration 7: problem reports: learners' reports on deck items. One open report per
 * (team, item, user): a partial unique index, so a second open one cannot be inserted.
 * user_id is the reporter; resolved_by the admin who resolved it (blanked by forget-me).
 */
const problemReports = `
CREATE TABLE reports (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  platform    TEXT NOT NULL,
  team_id     TEXT NOT NULL,
  deck_id     TEXT NOT NULL,
  item_kind   TEXT NOT NULL CHECK (item_kind IN ('question', 'term', 'scenario')),
  item_id     TEXT NOT NULL,
  file        TEXT NOT NULL,
  line        INTEGER,
  user_id     TEXT NOT NULL,
  reason      TEXT NOT NULL CHECK (reason IN ('wrong', 'ambiguous', 'outdated', 'unclear', 'typo', 'other')),
  text        TEXT NOT NULL,
  at          INTEGER NOT NULL,
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  resolved_at INTEGER,
  resolved_by TEXT,
  note        TEXT,
  CHECK ((status = 'open') = (resolved_at IS NULL))
);
CREATE UNIQUE INDEX reports_one_open_per_user ON reports (platform, team_id, deck_id, item_kind, item_id, user_id)
  WHERE status = 'open';
CREATE INDEX reports_open_by_team ON reports (platform, team_id, status, id);
CREATE INDEX reports_by_user ON reports (platform, team_id, user_id);
`;

/**
 * Migration 8: exam prep: exam dates (owner "user:<id>" or "channel:<id>"; the date is local to time_zone),
 * reminder settings with their pause, and one reminder_sends row per learner and local date.
 */
const examTables = `
CREATE TABLE exam_dates (
  platform   TEXT NOT NULL,
  team_id    TEXT NOT NULL,
  owner      TEXT NOT NULL,
  deck_id    TEXT NOT NULL,
  exam_date  TEXT NOT NULL,
  time_zone  TEXT NOT NULL,
  set_by     TEXT NOT NULL,
  set_at     INTEGER NOT NULL,
  PRIMARY KEY (platform, team_id, owner)
) WITHOUT ROWID;

CREATE TABLE reminders (
  platform      TEXT NOT NULL,
  team_id       TEXT NOT NULL,
  user_id       TEXT NOT NULL,
  at            TEXT NOT NULL,
  quiet         TEXT,
  weekdays_only INTEGER NOT NULL CHECK (weekdays_only IN (0, 1)),
  time_zone     TEXT NOT NULL,
  deck_id       TEXT NOT NULL,
  paused_reason TEXT,
  PRIMARY KEY (platform, team_id, user_id)
) WITHOUT ROWID;

CREATE TABLE reminder_sends (
  platform   TEXT NOT NULL,
  team_id    TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  local_date TEXT NOT NULL,
  sent_at    INTEGER NOT NULL,
  PRIMARY KEY (platform, team_id, user_id, local_date)
) WITHOUT ROWID;

-- One secondary index on answers serves both a learner's recent answers (by time) and per-deck
-- tallies (its prefix): it replaces migration 6's answers_by_user, so a click updates one index, not two.
CREATE INDEX answers_user_time ON answers (platform, team_id, user_id, answered_at);
DROP INDEX IF EXISTS answers_by_user;
`;

/**
 * Migration 9: timed mock exams.
 * Each question of a mock is a practice round (so its answer is an ordinary practice answer); these
 * tables hold which rounds make up a mock, its timer and flags, and whether its results were seen.
 */
const mockExamTables = `
CREATE TABLE mock_exams (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  platform      TEXT NOT NULL,
  team_id       TEXT NOT NULL,
  channel_id    TEXT NOT NULL,
  user_id       TEXT NOT NULL,
  deck_id       TEXT NOT NULL,
  direct        INTEGER NOT NULL CHECK (direct IN (0, 1)),   -- taken in a direct message
  started_at    INTEGER NOT NULL,
  ends_at       INTEGER NOT NULL,
  ended_at      INTEGER,
  end_reason    TEXT CHECK (end_reason IN ('finished', 'ended-early', 'time-up')),
  results_seen  INTEGER NOT NULL DEFAULT 0 CHECK (results_seen IN (0, 1)),
  retake_of     INTEGER,
  CHECK ((ended_at IS NULL) = (end_reason IS NULL))
);
-- One running mock per (team, user).
CREATE UNIQUE INDEX mock_exams_one_running ON mock_exams (platform, team_id, user_id) WHERE ended_at IS NULL;
CREATE INDEX mock_exams_due ON mock_exams (ends_at) WHERE ended_at IS NULL;
CREATE INDEX mock_exams_by_user ON mock_exams (platform, team_id, user_id, ended_at);

CREATE TABLE mock_questions (
  mock_id     INTEGER NOT NULL REFERENCES mock_exams (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  round_id    INTEGER NOT NULL,
  question_id TEXT NOT NULL,
  domain      TEXT NOT NULL,
  flagged     INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
  PRIMARY KEY (mock_id, position)
) WITHOUT ROWID;
`;

/**
 * Migration 10: a click writes one index again. Migration 8's answers_user_time (a learner's
 * answers by time, for readiness and per-deck tallies) was rewritten by every answer and cost about
 * a quarter of the click rate; those reads now reach a learner's answers through the team's rounds
 * (src/store/user-answers.ts), as forget-me always did.
 */
const noAnswersIndexByUser = `
DROP INDEX IF EXISTS answers_user_time;
DROP INDEX IF EXISTS answers_by_user;
`;

/**
 * Migration 11: several processes on one database (issue 13). round_refreshes claims the
 * answer-count edit of a round message (one edit per window over all processes); deliveries
 * remembers platform delivery ids for a while (a retry reaching another process is dropped there);
 * forget_epoch counts forget-me's (a process's memory of stored names is dropped when it changes);
 * installations holds an app's installation (credentials, JSON text) per team.
 */
const severalProcesses = `
CREATE TABLE round_refreshes (
  round_id     INTEGER PRIMARY KEY REFERENCES rounds (id) ON DELETE CASCADE,
  refreshed_at INTEGER NOT NULL
);

CREATE TABLE deliveries (
  delivery_key TEXT PRIMARY KEY,
  seen_at      INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX deliveries_by_time ON deliveries (seen_at);

CREATE TABLE forget_epoch (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  epoch INTEGER NOT NULL
);
INSERT INTO forget_epoch (id, epoch) VALUES (1, 0);

CREATE TABLE installations (
  platform      TEXT NOT NULL,
  team_id       TEXT NOT NULL,
  enterprise_id TEXT,
  installation  TEXT NOT NULL,          -- the adapter's JSON, with tokens: never logged
  installed_at  INTEGER NOT NULL,
  PRIMARY KEY (platform, team_id)
) WITHOUT ROWID;
`;

/**
 * Migration 12: the person who installed an app is a column of its own (installer_id), so
 * forget-me finds the installations holding that person's part (the JSON `user` member: their id
 * and tokens) and removes it. Installations stored before carry the installer in that member only;
 * their id is copied out here (rows whose text is not JSON keep none).
 */
const installers = `
ALTER TABLE installations ADD COLUMN installer_id TEXT;
UPDATE installations SET installer_id = CASE WHEN json_valid(installation) THEN json_extract(installation, '$.user.id') END;
`;

/** Every migration, in order. Append only. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'base tables', sql: baseTables },
  { version: 2, name: 'aggregate tables', sql: aggregateTables + migration2Backfill },
  { version: 3, name: 'round ids never reused', sql: roundIdsNeverReused, rebuildsReferencedTable: true },
  { version: 4, name: 'round days instead of channel days', sql: roundDays },
  { version: 5, name: 'forgotten answers to open rounds', sql: answeredOpenRounds },
  { version: 6, name: 'channel decks', sql: channelDecks },
  { version: 7, name: 'problem reports', sql: problemReports },
  { version: 8, name: 'exam dates and reminders', sql: examTables },
  { version: 9, name: 'mock exams', sql: mockExamTables },
  { version: 10, name: 'no answers index by user', sql: noAnswersIndexByUser },
  { version: 11, name: 'several processes', sql: severalProcesses },
  { version: 12, name: 'installers', sql: installers },
];

/**
 * Fills today's (empty) aggregate tables, round_days and user_stats, from `answers` and `rounds`:
 * the same rows recordAnswer and forgetUser maintain answer by answer (tests compare the two).
 */
export const AGGREGATE_REBUILD_SQL = `
${userStatsBackfill(`INSERT INTO user_stats (${userStatsV2Columns})`)}
${roundDaysBackfill}
UPDATE user_stats AS s SET last_point_at = x.last_point_at, first_answer_at = x.first_answer_at
FROM (${channelTimes}) AS x
WHERE s.platform = x.platform AND s.team_id = x.team_id AND s.user_id = x.user_id AND s.channel_id = x.channel_id
  AND s.tag = '';
`;

/** What `migrate` did. */
export interface MigrationOutcome {
  from: number;
  to: number;
}

/**
 * Thrown by `migrate` when the database's user_version is newer than the newest migration, or a
 * migration fails (that migration is rolled back; user_version stays at the last good one).
 */
class MigrationError extends Error {
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
      if (migration.rebuildsReferencedTable) {
        const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
        if (broken.length > 0) {
          throw new Error(`${broken.length} rows of ${broken[0]?.table} lost their ${broken[0]?.parent} row`);
        }
      }
      db.pragma(`user_version = ${migration.version}`);
    });
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
    if (migration.rebuildsReferencedTable) db.pragma('foreign_keys = OFF');
    try {
      apply.immediate();
    } catch (err) {
      throw new MigrationError(
        `migration ${migration.version} (${migration.name}) failed: ${err instanceof Error ? err.message : String(err)}`,
        err,
      );
    } finally {
      if (migration.rebuildsReferencedTable) db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
    }
  }
  return { from, to: userVersion(db) };
}

/** The database's PRAGMA user_version. */
export function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
