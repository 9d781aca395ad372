/**
 * RoundService: practice questions (`quiz`), channel rounds (`quiz here`), answers (buttons and
 * `answer <round> <letter>`), closing and revealing (`close`), and the current round message.
 * Every method resolves to a Reply; bad input becomes a friendly error Reply.
 */
import { type Action, encodeTeam } from './action.js';
import { channelDeck } from './channel-deck.js';
import type { Context } from './context.js';
import type { Deck, Question } from './deck/schema.js';
import type { DeckLibrary } from './deck/library.js';
import type { CoreDeps } from './deps.js';
import { errorReply, noticeReply } from './handlers/replies.js';
import { DEFAULT_TIME_ZONE, isValidZone, localDate } from './local-time.js';
import { type MessageRef, type Poster, PosterError, type PosterFailure } from './ports/poster.js';
import { safeReply } from './safe-text.js';
import {
  type ChannelDecksPort,
  RoundConflictError,
  type AnswerRow,
  type AnswersPort,
  type ExamsPort,
  type NewAnswer,
  type PracticeCardsPort,
  type ReportsPort,
  type RoundRow,
  type RoundRefreshClaimsPort,
  type RoundsPort,
  type SubscriptionsPort,
  type UsersPort,
} from './ports/store.js';
import { examDayStart } from './exam/exam-date.js';
import { pickForExam } from './exam/exam-pick.js';
import { EXAM_TEXT } from './exam/text.js';
import { cardDue, pickPracticeQuestion, reviewCard, type PracticePick } from './practice.js';
import { AVOID_NOTHING, practiceAvoid } from './practice-avoid.js';
import { pickChannelQuestion, questionsWithTag, shuffledChoiceOrder } from './question-picker.js';
import type { Reply } from './reply.js';
import { RoundRefresher } from './round-refresh.js';
import {
  endSentence,
  letterOfChoice,
  renderAnswerFeedback,
  renderChoiceExplanations,
  renderPracticeQuestion,
  renderReveal,
  renderRound,
  roundLetters,
} from './round-view.js';
import { POSTING, ROUNDS } from './text/rounds.js';

/** The question a round asks, or undefined when its deck or question was removed since. */
export function roundQuestion(library: DeckLibrary, round: Pick<RoundRow, 'deckId' | 'questionId'>): Question | undefined {
  return library.get(round.deckId)?.questionsById.get(round.questionId);
}

/** How many choices a round's tally counts by: its question's, else (question removed) its choice order's. */
function tallyChoices(question: Question | undefined, round: RoundRow): number {
  return question?.choices.length ?? round.choiceOrder.length;
}

/** What reading a round's message needs: the round and its tally. */
type RoundMessageStore = Pick<RoundsPort, 'getRound'> & Pick<AnswersPort, 'roundTally'>;

/** What closing and revealing a round needs. */
export type RevealStore = RoundMessageStore & Pick<RoundsPort, 'closeRound' | 'setRoundMessage'>;

/** What RoundService needs from the store. */
type RoundStore = RoundsPort &
  RoundRefreshClaimsPort &
  AnswersPort &
  PracticeCardsPort &
  UsersPort &
  Pick<SubscriptionsPort, 'getSubscription'> &
  Pick<ChannelDecksPort, 'getChannelDeck'> &
  Pick<ReportsPort, 'reportedItems'> &
  Pick<ExamsPort, 'userExam' | 'recentAnswers'>;

/** RoundService's dependencies: CoreDeps with the store narrowed to RoundStore. */
export type RoundDeps = Omit<CoreDeps, 'store'> & { store: RoundStore };

/** A round's message as it should look now: open (with answer count) or revealed; undefined if unknown. */
async function currentRoundMessage(
  deps: { store: RoundMessageStore; library: DeckLibrary },
  roundId: number,
): Promise<Reply | undefined> {
  const round = await deps.store.getRound(roundId);
  if (!round) return undefined;
  const question = roundQuestion(deps.library.forTeam(round), round);
  const tally = await deps.store.roundTally(round.id, tallyChoices(question, round));
  return round.closedAt !== null ? renderReveal(round, question, tally) : renderRound(round, question, tally);
}

/** What closing a round did. */
export interface CloseOutcome {
  /** False when someone else had closed it already (they reveal, not us). */
  closed: boolean;
  /** Why the reveal could not be shown in the channel, when it could not. */
  revealProblem?: string;
}

