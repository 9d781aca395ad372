/**
 * CSV/TSV question banks: a header row, then one question per row. Columns (case-insensitive):
 * `question` (or `prompt`); the choices either in one `choices` column separated by "|" (or new lines)
 * or in columns `a`..`e` / `choice a`..`choice e` / `option a`..; an empty choice before the last
 * one (or an empty "|" item) is refused, since the answer letter counts it; `answer` (a letter A-E); optional
 * `explanation` and `tags` (separated by commas, semicolons or spaces). Parsed with csv-parse; a row that
 * is malformed or fails a check is reported once with its row and line and left out, the rest import;
 * the issues come in line order. "Row N" is the row a spreadsheet shows: the header is row 1, blank
 * lines and unreadable rows count, and a cell with line breaks keeps its row one row.
 */
import { parse } from 'csv-parse/sync';
import { bankDraft, bankQuestionProblems, type BankOptions, type BankQuestion } from './bank-deck.js';
import type { DeckDraft } from './draft.js';
import { ImportError, type ImportIssue } from './issues.js';

/** Options for importCsv. */
export interface CsvOptions extends BankOptions {
  /** "," for CSV, "\t" for TSV. */
  delimiter: ',' | '\t';
}

interface Columns {
  question: number;
  choices: number | number[];
  answer: number;
  explanation?: number;
  tags?: number;
}

function columns(header: string[], file: string): Columns {
  const names = header.map((h) => h.trim().toLowerCase().replace(/[\s_-]+/g, ' '));
  const find = (...wanted: string[]) => {
    const i = names.findIndex((n) => wanted.includes(n));
    return i < 0 ? undefined : i;
  };
  const fail = (field: string, message: string): never => {
    throw new ImportError({ file, item: 'header row', field, line: 1, message });
  };
  const question = find('question', 'prompt') ?? fail('question', `no "question" column (columns: ${header.join(', ')})`);
  const answer = find('answer', 'answer letter', 'correct') ?? fail('answer', `no "answer" column (columns: ${header.join(', ')})`);
  const single = find('choices', 'options', 'answers');
  const letters = ['a', 'b', 'c', 'd', 'e']
    .map((l) => find(l, `choice ${l}`, `option ${l}`, `answer ${l}`))
    .filter((i): i is number => i !== undefined);
  const choices = single ?? (letters.length > 0 ? letters : fail('choices', 'no "choices" column and no "a".."e" choice columns'));
  const explanation = find('explanation', 'why', 'rationale');
  const tags = find('tags', 'tag');
  return { question, answer, choices, ...(explanation !== undefined ? { explanation } : {}), ...(tags !== undefined ? { tags } : {}) };
}

/** Import a CSV or TSV bank. @throws ImportError when the header row lacks a required column. */
export function importCsv(source: string, opts: CsvOptions): DeckDraft {
  const issues: ImportIssue[] = [];
  const file = opts.file;
  /** Lines of the rows csv-parse could not read (it may report one row more than once). */
  const unreadable = new Set<number>();
  /** The spreadsheet row of a record from csv-parse's counts (see the module comment). */
  const sheetRow = (info: { records: number; empty_lines: number }, line: number) =>
    info.records + info.empty_lines + [...unreadable].filter((l) => l < line).length;
  const records = parse(source.replace(/^\uFEFF/, ''), {
    delimiter: opts.delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
    on_skip: (err) => {
      const at = err as { lines?: number; records?: number; empty_lines?: number } | undefined;
      const line = at?.lines;
      // csv-parse can report one bad row more than once (each quote it trips on); keep the first.
      if (line !== undefined && unreadable.has(line)) return;
      const item = line === undefined ? 'a row' : `row ${sheetRow({ records: at?.records ?? 0, empty_lines: at?.empty_lines ?? 0 }, line) + 1}`;
      if (line !== undefined) unreadable.add(line);
      issues.push({ file, item, field: '-', ...(line !== undefined ? { line } : {}), message: `unreadable CSV (${err?.message ?? 'parse error'}); row left out` });
    },
  }) as unknown as { record: string[]; info: { lines: number; records: number; empty_lines: number } }[];
  const [header, ...rows] = records;
  if (!header) throw new ImportError({ file, item: 'header row', field: '-', line: 1, message: 'the file is empty (expected a header row)' });
  const cols = columns(header.record, file);
  const questions: BankQuestion[] = [];
  for (const { record, info } of rows) {
    const line = info.lines;
    const row = sheetRow(info, line);
    const cell = (i: number | undefined) => (i === undefined ? '' : (record[i] ?? '').trim());
    // An empty choice before a filled one is kept (and refused by the row check): dropping it would
    // shift the letters after it, so the answer letter would name another choice. Unused trailing
    // choice columns are fine; in a "|" list every item counts (so "a | | c" and "a | b |" are refused).
    const choices = Array.isArray(cols.choices) ? withoutTrailingEmpty(cols.choices.map(cell)) : splitChoices(cell(cols.choices));
    const letter = cell(cols.answer).toUpperCase().replace(/[).\s]/g, '');
    const answer = /^[A-E]$/.test(letter) ? letter.charCodeAt(0) - 65 : -1;
    const q: BankQuestion = {
      prompt: cell(cols.question),
      choices,
      answer,
      explanation: cell(cols.explanation),
      tags: cell(cols.tags).split(/[,;\s]+/).filter(Boolean),
    };
    const problems = bankQuestionProblems(q);
    if (answer < 0) problems.unshift(['answer', `"${cell(cols.answer)}" is not a letter A-E`]);
    const unique = problems.filter(([f], i) => !(f === 'answer' && answer < 0 && i > 0));
    if (unique.length > 0) {
      for (const [field, message] of unique) issues.push({ file, item: `row ${row}`, field, line, message: `${message}; row left out` });
      continue;
    }
    questions.push(q);
  }
  // Parser errors are found before row checks: report every row in file order (stable for equal lines).
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return bankDraft(questions, [], opts, issues);
}

/** The cells up to the last filled one ("a", "", "c", "" -> "a", "", "c"). */
function withoutTrailingEmpty(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === '') end--;
  return cells.slice(0, end);
}

/** A choices cell split on "|" or line breaks; blank lines are one break, an empty "|" item stays (as ''). */
function splitChoices(text: string): string[] {
  return text === '' ? [] : text.split(/\s*\|\s*|\s*\n\s*/);
}
