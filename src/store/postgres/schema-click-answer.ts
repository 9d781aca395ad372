/**
 * PostgreSQL migration 5: click_answer(), record_answer() (migration 4, schema-click.ts) made cheaper
 * to call, with the same rules and the same one round trip (issue 13's benchmark goal):
 * - it returns one text value instead of ten OUT columns: 'recorded', 'closed', 'forgotten', or the
 *   standing answer of a duplicate as a JSON object (letter, choice_index, correct, points,
 *   answered_at, local_date). Called as a scalar (`SELECT click_answer(...)`), so the server builds no
 *   composite row, no function scan and no ten-column row description, and the client parses one
 *   field. The answer's platform, team and channel are the caller's round's (a round's scope never
 *   changes), as on SQLite (answers.ts);
 * - the channel's previous daily date is read once, beside the round it is answered on, instead of
 *   in two subqueries of the streak update (streak_current and streak_best each ran their own, on
 *   nearly every daily click, and their plans were part of every execution's start-up).
 * Everything else is record_answer() as it was: see schema-click.ts. record_answer() stays, unused
 * by this version, so processes of the previous version keep answering while a new one starts.
 * The rules are unchanged (tests/contracts/store.ts): the streak goes on when the user's last streak
 * date in the channel is that previous daily date, else starts again at 1; other kinds of round
 * never read it.
 */
import { ROUND_LOCK_CLASS } from './round-lock.js';

/**
 * The SQL of click_answer() (CREATE OR REPLACE). How an answer keeps out of a round's close:
 * - 'row' (migration 5): the round row is read FOR SHARE, so a concurrent close waits for the answer,
 *   or the answer waits for the close and then reads the round closed;
 * - 'advisory' (migration 6, schema-round-lock.ts): the round's advisory lock is taken shared before
 *   the round is read (closes and deletes take it exclusively), and the read takes no row lock.
 * Where the channel's previous daily date (the streak rule's) comes from:
 * - 'read' (migrations 5 and 6): a subquery of the round read, on every daily click;
 * - 'given' (migration 7, schema-click-previous.ts): a 14th argument, `p_prev`, the date the caller
 *   read with the round ('' when the channel has no earlier daily round); the round read leaves the
 *   subquery out unless `p_prev` is NULL (the caller does not know it).
 * Migration 5's text is clickAnswerFunction('row') and migration 6's clickAnswerFunction('advisory'),
 * exactly as they were shipped.
 */
