/**
 * Open Trivia DB JSON (what https://opentdb.com/api.php returns): `{ "response_code": 0, "results": [ {
 * "type": "multiple" | "boolean", "difficulty": "easy" | "medium" | "hard", "category": "Science:
 * Computers", "question": "...", "correct_answer": "...", "incorrect_answers": ["...", ...] } ] }`.
 * Texts are HTML-entity encoded by default ("&quot;", "&#039;") and are decoded with `entities`.
 * True/false questions have two choices, fewer than a deck question needs, so they are reported and left
 * out. The JSON is read with the `yaml` parser (JSON is YAML 1.2) to know each result's line.
 */
import { decodeHTML } from 'entities';
import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import { bankDraft, bankQuestionProblems, bankTitle, type BankOptions, type BankQuestion } from './bank-deck.js';
import type { DeckDraft } from './draft.js';
import { place } from './glossary.js';
import { ImportError, type ImportIssue } from './issues.js';

const DIFFICULTY: Record<string, 1 | 2 | 3> = { easy: 1, medium: 2, hard: 3 };

/** Import an Open Trivia DB response. @throws ImportError when the file is not JSON or has no `results` list. */
export function importOpenTdb(source: string, opts: BankOptions): DeckDraft {
  const file = opts.file;
  const issues: ImportIssue[] = [];
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, schema: 'json', prettyErrors: false });
  try {
    JSON.parse(source);
  } catch (err) {
    const pos = doc.errors[0]?.pos[0];
    throw new ImportError({ file, item: 'file', field: '-', ...(pos !== undefined ? { line: counter.linePos(pos).line } : {}), message: `not valid JSON (${(err as Error).message})` });
  }
  const root = doc.contents;
  const results = isMap(root) ? root.get('results', true) : undefined;
  if (!isSeq(results)) throw new ImportError({ file, item: 'file', field: 'results', line: 1, message: 'no "results" list (expected an Open Trivia DB response)' });
  const code = (doc.toJS() as { response_code?: unknown }).response_code;
  if (code !== undefined && code !== 0) issues.push({ file, item: 'file', field: 'response_code', line: 1, message: `response_code is ${String(code)}, not 0 (success); importing the results there are` });
  const lineOf = (node: unknown) => {
    const range = (node as Node | undefined)?.range;
    return range ? counter.linePos(range[0]).line : undefined;
  };
  const questions: BankQuestion[] = [];
  for (const [index, node] of results.items.entries()) {
    const item = `results[${index}]`;
    const line = lineOf(node);
    const at = (field: string) => (isMap(node) ? (lineOf(node.get(field, true)) ?? line) : line);
    const report = (field: string, message: string) => {
      const where = at(field);
      issues.push({ file, item, field, ...(where !== undefined ? { line: where } : {}), message: `${message}; question left out` });
    };
    const raw = (node as Node).toJSON?.() as Record<string, unknown> | undefined;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      report('-', 'is not an object');
      continue;
    }
    const text = (field: string): string | undefined => (typeof raw[field] === 'string' ? decodeHTML(raw[field] as string).trim() : undefined);
    if (raw.type === 'boolean') {
      report('type', 'a true/false question has 2 choices; a deck question needs 3 to 5');
      continue;
    }
    if (raw.type !== 'multiple') {
      report('type', `type ${JSON.stringify(raw.type)} is not "multiple" or "boolean"`);
      continue;
    }
    const prompt = text('question');
    if (prompt === undefined) {
      report('question', 'missing or not text');
      continue;
    }
    const right = text('correct_answer');
    if (right === undefined) {
      report('correct_answer', 'missing or not text');
      continue;
    }
    const wrongRaw = raw.incorrect_answers;
    if (!Array.isArray(wrongRaw) || wrongRaw.some((w) => typeof w !== 'string')) {
      report('incorrect_answers', 'missing or not a list of texts');
      continue;
    }
    const wrong = (wrongRaw as string[]).map((w) => decodeHTML(w).trim());
    // The right answer's position is fixed by a hash of the prompt, so it is not always first.
    const placed = place(right, wrong, prompt);
    const difficulty = DIFFICULTY[text('difficulty') ?? ''];
    const q: BankQuestion = {
      prompt,
      choices: placed.items,
      answer: placed.index,
      tags: [text('category') ?? '', text('difficulty') ?? ''].filter(Boolean),
      ...(difficulty ? { difficulty } : {}),
      section: text('category') ?? bankTitle(file),
    };
    const problems = bankQuestionProblems(q).map(([field, message]): [string, string] => [field === 'choices' ? 'incorrect_answers' : field === 'question' ? 'question' : field, message]);
    if (problems.length > 0) {
      for (const [field, message] of problems) report(field, message);
      continue;
    }
    questions.push(q);
  }
  return bankDraft(questions, [], opts, issues);
}