/**
 * Close a daily or channel round at `now` and show its reveal: Poster.update on its message, or
 * Poster.post (storing the new message ref) when it was never posted. Only the caller whose
 * store.closeRound succeeds reveals, so a round is never revealed twice. Poster failures are
 * logged and returned, never thrown. Practice rounds are closed without a reveal.
 */
export async function closeAndReveal(
  deps: Pick<CoreDeps, 'library' | 'posters' | 'logger'> & { store: RevealStore },
  round: RoundRow,
  now: Date,
): Promise<CloseOutcome> {
  if (!(await deps.store.closeRound(round.id, now.getTime()))) return { closed: false };
  if (round.kind === 'practice') return { closed: true };
  // Re-read: the caller's row may predate the message ref being stored.
  round = (await deps.store.getRound(round.id)) ?? round;
  const message = await currentRoundMessage(deps, round.id);
  const reply = message && safeReply(message);
  const poster = deps.posters[round.platform];
  if (!reply || !poster) {
    deps.logger.warn({ roundId: round.id, platform: round.platform }, 'round closed without a reveal: no poster');
    return { closed: true, revealProblem: POSTING.notRunning(round.platform) };
  }
  let revealed: MessageRef;
  try {
    if (round.messageRef) {
      await poster.update(round.messageRef, reply);
      revealed = round.messageRef;
    } else {
      revealed = await poster.post(round.channelId, reply, round.teamId);
      await deps.store.setRoundMessage(round.id, revealed);
    }
  } catch (err) {
    deps.logger.warn({ err, roundId: round.id }, 'could not post the reveal of a round');
    return { closed: true, revealProblem: describePosterProblem(err) };
  }
  await postChoicesThread(deps, poster, round, revealed);
  return { closed: true };
}

/**
 * After a reveal: the explanation of every choice in the thread under the round's message, on
 * platforms with threads (Poster.postInThread). Once per round: only the caller whose closeRound
 * won gets here (the store's close is the claim, so a reveal by another process sharing the store,
 * or a retried one, posts no second thread), and nothing re-posts it after a restart. A failure is
 * logged and never undoes the reveal. Never throws.
 */
async function postChoicesThread(deps: Pick<CoreDeps, 'library' | 'logger'>, poster: Poster, round: RoundRow, parent: MessageRef): Promise<void> {
  if (!poster.postInThread) return;
  const question = roundQuestion(deps.library.forTeam(round), round);
  if (!question) return;
  try {
    await poster.postInThread(parent, safeReply(renderChoiceExplanations(round, question)), round.teamId);
  } catch (err) {
    deps.logger.warn({ err, roundId: round.id, channelId: parent.channelId }, 'could not post the choices thread of a revealed round');
  }
}

/**
 * Whether `round` is the asker's own practice question asked in this very direct message for another
 * team (a reminder's "Practice now": exam/reminder-practice.ts): it is answered there although the
 * direct message's context has a team of its own. Only its opener is in that channel.
 */
function ownDirectPractice(round: RoundRow, ctx: Context): boolean {
  return round.kind === 'practice' && ctx.isDirectMessage === true && round.openedBy === ctx.userId && round.channelId === ctx.channelId;
}

/** The "Another question" button after a practice answer: of the round's team and deck when that is not the asker's context's team. */
function nextPractice(round: RoundRow, ctx: Context): Action {
  return round.teamId === ctx.teamId || encodeTeam(round.teamId) === undefined
    ? { kind: 'practice' }
    : { kind: 'reminderPractice', teamId: round.teamId, deckId: round.deckId };
}

/** A poster failure in words a channel member can act on. */
function posterFailureWords(failure: PosterFailure): string {
  switch (failure) {
    case 'forbidden':
      return POSTING.forbidden;
    case 'channel_not_found':
      return POSTING.channelNotFound;
    case 'rate_limited':
      return POSTING.rateLimited;
    case 'transient':
      return POSTING.transient;
    case 'unknown':
      return POSTING.unknown;
  }
}

/** Any error from a poster call in words, with the platform's own code in parentheses. */
export function describePosterProblem(err: unknown): string {
  if (err instanceof PosterError) return POSTING.withCode(posterFailureWords(err.failure), err.message);
  return POSTING.failed(err instanceof Error ? err.message : String(err));
}

const MAX_ECHO = 20;

function echo(input: string): string {
  const flat = input.replace(/\s+/g, ' ').trim();
  return flat.length <= MAX_ECHO ? flat : `${flat.slice(0, MAX_ECHO)}…`;
}

