/**
 * forget-me on PostgreSQL (PrivacyPort): one transaction that first takes the team's advisory lock
 * exclusively. Every answer click takes the same lock shared (click_answer, schema-click-answer.ts),
 * so no answer of the team commits while the user's rows are deleted: without it an answer committing
 * mid-delete could leave stats counting it, or a team day row deleted under a new answer.
 */
import type pg from 'pg';
import type { TeamScope } from '../../core/context.js';
import type { ForgetResult } from '../../core/ports/store.js';
import { changes } from './db.js';
import { examQueries } from './exams.js';
import { installationQueries } from './installations.js';
import { mockExamQueries } from './mock-exams.js';
import { practiceCardQueries } from './practice-cards.js';
import { reportQueries } from './reports.js';
import { roundQueries } from './rounds.js';
import { selfScoreQueries } from './self-scores.js';
import { userQueries } from './users.js';

/** See PrivacyPort.forgetUser; run inside one transaction (PostgresStore does). */
export async function forgetUser(db: pg.PoolClient, scope: TeamScope, userId: string): Promise<ForgetResult> {
  const team = [scope.platform, scope.teamId];
  const user = [...team, userId];
  await db.query({ text: 'SELECT pg_advisory_xact_lock(team_lock_key($1, $2))', values: team });
  // Markers for open daily and channel rounds the user answered: a second answer stays refused until they close.
  await changes(
    db,
    `INSERT INTO forgotten_answers (round_id, user_id)
     SELECT a.round_id, a.user_id FROM answers a JOIN rounds r ON r.id = a.round_id
     WHERE a.user_id = $3 AND r.platform = $1 AND r.team_id = $2 AND r.closed_at IS NULL AND r.kind IN ('daily', 'channel')
     ON CONFLICT DO NOTHING`,
    user,
  );
  await changes(db, 'DELETE FROM user_stats WHERE platform = $1 AND team_id = $2 AND user_id = $3', user);
  await mockExamQueries.deleteUser(db, scope, userId);
  const answers = await changes(
    db,
    'DELETE FROM answers WHERE user_id = $3 AND round_id IN (SELECT id FROM rounds WHERE platform = $1 AND team_id = $2)',
    user,
  );
  await changes(
    db,
    `DELETE FROM round_days d WHERE d.platform = $1 AND d.team_id = $2
       AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.round_id = d.round_id AND a.local_date = d.local_date)`,
    team,
  );
  await roundQueries.deleteUser(db, scope, userId);
  await practiceCardQueries.deleteUser(db, scope, userId);
  await examQueries.deleteUser(db, scope, userId);
  const selfScores = await selfScoreQueries.deleteUser(db, scope, userId);
  await reportQueries.deleteUser(db, scope, userId);
  await userQueries.deleteUser(db, scope, userId);
  await installationQueries.forgetInstaller(db, scope, userId);
  return { answers, selfScores };
}
