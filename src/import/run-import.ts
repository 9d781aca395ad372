/**
 * The import command behind `npm run import`: read the file, build the draft for its format, write the
 * deck folder, and return the lines to print with an exit code. Never throws.
 */
import { readFileSync, type Stats, statSync } from 'node:fs';
import path from 'node:path';
import { formatProblem, type ContentProblem } from '../core/deck/content-problem.js';
import { ContentError } from '../core/deck/library.js';
import { FolderError } from '../fs/folder.js';
import { clip } from '../core/commands/text-args.js';
import { size } from '../core/decks/text.js';
import { safeText } from '../core/safe-text.js';
import { importApkg } from './anki-bank.js';
import { importChapter } from './chapter-deck.js';
import { parseImportArgs, USAGE, type ImportArgs, type ImportFormat } from './cli-args.js';
import { importCsv } from './csv-bank.js';
import { summarise, summaryLine, type DeckDraft } from './draft.js';
import { sourcedTells } from './draft-tells.js';
import { formatIssue, ImportError } from './issues.js';
import { importOpenTdb } from './opentdb-bank.js';
import { cleanFileName, unsafeMessage } from './text.js';
import { DeckExistsError, writeDeck } from './write-deck.js';

/** Said after every import: the deck teaches what the file says, as the file says it. */
const CHECK_FACTS =
  'The deck repeats the file word for word: check its facts against current documentation (and add a `note:` where they changed) before learners study it.';

/**
 * Largest input file `npm run import` reads, in bytes: 50 MiB (a chapter is ~50 KB, a large Anki bank a
 * few MiB; the file is read whole into memory). Chat imports have their own, smaller limit (chat-import.ts).
 */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
const MAX_IMPORT_WORDS = '50 MiB';

/** Why an input file could not be read, by Node error code. */
const READ_PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'is a folder, not a file',
  EACCES: 'permission denied',
  ENAMETOOLONG: 'the name is too long for a file',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ELOOP: 'too many symbolic links (a link that leads back to itself?)',
  ERR_FS_FILE_TOO_LARGE: `the file is larger than the ${MAX_IMPORT_WORDS} npm run import reads at most`,
};

/** Lines to print (stdout on success, stderr on failure) and the exit code. */
export interface ImportRun {
  lines: string[];
  warnings: string[];
  exitCode: 0 | 1;
}

/** What draftFromBytes needs besides the bytes. */
export interface DraftRequest {
  format: ImportFormat;
  /** The file's name (a base name), used in warnings and deck.yaml `source`. */
  file: string;
  id?: string;
  chapter?: number;
}

/**
 * Build the draft for a file's bytes (UTF-8 text for chapters, CSV/TSV and JSON; a ZIP for .apkg), e.g.
 * for a file attached in chat. Never touches the disk.
 * @throws ImportError when the whole file cannot be imported (bad header row, not JSON, not a ZIP, ...) or
 * yields no question and no term.
 */
export function draftFromBytes(bytes: Uint8Array, req: DraftRequest): DeckDraft {
  // The name becomes data (deck.yaml `source`, a bank's title and id): never with control characters in it.
  const named = cleanFileName(req.file);
  const draft = draftOf(bytes, { ...req, file: named.name });
  if (named.removed.length > 0) {
    draft.issues.unshift({
      file: req.file,
      item: 'file name',
      field: '-',
      message: `the file's name ${unsafeMessage(named.removed)}; the deck uses "${named.name}" instead`,
    });
  }
  if (draft.questions.length === 0 && draft.terms.length === 0) {
    const why = bytes.length === 0 ? 'the file is empty' : `no question or term could be read (${draft.issues.length} problem${draft.issues.length === 1 ? '' : 's'} found)`;
    throw new ImportError({ file: req.file, item: 'whole file', field: '-', message: `${why}; nothing written` }, bytes.length === 0 ? [] : draft.issues);
  }
  return draft;
}

function draftOf(bytes: Uint8Array, req: DraftRequest): DeckDraft {
  const text = () => Buffer.from(bytes).toString('utf8');
  const bank = { file: req.file, ...(req.id ? { id: req.id } : {}), ...(req.chapter ? { chapter: req.chapter } : {}) };
  switch (req.format) {
    case 'chapter':
      return importChapter(text(), { file: req.file, ...(req.id ? { id: req.id } : {}) });
    case 'csv':
    case 'tsv':
      return importCsv(text(), { ...bank, delimiter: req.format === 'tsv' ? '\t' : ',' });
    case 'apkg':
      return importApkg(bytes, bank);
    case 'opentdb':
      return importOpenTdb(text(), bank);
  }
}

/** The input names something that is neither a file nor a folder (reading a named pipe would wait for a writer forever). */
class NotRegularFileError extends Error {
  /** @param what the kind of thing it is, e.g. "a named pipe (FIFO)" */
  constructor(readonly what: string) {
    super(`is ${what}, not a regular file`);
    this.name = 'NotRegularFileError';
  }
}