function humanDuration(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 90) return POSTING.minutes(minutes);
  const hours = Math.round(minutes / 60);
  if (hours < 48) return POSTING.hours(hours);
  return POSTING.days(Math.round(hours / 24));
}

/** Rounds: see the module comment. One instance per process (it owns the refresh timers). */
export class RoundService {
  private readonly refresher: RoundRefresher;

  constructor(private readonly deps: RoundDeps) {
    this.refresher = new RoundRefresher(deps, {
      choiceCount: (round) => tallyChoices(roundQuestion(deps.library.forTeam(round), round), round),
      open: (round, tally) => renderRound(round, roundQuestion(deps.library.forTeam(round), round), tally),
      current: (roundId) => this.roundMessage(roundId),
    });
  }

  /**
   * `quiz [tag]`: a practice question only the asker sees (visibility 'user') with answer buttons,
   * from `chosen` (`quiz <deck>`), else the channel's deck (channel-deck.ts; the default deck in a direct
   * message): the user's most overdue ts-fsrs card, else a new question, else the card
   * due soonest, leaving out the question of a round open in this channel and, while others are
   * left, questions the user just answered in this channel's rounds (practice-avoid.ts). Stored as
   * a 'practice' round that only this user may answer.
   */
  async practice(ctx: Context, tag?: string, chosen?: Deck): Promise<Reply> {
    const deck = chosen ?? (ctx.isDirectMessage ? this.deps.library.forTeam(ctx).defaultDeck : await channelDeck(this.deps, ctx));
    const tagProblem = this.checkTag(deck, tag);
    if (tagProblem) return tagProblem;
    const cards = await this.deps.store.practiceCards(ctx, ctx.userId, deck.meta.id);
    const exam = await this.deps.store.userExam(ctx, ctx.userId);
    const examStart = exam && exam.deckId === deck.meta.id ? examDayStart(exam.date, exam.timeZone) : undefined;
    const pickSkipping = (skip: ReadonlySet<string>): PracticePick | undefined =>
      (examStart && pickForExam(deck, cards, examStart, ctx.now, tag, skip)) ?? pickPracticeQuestion(deck, cards, ctx.now, this.deps.random, tag, skip);
    // Not the question of a round open in this channel; one the learner just answered here only when nothing else is left.
    const avoid = ctx.isDirectMessage ? AVOID_NOTHING : await practiceAvoid(this.deps.store, ctx, ctx.userId, deck.meta.id, ctx.now.getTime());
    const pick = pickSkipping(new Set([...avoid.open, ...avoid.recent])) ?? (avoid.recent.size > 0 ? pickSkipping(avoid.open) : undefined);
    if (!pick) {
      if (avoid.open.size > 0 && questionsWithTag(deck, tag).length > 0) return errorReply(ROUNDS.practiceOnlyOpen.title, ROUNDS.practiceOnlyOpen.text(tag));
      return errorReply(ROUNDS.noPracticeQuestions.title, ROUNDS.noPracticeQuestions.text(deck.meta.title));
    }
    const round = await this.deps.store.createRound({
      platform: ctx.platform,
      teamId: ctx.teamId,
      channelId: ctx.channelId,
      kind: 'practice',
      deckId: deck.meta.id,
      questionId: pick.question.id,
      choiceOrder: shuffledChoiceOrder(pick.question.choices.length, this.deps.random),
      correctIndex: correctIndexOf(pick.question),
      tags: [...pick.question.tags],
      openedBy: ctx.userId,
      openedAt: ctx.now.getTime(),
      closesAt: null,
      localDate: null,
    });
    return renderPracticeQuestion(round, pick.question, practiceNote(pick, ctx.now));
  }

