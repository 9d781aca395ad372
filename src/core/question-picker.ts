/**
 * Which question a channel gets next (daily and `quiz here` rounds), and the shuffled order of its
 * choices. Deterministic for a given store state and `random`.
 *
 * Rules, in order:
 * 1. Cycles: a question is not asked again until every candidate question has been asked in the
 *    channel as often as it (only the least-asked questions are eligible). Questions added to the
 *    deck later join at once, since they have been asked least.
 * 2. The first pick of a new cycle (every candidate asked equally often, at least once) is the
 *    question the channel answered worst ({@link weakness}).
 *    Ties among those go to the topic rule below.
 * 3. Otherwise topics rotate: prefer the question covering the topic that has gone longest without
 *    a round in this channel (a topic never asked is longest of all), and among those the one whose
 *    other topics were asked least recently. Topics are the deck's rotation tags
 *    ({@link rotationTopics}); a question covers each of its tags that is one. With four topics
 *    this brings each one up about every four rounds while the cycle has questions for it.
 * 4. Ties: worst answered first, then `random` among equals.
 * Questions with 3 or more open problem reports in the team are left out until they are resolved.
 *
 * "Worst answered" order: questions someone answered wrongly, lowest share correct first (more
 * answers first on equal share); then questions asked but answered by nobody (no evidence the
 * channel knows them, but no evidence it does not); then questions everyone got right.
 */
import type { ChannelScope } from './context.js';
import type { Deck, Question } from './deck/schema.js';
import type { QuestionHistoryRow, ReportsPort, RoundsPort } from './ports/store.js';
import { heldQuestions } from './reports/service.js';

/** The topics daily rounds rotate through when a deck has them among its tags. */
const DEFAULT_TOPICS: readonly string[] = ['s3', 'ebs', 'rds', 'kms'];

/**
 * The tags a deck's rounds rotate through: those of {@link DEFAULT_TOPICS} the deck declares,
 * else all the deck's tags.
 */
export function rotationTopics(deck: Deck): string[] {
  const own = DEFAULT_TOPICS.filter((t) => deck.meta.tags.includes(t));
  return own.length > 0 ? own : [...deck.meta.tags];
}

/** Questions of a deck carrying `tag` (all of them when `tag` is undefined). */
export function questionsWithTag(deck: Deck, tag?: string): Question[] {
  return tag === undefined ? deck.questions : deck.questions.filter((q) => q.tags.includes(tag));
}

/**
 * How badly a channel knows a question, as a sortable tuple (lower = worse = asked sooner):
 * [bucket, share correct, -answered]. Bucket 0: someone answered wrongly; 1: asked, nobody
 * answered, or never asked; 2: everyone right.
 */
export function weakness(row: QuestionHistoryRow | undefined): [number, number, number] {
  if (!row || row.answered === 0) return [1, 0, 0];
  const share = row.correct / row.answered;
  return [share < 1 ? 0 : 2, share, -row.answered];
}

function compareTuples(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y ? -1 : 1; // not x - y: Infinity - Infinity is NaN
  }
  return 0;
}

/**
 * What the picker reads: the store's history, the team's reported items (questions with 3 or more
 * open problem reports are never picked) and a uniform random source in [0, 1).
 */
export interface PickerDeps {
  store: Pick<RoundsPort, 'questionHistory'> & Pick<ReportsPort, 'reportedItems'>;
  random: () => number;
}

/**
 * The next question for a channel's round, or undefined when the deck has no question with `tag`.
 * See the module comment for the rules.
 */
export async function pickChannelQuestion(
  deps: PickerDeps,
  channel: ChannelScope,
  deck: Deck,
  tag?: string,
): Promise<Question | undefined> {
  const held = await heldQuestions(deps.store, channel, deck.meta.id);
  const candidates = questionsWithTag(deck, tag).filter((q) => !held.has(q.id));
  if (candidates.length === 0) return undefined;
  const history = new Map((await deps.store.questionHistory(channel, deck.meta.id)).map((r) => [r.questionId, r]));
  const times = (q: Question) => history.get(q.id)?.times ?? 0;
  const minTimes = Math.min(...candidates.map(times));
  const eligible = candidates.filter((q) => times(q) === minTimes);
  const newCycle = minTimes > 0 && eligible.length === candidates.length;

  const lastSeen = topicLastSeen(deck, history, rotationTopics(deck));
  const key = newCycle
    ? (q: Question) => [...weakness(history.get(q.id)), ...topicRecency(q, lastSeen)]
    : (q: Question) => [...topicRecency(q, lastSeen), ...weakness(history.get(q.id))];
  const keyed = eligible.map((q) => ({ q, k: key(q) }));
  keyed.sort((a, b) => compareTuples(a.k, b.k));
  const first = keyed[0];
  if (!first) return undefined;
  const best = keyed.filter((e) => compareTuples(e.k, first.k) === 0);
  return (best[Math.min(best.length - 1, Math.floor(deps.random() * best.length))] ?? first).q;
}

/** When each rotation topic was last asked in the channel (ms), -Infinity when never. */
function topicLastSeen(deck: Deck, history: Map<string, QuestionHistoryRow>, topics: string[]): Map<string, number> {
  const seen = new Map(topics.map((t) => [t, -Infinity]));
  for (const row of history.values()) {
    for (const tag of deck.questionsById.get(row.questionId)?.tags ?? []) {
      const at = seen.get(tag);
      if (at !== undefined && row.lastOpenedAt > at) seen.set(tag, row.lastOpenedAt);
    }
  }
  return seen;
}

/**
 * [when the most neglected topic the question covers was last asked, when its most recent topic
 * was] (ms; lower = preferred). The first key brings the most neglected topic up; the second saves
 * questions that also cover a just-asked topic for later, so a topic with few questions is not
 * used up early in a cycle. A question covering no rotation topic ranks after every one that does.
 */
function topicRecency(q: Question, lastSeen: Map<string, number>): [number, number] {
  let oldest = Infinity;
  let newest = -Infinity;
  for (const tag of q.tags) {
    const at = lastSeen.get(tag);
    if (at === undefined) continue;
    oldest = Math.min(oldest, at);
    newest = Math.max(newest, at);
  }
  return oldest === Infinity ? [Infinity, Infinity] : [oldest, newest];
}

/**
 * A Fisher–Yates shuffle of the choice indexes 0..count-1 using `random` (uniform in [0, 1)):
 * result[i] is the question's choice shown as letter i. Done once when a round opens and stored.
 */
export function shuffledChoiceOrder(count: number, random: () => number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(random() * (i + 1)));
    const atI = order[i] ?? i;
    order[i] = order[j] ?? j;
    order[j] = atI;
  }
  return order;
}
