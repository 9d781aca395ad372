/**
 * DailyRounds: what the scheduler calls (DailyService). Posts each subscribed channel's daily
 * round once per local date, reveals the previous one, posts the weekly digest once per ISO week,
 * and closes `quiz here` rounds whose time is up. Safe to run in two processes on one database:
 * the store's unique keys (daily round per channel and date, closeRound, claimDigest) decide who
 * posts, so nothing is posted or revealed twice.
 */
import type { ChannelScope, TeamScope } from './context.js';
import type { Deck } from './deck/schema.js';
import { countdownLine } from './exam/exam-date.js';
import type { CoreDeps } from './deps.js';
import { isValidZone, localDate, previousWeek } from './local-time.js';
import { PosterError } from './ports/poster.js';
import { safeReply } from './safe-text.js';
import {
  RoundConflictError,
  type ActivityPort,
  type AnswersPort,
  type BoardsPort,
  type DigestClaimsPort,
  type ExamsPort,
  type ReportsPort,
  type RoundRow,
  type RoundsPort,
  type ScoreLine,
  type ScoreQuery,
  type SubscriptionRow,
  type SubscriptionsPort,
  type ChannelDecksPort,
} from './ports/store.js';
import { StoreUnavailableError } from './ports/store-unavailable.js';
import { isPostingDay } from './post-time.js';
import { pickChannelQuestion, rotationTopics, shuffledChoiceOrder } from './question-picker.js';
import type { Reply, ReplyBlock } from './reply.js';
import { REPORTS } from './text/reports.js';
import { endSentence, renderRound, percent, textBar, topicLabel } from './round-view.js';
import { closeAndReveal, describePosterProblem, roundQuestion } from './rounds.js';
import { activityCharts, activitySeries } from './handlers/stats-charts.js';
import { MockExams, type MockStore } from './mock/service.js';
import { rankScoreLines } from './scoring.js';
import { DIGEST } from './text/daily.js';
import type { DailyOutcome, DailyService } from './tutor-api.js';

/**
 * A daily round stored but never posted this long ago (ms) was left by a process that died between
 * storing and posting it; the next run deletes it and posts afresh. Younger ones may be another
 * process's post in progress.
 */
const ORPHANED_ROUND_MS = 10 * 60_000;

/** How many leaders the weekly digest lists. */
const DIGEST_TOP = 5;

/**
 * What DailyRounds needs: rounds and answer tallies (post, reveal), boards and digest claims
 * (digest), subscriptions (paused on a permanent poster failure), the channel's chosen deck (read
 * for the deck: channel-deck.ts).
 */
export type DailyDeps = Omit<CoreDeps, 'store'> & {
  store: RoundsPort &
    AnswersPort &
    BoardsPort &
    DigestClaimsPort &
    Pick<SubscriptionsPort, 'pauseSubscription'> &
    Pick<ChannelDecksPort, 'getChannelDeck'> &
    Pick<ReportsPort, 'reportedItems' | 'openReports'> &
    Pick<ExamsPort, 'channelExam'> &
    MockStore &
    ActivityPort;
};

/** The scheduler's side of rounds. See the module comment. */
export class DailyRounds implements DailyService {
  constructor(private readonly deps: DailyDeps) {}

