/**
 * The round-refresh claims port: the "N answered" edit of a round message is throttled in the
 * database, so several processes answering clicks on one round make one edit per window between
 * them, not one each. Times are UTC epoch milliseconds. Every method returns a Promise.
 */

/** Claims of a round message's answer-count edit. */
export interface RoundRefreshClaimsPort {
  /**
   * Claim the answer-count edit of round `roundId` at `at`: resolves true (and records `at`) when the
   * round is open and no claim was made in the `windowMs` before `at`; false when the round is
   * closed or unknown, or a claim (by any process) is younger than `windowMs`.
   */
  claimRoundRefresh(roundId: number, at: number, windowMs: number): Promise<boolean>;
}
