/**
 * PostgreSQL migration 6: an answer click writes nothing into its round's row (issue 13's benchmark
 * goal). Until migration 5 each click locked the round row twice, and a row lock is a write: the
 * tuple's xmax, a WAL record and a dirtied page (a MultiXact when clicks on one round overlap).
 * - click_answer() read the round FOR SHARE so that an answer racing a close is refused or counted
 *   in the reveal, never committed after it. Now the round's advisory lock (round-lock.ts) does
 *   that: a click takes it shared before reading the round, and whatever closes or deletes a round
 *   takes it exclusively first (close_round(), delete_unposted_round() here; a mock exam's end in
 *   mock-exams.ts). A click that waited for a close reads the round in a later statement, so a later
 *   snapshot, and finds it closed (or gone); a close that waited for clicks lets them commit first,
 *   so its reveal, read after it, counts them.
 * - The foreign key answers.round_id -> rounds(id) fired a check per insert that locked the round
 *   row again (FOR KEY SHARE). It is dropped: the writers of answers keep the rule themselves.
 *   click_answer() (and migration 4's record_answer(), kept for older processes during an upgrade)
 *   insert an answer only for the round they just read, under that round's lock; db:copy copies
 *   rounds before answers; a round is deleted only when unposted and unanswered
 *   (delete_unposted_round(), under the round's lock) or as a forget-me's own practice round after
 *   that user's answers (privacy.ts, under the team's lock, which every click takes shared). SQLite
 *   keeps its foreign key (one writer at a time: its check finds the round page already in hand).
 * The rules are unchanged (tests/contracts/store.ts, tests/postgres/races.test.ts). During an
 * upgrade a close by a process of the previous version (a plain UPDATE) does not wait for clicks of
 * this version; stop the old processes before relying on the close rule across versions.
 */
import { ROUND_LOCK_CLASS } from './round-lock.js';
import { clickAnswerFunction } from './schema-click-answer.js';

export const ROUND_LOCK_SCHEMA = `
ALTER TABLE answers DROP CONSTRAINT IF EXISTS answers_round_id_fkey;

-- The round's advisory lock, exclusive, until the transaction ends (see round-lock.ts).
CREATE OR REPLACE FUNCTION lock_round(p_round bigint) RETURNS void LANGUAGE sql AS $$
  SELECT pg_advisory_xact_lock(${ROUND_LOCK_CLASS}, (p_round % 2147483648)::integer) $$;

-- RoundsPort.closeRound: true when this call closed the round.
CREATE OR REPLACE FUNCTION close_round(p_round bigint, p_at bigint) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  PERFORM lock_round(p_round);
  UPDATE rounds SET closed_at = p_at WHERE id = p_round AND closed_at IS NULL;
  RETURN FOUND;
END $$;

-- RoundsPort.deleteUnpostedRound: true when the round was deleted (never posted, never answered).
CREATE OR REPLACE FUNCTION delete_unposted_round(p_round bigint) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  PERFORM lock_round(p_round);
  DELETE FROM rounds
    WHERE id = p_round AND message_ref IS NULL AND NOT EXISTS (SELECT 1 FROM answers WHERE round_id = p_round);
  RETURN FOUND;
END $$;
${clickAnswerFunction('advisory')}`;
