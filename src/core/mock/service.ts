/**
 * MockExams: timed mock exams (`mock`). A mock asks one question at a time, privately, with the
 * domain mix of the deck's weights, no feedback until the end, a flag for review and the time
 * left. Its state lives in the store (MockExamsPort), so it survives a restart: every step reads
 * it afresh, and the time limit is enforced on every answer and by `endDue`, which the minute sweep
 * runs (DailyService.closeDueRounds). Answers are practice answers (ts-fsrs cards, practice
 * figures, never points). One running mock per learner and team.
 */
import type { Context } from '../context.js';
import type { Deck } from '../deck/schema.js';
import { chartBlock } from '../chart-block.js';
import type { CoreDeps } from '../deps.js';
import { errorReply, noticeReply } from '../handlers/replies.js';
import { DEFAULT_TIME_ZONE, isValidZone, localDate } from '../local-time.js';
import type { AnswersPort, MockExamRow, MockExamsPort, NewMockQuestion, PracticeCardsPort, RoundsPort, SubscriptionsPort } from '../ports/store.js';
import { reviewCard } from '../practice.js';
import { shuffledChoiceOrder } from '../question-picker.js';
import type { Reply } from '../reply.js';
import { roundLetters } from '../round-view.js';
import { roundQuestion } from '../rounds.js';
import { domainOfQuestion, mockDomains, pickMockQuestions } from './pick.js';
import { MOCK_TEXT } from './text.js';
import { domainResults, type MockItem, renderMockQuestion, renderMockResults } from './view.js';

/** Defaults when the deck declares no `mock:` and the learner gives no numbers. */
const MOCK_DEFAULTS = { questions: 20, minutes: 30 } as const;

/** What MockExams needs from the store. */
export type MockStore = MockExamsPort & Pick<RoundsPort, 'getRound'> & Pick<AnswersPort, 'recordAnswer' | 'getAnswer'> & PracticeCardsPort & Pick<SubscriptionsPort, 'getSubscription'>;

/** MockExams' dependencies: CoreDeps with the store narrowed. */
export type MockDeps = Pick<CoreDeps, 'library' | 'posters' | 'logger' | 'random' | 'charts'> & { store: MockStore };

/** What `start` was asked for. */
export interface MockRequest {
  deckId?: string;
  questions?: number;
  minutes?: number;
}

/** See the module comment. Stateless: build one per use. */
export class MockExams {
  constructor(private readonly deps: MockDeps) {}

  /** `mock [deck] [questions] [minutes]`: start a mock, or say why not (one is running; an unseen result is shown first). */
  async start(ctx: Context, request: MockRequest): Promise<Reply> {
    const running = await this.deps.store.runningMockExam(ctx, ctx.userId);
    if (running) {
      if (running.endsAt > ctx.now.getTime()) return this.busy(running, ctx.now);
      await this.deps.store.endMockExam(running.id, running.endsAt, 'time-up');
      return this.results(running.id, MOCK_TEXT.resultsPosted);
    }
    const unseen = await this.deps.store.unseenMockResults(ctx, ctx.userId);
    if (unseen) return this.results(unseen.id, MOCK_TEXT.resultsPosted);
    const library = this.deps.library.forTeam(ctx);
    const deck = request.deckId === undefined ? library.defaultDeck : library.get(request.deckId);
    if (!deck) return errorReply(MOCK_TEXT.badDeckTitle, MOCK_TEXT.badDeck(request.deckId ?? '', [...library.decks.keys()].join(', ')));
    const count = request.questions ?? deck.meta.mock?.questions ?? MOCK_DEFAULTS.questions;
    const minutes = request.minutes ?? deck.meta.mock?.minutes ?? MOCK_DEFAULTS.minutes;
    const picks = pickMockQuestions(deck, count, this.deps.random);
    if (picks.length === 0) return errorReply(MOCK_TEXT.noQuestionsTitle, MOCK_TEXT.noQuestions(deck.meta.title));
    const questions = picks.map(({ question, domain }) => this.newQuestion(question, domain));
    const domains = mockDomains(deck).map((d) => d.name).join(', ');
    return this.begin(ctx, deck, questions, minutes, null, MOCK_TEXT.started(questions.length, minutes, domains));
  }

