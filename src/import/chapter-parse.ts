/**
 * Parse a chapter of the course's text format into its parts (no deck shapes yet):
 *
 * - line 1 `Chapter N of M`, line 2 the title, line 3 a one-line blurb;
 * - a section heading is a heading line followed directly by another heading line (a topic heading);
 *   a topic heading is followed by one paragraph;
 * - special sections by their first line: `Thought Exercise: ...`, `Quiz: ...`, `Key Term Review: ...`
 *   and `Key Terms`.
 *
 * A heading line is not a `- ` item and does not end in sentence punctuation (. , ; : !), so a heading
 * may end in "?" ("What Is Encryption at Rest?"). Blank lines are ignored. Every line is either placed
 * or reported as an ImportIssue with its line number.
 */
import type { ImportIssue } from './issues.js';
import { squash } from './text.js';

/** One non-blank input line with its 1-based number. */
interface Line {
  n: number;
  text: string;
}

/** A topic heading and its paragraph. */
export interface Topic {
  heading: string;
  paragraph: string;
  line: number;
}

/** A "- term" / "- definition" pair of Key Terms or Key Term Review. */
export interface TermPair {
  name: string;
  definition: string;
  /** 1-based line of the "- term" item. */
  line: number;
  /** 1-based line of the "- definition" item. */
  definitionLine: number;
}

/** One question of a Quiz section. */
export interface QuizQuestion {
  prompt: string;
  choices: string[];
  /** 0-based index of the marked answer. */
  answer: number;
  /** The text after "Answer: X)". */
  answerText: string;
  explanation: string;
  line: number;
  answerLine: number;
}

/** The Thought Exercise. */
export interface Exercise {
  intro: string;
  situation: string;
  requirements: string[];
  tasks: string[];
  hints: Line[];
  reference: string;
  line: number;
}

/** A section of the chapter, by kind. */
export type Section =
  | { kind: 'topics'; title: string; line: number; topics: Topic[] }
  | { kind: 'exercise'; title: string; line: number; exercise?: Exercise }
  | { kind: 'quiz'; title: string; line: number; intro: string; questions: QuizQuestion[] }
  | { kind: 'review' | 'key-terms'; title: string; line: number; intro: string; pairs: TermPair[] };

/** The whole chapter. */
export interface Chapter {
  number: number;
  of: number;
  title: string;
  blurb: string;
  sections: Section[];
}

const SPECIAL = /^(?:Thought Exercise:|Quiz:|Key Term Review:|Key Terms\b)/;
const EXERCISE_LABELS = /^(?:Scenario|Your tasks?|Hints?)$/i;