  /**
   * `quiz here [deck] [tag]`: open a 'channel' round (one open per channel) from `chosen`, else the
   * channel's deck, post it through the
   * platform's Poster and store its message ref. Returns a quiet reply for the asker. A round whose
   * time is up is closed (and revealed) first.
   */
  async openChannelRound(ctx: Context, tag?: string, chosen?: Deck): Promise<Reply> {
    if (ctx.isDirectMessage) {
      return errorReply(ROUNDS.needsChannel.title, ROUNDS.needsChannel.text, ...(ctx.surface?.channelHint ? [ctx.surface.channelHint] : []));
    }
    const poster = this.deps.posters[ctx.platform];
    if (!poster) {
      return errorReply(ROUNDS.cannotPost.title, ROUNDS.cannotPost.text(ctx.platform));
    }
    let open = await this.deps.store.openChannelRound(ctx);
    if (open && open.closesAt !== null && open.closesAt <= ctx.now.getTime()) {
      await this.closeRound(open, ctx.now);
      open = await this.deps.store.openChannelRound(ctx);
    }
    if (open) return this.alreadyOpen(open);

    const deck = chosen ?? (await channelDeck(this.deps, ctx));
    const tagProblem = this.checkTag(deck, tag);
    if (tagProblem) return tagProblem;
    const question = await pickChannelQuestion(this.deps, ctx, deck, tag);
    if (!question) return errorReply(ROUNDS.noQuestions.title, ROUNDS.noQuestions.text(deck.meta.title));

    let round: RoundRow;
    try {
      round = await this.deps.store.createRound({
        platform: ctx.platform,
        teamId: ctx.teamId,
        channelId: ctx.channelId,
        kind: 'channel',
        deckId: deck.meta.id,
        questionId: question.id,
        choiceOrder: shuffledChoiceOrder(question.choices.length, this.deps.random),
        correctIndex: correctIndexOf(question),
        tags: [...question.tags],
        openedBy: ctx.userId,
        openedAt: ctx.now.getTime(),
        closesAt: ctx.now.getTime() + this.deps.settings.channelRoundMs,
        localDate: null,
      });
    } catch (err) {
      if (err instanceof RoundConflictError) return this.alreadyOpen(err.existing);
      throw err;
    }

    const message = renderRound(round, question, { answered: 0, correct: 0, byChoice: question.choices.map(() => 0) });
    try {
      const ref = await poster.post(ctx.channelId, message, ctx.teamId);
      await this.deps.store.setRoundMessage(round.id, ref);
    } catch (err) {
      await this.deps.store.deleteUnpostedRound(round.id);
      this.deps.logger.warn({ err, roundId: round.id, channelId: ctx.channelId }, 'could not post a channel round');
      return errorReply(ROUNDS.postFailed.title, ROUNDS.postFailed.text(describePosterProblem(err)), postAdvice(err, ctx));
    }
    // Remember the opener's name, so "only <name> or an admin can close it" can name them.
    await this.deps.store.upsertUser(ctx, ctx.userId, ctx.userName, ctx.now.getTime());
    const minutes = Math.round(this.deps.settings.channelRoundMs / 60_000);
    return {
      ...noticeReply(
        ROUNDS.opened.title(round.id),
        [ROUNDS.opened.text(round.id, minutes)],
        'success',
      ),
      quiet: true,
    };
  }