export function clickAnswerFunction(roundLock: 'row' | 'advisory', previous: 'read' | 'given' = 'read'): string {
  const lockRound =
    roundLock === 'row'
      ? `
  -- FOR SHARE: a concurrent closeRound waits for this answer, or this answer waits for the close
  -- and then reads the round closed.`
      : `
  -- The round's lock, shared (see schema-round-lock.ts: closing or deleting a round takes it
  -- exclusively): a close waits for this answer, or this answer waits for the close and the read
  -- below (a later snapshot) sees the round closed. The round row itself is not locked.
  PERFORM pg_advisory_xact_lock_shared(${ROUND_LOCK_CLASS}, (p_round % 2147483648)::integer);`;
  return `
-- One answer click (see answers.ts and the module comment of schema-click-answer.ts).
CREATE OR REPLACE FUNCTION click_answer(
  p_platform text, p_team text, p_round bigint, p_user text, p_name text, p_name_key text, p_letter text, p_choice integer,
  p_correct integer, p_points integer, p_at bigint, p_date text, p_card text${previous === 'given' ? ', p_prev text' : ''}
) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  v_platform text COLLATE "C";
  v_team text COLLATE "C";
  v_channel text COLLATE "C";
  v_kind text COLLATE "C";
  v_deck text COLLATE "C";
  v_question text COLLATE "C";
  v_tags jsonb;
  v_date text COLLATE "C";
  v_prev text COLLATE "C";
  v_open boolean;
  v_forgotten boolean;
  v_named boolean;
  v_standing text;
BEGIN
  -- Shared: forgetUser takes it exclusively, so no forget-me commits in the middle of this answer,
  -- and the reads below (a later statement, so a later snapshot) see any forget-me before it.
  PERFORM pg_advisory_xact_lock_shared(team_lock_key(p_platform, p_team));${lockRound}
${previous === 'read' ? roundRead(READ_PREVIOUS, roundLock) : givenPreviousRead(roundLock)}
  IF FOUND AND v_open AND NOT v_forgotten THEN
    IF v_kind = 'practice' THEN
      -- A practice answer counts only in the user's practice totals (channel '', every tag).
      WITH ins AS (
        INSERT INTO answers (round_id, user_id, platform, team_id, channel_id, letter, choice_index, correct, points,
                             answered_at, local_date)
          VALUES (p_round, p_user, v_platform, v_team, v_channel, p_letter, p_choice, p_correct, p_points, p_at, p_date)
          ON CONFLICT DO NOTHING
          RETURNING 1
      )
      INSERT INTO user_stats AS s (platform, team_id, user_id, channel_id, tag, round_answered, round_correct, points,
                                   practice_answered, practice_correct, streak_current, streak_best, streak_date)
        SELECT v_platform, v_team, p_user, '', t.tag, 0, 0, 0, 1, p_correct, 0, 0, NULL
        FROM (SELECT ''::text COLLATE "C" AS tag UNION ALL SELECT jsonb_array_elements_text(v_tags) COLLATE "C") t
        WHERE EXISTS (SELECT 1 FROM ins)
        ORDER BY t.tag
        ON CONFLICT (platform, team_id, user_id, channel_id, tag) DO UPDATE SET
          practice_answered = s.practice_answered + 1,
          practice_correct = s.practice_correct + excluded.practice_correct;
    ELSE
      -- The answer, the round's date row, the user's totals and tag rows (channel '') and channel row.
      WITH ins AS (
        INSERT INTO answers (round_id, user_id, platform, team_id, channel_id, letter, choice_index, correct, points,
                             answered_at, local_date)
          VALUES (p_round, p_user, v_platform, v_team, v_channel, p_letter, p_choice, p_correct, p_points, p_at, p_date)
          ON CONFLICT DO NOTHING
          RETURNING 1
      ), day AS (
        INSERT INTO round_days (platform, team_id, local_date, channel_id, round_id)
          SELECT v_platform, v_team, p_date, v_channel, p_round WHERE EXISTS (SELECT 1 FROM ins)
          ON CONFLICT DO NOTHING
      )
      INSERT INTO user_stats AS s (platform, team_id, user_id, channel_id, tag, round_answered, round_correct, points,
                                   practice_answered, practice_correct, streak_current, streak_best, streak_date,
                                   last_point_at, first_answer_at)
        SELECT v_platform, v_team, p_user, t.channel_id, t.tag, 1, p_correct, p_points, 0, 0,
               t.streak, t.streak, t.streak_date, t.last_point_at, t.first_answer_at
        FROM (
          SELECT ''::text COLLATE "C" AS channel_id, ''::text COLLATE "C" AS tag, 0 AS streak,
                 NULL::text COLLATE "C" AS streak_date, NULL::bigint AS last_point_at, NULL::bigint AS first_answer_at
          UNION ALL
          SELECT '', jsonb_array_elements_text(v_tags) COLLATE "C", 0, NULL, NULL, NULL
          UNION ALL
          SELECT v_channel, '', CASE WHEN v_kind = 'daily' THEN 1 ELSE 0 END, CASE WHEN v_kind = 'daily' THEN v_date END,
                 CASE WHEN p_points > 0 THEN p_at END, p_at
        ) t
        WHERE EXISTS (SELECT 1 FROM ins)
        ORDER BY t.channel_id, t.tag
        ON CONFLICT (platform, team_id, user_id, channel_id, tag) DO UPDATE SET
          round_answered = s.round_answered + 1,
          round_correct = s.round_correct + excluded.round_correct,
          points = s.points + excluded.points,
          streak_current = CASE
            WHEN excluded.streak_date IS NULL OR excluded.streak_date <= coalesce(s.streak_date, '') THEN s.streak_current
            WHEN s.streak_date = v_prev THEN s.streak_current + 1
            ELSE 1 END,
          streak_best = greatest(s.streak_best, CASE
            WHEN excluded.streak_date IS NULL OR excluded.streak_date <= coalesce(s.streak_date, '') THEN s.streak_current
            WHEN s.streak_date = v_prev THEN s.streak_current + 1
            ELSE 1 END),
          streak_date = CASE WHEN excluded.streak_date > coalesce(s.streak_date, '') THEN excluded.streak_date
                             ELSE s.streak_date END,
          last_point_at = greatest(s.last_point_at, excluded.last_point_at),
          first_answer_at = least(s.first_answer_at, excluded.first_answer_at);
    END IF;
    -- FOUND: user_stats rows were written, so the answer went in (its totals row always is one).
    IF FOUND THEN
      IF NOT v_named THEN
        INSERT INTO users AS u (platform, team_id, user_id, user_name, name_key, updated_at)
          VALUES (v_platform, v_team, p_user, p_name, p_name_key, p_at)
          ON CONFLICT (platform, team_id, user_id) DO UPDATE
            SET user_name = excluded.user_name, name_key = excluded.name_key, updated_at = excluded.updated_at
            WHERE u.user_name IS DISTINCT FROM excluded.user_name;
      END IF;
      IF p_card IS NOT NULL THEN
        INSERT INTO practice_cards AS c (platform, team_id, user_id, deck_id, question_id, card, updated_at)
          VALUES (v_platform, v_team, p_user, v_deck, v_question, p_card, p_at)
          ON CONFLICT (platform, team_id, user_id, deck_id, question_id) DO UPDATE
            SET card = excluded.card, updated_at = excluded.updated_at;
      END IF;
      RETURN 'recorded';
    END IF;
  END IF;
  SELECT json_build_object('letter', a.letter, 'choice_index', a.choice_index, 'correct', a.correct, 'points', a.points,
                           'answered_at', a.answered_at, 'local_date', a.local_date)::text
    INTO v_standing
    FROM answers a WHERE a.round_id = p_round AND a.user_id = p_user;
  IF FOUND THEN
    RETURN v_standing;
  END IF;
  IF EXISTS (SELECT 1 FROM forgotten_answers f WHERE f.round_id = p_round AND f.user_id = p_user) THEN
    RETURN 'forgotten';
  END IF;
  RETURN 'closed';
END $$;`;
}

