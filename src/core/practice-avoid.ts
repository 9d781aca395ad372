/**
 * Which questions a learner's practice (`quiz`) in a channel should not hand out, because the
 * channel's own rounds ask them: the question of a round open there right now (its message shows
 * the answer tallies, so practising it would give it away), and questions the learner answered
 * there lately (they just saw the reveal).
 */
import type { ChannelScope } from './context.js';
import type { ExamsPort, RoundsPort } from './ports/store.js';

/** How long after a channel's round a question the learner answered there stays out of their practice, in ms. */
export const RECENT_ROUND_MS = 12 * 60 * 60_000;

/** Question ids of one deck to keep out of a practice pick. */
export interface PracticeAvoid {
  /** Asked by a daily or channel round of the channel that is open now: never handed out. */
  open: ReadonlySet<string>;
  /**
   * Asked in the channel within RECENT_ROUND_MS and answered by the learner within it: handed out
   * only when nothing else is left to pick.
   */
  recent: ReadonlySet<string>;
}

/** Nothing to avoid (a direct message has no channel rounds). */
export const AVOID_NOTHING: PracticeAvoid = { open: new Set(), recent: new Set() };

type Store = Pick<RoundsPort, 'openChannelRound' | 'latestDailyRound' | 'questionHistory'> & Pick<ExamsPort, 'recentAnswers'>;

/**
 * The questions of deck `deckId` that `userId`'s practice in `channel` should avoid at `now` (UTC
 * epoch ms). Reads the channel's open channel round, its latest daily round, its question history
 * and the learner's answers since `now - RECENT_ROUND_MS`.
 */
export async function practiceAvoid(store: Store, channel: ChannelScope, userId: string, deckId: string, now: number): Promise<PracticeAvoid> {
  const [channelRound, daily] = await Promise.all([store.openChannelRound(channel), store.latestDailyRound(channel)]);
  const open = new Set<string>();
  for (const round of [channelRound, daily]) {
    if (round && round.closedAt === null && round.deckId === deckId) open.add(round.questionId);
  }
  const since = now - RECENT_ROUND_MS;
  const askedHere = new Set((await store.questionHistory(channel, deckId)).filter((h) => h.lastOpenedAt >= since).map((h) => h.questionId));
  const recent = new Set<string>();
  if (askedHere.size > 0) {
    for (const a of await store.recentAnswers(channel, userId, deckId, since)) {
      if (askedHere.has(a.questionId) && !open.has(a.questionId)) recent.add(a.questionId);
    }
  }
  return { open, recent };
}
