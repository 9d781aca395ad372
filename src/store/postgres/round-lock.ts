/**
 * The advisory lock of a round (PostgreSQL migration 6, schema-round-lock.ts): the two-key form
 * `(ROUND_LOCK_CLASS, round id modulo 2^31)`, a key space of its own apart from the one-key team
 * locks (team_lock_key). An answer click takes it shared for its transaction; closing a round (a
 * close, a mock exam's end) and deleting an unposted one take it exclusively. Two rounds whose ids
 * differ by a multiple of 2^31 share a key: a close of one then waits for the other's clicks, which
 * costs time, never correctness.
 */
export const ROUND_LOCK_CLASS = 1802335090; // 'kmsr' as a 32-bit integer