/** True for a line that can be a heading (see module docstring). */
function isHeadingLike(text: string): boolean {
  return !text.startsWith('- ') && text.length <= 140 && !/[.,;:!]["”')\]]*$/.test(text);
}

function isItem(text: string): boolean {
  return text.startsWith('- ');
}

function item(text: string): string {
  return text.slice(2).trim();
}

/**
 * Parse chapter text. Never throws: a missing or malformed header becomes an issue and the defaults
 * (chapter 1, the first line as the title).
 * @param file the file name used in issues.
 */
export function parseChapter(source: string, file: string, issues: ImportIssue[]): Chapter {
  const all = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  const lines: Line[] = [];
  all.forEach((raw, index) => {
    const text = raw.trim();
    if (text !== '') lines.push({ n: index + 1, text });
  });
  const warn = (line: Line | undefined, field: string, message: string) =>
    issues.push({ file, item: line ? `line ${line.n}` : 'file', field, ...(line ? { line: line.n } : {}), message });

  const header = /^Chapter\s+(\d+)\s+of\s+(\d+)$/i.exec(lines[0]?.text ?? '');
  if (!header) warn(lines[0], 'header', 'expected "Chapter N of M" on the first line; using chapter 1');
  const chapter: Chapter = {
    number: header ? Number(header[1]) : 1,
    of: header ? Number(header[2]) : 1,
    title: lines[1]?.text ?? 'Untitled chapter',
    blurb: lines[2]?.text ?? '',
    sections: [],
  };
  if (!lines[1]) warn(undefined, 'title', 'the chapter has no title line (line 2)');

  const at = (i: number) => lines[i]?.text;
  const special = (i: number) => {
    const text = at(i);
    return text !== undefined && SPECIAL.test(text);
  };
  /** A section heading: heading-like, followed by a heading-like line that itself is followed by a paragraph. */
  const sectionStart = (i: number) => {
    const a = at(i);
    const b = at(i + 1);
    if (a === undefined || b === undefined || !isHeadingLike(a) || !isHeadingLike(b)) return false;
    if (EXERCISE_LABELS.test(a) || special(i + 1)) return false;
    const c = at(i + 2);
    return c === undefined || !isHeadingLike(c) || special(i + 2);
  };
  const starts = (i: number) => special(i) || sectionStart(i);

  let i = 3;
  for (let head = lines[i]; head; head = lines[i]) {
    if (!starts(i)) {
      warn(head, 'line', `line not placed: not in any section ("${head.text.slice(0, 60)}")`);
      i++;
      continue;
    }
    let end = i + 1;
    while (end < lines.length && !starts(end)) end++;
    const body = lines.slice(i + 1, end);
    chapter.sections.push(parseSection(head, body, warn));
    i = end;
  }
  return chapter;
}

type Warn = (line: Line | undefined, field: string, message: string) => void;

function parseSection(head: Line, body: Line[], warn: Warn): Section {
  const title = head.text;
  if (title.startsWith('Thought Exercise:')) return { kind: 'exercise', title, line: head.n, ...exercise(head, body, warn) };
  if (title.startsWith('Quiz:')) return { kind: 'quiz', title, line: head.n, ...quiz(body, warn) };
  if (title.startsWith('Key Term Review:')) return { kind: 'review', title, line: head.n, ...pairs(body, warn) };
  if (/^Key Terms\b/.test(title)) return { kind: 'key-terms', title, line: head.n, ...pairs(body, warn) };
  return { kind: 'topics', title, line: head.n, topics: topics(body, warn) };
}

/** Heading / paragraph pairs; a paragraph may run over several lines. */
function topics(body: Line[], warn: Warn): Topic[] {
  const out: Topic[] = [];
  let i = 0;
  for (let line = body[i]; line; line = body[i]) {
    if (!isHeadingLike(line.text)) {
      warn(line, 'paragraph', 'paragraph without a topic heading before it; not placed');
      i++;
      continue;
    }
    let j = i + 1;
    const paragraph: string[] = [];
    for (let next = body[j]; next && !isHeadingLike(next.text); next = body[++j]) paragraph.push(next.text);
    if (paragraph.length === 0) warn(line, 'paragraph', `topic heading "${line.text}" has no paragraph; not placed`);
    else out.push({ heading: line.text, paragraph: squash(paragraph.map((p) => (isItem(p) ? item(p) : p)).join(' ')), line: line.n });
    i = j;
  }
  return out;
}

/** `- term` / `- definition` pairs after an optional intro line. */
function pairs(body: Line[], warn: Warn): { intro: string; pairs: TermPair[] } {
  const out: TermPair[] = [];
  let intro = '';
  let pending: Line | undefined;
  body.forEach((line, index) => {
    if (!isItem(line.text)) {
      if (index === 0) intro = line.text;
      else if (pending) {
        warn(line, 'definition', `expected "- definition" for the term on line ${pending.n}; line not placed`);
      } else warn(line, 'line', 'line is not a "- term" or "- definition" item; not placed');
      return;
    }
    if (!pending) {
      pending = line;
      return;
    }
    out.push({ name: item(pending.text), definition: item(line.text), line: pending.n, definitionLine: line.n });
    pending = undefined;
  });
  if (pending) warn(pending, 'definition', `term "${item(pending.text)}" has no definition line; not placed`);
  return { intro, pairs: out };
}

/** Quiz: intro line(s), then per question: the prompt, `- ` choices, `Show Answer`, `Answer: X) ...`, explanation. */
function quiz(body: Line[], warn: Warn): { intro: string; questions: QuizQuestion[] } {
  const questions: QuizQuestion[] = [];
  const intro: string[] = [];
  let i = 0;
  for (let promptLine = body[i]; promptLine; promptLine = body[i]) {
    // The prompt is the line before a run of "- " choices.
    const first = body[i + 1];
    if (!(first && isItem(first.text)) || isItem(promptLine.text)) {
      if (questions.length === 0) intro.push(promptLine.text);
      else warn(promptLine, 'line', 'line after a quiz explanation that starts no question; not placed');
      i++;
      continue;
    }
    let j = i + 1;
    const choices: string[] = [];
    for (let choice = body[j]; choice && isItem(choice.text); choice = body[++j]) choices.push(item(choice.text));
    if (body[j]?.text.toLowerCase() === 'show answer') j++;
    const answerLine = body[j];
    const answer = answerLine ? /^Answer:\s*([A-Ea-e])\)\s*(.*)$/.exec(answerLine.text) : null;
    if (!answerLine || !answer) {
      warn(answerLine ?? promptLine, 'answer', `question on line ${promptLine.n} has no "Answer: X) ..." line; question not imported`);
      i = j;
      continue;
    }
    j++;
    const explanation: string[] = [];
    // The explanation runs until the next prompt (a plain line followed by a choice).
    for (let cur = body[j]; cur && !(isItem(body[j + 1]?.text ?? '') && !isItem(cur.text)); cur = body[++j]) explanation.push(cur.text);
    const letter = (answer[1] ?? '').toUpperCase();
    const index = letter.charCodeAt(0) - 65;
    const chosen = choices[index];
    if (chosen === undefined) {
      warn(answerLine, 'answer', `answer ${letter} but the question on line ${promptLine.n} has ${choices.length} choices; question not imported`);
      i = j;
      continue;
    }
    const answerText = (answer[2] ?? '').trim();
    if (answerText !== '' && squash(answerText) !== squash(chosen)) {
      warn(answerLine, 'answer', `the answer text differs from choice ${letter} ("${chosen.slice(0, 60)}"); using the choice`);
    }
    questions.push({ prompt: promptLine.text, choices, answer: index, answerText, explanation: squash(explanation.join(' ')), line: promptLine.n, answerLine: answerLine.n });
    i = j;
  }
  return { intro: squash(intro.join(' ')), questions };
}

