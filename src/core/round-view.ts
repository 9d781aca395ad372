/**
 * How rounds look: the open round message (question, lettered choices, answer buttons, answered
 * count), its reveal once closed, a practice question, and the private feedback on an answer.
 * Letters follow the round's stored `choiceOrder`, so everyone sees the same A, B, C…
 */
import type { Question } from './deck/schema.js';
import type { RoundRow, RoundTally } from './ports/store.js';
import type { Reply, ReplyBlock, ReplyButton } from './reply.js';
import { reportButton } from './reports/button.js';
import { ROUND_VIEW } from './text/rounds.js';

/** Answer letters in display order; a question has at most five choices. */
export const LETTERS = ['A', 'B', 'C', 'D', 'E'] as const;

/** The letters valid for a round: A.. up to its number of choices. */
export function roundLetters(round: Pick<RoundRow, 'choiceOrder'>): string[] {
  return LETTERS.slice(0, round.choiceOrder.length);
}

/** The letter a question choice index is shown as in this round, e.g. choice 2 -> "A". */
export function letterOfChoice(round: Pick<RoundRow, 'choiceOrder'>, choiceIndex: number): string {
  return LETTERS[round.choiceOrder.indexOf(choiceIndex)] ?? '?';
}

/** A tag as a heading word: short ones upper-case ("S3", "KMS"), longer ones capitalised ("Policy"). */
export function topicLabel(tag: string): string {
  return tag.length <= 3 ? tag.toUpperCase() : tag.charAt(0).toUpperCase() + tag.slice(1);
}

const BUTTON_TEXT = 36;
const BAR_CELLS = 10;

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** Whole-number percentage of `part` in `whole` (0 when `whole` is 0). */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((100 * part) / whole);
}

/** A text bar of `cells` cells for a share in [0, 1], e.g. "███████░░░". */
export function textBar(share: number, cells = BAR_CELLS): string {
  const filled = Math.max(0, Math.min(cells, Math.round(share * cells)));
  return '█'.repeat(filled) + '░'.repeat(cells - filled);
}

/** The round's headline: "Daily question · S3", "Round #12 · KMS" or "Practice · EBS". */
function roundTitle(round: RoundRow): string {
  const topic = round.tags[0] !== undefined ? ` · ${topicLabel(round.tags[0])}` : '';
  switch (round.kind) {
    case 'daily':
      return ROUND_VIEW.dailyTitle(topic);
    case 'channel':
      return ROUND_VIEW.channelTitle(round.id, topic);
    case 'practice':
      return ROUND_VIEW.practiceTitle(topic);
  }
}

function answeredLine(answered: number): string {
  if (answered === 0) return ROUND_VIEW.noAnswersYet;
  return answered === 1 ? ROUND_VIEW.oneAnswered : ROUND_VIEW.manyAnswered(answered);
}

function choicesBlock(round: RoundRow, question: Question): ReplyBlock {
  return {
    type: 'choices',
    choices: round.choiceOrder.map((choiceIndex, i) => ({
      letter: LETTERS[i] ?? '?',
      text: question.choices[choiceIndex]?.text ?? ROUND_VIEW.missingChoice,
    })),
  };
}

function answerButtons(round: RoundRow, question: Question): ReplyButton[] {
  return round.choiceOrder.map((choiceIndex, i) => {
    const letter = LETTERS[i] ?? '?';
    const text = question.choices[choiceIndex]?.text;
    return {
      action: { kind: 'answer', roundId: round.id, letter },
      label: text ? `${letter} · ${truncate(text, BUTTON_TEXT)}` : letter,
    };
  });
}

/** The reply for a round whose question was removed from the deck since it opened. */
function renderMissingQuestion(round: RoundRow, answered: number): Reply {
  const closed = round.closedAt !== null;
  return {
    visibility: round.kind === 'practice' ? 'user' : 'channel',
    tone: 'warning',
    title: roundTitle(round),
    blocks: [
      {
        type: 'text',
        text: ROUND_VIEW.questionRemoved(round.questionId, round.id),
      },
    ],
    ...(round.kind === 'practice' ? {} : { round: { id: round.id, state: closed ? 'closed' : 'open', answered } }),
  };
}

