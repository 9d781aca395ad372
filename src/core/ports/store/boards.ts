/**
 * The boards port: team and channel totals over a range of channel-local dates (leaderboards,
 * weekly digests). Every method is one read and returns a Promise.
 */
import type { ChannelScope, TeamScope } from '../../context.js';

/**
 * Which answers a board or summary covers. `channelId` narrows to one channel (a study group);
 * `fromDate`/`toDate` are inclusive channel-local dates ("YYYY-MM-DD"); omitted = unbounded.
 * Only round answers (daily and channel) count; practice answers never reach a board.
 */
export interface ScoreQuery {
  scope: TeamScope;
  channelId?: string;
  fromDate?: string;
  toDate?: string;
}

/** One user's totals over a ScoreQuery (unranked: core ranks). */
export interface ScoreLine {
  userId: string;
  userName: string;
  points: number;
  answered: number;
  correct: number;
  /** When the user reached `points` (time of their last point-earning answer in range; if 0 points, their first answer). */
  reachedAt: number;
}

/** Per-tag totals. */
export interface TagTally {
  tag: string;
  answered: number;
  correct: number;
}

/** The round question answered wrongly most often over a query. */
export interface MissedQuestion {
  deckId: string;
  questionId: string;
  answered: number;
  wrong: number;
}

/** Boards and digest figures. */
export interface BoardsPort {
  /** Per-user totals over the query (only users with at least one round answer in range). */
  scoreLines(query: ScoreQuery): Promise<ScoreLine[]>;
  /** Per-tag totals of round answers over the query. */
  tagTallies(query: ScoreQuery): Promise<TagTally[]>;
  /** The round question answered wrongly most often over the query (ties: more answers first), or undefined when no answer in range was wrong. */
  mostMissedQuestion(query: ScoreQuery): Promise<MissedQuestion | undefined>;
  /** The longest current streak in a channel, or undefined when nobody has one. */
  longestCurrentStreak(channel: ChannelScope): Promise<{ userId: string; userName: string; current: number } | undefined>;
}