  /**
   * `answer <round> <letter>` and answer buttons. The first answer counts; the reply goes to the
   * answering user only (right or wrong, explanation, why their choice was wrong). Practice answers
   * update the user's ts-fsrs card and close the practice round; round answers score 1 point when
   * correct and schedule a refresh of the round message's answer count. An answer, clicked or typed,
   * counts only in the round's own channel: its message is there (a practice question's too, shown
   * where `quiz` was typed), so a click naming another channel is a forged or misrouted one, and a
   * typed answer from another channel or a direct message is told there is no such round there
   * (`clicked` only picks the words). Mock exams are answered with `mock answer`, not here.
   */
  async answer(roundId: number, letter: string, ctx: Context, clicked = false): Promise<Reply> {
    // The round and its channel's zone (for the answer's local date) in one read.
    const found = await this.deps.store.getRoundWithZone(roundId);
    if (!found || found.round.platform !== ctx.platform || (found.round.teamId !== ctx.teamId && !ownDirectPractice(found.round, ctx))) {
      return errorReply(ROUNDS.noSuchRound.title, ROUNDS.noSuchRound.answerText(roundId));
    }
    if (found.round.channelId !== ctx.channelId) {
      return errorReply(ROUNDS.noSuchRound.title, clicked ? ROUNDS.noSuchRound.clickText(roundId) : ROUNDS.noSuchRound.typedText(roundId));
    }
    const { round, timeZone } = found;
    if (round.kind === 'practice' && round.openedBy !== ctx.userId) {
      return errorReply(ROUNDS.notYourPractice.title, ROUNDS.notYourPractice.text(roundId));
    }
    const question = roundQuestion(this.deps.library.forTeam(round), round);
    if (!question) {
      return errorReply(ROUNDS.questionRemoved.title, ROUNDS.questionRemoved.text(roundId, round.questionId));
    }

    // A repeated click is told its first answer stands. Only the refusals below look for one: on
    // the usual path recordAnswer finds a duplicate itself, which saves a read per click.
    if (round.closedAt === null && round.closesAt !== null && round.closesAt <= ctx.now.getTime()) {
      const answered = await this.earlierAnswer(round, question, ctx);
      if (answered) return answered;
      await this.closeRound(round, ctx.now);
      return this.closedReply(round, question);
    }
    if (round.closedAt !== null) return (await this.earlierAnswer(round, question, ctx)) ?? this.closedReply(round, question);

    const wanted = letter.trim().toUpperCase();
    const letters = roundLetters(round);
    const position = letters.indexOf(wanted);
    const choiceIndex = round.choiceOrder[position];
    if (choiceIndex === undefined) {
      const answered = await this.earlierAnswer(round, question, ctx);
      if (answered) return answered;
      return errorReply(ROUNDS.notAChoice.title, ROUNDS.notAChoice.text(echo(letter), roundId, letters));
    }
    const correct = choiceIndex === round.correctIndex;
    const practice = round.kind === 'practice';
    const practiceCard = practice
      ? reviewCard((await this.deps.store.practiceCards(round, ctx.userId, round.deckId)).get(round.questionId), correct, ctx.now)
      : undefined;

    // Plain literals and assignments, no spreads: on the hot path V8 builds a new object shape for
    // every spread of a conditional object.
    const answer: NewAnswer = {
      round,
      userId: ctx.userId,
      userName: ctx.userName,
      letter: wanted,
      choiceIndex,
      correct,
      points: correct && !practice ? 1 : 0,
      answeredAt: ctx.now.getTime(),
      localDate: localDate(ctx.now, timeZone !== undefined && isValidZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE),
    };
    if (practiceCard !== undefined) answer.practiceCard = practiceCard;
    if (ctx.userNameIsHandle === true) answer.userNameIsHandle = true;
    const result = await this.deps.store.recordAnswer(answer);
    if (result.status === 'duplicate') return this.alreadyAnswered(round, question, result.existing);
    if (result.status === 'closed') return this.closedReply(round, question);
    if (result.status === 'forgotten') return forgottenAnswerReply(round);

    const feedback = renderAnswerFeedback(round, question, wanted, choiceIndex);
    if (practice) {
      await this.deps.store.closeRound(round.id, ctx.now.getTime());
      const due = practiceCard !== undefined ? cardDue(practiceCard) : undefined;
      return {
        ...feedback,
        footer: due
          ? ROUNDS.practiceFooterDue(humanDuration(due.getTime() - ctx.now.getTime()))
          : ROUNDS.practiceFooter,
        buttons: [{ action: nextPractice(round, ctx), label: ROUNDS.anotherQuestion, style: 'primary' }, ...(feedback.buttons ?? [])],
      };
    }
    this.refresher.answered(round.id, ctx.now.getTime());
    feedback.footer = correct
      ? ROUNDS.pointFooter
      : ROUNDS.noPointFooter;
    return feedback;
  }

  /**
   * `close [round]` and the close button: close the channel's open channel round (or round
   * `roundId`). Only its opener or an admin may. The reveal replaces the round message (or is
   * posted when there is none). Returns a quiet reply for the asker.
   */
  async close(ctx: Context, roundId?: number): Promise<Reply> {
    let round: RoundRow | undefined;
    if (roundId !== undefined) {
      round = await this.deps.store.getRound(roundId);
      if (!round || round.platform !== ctx.platform || round.teamId !== ctx.teamId) {
        return errorReply(ROUNDS.noSuchRound.title, ROUNDS.noSuchRound.closeText(roundId));
      }
      if (round.kind === 'practice') {
        return errorReply(ROUNDS.practiceClosesItself.title, ROUNDS.practiceClosesItself.text(roundId));
      }
    } else {
      round = await this.deps.store.openChannelRound(ctx);
      if (!round) {
        return errorReply(ROUNDS.noOpenRound.title, ROUNDS.noOpenRound.text);
      }
    }
    if (round.closedAt !== null) return errorReply(ROUNDS.alreadyClosed.title, ROUNDS.alreadyClosed.text(round.id));
    if (round.openedBy !== ctx.userId && !ctx.isAdmin) {
      const who = round.openedBy === null ? ROUNDS.notYoursToClose.anAdmin : ROUNDS.notYoursToClose.openerOrAdmin(await this.userName(ctx, round.openedBy));
      return errorReply(ROUNDS.notYoursToClose.title, ROUNDS.notYoursToClose.text(who, round.id));
    }
    const outcome = await this.closeRound(round, ctx.now);
    if (!outcome.closed) return errorReply(ROUNDS.alreadyClosed.title, ROUNDS.alreadyClosed.justNow(round.id));
    if (outcome.revealProblem) {
      return noticeReply(ROUNDS.closed.title(round.id), [ROUNDS.closed.revealFailed(round.id, outcome.revealProblem)], 'warning');
    }
    return { ...noticeReply(ROUNDS.closed.title(round.id), [ROUNDS.closed.text(round.id)], 'success'), quiet: true };
  }