/** Migrations 5 and 6: the channel's previous daily date, read with the round (see clickAnswerFunction). */
const READ_PREVIOUS = `(SELECT max(p.local_date) FROM rounds p
                                           WHERE p.platform = r.platform AND p.team_id = r.team_id AND p.channel_id = r.channel_id
                                             AND p.kind = 'daily' AND p.local_date < r.local_date)`;

/** The round read of click_answer() into its variables, with `previous` as the previous daily date. */
function roundRead(previous: string, roundLock: 'row' | 'advisory', indent = ''): string {
  return `${indent}  SELECT r.platform, r.team_id, r.channel_id, r.kind, r.deck_id, r.question_id, r.tags, r.local_date, r.closed_at IS NULL,
${indent}         EXISTS (SELECT 1 FROM forgotten_answers f WHERE f.round_id = p_round AND f.user_id = p_user),
${indent}         EXISTS (SELECT 1 FROM users u WHERE u.platform = r.platform AND u.team_id = r.team_id
${indent}                                         AND u.user_id = p_user AND u.user_name = p_name),
${indent}         CASE WHEN r.kind = 'daily' THEN ${previous} END
${indent}    INTO v_platform, v_team, v_channel, v_kind, v_deck, v_question, v_tags, v_date, v_open, v_forgotten, v_named, v_prev
${indent}    FROM rounds r WHERE r.id = p_round${roundLock === 'row' ? ' FOR SHARE OF r' : ''};`;
}

/**
 * Migration 7's round read: the previous daily date as given (`p_prev`, '' for none), or read as
 * before when the caller does not know it (NULL). Two statements rather than one with a CASE: a
 * statement's subqueries are set up on every execution, run or not.
 */
function givenPreviousRead(roundLock: 'row' | 'advisory'): string {
  return `  IF p_prev IS NULL THEN
${roundRead(READ_PREVIOUS, roundLock, '  ')}
  ELSE
    -- The date the caller read with the round (see answers.ts); '' when there is none.
${roundRead("nullif(p_prev, '')", roundLock, '  ')}
  END IF;`;
}

/** Migration 5's SQL (see the module comment). */
export const CLICK_ANSWER_SCHEMA = clickAnswerFunction('row');