  /** See DailyService.runDaily. Never rejects for chat or content problems: they become outcomes. */
  async runDaily(sub: SubscriptionRow, now: Date): Promise<DailyOutcome> {
    const { store, logger } = this.deps;
    const log = logger.child({ platform: sub.platform, teamId: sub.teamId, channelId: sub.channelId });
    if (sub.pausedReason !== null) return { status: 'skipped', reason: `paused: ${sub.pausedReason}` };
    const poster = this.deps.posters[sub.platform];
    if (!poster) return { status: 'skipped', reason: `the ${sub.platform} connection is not running` };
    if (!isValidZone(sub.timeZone)) return { status: 'failed', reason: `unknown time zone "${sub.timeZone}"`, retry: false };
    const date = localDate(now, sub.timeZone);
    if (!isPostingDay(sub, date)) return { status: 'skipped', reason: `${date} is a weekend day and the channel gets weekdays only` };

    const today = await store.latestDailyRound(sub);
    if (today?.localDate === date) {
      const orphaned = today.messageRef === null && now.getTime() - today.openedAt >= ORPHANED_ROUND_MS;
      if (!orphaned || !(await store.deleteUnpostedRound(today.id))) return { status: 'already-posted' };
      log.warn({ roundId: today.id }, 'deleted a daily round that was stored but never posted');
    }

    const previous = await store.latestDailyRound(sub);
    if (previous && previous.closedAt === null && previous.localDate !== date) {
      const outcome = await closeAndReveal(this.deps, previous, now);
      if (outcome.revealProblem) log.warn({ roundId: previous.id, problem: outcome.revealProblem }, 'previous daily round closed without its reveal');
    }

    const deck = await this.deckOf(sub, log);
    const question = await pickChannelQuestion(this.deps, sub, deck);
    if (!question) return { status: 'failed', reason: `the deck "${deck.meta.id}" has no questions`, retry: false };

    let round: RoundRow;
    try {
      round = await store.createRound({
        platform: sub.platform,
        teamId: sub.teamId,
        channelId: sub.channelId,
        kind: 'daily',
        deckId: deck.meta.id,
        questionId: question.id,
        choiceOrder: shuffledChoiceOrder(question.choices.length, this.deps.random),
        correctIndex: Math.max(0, question.choices.findIndex((c) => c.correct)),
        tags: [...question.tags],
        openedBy: null,
        openedAt: now.getTime(),
        closesAt: null,
        localDate: date,
      });
    } catch (err) {
      if (err instanceof RoundConflictError) return { status: 'already-posted' };
      throw err;
    }

    try {
      const rendered = renderRound(round, question, { answered: 0, correct: 0, byChoice: question.choices.map(() => 0) });
      const countdown = await this.countdown(sub, now);
      const message = countdown ? { ...rendered, footer: `${rendered.footer ?? ''} · ${countdown}` } : rendered;
      const ref = await poster.post(sub.channelId, message, sub.teamId);
      await store.setRoundMessage(round.id, ref);
      log.info({ roundId: round.id, questionId: question.id, localDate: date }, 'posted the daily round');
      return { status: 'posted', roundId: round.id };
    } catch (err) {
      await store.deleteUnpostedRound(round.id);
      return this.postFailed(sub, err, now, log, 'daily round');
    }
  }

  /** The channel's exam countdown at `now`, or undefined (none set, past, or the store failed: the post goes on). */
  private async countdown(channel: ChannelScope, now: Date): Promise<string | undefined> {
    try {
      return await channelCountdown(this.deps.store, channel, now);
    } catch {
      return undefined;
    }
  }