  /** The current round message (open with its answer count, or its reveal); undefined for an unknown round. */
  roundMessage(roundId: number): Promise<Reply | undefined> {
    return currentRoundMessage(this.deps, roundId);
  }

  /** Resolves when every pending round-message refresh has finished (tests, shutdown). */
  settled(): Promise<void> {
    return this.refresher.settled();
  }

  /** Cancel pending round-message refreshes (shutdown). */
  dispose(): void {
    this.refresher.dispose();
  }

  private async closeRound(round: RoundRow, now: Date): Promise<CloseOutcome> {
    this.refresher.forget(round.id);
    return closeAndReveal(this.deps, round, now);
  }

  private checkTag(deck: Deck, tag: string | undefined): Reply | undefined {
    if (tag === undefined || questionsWithTag(deck, tag).length > 0) return undefined;
    const tags = [...new Set(deck.questions.flatMap((q) => q.tags))].sort();
    return errorReply(ROUNDS.unknownTag.title, ROUNDS.unknownTag.text(deck.meta.title, echo(tag), tags));
  }

  private alreadyOpen(open: RoundRow): Reply {
    return errorReply(ROUNDS.alreadyOpen.title, ROUNDS.alreadyOpen.text(open.id));
  }

  /** "Already answered" when the user answered `round` before, else undefined. */
  private async earlierAnswer(round: RoundRow, question: Question, ctx: Context): Promise<Reply | undefined> {
    const existing = await this.deps.store.getAnswer(round.id, ctx.userId);
    return existing ? this.alreadyAnswered(round, question, existing) : undefined;
  }

  private alreadyAnswered(round: RoundRow, question: Question, existing: AnswerRow): Reply {
    const text = question.choices[existing.choiceIndex]?.text ?? '';
    return errorReply(ROUNDS.alreadyAnswered.title, ROUNDS.alreadyAnswered.text(round.id, existing.letter, endSentence(text), existing.correct));
  }

  private closedReply(round: RoundRow, question: Question): Reply {
    const letter = letterOfChoice(round, round.correctIndex);
    const text = question.choices[round.correctIndex]?.text ?? '';
    return errorReply(ROUNDS.roundClosed.title, ROUNDS.roundClosed.text(round.id, letter, endSentence(text)));
  }

  private async userName(ctx: Context, userId: string): Promise<string> {
    return (await this.deps.store.findUsers(ctx, userId)).find((u) => u.userId === userId)?.userName ?? userId;
  }
}

/** A learner who answered `round`, then used forget-me while it was open, answers it again. */
function forgottenAnswerReply(round: RoundRow): Reply {
  return errorReply(
    'Already answered',
    `You already answered round #${round.id} before you deleted your data; your answer was deleted, and a second one does not count. The next round is yours to answer.`,
  );
}

/** The index of a question's correct choice (the schema's loader guarantees exactly one). */
function correctIndexOf(question: Question): number {
  return Math.max(0, question.choices.findIndex((c) => c.correct));
}

function practiceNote(pick: PracticePick, now: Date): string {
  switch (pick.reason) {
    case 'due':
      return ROUNDS.practiceNote.due(humanDuration(now.getTime() - pick.due.getTime()));
    case 'new':
      return ROUNDS.practiceNote.new;
    case 'ahead':
      return ROUNDS.practiceNote.ahead;
    case 'exam':
      return pick.lastWeek ? EXAM_TEXT.examWeekNote(Math.round(pick.recall * 100)) : EXAM_TEXT.forgetNote(Math.round(pick.recall * 100));
  }
}

function postAdvice(err: unknown, ctx: Context): string {
  if (err instanceof PosterError) {
    if (err.failure === 'forbidden' || err.failure === 'channel_not_found') {
      return ROUNDS.postAdvice.invite(ctx.surface?.inviteHint ?? ROUNDS.defaultInviteHint);
    }
    if (err.failure === 'rate_limited') return ROUNDS.postAdvice.rateLimited;
  }
  return ROUNDS.postAdvice.other;
}
