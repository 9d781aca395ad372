/**
 * Arguments of `npm run import -- <file> [--id <deck-id>] [--out <folder>] [--format <f>] [--force]
 * [--chapter <n>]`, checked with one-line messages.
 */
import path from 'node:path';
import { clip, quote } from '../core/commands/text-args.js';

/** The input formats: a course chapter, or a question bank. */
const FORMATS = ['chapter', 'csv', 'tsv', 'apkg', 'opentdb'] as const;
export type ImportFormat = (typeof FORMATS)[number];

/** Parsed arguments. */
export interface ImportArgs {
  file: string;
  format: ImportFormat;
  /** Deck id; undefined = derived from the chapter title or the bank's file name. */
  id?: string;
  /** Folder the deck folder `<id>/` is created in. */
  out: string;
  force: boolean;
  /** Chapter number for a question bank's deck.yaml (banks have no header); default 1. */
  chapter?: number;
}

/** Where decks go when --out is not given (outside content/, so the bundled deck stays the default). */
export const DEFAULT_OUT = path.join('imported', 'decks');

export const USAGE = 'usage: npm run import -- <file> [--id <deck-id>] [--out <folder>] [--format chapter|csv|tsv|apkg|opentdb] [--chapter <n>] [--force]';

/** The format a file name implies: .csv, .tsv, .apkg, .json (Open Trivia DB), anything else a chapter. */
export function formatFromName(file: string): ImportFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.tsv' || ext === '.tab') return 'tsv';
  if (ext === '.apkg') return 'apkg';
  if (ext === '.json') return 'opentdb';
  return 'chapter';
}

/**
 * Parse argv (without node and the script). @throws Error with a one-line message (print it with USAGE);
 * what the user typed is echoed clipped to 40 characters.
 */
export function parseImportArgs(argv: readonly string[]): ImportArgs {
  const positional: string[] = [];
  const values = new Map<string, string>();
  let force = false;
  for (let i = 0, arg = argv[0]; arg !== undefined; arg = argv[++i]) {
    if (arg === '--force') force = true;
    else if (['--id', '--out', '--format', '--chapter'].includes(arg)) {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new Error(`${arg} needs a value`);
      values.set(arg, value);
    } else if (arg.startsWith('--')) throw new Error(`unknown option ${clip(arg)}`);
    else positional.push(arg);
  }
  const [file] = positional;
  if (file === undefined || positional.length !== 1) throw new Error(positional.length === 0 ? 'name the file to import' : `one file at a time (got ${positional.length})`);
  if (file.trim() === '') throw new Error('no input file given (the file name is empty)');
  const format = values.get('--format') ?? formatFromName(file);
  if (!(FORMATS as readonly string[]).includes(format)) throw new Error(`--format must be one of ${FORMATS.join(', ')} (got ${quote(format)})`);
  const id = values.get('--id');
  if (id !== undefined && !/^[a-z0-9][a-z0-9-]{0,62}$/.test(id)) throw new Error(`--id ${quote(id)} must be lower-case letters, digits and hyphens (at most 63)`);
  const chapterText = values.get('--chapter');
  const chapter = chapterText === undefined ? undefined : Number(chapterText);
  if (chapter !== undefined && !(Number.isInteger(chapter) && chapter > 0)) throw new Error(`--chapter must be a positive whole number (got ${quote(chapterText ?? '')})`);
  return { file, format: format as ImportFormat, ...(id ? { id } : {}), out: values.get('--out') ?? DEFAULT_OUT, force, ...(chapter ? { chapter } : {}) };
}