  /**
   * See DailyService.runDigest: last ISO week (Monday-Sunday local dates before `now`'s week, in the
   * subscription's zone) for the whole team: top 5 (ranked with ties), accuracy per tag as text
   * bars, the most-missed question with its explanation, and the channel's longest current streak.
   * Skipped without claiming the week when nobody answered a round that week.
   */
  async runDigest(sub: SubscriptionRow, now: Date): Promise<DailyOutcome> {
    const { store, logger } = this.deps;
    const log = logger.child({ platform: sub.platform, teamId: sub.teamId, channelId: sub.channelId });
    if (sub.pausedReason !== null) return { status: 'skipped', reason: `paused: ${sub.pausedReason}` };
    const poster = this.deps.posters[sub.platform];
    if (!poster) return { status: 'skipped', reason: `the ${sub.platform} connection is not running` };
    if (!isValidZone(sub.timeZone)) return { status: 'failed', reason: `unknown time zone "${sub.timeZone}"`, retry: false };

    const week = previousWeek(now, sub.timeZone);
    const scope: TeamScope = { platform: sub.platform, teamId: sub.teamId };
    const query: ScoreQuery = { scope, fromDate: week.fromDate, toDate: week.toDate };
    const lines = await store.scoreLines(query);
    if (lines.length === 0) return { status: 'skipped', reason: `nobody answered a round in ${week.isoWeek}` };
    if (!(await store.claimDigest(sub, week.isoWeek, now.getTime()))) return { status: 'already-posted' };

    const digest = await this.renderDigest(sub, await this.deckOf(sub, log), week, query, lines);
    const countdown = await this.countdown(sub, now);
    const reply = countdown ? { ...digest, blocks: [...digest.blocks, { type: 'text' as const, text: countdown }] } : digest;
    try {
      await poster.post(sub.channelId, safeReply(reply), sub.teamId); // names are users'
      log.info({ isoWeek: week.isoWeek }, 'posted the weekly digest');
      return { status: 'posted' };
    } catch (err) {
      // Nothing was posted: give the week back so a retry (or the next run) can post it.
      await store.releaseDigest(sub, week.isoWeek);
      return this.postFailed(sub, err, now, log, `digest for ${week.isoWeek}`);
    }
  }

  /**
   * See DailyService.closeDueRounds: closes and reveals every round whose `closesAt` has passed, then
   * ends the mock exams whose time is up (MockExams.endDue). A round or mock the busy database would
   * not let it close stays due for the next run (logged as a warning).
   */
  async closeDueRounds(now: Date): Promise<number> {
    let closed = 0;
    for (const round of await this.deps.store.dueRounds(now.getTime())) {
      try {
        const outcome = await closeAndReveal(this.deps, round, now);
        if (outcome.closed) closed++;
      } catch (err) {
        // Another process holds the write lock: the round is still due, so the next run closes it.
        if (!(err instanceof StoreUnavailableError && err.kind === 'busy')) throw err;
        this.deps.logger.warn({ roundId: round.id }, 'database busy: round left open for the next run');
      }
    }
    try {
      await new MockExams(this.deps).endDue(now);
    } catch (err) {
      // Like a round: a mock the busy database would not let us end stays due for the next run.
      if (!(err instanceof StoreUnavailableError && err.kind === 'busy')) throw err;
      this.deps.logger.warn({ at: now.toISOString() }, 'database busy: due mock exams left for the next run');
    }
    return closed;
  }

  /** The channel's deck: chosen with `deck <id>`, else the subscription's, else the default (channel-deck.ts). */
  private async deckOf(sub: SubscriptionRow, log: CoreDeps['logger']): Promise<Deck> {
    const chosen = await this.deps.store.getChannelDeck(sub);
    const library = this.deps.library.forTeam(sub);
    const deck = (chosen ? library.get(chosen.deckId) : undefined) ?? library.get(sub.deckId);
    if (deck) return deck;
    log.warn({ deckId: chosen?.deckId ?? sub.deckId }, 'the channel\'s deck is not loaded; using the default deck');
    return library.defaultDeck;
  }

  private async postFailed(
    sub: SubscriptionRow,
    err: unknown,
    now: Date,
    log: CoreDeps['logger'],
    what: string,
    retry = true,
  ): Promise<DailyOutcome> {
    const reason = describePosterProblem(err);
    if (err instanceof PosterError && err.permanent) {
      await this.deps.store.pauseSubscription(sub, reason, now.getTime());
      this.deps.onSubscriptionChange?.(channelOf(sub));
      log.warn({ err, reason }, `could not post the ${what}; subscription paused`);
      return { status: 'paused', reason };
    }
    log.warn({ err, reason }, `could not post the ${what}`);
    return { status: 'failed', reason, retry };
  }