  /** Answer button (or `mock answer <letter>` with position undefined: the current question). */
  async answer(ctx: Context, mockId: number | undefined, position: number | undefined, letter: string): Promise<Reply> {
    const exam = await this.findExam(ctx, mockId);
    if ('blocks' in exam) return exam;
    if (exam.endedAt !== null) return this.results(exam.id, undefined, errorReply(MOCK_TEXT.overTitle, MOCK_TEXT.over('already')));
    if (exam.endsAt <= ctx.now.getTime()) {
      await this.deps.store.endMockExam(exam.id, exam.endsAt, 'time-up');
      return this.results(exam.id, undefined, errorReply(MOCK_TEXT.timeUpTitle, MOCK_TEXT.timeUp));
    }
    const items = await this.items(exam);
    const current = items.find((i) => i.answer === undefined);
    if (!current) return this.finish(ctx, exam, 'finished');
    const item = position === undefined ? current : items[position];
    if (!item || item.position !== current.position) return renderMockQuestion(exam, current, ctx.now, MOCK_TEXT.stale((position ?? 0) + 1));
    const wanted = letter.trim().toUpperCase();
    const at = roundLetters(item.round).indexOf(wanted);
    // A question the deck no longer has (reloaded without it, or its deck id now a shared deck's) cannot be answered.
    if (!item.question) return renderMockQuestion(exam, current, ctx.now, MOCK_TEXT.removedCurrent);
    if (at < 0) return renderMockQuestion(exam, current, ctx.now, MOCK_TEXT.notAChoice(letter.slice(0, 5), roundLetters(item.round).join(', ')));
    const choiceIndex = item.round.choiceOrder[at] ?? -1;
    const correct = choiceIndex === item.round.correctIndex;
    const cards = await this.deps.store.practiceCards(ctx, ctx.userId, exam.deckId);
    const zone = (await this.deps.store.getSubscription(exam))?.timeZone;
    const result = await this.deps.store.recordAnswer({
      round: item.round,
      userId: ctx.userId,
      userName: ctx.userName,
      letter: wanted,
      choiceIndex,
      correct,
      points: 0,
      answeredAt: ctx.now.getTime(),
      localDate: localDate(ctx.now, zone !== undefined && isValidZone(zone) ? zone : DEFAULT_TIME_ZONE),
      practiceCard: reviewCard(cards.get(item.question.id), correct, ctx.now),
    });
    if (result.status === 'closed') return this.results(exam.id, undefined, errorReply(MOCK_TEXT.timeUpTitle, MOCK_TEXT.timeUp));
    const next = items.find((i) => i.answer === undefined && i.position > item.position) ?? items.find((i) => i.answer === undefined && i.position !== item.position);
    if (!next) return this.finish(ctx, exam, 'finished');
    return renderMockQuestion(exam, next, ctx.now);
  }

  /** Flag button (or `mock flag`: the current question): toggles the flag and shows the question again. */
  async flag(ctx: Context, mockId: number | undefined, position: number | undefined): Promise<Reply> {
    const exam = await this.findExam(ctx, mockId);
    if ('blocks' in exam) return exam;
    if (exam.endedAt !== null || exam.endsAt <= ctx.now.getTime()) return this.answer(ctx, exam.id, position, '');
    const items = await this.items(exam);
    const current = items.find((i) => i.answer === undefined);
    const item = position === undefined ? current : items[position];
    if (!item || !current) return this.finish(ctx, exam, 'finished');
    await this.deps.store.flagMockQuestion(exam.id, item.position, !item.flagged);
    const fresh = (await this.deps.store.getMockExam(exam.id)) ?? exam;
    const shown = (await this.items(fresh))[current.position] ?? current;
    return renderMockQuestion(fresh, shown, ctx.now);
  }