/**
 * The open round message: question, lettered choices in the round's order, one answer button per
 * letter (plus "Close round" for `quiz here` rounds), and how many answered. Visibility 'channel'.
 * `question` undefined (removed from the deck) renders {@link renderMissingQuestion}.
 */
export function renderRound(round: RoundRow, question: Question | undefined, tally: RoundTally): Reply {
  if (!question) return renderMissingQuestion(round, tally.answered);
  const how =
    round.kind === 'channel'
      ? ROUND_VIEW.howChannel(
          round.id,
          round.closesAt !== null ? ROUND_VIEW.closesAfter(Math.round((round.closesAt - round.openedAt) / 60_000)) : '',
        )
      : ROUND_VIEW.howDaily(round.id);
  const buttons = answerButtons(round, question);
  if (round.kind === 'channel') {
    buttons.push({ action: { kind: 'close', roundId: round.id }, label: ROUND_VIEW.closeButton, style: 'danger' });
  }
  return {
    visibility: 'channel',
    tone: 'info',
    title: roundTitle(round),
    blocks: [{ type: 'text', text: question.prompt }, choicesBlock(round, question), { type: 'text', text: answeredLine(tally.answered) }],
    buttons,
    footer: ROUND_VIEW.openFooter(round.id, how),
    round: { id: round.id, state: 'open', answered: tally.answered },
  };
}

/**
 * The reveal of a closed round: the correct letter and text, the explanation, how many answered and
 * the share correct, how many picked each letter (bars), and the most-picked wrong choice with why
 * it is wrong. No answer buttons. Visibility 'channel'.
 */
export function renderReveal(round: RoundRow, question: Question | undefined, tally: RoundTally): Reply {
  if (!question) return renderMissingQuestion({ ...round, closedAt: round.closedAt ?? round.openedAt }, tally.answered);
  const correctLetter = letterOfChoice(round, round.correctIndex);
  const correctText = question.choices[round.correctIndex]?.text ?? ROUND_VIEW.missingChoice;
  const blocks: ReplyBlock[] = [
    { type: 'text', text: question.prompt },
    { type: 'section', heading: ROUND_VIEW.answerHeading, text: `${correctLetter} — ${correctText}` },
    { type: 'section', heading: ROUND_VIEW.whyHeading, text: question.explanation },
  ];
  if (tally.answered === 0) {
    blocks.push({ type: 'text', text: ROUND_VIEW.nobodyAnswered });
  } else {
    const width = String(tally.answered).length;
    blocks.push({
      type: 'pre',
      lines: round.choiceOrder.map((choiceIndex, i) => {
        const n = tally.byChoice[choiceIndex] ?? 0;
        const mark = choiceIndex === round.correctIndex ? '  ✓' : '';
        return `${LETTERS[i]} ${textBar(n / tally.answered)} ${String(n).padStart(width)} (${percent(n, tally.answered)}%)${mark}`;
      }),
    });
    blocks.push({
      type: 'text',
      text: ROUND_VIEW.answeredShare(tally.answered, percent(tally.correct, tally.answered)),
    });
    const wrong = mostPickedWrong(round, tally);
    if (wrong !== undefined) {
      const choice = question.choices[wrong];
      blocks.push({
        type: 'section',
        heading: ROUND_VIEW.mostPickedWrongHeading,
        text: `${ROUND_VIEW.mostPickedWrong(
          percent(tally.byChoice[wrong] ?? 0, tally.answered),
          letterOfChoice(round, wrong),
          endSentence(choice?.text ?? ROUND_VIEW.missingChoice),
        )} ${choice?.why ?? ''}`.trim(),
      });
    }
  }
  return {
    visibility: 'channel',
    tone: 'success',
    title: ROUND_VIEW.revealTitle(roundTitle(round)),
    blocks,
    footer: ROUND_VIEW.closedFooter(round.id),
    buttons: [reportButton('question', question.id)],
    round: { id: round.id, state: 'closed', answered: tally.answered },
  };
}

