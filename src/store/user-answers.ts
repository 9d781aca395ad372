/**
 * A user's answers in a team, found without an index on `answers` by user: the answers table keeps
 * only its (round_id, user_id) key so that a click writes one index (see migration 10). A user's
 * answers are reached through the team's rounds instead:
 *   - practice rounds (mock exam questions included) by their opener, who is their only answerer
 *     (rounds_by_team: platform, team_id, kind, opened_by);
 *   - the team's daily and channel rounds (rounds_by_team: platform, team_id, kind),
 * each joined to `answers` on its key (round_id, user_id). Cost: one key probe per daily or channel
 * round of the team (about 730 a year for two subscribed channels), read by `stats` and `readiness`,
 * never on a click.
 */

/**
 * SQL yielding `r.*` and `a.*` column pairs for every answer of `@userId` in (`@platform`, `@teamId`)
 * that also meets `extra` (a condition over `r` and `a`, e.g. "r.deck_id = @deckId"). Two SELECTs
 * joined by UNION ALL so each uses rounds_by_team; `columns` is the select list over `r` and `a`.
 */
export function userAnswersSql(columns: string, extra = 'true'): string {
  return `
    SELECT ${columns}
    FROM rounds r JOIN answers a ON a.round_id = r.id AND a.user_id = @userId
    WHERE r.platform = @platform AND r.team_id = @teamId AND r.kind = 'practice' AND r.opened_by = @userId
      AND (${extra})
    UNION ALL
    SELECT ${columns}
    FROM rounds r JOIN answers a ON a.round_id = r.id AND a.user_id = @userId
    WHERE r.platform = @platform AND r.team_id = @teamId AND r.kind IN ('daily', 'channel')
      AND (${extra})`;
}
