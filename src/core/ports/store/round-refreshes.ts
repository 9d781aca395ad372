/**
 * The round-refresh claims port: the "N answered" edit of a round message is throttled in the
 * database, so several processes answering clicks on one round make one edit per window between
 * them, not one each. Times are UTC epoch milliseconds. Every method returns a Promise.
 */
import type { RoundTally } from './answers.js';
import type { RoundRow } from './rounds.js';

/** A claimed answer-count edit: the round as stored (open when claimed) and its answers counted, read with the claim. */
export interface RoundRefreshClaim {
  round: RoundRow;
  /** As AnswersPort.roundTally with the claim's `choiceCount(round)`. */
  tally: RoundTally;
}

/** Claims of a round message's answer-count edit. */
export interface RoundRefreshClaimsPort {
  /**
   * Claim the answer-count edit of round `roundId` at `at`: when the round is open and no claim was
   * made in the `windowMs` before `at`, records `at` and resolves the round and its tally, read in
   * the same transaction (one round trip where the backend allows); resolves undefined when the
   * round is closed or unknown, or a claim (by any process) is younger than `windowMs`.
   * @param choiceCount how many choices the tally counts by (see AnswersPort.roundTally) for the
   *   claimed round; default: the round's own choice order's length.
   */
  claimRoundRefresh(
    roundId: number,
    at: number,
    windowMs: number,
    choiceCount?: (round: RoundRow) => number,
  ): Promise<RoundRefreshClaim | undefined>;
}
