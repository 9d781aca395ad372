/**
 * DeckDraft: what an importer produces before it is written as deck.yaml, terms.yaml, questions.yaml
 * and scenarios.yaml, plus the summary the CLI prints.
 */
import type { DeckMeta, Question, Scenario, Term } from '../core/deck/schema.js';
import type { ImportIssue } from './issues.js';

/** A deck ready to be written, and what went wrong on the way. */
export interface DeckDraft {
  meta: DeckMeta;
  terms: Term[];
  questions: Question[];
  scenarios: Scenario[];
  /** Lines, rows or notes that could not be placed or read (the rest was imported). */
  issues: ImportIssue[];
  /**
   * Where questions come from in the input, for formats with lines (chapters): the input's name as
   * issues give it and question id -> its 1-based input line, so warnings about a written question
   * can name the line a writer fixes rather than the generated questions.yaml.
   */
  sources?: { file: string; lines: ReadonlyMap<string, number> };
}

/** Counts for the summary line. */
export interface ImportSummary {
  terms: number;
  /** Concept cards (terms with kind "concept"). */
  cards: number;
  questions: number;
  generated: number;
  scenarios: number;
  warnings: number;
}

/** Count what a draft holds. */
export function summarise(draft: DeckDraft): ImportSummary {
  const cards = draft.terms.filter((t) => t.kind === 'concept').length;
  return {
    terms: draft.terms.length - cards,
    cards,
    questions: draft.questions.length,
    generated: draft.questions.filter((q) => q.generated === true).length,
    scenarios: draft.scenarios.length,
    warnings: draft.issues.length,
  };
}

/** "12 terms, 38 concept cards, 26 questions (24 generated), 1 scenario, 0 warnings". */
export function summaryLine(s: ImportSummary): string {
  const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  return `${n(s.terms, 'term')}, ${n(s.cards, 'concept card')}, ${n(s.questions, 'question')} (${s.generated} generated), ${n(s.scenarios, 'scenario')}, ${n(s.warnings, 'warning')}`;
}
