/**
 * Is a subscription due now? The decision lives in core (src/core/post-time.ts) so the scheduler
 * and the `schedule`/`subscribe` replies ("Next post: today, within a minute (catch-up)") agree;
 * this module re-exports it for the scheduler. A process that was down at the post time posts when
 * it starts later the same local day, until {@link CATCH_UP_UNTIL} local; a missed earlier day is
 * never back-filled.
 */
export { catchUpDeadline, checkDue } from '../core/post-time.js';
