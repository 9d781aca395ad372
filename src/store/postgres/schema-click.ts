/**
 * PostgreSQL migration 3: a cheaper answer click (issue 13's benchmark goal). Same rules, same
 * round trip, fewer statements run inside it. Counted per click on the server before: the team lock,
 * the round FOR SHARE, the forget-me marker, the insert (and its key check), in the trigger the round
 * again, round_days, the tag rows, the channel's previous daily date, the channel row, then the
 * user-name check and a set-returning RETURN QUERY: eleven statements, which cost the server about
 * three times a bare insert. Now:
 * - record_answer() reads the round FOR SHARE, the forget-me marker and whether the stored name is
 *   already this one in one statement (after the team lock, so a forget-me in another process is
 *   seen: no name memory outside the database), writes the user row only when the name differs, and
 *   returns its one row through OUT parameters (no set-returning function, no tuplestore);
 * - answers_count() writes round_days and every user_stats row of the answer (the tag rows and the
 *   channel row, in key order as before) in one statement; the channel's previous daily date is a
 *   subquery the streak rule reads only when the answer starts a new date of the user's streak.
 * The rules (SQLite's answerTriggers; tests/contracts/store.ts) are unchanged: on a tag row the
 * channel row's update leaves every streak and time column as it was (they are 0 or NULL there).
 */