  private async renderDigest(
    sub: SubscriptionRow,
    deck: Deck,
    week: { isoWeek: string; fromDate: string; toDate: string },
    query: ScoreQuery,
    lines: ScoreLine[],
  ): Promise<Reply> {
    const { store } = this.deps;
    const blocks: ReplyBlock[] = [];

    const top = rankScoreLines(lines).slice(0, DIGEST_TOP);
    const nameWidth = Math.min(20, Math.max(...top.map((l) => l.userName.length)));
    blocks.push({ type: 'section', heading: DIGEST.topHeading(top.length), text: DIGEST.topText });
    blocks.push({
      type: 'pre',
      lines: top.map(
        (l) =>
          `${String(l.rank).padStart(2)}. ${l.userName.slice(0, nameWidth).padEnd(nameWidth)}  ${String(l.points).padStart(3)} ${DIGEST.pointsUnit(l.points)}  ${String(
            percent(l.correct, l.answered),
          ).padStart(3)}%  ${DIGEST.answered(l.answered)}`,
      ),
    });

    const order = [...rotationTopics(deck), ...deck.meta.tags];
    const tallies = (await store.tagTallies(query))
      .filter((t) => t.answered > 0)
      .sort((a, b) => rank(order, a.tag) - rank(order, b.tag) || a.tag.localeCompare(b.tag));
    if (tallies.length > 0) {
      const width = Math.max(...tallies.map((t) => topicLabel(t.tag).length));
      blocks.push({ type: 'section', heading: DIGEST.topicsHeading, text: DIGEST.topicsText });
      blocks.push({
        type: 'pre',
        lines: tallies.map(
          (t) =>
            `${topicLabel(t.tag).padEnd(width)}  ${textBar(t.correct / t.answered)}  ${String(percent(t.correct, t.answered)).padStart(3)}%  (${t.answered})`,
        ),
      });
    }
    // The same as pictures: team accuracy per topic, and the team's answers per day over 4 weeks.
    if (this.deps.charts) {
      const days = await activitySeries(store, sub, week.toDate);
      blocks.push(...(await activityCharts(this.deps, 'digest', tallies, days, 'whole team')));
    }

    const missed = await store.mostMissedQuestion(query);
    const missedQuestion = missed ? roundQuestion(this.deps.library.forTeam(sub), missed) : undefined;
    if (missed && missedQuestion && missed.wrong > 0) {
      const right = missedQuestion.choices.find((c) => c.correct);
      blocks.push({
        type: 'section',
        heading: DIGEST.missedHeading,
        text: DIGEST.missed(missedQuestion.prompt, missed.wrong, missed.answered, endSentence(right?.text ?? ''), missedQuestion.explanation),
      });
    }

    const openReports = (await store.openReports(sub)).length;
    if (openReports > 0) blocks.push({ type: 'text', text: REPORTS.digestLine(openReports) });

    const streak = await store.longestCurrentStreak(sub);
    blocks.push({
      type: 'text',
      text:
        streak && streak.current > 0
          ? DIGEST.longestStreak(streak.userName, streak.current)
          : DIGEST.noStreak,
    });

    return {
      visibility: 'channel',
      tone: 'info',
      title: DIGEST.title(week.isoWeek),
      blocks,
      footer: DIGEST.footer(week.fromDate, week.toDate, sub.timeZone),
    };
  }
}

/** A reply's added line: the channel's countdown to its exam date, when set and still to come. */
async function channelCountdown(store: Pick<ExamsPort, 'channelExam'>, channel: ChannelScope, now: Date): Promise<string | undefined> {
  const exam = await store.channelExam(channel);
  return exam ? countdownLine(exam.date, exam.timeZone, now) : undefined;
}

function rank(order: string[], tag: string): number {
  const i = order.indexOf(tag);
  return i < 0 ? order.length : i;
}

function channelOf(sub: SubscriptionRow): ChannelScope {
  return { platform: sub.platform, teamId: sub.teamId, channelId: sub.channelId };
}