  /** `mock end` / the end button: finish now and show the results. */
  async end(ctx: Context, mockId: number | undefined): Promise<Reply> {
    const exam = await this.findExam(ctx, mockId);
    if ('blocks' in exam) return exam;
    if (exam.endedAt !== null) return this.results(exam.id);
    if (exam.endsAt <= ctx.now.getTime()) {
      await this.deps.store.endMockExam(exam.id, exam.endsAt, 'time-up');
      return this.results(exam.id);
    }
    return this.finish(ctx, exam, 'ended-early');
  }

  /** "Retake my misses" (or `mock retake`: the latest mock): a mock of the questions missed in mock `mockId`. */
  async retake(ctx: Context, mockId: number | undefined): Promise<Reply> {
    const running = await this.deps.store.runningMockExam(ctx, ctx.userId);
    if (running && running.endsAt > ctx.now.getTime()) return this.busy(running, ctx.now);
    if (running) await this.deps.store.endMockExam(running.id, running.endsAt, 'time-up');
    const source = mockId !== undefined ? await this.deps.store.getMockExam(mockId) : (running ?? (await this.deps.store.unseenMockResults(ctx, ctx.userId)));
    if (!source && mockId === undefined) return errorReply(MOCK_TEXT.noEarlierMockTitle, MOCK_TEXT.noEarlierMock);
    if (!source || source.platform !== ctx.platform || source.teamId !== ctx.teamId) return errorReply(MOCK_TEXT.unknownMockTitle, MOCK_TEXT.unknownMock);
    if (source.userId !== ctx.userId) return errorReply(MOCK_TEXT.notYoursTitle, MOCK_TEXT.notYours);
    const deck = this.deps.library.forTeam(ctx).get(source.deckId);
    const items = await this.items(source);
    const missed = items.filter((i) => !i.answer?.correct && i.question !== undefined);
    if (!deck || missed.length === 0) return noticeReply(MOCK_TEXT.nothingToRetakeTitle, [MOCK_TEXT.allRight]);
    const total = source.endsAt - source.startedAt;
    const minutes = Math.max(1, Math.round((total / 60_000) * (missed.length / items.length)));
    const questions = missed.flatMap((i) => (i.question ? [this.newQuestion(i.question, domainOfQuestion(deck, i.question))] : []));
    return this.begin(ctx, deck, questions, minutes, source.id, MOCK_TEXT.started(questions.length, minutes, [...new Set(questions.map((q) => q.domain))].join(', ')));
  }

  /**
   * End every running mock whose time is up at `now` (the minute sweep, also after a restart). A
   * mock taken in a direct message gets its results posted there (then marked seen); elsewhere the
   * learner sees them on their next `mock`. Returns how many ended.
   */
  async endDue(now: Date): Promise<number> {
    let ended = 0;
    for (const exam of await this.deps.store.dueMockExams(now.getTime())) {
      if (!(await this.deps.store.endMockExam(exam.id, exam.endsAt, 'time-up'))) continue;
      ended++;
      const poster = this.deps.posters[exam.platform];
      if (!poster || !exam.direct) continue;
      try {
        await poster.post(exam.channelId, await this.results(exam.id, MOCK_TEXT.resultsPosted), exam.teamId);
      } catch (err) {
        this.deps.logger.warn({ err, mockId: exam.id }, 'could not post the results of a mock that ran out of time');
      }
    }
    return ended;
  }

  /** The results of mock `id`, marked seen; `before` (an error) goes first as its own lines. */
  async results(id: number, note?: string, before?: Reply): Promise<Reply> {
    const exam = await this.deps.store.getMockExam(id);
    if (!exam) return errorReply(MOCK_TEXT.unknownMockTitle, MOCK_TEXT.unknownMock);
    const items = await this.items(exam);
    const perDomain = domainResults(items);
    const chart = await chartBlock(
      this.deps,
      { kind: 'bars', title: 'Mock exam: right answers per domain', measure: 'Right answers', bars: perDomain.map((d) => ({ label: d.domain, value: d.asked === 0 ? 0 : d.right / d.asked })) },
      'mock-domains.png',
      MOCK_TEXT.chartAlt(perDomain.map((d) => `${d.domain} ${d.right} of ${d.asked}`).join(', ')),
    );
    const reply = renderMockResults(exam, items, chart);
    await this.deps.store.markMockResultsSeen(exam.id);
    const lead = [...(before?.title ? [{ type: 'section' as const, heading: before.title, text: before.blocks.map((b) => ('text' in b ? b.text : '')).join(' ') }] : []), ...(note ? [{ type: 'text' as const, text: note }] : [])];
    return lead.length > 0 ? { ...reply, tone: before ? 'warning' : reply.tone, blocks: [...lead, ...reply.blocks] } : reply;
  }

