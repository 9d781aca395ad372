/**
 * A chapter quiz question -> a deck question: the marked answer, and the explanation split into a reason
 * per choice where the text gives one. A sentence that starts by naming "Option N" (or "Option 1 and
 * 3", "Options 2 and 4") is that choice's reason, and so are the sentences after it until another option
 * is named; sentences before any option go to the explanation. "Option N" is replaced by "This choice"
 * because choices are shuffled when shown.
 */
import type { Question } from '../core/deck/schema.js';
import type { QuizQuestion } from './chapter-parse.js';
import { sentences, squash } from './text.js';

/** The choice numbers (1-based) a sentence opens with, or [] when it names none. */
function optionsNamed(sentence: string): number[] {
  const m = /^(?:Options?|Choices?)\s+((?:[1-5A-E])(?:\s*(?:,|and|&|or)\s*(?:[1-5A-E]))*)\b/.exec(sentence);
  if (!m?.[1]) return [];
  return [...m[1].matchAll(/[1-5A-E]/g)].map(([c]) => (/[A-E]/.test(c) ? c.charCodeAt(0) - 64 : Number(c)));
}

/** The sentence with its leading "Option N ..." replaced ("Option 3 is correct: x" -> "Correct: x"). */
function rephrase(sentence: string, many: boolean): string {
  const rest = sentence.replace(/^(?:Options?|Choices?)\s+[1-5A-E](?:\s*(?:,|and|&|or)\s*[1-5A-E])*\s*/, '');
  if (/^(?:is|are)\s+(?:the\s+)?correct\b[:.]?\s*/i.test(rest)) {
    const after = rest.replace(/^(?:is|are)\s+(?:the\s+)?correct\b[:.]?\s*/i, '');
    return after === '' ? '' : after.charAt(0).toUpperCase() + after.slice(1);
  }
  return `${many ? 'These choices' : 'This choice'} ${rest}`;
}

/** Per-choice reasons (index -> text) and the sentences about no particular option. */
export function splitExplanation(explanation: string, choiceCount: number): { reasons: Map<number, string[]>; general: string[] } {
  const reasons = new Map<number, string[]>();
  const general: string[] = [];
  let current: number[] = [];
  for (const sentence of sentences(explanation)) {
    const named = optionsNamed(sentence).filter((n) => n >= 1 && n <= choiceCount);
    if (named.length > 0) {
      current = named.map((n) => n - 1);
      const reason = rephrase(sentence, named.length > 1);
      if (reason !== '') for (const index of current) reasons.set(index, [...(reasons.get(index) ?? []), reason]);
    } else if (current.length > 0) {
      for (const index of current) reasons.set(index, [...(reasons.get(index) ?? []), sentence]);
    } else {
      general.push(sentence);
    }
  }
  return { reasons, general };
}

/** What the quiz question becomes; `id`, `tags`, `terms` and `section` come from the caller. */
export function quizQuestion(q: QuizQuestion, fields: Pick<Question, 'id' | 'tags' | 'terms' | 'section'>): Question {
  const { reasons, general } = splitExplanation(q.explanation, q.choices.length);
  const right = reasons.get(q.answer) ?? [];
  const explanation = squash([...general, ...right].join(' ')) || q.explanation || `The chapter marks "${q.choices[q.answer]}" as the answer.`;
  return {
    id: fields.id,
    prompt: q.prompt,
    choices: q.choices.map((text, index) => ({
      text,
      correct: index === q.answer,
      why:
        squash((reasons.get(index) ?? []).join(' ')) ||
        (index === q.answer ? explanation : `Not the chapter's answer, which is "${q.choices[q.answer]}".`),
    })),
    explanation,
    tags: fields.tags,
    difficulty: 2,
    section: fields.section,
    terms: fields.terms,
    from_chapter_quiz: true,
  };
}
