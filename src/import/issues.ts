/**
 * Import issues: what an importer could not place or read. Each names the input file, the item (a
 * line, CSV row, Anki note or JSON result), the field, and the 1-based line in the input when known.
 */
import { safeText } from '../core/safe-text.js';

/** One problem found while importing. Importers collect them and keep going. */
export interface ImportIssue {
  /** The input file as given on the command line (or its base name in tests). */
  file: string;
  /** The item: "line 12", "row 3", "note 1700000000001", "results[2]". */
  item: string;
  /** The field of the item ("question", "choices", "Back", "-" for a whole line). */
  field: string;
  /** 1-based line in the input file, when the format has lines. */
  line?: number;
  message: string;
}

/**
 * `file:line: item, field "x": message` (":line" left out when unknown), with control and bidi-override
 * characters quoted from the input escaped visibly by safeText ("\x1b"), and line breaks in the file
 * name as "\n", so one issue is always one line.
 */
export function formatIssue(issue: ImportIssue): string {
  // A file name is input too: its line breaks are escaped ("\n") so it can never start a line of its own.
  const file = issue.file.replace(/[\r\n]/g, (c) => (c === '\n' ? '\\n' : '\\r'));
  const where = issue.line === undefined ? file : `${file}:${issue.line}`;
  return safeText(`${where}: ${issue.item}, field "${issue.field}": ${issue.message}`);
}

/** A whole input that cannot be imported at all (unreadable file, wrong header); the message is one line. */
export class ImportError extends Error {
  /**
   * @param issue what stopped the import
   * @param problems the row-level problems found on the way (each also names file, item, field, line), shown under it
   */
  constructor(
    readonly issue: ImportIssue,
    readonly problems: readonly ImportIssue[] = [],
  ) {
    super(formatIssue(issue));
    this.name = 'ImportError';
  }
}