/**
 * The explanation of every choice of a revealed round, in the round's letter order: one section per
 * letter headed "A — <choice> ✓ right" or "✗ wrong" with the choice's `why` (the right one also gets
 * the question's explanation). Core posts it in the thread under the round's message (Poster.postInThread).
 * Visibility 'channel'; no buttons.
 */
export function renderChoiceExplanations(round: RoundRow, question: Question): Reply {
  const blocks: ReplyBlock[] = round.choiceOrder.map((choiceIndex, i) => {
    const choice = question.choices[choiceIndex];
    const correct = choiceIndex === round.correctIndex;
    const why = correct && choice ? `${choice.why} ${question.explanation}` : (choice?.why ?? '');
    return {
      type: 'section',
      heading: ROUND_VIEW.choiceHeading(LETTERS[i] ?? '?', truncate(choice?.text ?? ROUND_VIEW.missingChoice, 150), correct),
      text: why.trim() === '' ? ROUND_VIEW.missingChoice : why.trim(),
    };
  });
  return {
    visibility: 'channel',
    tone: 'info',
    title: ROUND_VIEW.choicesThreadTitle(round.id),
    blocks,
    footer: ROUND_VIEW.choicesThreadFooter,
  };
}

/** The wrong choice (question index) picked most often; ties go to the earlier letter; undefined if none. */
export function mostPickedWrong(round: RoundRow, tally: RoundTally): number | undefined {
  let best: number | undefined;
  for (const choiceIndex of round.choiceOrder) {
    if (choiceIndex === round.correctIndex) continue;
    const n = tally.byChoice[choiceIndex] ?? 0;
    if (n > 0 && (best === undefined || n > (tally.byChoice[best] ?? 0))) best = choiceIndex;
  }
  return best;
}

/** A practice question only the asker sees: prompt, lettered choices and answer buttons. */
export function renderPracticeQuestion(round: RoundRow, question: Question, note: string): Reply {
  return {
    visibility: 'user',
    tone: 'info',
    title: roundTitle(round),
    blocks: [{ type: 'text', text: question.prompt }, choicesBlock(round, question)],
    buttons: answerButtons(round, question),
    footer: ROUND_VIEW.practiceFooter(note, round.id),
  };
}

/**
 * `text` ending in sentence punctuation: adds a period unless it already ends in . ! or ?. Use it
 * wherever a choice's text (which may or may not end in ".") closes a sentence.
 */
export function endSentence(text: string): string {
  const trimmed = text.trimEnd();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * Private feedback on a recorded answer: right or wrong, the correct answer, the explanation and,
 * when wrong, why the chosen answer is wrong.
 */
export function renderAnswerFeedback(round: RoundRow, question: Question, letter: string, choiceIndex: number): Reply {
  const correct = choiceIndex === round.correctIndex;
  const correctLetter = letterOfChoice(round, round.correctIndex);
  const correctChoice = question.choices[round.correctIndex];
  const chosen = question.choices[choiceIndex];
  const blocks: ReplyBlock[] = [];
  if (correct) {
    blocks.push({ type: 'text', text: ROUND_VIEW.isRight(correctLetter, endSentence(correctChoice?.text ?? '')) });
    blocks.push({ type: 'section', heading: ROUND_VIEW.whyHeading, text: question.explanation });
  } else {
    blocks.push({
      type: 'text',
      text: ROUND_VIEW.youChose(letter, endSentence(chosen?.text ?? ''), correctLetter, endSentence(correctChoice?.text ?? '')),
    });
    blocks.push({ type: 'section', heading: ROUND_VIEW.whyHeading, text: question.explanation });
    if (chosen) blocks.push({ type: 'section', heading: ROUND_VIEW.whyWrongHeading(letter), text: chosen.why });
  }
  return {
    visibility: 'user',
    tone: correct ? 'success' : 'warning',
    title: correct ? ROUND_VIEW.correctTitle(round.id) : ROUND_VIEW.notQuiteTitle(round.id),
    blocks,
    buttons: [reportButton('question', question.id)],
  };
}