  private async begin(ctx: Context, deck: Deck, questions: NewMockQuestion[], minutes: number, retakeOf: number | null, intro: string): Promise<Reply> {
    const started = await this.deps.store.startMockExam({
      platform: ctx.platform,
      teamId: ctx.teamId,
      channelId: ctx.channelId,
      direct: ctx.isDirectMessage,
      userId: ctx.userId,
      deckId: deck.meta.id,
      startedAt: ctx.now.getTime(),
      endsAt: ctx.now.getTime() + minutes * 60_000,
      retakeOf,
      questions,
    });
    if (started.status === 'busy') return this.busy(started.existing, ctx.now);
    const items = await this.items(started.exam);
    const first = items[0];
    if (!first) return errorReply(MOCK_TEXT.noQuestionsTitle, MOCK_TEXT.noQuestions(deck.meta.title));
    return renderMockQuestion(started.exam, first, ctx.now, intro);
  }

  private newQuestion(question: Deck['questions'][number], domain: string): NewMockQuestion {
    return {
      questionId: question.id,
      domain,
      choiceOrder: shuffledChoiceOrder(question.choices.length, this.deps.random),
      correctIndex: Math.max(0, question.choices.findIndex((c) => c.correct)),
      tags: [...question.tags],
    };
  }

  private async finish(ctx: Context, exam: MockExamRow, reason: 'finished' | 'ended-early'): Promise<Reply> {
    await this.deps.store.endMockExam(exam.id, ctx.now.getTime(), reason);
    return this.results(exam.id);
  }

  private async busy(exam: MockExamRow, now: Date): Promise<Reply> {
    const items = await this.items(exam);
    const current = items.find((i) => i.answer === undefined) ?? items[items.length - 1];
    const reply = errorReply(MOCK_TEXT.busyTitle, MOCK_TEXT.busy((current?.position ?? 0) + 1, items.length, MOCK_TEXT.timeLeft(exam.endsAt - now.getTime()).replace('⏱ ', '').replace(' left', '')));
    return current ? { ...reply, buttons: renderMockQuestion(exam, current, now).buttons ?? [] } : reply;
  }

  /** The learner's mock `mockId`, or their running one when undefined; an error Reply when there is none or it is not theirs. */
  private async findExam(ctx: Context, mockId: number | undefined): Promise<MockExamRow | Reply> {
    const exam = mockId === undefined ? await this.deps.store.runningMockExam(ctx, ctx.userId) : await this.deps.store.getMockExam(mockId);
    if (!exam || exam.platform !== ctx.platform || exam.teamId !== ctx.teamId) {
      return mockId === undefined ? errorReply(MOCK_TEXT.noneTitle, MOCK_TEXT.none) : errorReply(MOCK_TEXT.unknownMockTitle, MOCK_TEXT.unknownMock);
    }
    if (exam.userId !== ctx.userId) return errorReply(MOCK_TEXT.notYoursTitle, MOCK_TEXT.notYours);
    return exam;
  }

  private async items(exam: MockExamRow): Promise<MockItem[]> {
    const out: MockItem[] = [];
    for (const q of exam.questions) {
      const round = await this.deps.store.getRound(q.roundId);
      if (!round) continue;
      out.push({
        position: q.position,
        domain: q.domain,
        flagged: q.flagged,
        round,
        question: roundQuestion(this.deps.library.forTeam(round), round),
        answer: await this.deps.store.getAnswer(round.id, exam.userId),
      });
    }
    return out;
  }
}
