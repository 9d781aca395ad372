/**
 * Shared by the question-bank importers (CSV/TSV, Anki, Open Trivia DB): a checked bank question ->
 * deck question, and the deck metadata for a bank (which has no chapter header).
 */
import type { DeckDraft } from './draft.js';
import type { Question, Term } from '../core/deck/schema.js';
import type { ImportIssue } from './issues.js';
import { slug, squash, uniqueIds, unsafeChars, unsafeMessage } from './text.js';

/** Options every bank importer takes. */
export interface BankOptions {
  /** Input file name for issues and deck.yaml `source`. */
  file: string;
  /** Deck id; default the file name's slug. */
  id?: string;
  /** Chapter number for deck.yaml; default 1. */
  chapter?: number;
}

/** One question read from a bank, before ids and tags are settled. */
export interface BankQuestion {
  prompt: string;
  choices: string[];
  /** 0-based index of the right choice. */
  answer: number;
  explanation?: string;
  /** Free-form tags (slugged here). */
  tags: string[];
  difficulty?: 1 | 2 | 3;
  /** Where it came from, for its section: a category or the bank's title. */
  section?: string;
  generated?: boolean;
}

/** Most and fewest choices a deck question has (schema). */
const MIN_CHOICES = 3;
const MAX_CHOICES = 5;

/** The bank's title from its file name: "aws-security.csv" -> "aws-security". */
export function bankTitle(file: string): string {
  return file.replace(/\.[^.]+$/, '') || file;
}

/**
 * Check a bank question's shape; returns the problems as [field, message] (empty when fine).
 * Checks: no control or bidi-override characters (they would reach a chat or terminal raw), a prompt,
 * 3-5 distinct non-empty choices, an answer among them.
 */
export function bankQuestionProblems(q: BankQuestion): [string, string][] {
  const out: [string, string][] = [];
  const fields: [string, string[]][] = [
    ['question', [q.prompt]],
    ['choices', q.choices],
    ['explanation', [q.explanation ?? '']],
    ['tags', q.tags],
  ];
  for (const [field, texts] of fields) {
    const chars = [...new Set(texts.flatMap(unsafeChars))];
    if (chars.length > 0) out.push([field, unsafeMessage(chars)]);
  }
  if (squash(q.prompt) === '') out.push(['question', 'is empty']);
  const empty = q.choices.findIndex((c) => squash(c) === '');
  if (empty >= 0) out.push(['choices', `choice ${String.fromCharCode(65 + empty)} is empty`]);
  if (q.choices.length < MIN_CHOICES || q.choices.length > MAX_CHOICES) {
    out.push(['choices', `has ${q.choices.length} choices; a deck question needs ${MIN_CHOICES} to ${MAX_CHOICES}`]);
  }
  const seen = new Map<string, number>();
  q.choices.forEach((c, i) => {
    const key = squash(c).toLowerCase();
    const earlier = key === '' ? undefined : seen.get(key);
    if (earlier !== undefined) out.push(['choices', `choice ${String.fromCharCode(65 + i)} repeats choice ${String.fromCharCode(65 + earlier)}`]);
    else seen.set(key, i);
  });
  if (!(q.answer >= 0 && q.answer < q.choices.length)) out.push(['answer', `names no choice (there are ${q.choices.length})`]);
  return out;
}

/**
 * Assemble the draft: ids from prompts (unique), tags slugged (deck tags = every tag used, "imported"
 * when none), sections from each question's section or the bank title.
 */
export function bankDraft(questions: readonly BankQuestion[], terms: readonly Term[], opts: BankOptions, issues: ImportIssue[]): DeckDraft {
  const title = bankTitle(opts.file);
  const unique = uniqueIds();
  const tagsUsed: string[] = [];
  const out: Question[] = questions.map((q) => {
    const tags = [...new Set(q.tags.map((t) => slug(t, 40)).filter((t) => t !== 'item'))];
    const finalTags = tags.length > 0 ? tags : ['imported'];
    for (const t of finalTags) if (!tagsUsed.includes(t)) tagsUsed.push(t);
    const right = q.choices[q.answer] ?? '';
    const explanation = squash(q.explanation ?? '') || `${title} marks "${right}" as the answer and gives no explanation.`;
    return {
      id: unique(`q-${slug(q.prompt, 44)}`),
      prompt: squash(q.prompt),
      choices: q.choices.map((text, i) => ({
        text: squash(text),
        correct: i === q.answer,
        why: i === q.answer ? explanation : `Not the answer ${title} marks; it marks "${right}".`,
      })),
      explanation,
      tags: finalTags,
      difficulty: q.difficulty ?? 2,
      section: q.section ?? title,
      terms: [],
      ...(q.generated ? { generated: true } : {}),
    };
  });
  if (tagsUsed.length === 0) tagsUsed.push('imported');
  const sections = [...new Set([...terms.map((t) => t.section), ...out.map((q) => q.section)])];
  return {
    meta: {
      id: opts.id ?? (slug(title, 63) === 'item' ? 'imported-bank' : slug(title, 63)),
      title,
      chapter: { number: opts.chapter ?? 1, title },
      source: `Question bank ${opts.file} (imported from ${opts.file})`,
      tags: tagsUsed,
      ...(sections.length > 0 ? { sections } : {}),
    },
    terms: [...terms],
    questions: out,
    scenarios: [],
    issues,
  };
}