/** Thought Exercise: intro, `Scenario` (situation + `- ` requirements), `Your task`, `Hint`, reference design. */
function exercise(head: Line, body: Line[], warn: Warn): { exercise?: Exercise } {
  type Part = 'intro' | 'scenario' | 'tasks' | 'hints' | 'reference';
  let part: Part = 'intro';
  const intro: string[] = [];
  const situation: string[] = [];
  const requirements: string[] = [];
  const tasks: string[] = [];
  const hints: Line[] = [];
  const reference: string[] = [];
  for (const line of body) {
    const t = line.text;
    if (/^Scenario$/i.test(t)) part = 'scenario';
    else if (/^Your tasks?$/i.test(t)) part = 'tasks';
    else if (/^Hints?$/i.test(t)) part = 'hints';
    else if (/reference design:?$/i.test(t)) part = 'reference';
    else if (part === 'intro') intro.push(t);
    else if (part === 'scenario') (isItem(t) ? requirements.push(item(t)) : situation.push(t));
    else if (part === 'tasks' && isItem(t)) tasks.push(item(t));
    else if (part === 'hints' && isItem(t)) hints.push({ n: line.n, text: item(t) });
    else if (part === 'reference') reference.push(isItem(t) ? item(t) : t);
    else warn(line, part, `line is not a "- " item of the ${part} list; not placed`);
  }
  const missing = (what: string) => {
    warn(head, what, `the Thought Exercise has no ${what}; scenario not imported`);
    return {};
  };
  if (requirements.length === 0 && situation.length === 0) return missing('Scenario');
  if (tasks.length === 0) return missing('Your task list');
  if (reference.length === 0) return missing('reference design');
  return {
    exercise: {
      intro: squash(intro.join(' ')),
      situation: squash(situation.join(' ')),
      requirements,
      tasks,
      hints,
      reference: squash(reference.join(' ')),
      line: head.n,
    },
  };
}
