/**
 * ContentProblem: one thing wrong in a deck's content, as ContentError (library.ts) lists them, plus the
 * helpers that name a field ("choices[2].correct") and an item ("q-grants" or "(item 3)").
 */
import { safeText } from '../safe-text.js';
import type { ContentError } from './library.js';

/** One problem: the file (as shown to the author), the item id or "(file)"/"(item N)", the field path, the message. */
export type ContentProblem = ContentError['problems'][number];

/** A path into parsed YAML: mapping keys and 0-based list indexes. */
export type YamlPath = readonly (string | number)[];

/** The item id used for problems about the file as a whole (not one item). */
export const FILE_ITEM = '(file)';

/** Ids are lower-case letters, digits and hyphens (the same rule as schema.ts). */
const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Format a path inside an item as the author reads it: ["choices", 2, "correct"] -> "choices[2].correct"
 * (list indexes are 0-based, as in code). The empty path -> "(item)".
 */
export function formatField(path: YamlPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out === '' ? '(item)' : out;
}

/**
 * The name problems use for a list item: its `id` when that is a valid id, else "(item N)" with N counted
 * from 1 (the Nth entry of the list in the file).
 */
export function itemName(raw: unknown, index: number): string {
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    const id = (raw as Record<string, unknown>).id;
    if (typeof id === 'string' && ID_PATTERN.test(id)) return id;
  }
  return `(item ${index + 1})`;
}

/**
 * One problem as one line for the author: `file: item "id", field "x": message`; a problem about the
 * whole file is `file: message`, and a YAML syntax error `file:line:column: YAML syntax error: message`
 * (the form editors and terminals open at the line). Control and bidi-override characters quoted from the
 * content are escaped visibly by safeText ("\x1b").
 */
export function formatProblem(problem: ContentProblem): string {
  return safeText(formatRaw(problem));
}

function formatRaw(problem: ContentProblem): string {
  if (problem.itemId !== FILE_ITEM) return `${problem.file}: item "${problem.itemId}", field "${problem.field}": ${problem.message}`;
  const syntax = /^YAML syntax error at line (\d+), column (\d+): (.*)$/s.exec(problem.message);
  if (syntax) return `${problem.file}:${syntax[1]}:${syntax[2]}: YAML syntax error: ${syntax[3]}`;
  return `${problem.file}: ${problem.message}`;
}