/** What a non-regular, non-folder path is, in words. */
function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'an unusual kind of file';
}

/** The input file is larger than MAX_IMPORT_BYTES. */
class TooLargeError extends Error {
  /** @param bytes the file's size */
  constructor(readonly bytes: number) {
    super(`the file is ${size(bytes)}, larger than the ${MAX_IMPORT_WORDS} npm run import reads at most`);
    this.name = 'TooLargeError';
  }
}

/**
 * The input file's bytes, checked before reading: a named pipe, device or socket is refused, and so is
 * a file over MAX_IMPORT_BYTES (checked again after reading, for a file that grew meanwhile).
 * @throws NotRegularFileError, TooLargeError for those; a Node error (ENOENT, EACCES, EISDIR when read, ELOOP, ...) otherwise.
 */
function readInput(file: string): Buffer {
  const stats = statSync(file);
  if (!stats.isFile() && !stats.isDirectory()) throw new NotRegularFileError(kindOf(stats));
  if (stats.size > MAX_IMPORT_BYTES) throw new TooLargeError(stats.size);
  const bytes = readFileSync(file);
  if (bytes.length > MAX_IMPORT_BYTES) throw new TooLargeError(bytes.length);
  return bytes;
}

/** Build the draft for already-parsed arguments. @throws ImportError, NotRegularFileError, or a Node error for an unreadable file. */
function draftFor(args: ImportArgs): DeckDraft {
  return draftFromBytes(readInput(args.file), {
    format: args.format,
    file: path.basename(args.file),
    ...(args.id ? { id: args.id } : {}),
    ...(args.chapter ? { chapter: args.chapter } : {}),
  });
}

/** A folder as the user would type it: relative to the working folder when inside it. */
function shown(dir: string): string {
  const rel = path.relative(process.cwd(), dir);
  return rel === '' || rel.startsWith('..') ? dir : rel;
}

/**
 * Run `import` with command-line arguments (without node and the script). Every line, file names
 * and paths included, has control and bidi-override characters escaped visibly (safeText).
 */
export function runImport(argv: readonly string[]): ImportRun {
  const run = importRun(argv);
  return { ...run, lines: run.lines.map(safeText), warnings: run.warnings.map(safeText) };
}

function importRun(argv: readonly string[]): ImportRun {
  let args: ImportArgs;
  try {
    args = parseImportArgs(argv);
  } catch (err) {
    return { lines: [`import: ${(err as Error).message}`, USAGE], warnings: [], exitCode: 1 };
  }
  let draft: DeckDraft;
  try {
    draft = draftFor(args);
  } catch (err) {
    if (err instanceof ImportError) {
      return { lines: [`import failed: ${err.message}`, ...err.problems.map((issue) => `  ${formatIssue(issue)}`)], warnings: [], exitCode: 1 };
    }
    if (err instanceof NotRegularFileError || err instanceof TooLargeError) return { lines: [`import failed: ${clip(args.file)}: ${err.message}`], warnings: [], exitCode: 1 };
    const code = (err as NodeJS.ErrnoException).code;
    // Node's own message repeats the whole path: words for the usual codes, else the code alone.
    const why = (code === undefined ? undefined : READ_PROBLEMS[code]) ?? code ?? clip((err as Error).message);
    return { lines: [`import failed: ${clip(args.file)}: ${why}`], warnings: [], exitCode: 1 };
  }
  const warnings = draft.issues.map((issue) => `warning: ${formatIssue(issue)}`);
  try {
    const tells: ContentProblem[] = [];
    const dir = writeDeck(draft, args.out, args.force, tells);
    // Tells about one question name the chapter's line where it has one; the rest name the deck file.
    const sourced = sourcedTells(draft, tells);
    warnings.push(...sourced.issues.map((issue) => `warning: ${formatIssue(issue)}`), ...sourced.rest.map((tell) => `warning: ${formatProblem(tell)}`));
    return {
      lines: [
        `Imported ${args.file} as deck "${draft.meta.id}" into ${shown(dir)}`,
        summaryLine({ ...summarise(draft), warnings: warnings.length }),
        CHECK_FACTS,
      ],
      warnings,
      exitCode: 0,
    };
  } catch (err) {
    if (err instanceof DeckExistsError) return { lines: [`import refused: ${err.message}`], warnings, exitCode: 1 };
    // --out names a folder that cannot be made (a file in the way, /proc, no permission): one line.
    if (err instanceof FolderError) return { lines: [`import failed: ${err.message}`], warnings, exitCode: 1 };
    if (err instanceof ContentError) {
      return { lines: [`import failed: the deck made from ${clip(args.file)} does not pass the content check:`, ...err.message.split('\n')], warnings, exitCode: 1 };
    }
    return { lines: [`import failed: ${(err as Error).message}`], warnings, exitCode: 1 };
  }
}
