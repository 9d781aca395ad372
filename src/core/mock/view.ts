/**
 * How a mock exam looks: one question at a time (lettered choices, answer buttons, a flag button,
 * time left; no feedback), and the results (score, per-domain bars, time used, and a review of
 * every question with the right answer and why each wrong choice is wrong).
 */
import type { Question } from '../deck/schema.js';
import type { AnswerRow, MockExamRow, RoundRow } from '../ports/store.js';
import type { Reply, ReplyBlock, ReplyButton } from '../reply.js';
import { endSentence, LETTERS, letterOfChoice, percent, textBar } from '../round-view.js';
import { MOCK_TEXT, minutesText } from './text.js';

/** One question of a mock with what the view needs: its round, the question (if still in the deck) and the answer. */
export interface MockItem {
  position: number;
  domain: string;
  flagged: boolean;
  round: RoundRow;
  question: Question | undefined;
  answer: AnswerRow | undefined;
}

/** One domain's mock result. */
export interface DomainResult {
  domain: string;
  right: number;
  asked: number;
}

/** Right answers per domain, in first-asked order. */
export function domainResults(items: readonly MockItem[]): DomainResult[] {
  const out = new Map<string, DomainResult>();
  for (const item of items) {
    const row = out.get(item.domain) ?? { domain: item.domain, right: 0, asked: 0 };
    row.asked += 1;
    if (item.answer?.correct) row.right += 1;
    out.set(item.domain, row);
  }
  return [...out.values()];
}

/** The question at `item` of `exam`, unanswered, with answer buttons, the flag button and time left at `now`. */
export function renderMockQuestion(exam: MockExamRow, item: MockItem, now: Date, note?: string): Reply {
  const question = item.question;
  const letters = LETTERS.slice(0, item.round.choiceOrder.length);
  const blocks: ReplyBlock[] = [];
  if (note) blocks.push({ type: 'text', text: note });
  blocks.push({ type: 'text', text: question?.prompt ?? MOCK_TEXT.removed });
  if (question) {
    blocks.push({
      type: 'choices',
      choices: letters.map((letter, i) => ({ letter, text: question.choices[item.round.choiceOrder[i] ?? -1]?.text ?? '' })),
    });
  }
  if (item.flagged) blocks.push({ type: 'text', text: MOCK_TEXT.flagged });
  const buttons: ReplyButton[] = letters.map((letter) => ({ action: { kind: 'mockAnswer', mockId: exam.id, position: item.position, letter }, label: letter }));
  buttons.push({ action: { kind: 'mockFlag', mockId: exam.id, position: item.position }, label: item.flagged ? MOCK_TEXT.unflag : MOCK_TEXT.flag });
  buttons.push({ action: { kind: 'mockEnd', mockId: exam.id }, label: MOCK_TEXT.end, style: 'danger' });
  const flagged = exam.questions.filter((q) => q.flagged).length;
  return {
    visibility: 'user',
    tone: 'info',
    title: MOCK_TEXT.questionTitle(item.position + 1, exam.questions.length),
    blocks,
    buttons,
    footer: MOCK_TEXT.questionFooter(MOCK_TEXT.timeLeft(exam.endsAt - now.getTime()), flagged),
  };
}

/** Per-domain text bars: "S3 encryption  ███████░░░   70%  (7/10)". */
function domainBars(results: readonly DomainResult[]): string[] {
  const width = Math.max(3, ...results.map((r) => r.domain.length));
  return results.map((r) => `${r.domain.padEnd(width)}  ${textBar(r.asked === 0 ? 0 : r.right / r.asked)}  ${`${percent(r.right, r.asked)}%`.padStart(4)}  (${r.right}/${r.asked})`);
}

function reviewOf(item: MockItem): ReplyBlock {
  const { question, round, answer } = item;
  const mark = answer?.correct ? '✓' : '✗';
  const heading = MOCK_TEXT.reviewHeading(item.position + 1, mark, item.domain, item.flagged);
  if (!question) return { type: 'section', heading, text: MOCK_TEXT.removed };
  const lines = [question.prompt];
  const chosen = answer ? question.choices[answer.choiceIndex] : undefined;
  lines.push(answer && chosen ? MOCK_TEXT.yourAnswer(answer.letter, endSentence(chosen.text)) : MOCK_TEXT.noAnswer);
  lines.push(MOCK_TEXT.rightAnswer(letterOfChoice(round, round.correctIndex), endSentence(question.choices[round.correctIndex]?.text ?? '')));
  lines.push(question.explanation);
  round.choiceOrder.forEach((choiceIndex, i) => {
    const choice = question.choices[choiceIndex];
    if (choice && choiceIndex !== round.correctIndex) lines.push(MOCK_TEXT.whyNot(LETTERS[i] ?? '?', choice.why));
  });
  return { type: 'section', heading, text: lines.join('\n') };
}

/**
 * The results of an ended mock: score, how it ended, time used, flagged count, per-domain bars (and
 * `chart` beside them when given), then every question's review; a "retake my misses" button when
 * something was missed.
 */
export function renderMockResults(exam: MockExamRow, items: readonly MockItem[], chart?: ReplyBlock): Reply {
  const right = items.filter((i) => i.answer?.correct).length;
  const answered = items.filter((i) => i.answer !== undefined).length;
  const misses = items.length - right;
  const ended = exam.endedAt ?? exam.endsAt;
  const used = Math.min(ended, exam.endsAt) - exam.startedAt;
  const blocks: ReplyBlock[] = [
    { type: 'text', text: MOCK_TEXT.endedBy[exam.endReason ?? 'time-up'] },
    {
      type: 'fields',
      fields: [
        { label: 'Score', value: `${right}/${items.length} (${percent(right, items.length)}%)` },
        { label: 'Answered', value: `${answered} of ${items.length}` },
        { label: 'Time used', value: `${minutesText(used)} of ${minutesText(exam.endsAt - exam.startedAt)}` },
        { label: 'Flagged', value: String(items.filter((i) => i.flagged).length) },
      ],
    },
    { type: 'text', text: MOCK_TEXT.byDomain },
    { type: 'pre', lines: domainBars(domainResults(items)) },
  ];
  if (chart) blocks.push(chart);
  blocks.push(...items.map(reviewOf));
  const buttons: ReplyButton[] = [];
  if (misses > 0) buttons.push({ action: { kind: 'mockRetake', mockId: exam.id }, label: MOCK_TEXT.retake(misses), style: 'primary' });
  else blocks.push({ type: 'text', text: MOCK_TEXT.allRight });
  return {
    visibility: 'user',
    tone: 'info',
    title: MOCK_TEXT.resultsTitle(right, items.length, percent(right, items.length)),
    blocks,
    ...(buttons.length > 0 ? { buttons } : {}),
    footer: MOCK_TEXT.resultsFooter,
  };
}