export const CLICK_SCHEMA = `
CREATE OR REPLACE FUNCTION answers_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r rounds%ROWTYPE;
BEGIN
  SELECT * INTO r FROM rounds WHERE id = NEW.round_id;
  IF r.kind = 'practice' THEN
    INSERT INTO user_stats AS s (platform, team_id, user_id, channel_id, tag, round_answered, round_correct, points,
                                 practice_answered, practice_correct, streak_current, streak_best, streak_date)
      SELECT NEW.platform, NEW.team_id, NEW.user_id, '', t.tag, 0, 0, 0, 1, NEW.correct, 0, 0, NULL
      FROM (SELECT ''::text COLLATE "C" AS tag UNION ALL SELECT jsonb_array_elements_text(r.tags) COLLATE "C") t
      ORDER BY t.tag
      ON CONFLICT (platform, team_id, user_id, channel_id, tag) DO UPDATE SET
        practice_answered = s.practice_answered + 1,
        practice_correct = s.practice_correct + excluded.practice_correct;
    RETURN NULL;
  END IF;

  -- One statement: the round's date row, the user's totals and tag rows (channel '') and channel row.
  WITH day AS (
    INSERT INTO round_days (platform, team_id, local_date, channel_id, round_id)
      VALUES (NEW.platform, NEW.team_id, NEW.local_date, NEW.channel_id, NEW.round_id)
      ON CONFLICT DO NOTHING
  )
  INSERT INTO user_stats AS s (platform, team_id, user_id, channel_id, tag, round_answered, round_correct, points,
                               practice_answered, practice_correct, streak_current, streak_best, streak_date,
                               last_point_at, first_answer_at)
    SELECT NEW.platform, NEW.team_id, NEW.user_id, t.channel_id, t.tag, 1, NEW.correct, NEW.points, 0, 0,
           t.streak, t.streak, t.streak_date, t.last_point_at, t.first_answer_at
    FROM (
      SELECT ''::text COLLATE "C" AS channel_id, ''::text COLLATE "C" AS tag, 0 AS streak, NULL::text AS streak_date,
             NULL::bigint AS last_point_at, NULL::bigint AS first_answer_at
      UNION ALL
      SELECT ''::text COLLATE "C", jsonb_array_elements_text(r.tags) COLLATE "C", 0, NULL::text, NULL::bigint, NULL::bigint
      UNION ALL
      SELECT NEW.channel_id::text COLLATE "C", ''::text COLLATE "C",
             CASE WHEN r.kind = 'daily' THEN 1 ELSE 0 END, CASE WHEN r.kind = 'daily' THEN r.local_date::text END,
             CASE WHEN NEW.points > 0 THEN NEW.answered_at END, NEW.answered_at
    ) t
    ORDER BY t.channel_id, t.tag
    ON CONFLICT (platform, team_id, user_id, channel_id, tag) DO UPDATE SET
      round_answered = s.round_answered + 1,
      round_correct = s.round_correct + excluded.round_correct,
      points = s.points + excluded.points,
      streak_current = CASE
        WHEN excluded.streak_date IS NULL OR excluded.streak_date <= coalesce(s.streak_date, '') THEN s.streak_current
        WHEN s.streak_date = (SELECT max(p.local_date) FROM rounds p
                              WHERE p.platform = NEW.platform AND p.team_id = NEW.team_id AND p.channel_id = NEW.channel_id
                                AND p.kind = 'daily' AND p.local_date < r.local_date) THEN s.streak_current + 1
        ELSE 1 END,
      streak_best = greatest(s.streak_best, CASE
        WHEN excluded.streak_date IS NULL OR excluded.streak_date <= coalesce(s.streak_date, '') THEN s.streak_current
        WHEN s.streak_date = (SELECT max(p.local_date) FROM rounds p
                              WHERE p.platform = NEW.platform AND p.team_id = NEW.team_id AND p.channel_id = NEW.channel_id
                                AND p.kind = 'daily' AND p.local_date < r.local_date) THEN s.streak_current + 1
        ELSE 1 END),
      streak_date = CASE WHEN excluded.streak_date > coalesce(s.streak_date, '') THEN excluded.streak_date
                         ELSE s.streak_date END,
      last_point_at = greatest(s.last_point_at, excluded.last_point_at),
      first_answer_at = least(s.first_answer_at, excluded.first_answer_at);
  RETURN NULL;
END $$;

DROP FUNCTION record_answer(text, text, bigint, text, text, text, text, integer, integer, integer, bigint, text, text);

-- One answer click (see answers.ts and the module comment of schema-click.ts). Returns one row:
-- status ('recorded', 'duplicate', 'forgotten' or 'closed'), the stored round's scope, and for
-- 'duplicate' the standing answer.
CREATE FUNCTION record_answer(
  p_platform text, p_team text, p_round bigint, p_user text, p_name text, p_name_key text, p_letter text, p_choice integer,
  p_correct integer, p_points integer, p_at bigint, p_date text, p_card text,
  OUT status text, OUT platform text, OUT team_id text, OUT channel_id text, OUT letter text, OUT choice_index integer,
  OUT correct integer, OUT points integer, OUT answered_at bigint, OUT local_date text
) LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_platform text;
  v_team text;
  v_channel text;
  v_deck text;
  v_question text;
  v_open boolean;
  v_forgotten boolean;
  v_named boolean;
BEGIN
  -- Shared: forgetUser takes it exclusively, so no forget-me commits in the middle of this answer,
  -- and the reads below (a later statement, so a later snapshot) see any forget-me before it.
  PERFORM pg_advisory_xact_lock_shared(team_lock_key(p_platform, p_team));
  -- FOR SHARE: a concurrent closeRound waits for this answer, or this answer waits for the close
  -- and then reads the round closed.
  SELECT r.platform, r.team_id, r.channel_id, r.deck_id, r.question_id, r.closed_at IS NULL,
         EXISTS (SELECT 1 FROM forgotten_answers f WHERE f.round_id = p_round AND f.user_id = p_user),
         EXISTS (SELECT 1 FROM users u WHERE u.platform = r.platform AND u.team_id = r.team_id
                                         AND u.user_id = p_user AND u.user_name = p_name)
    INTO v_platform, v_team, v_channel, v_deck, v_question, v_open, v_forgotten, v_named
    FROM rounds r WHERE r.id = p_round FOR SHARE OF r;
  IF FOUND AND v_open AND NOT v_forgotten THEN
    INSERT INTO answers (round_id, user_id, platform, team_id, channel_id, letter, choice_index, correct, points,
                         answered_at, local_date)
      VALUES (p_round, p_user, v_platform, v_team, v_channel, p_letter, p_choice, p_correct, p_points, p_at, p_date)
      ON CONFLICT DO NOTHING;
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
      status := 'recorded';
      platform := v_platform;
      team_id := v_team;
      channel_id := v_channel;
      RETURN;
    END IF;
  END IF;
  SELECT 'duplicate', a.platform, a.team_id, a.channel_id, a.letter, a.choice_index, a.correct, a.points,
         a.answered_at, a.local_date
    INTO status, platform, team_id, channel_id, letter, choice_index, correct, points, answered_at, local_date
    FROM answers a WHERE a.round_id = p_round AND a.user_id = p_user;
  IF FOUND THEN
    RETURN;
  END IF;
  IF EXISTS (SELECT 1 FROM forgotten_answers f WHERE f.round_id = p_round AND f.user_id = p_user) THEN
    status := 'forgotten';
  ELSE
    status := 'closed';
  END IF;
END $$;
`;
