/**
 * DeckImporter for files attached in chat (`import` with an attachment): download with a size cap,
 * build the draft with draftFromBytes (format from the file's extension), write it with writeDeck
 * (the same checks as `npm run import`) into the importing team's own folder,
 * `<decksDir>/teams/<platform>/<team>/<deck-id>/` (team-folder.ts), where only that team's view of the
 * library finds it. Never overwrites a deck, and never takes a shared deck's id. The
 * outcome carries the same warnings as the command line (the file's issues, then answer tells), and
 * control or bidi-override characters in anything it echoes (the file's name) are escaped visibly.
 */
import path from 'node:path';
import { clip } from '../core/commands/text-args.js';
import { formatProblem, type ContentProblem } from '../core/deck/content-problem.js';
import { ContentError } from '../core/deck/library.js';
import { safeText } from '../core/safe-text.js';
import type { AttachedFile, DeckImporter, DeckImportOutcome, DeckImportTarget } from '../core/ports/deck-importer.js';
import { teamDecksDir } from '../core/deck/team-folder.js';
import { formatFromName } from './cli-args.js';
import { summarise, summaryLine } from './draft.js';
import { formatIssue, ImportError } from './issues.js';
import { draftFromBytes } from './run-import.js';
import { sourcedTells } from './draft-tells.js';
import { DeckExistsError, writeDeck } from './write-deck.js';

/** Default largest attachment accepted: 2 MiB (a chapter is ~50 KB; a large Anki bank a few hundred KB). */
const DEFAULT_MAX_IMPORT_BYTES = 2 * 1024 * 1024;

/** Options for a chat importer. */
export interface ChatImporterOptions {
  /** The import folder (IMPORT_DIR, else the first DECKS_PATH entry): decks go under its `teams/` folder. */
  decksDir: string;
  /** Largest file accepted, in bytes (default DEFAULT_MAX_IMPORT_BYTES). */
  maxBytes?: number;
  /** How to fetch the URL (default global fetch; tests may pass their own). */
  fetch?: typeof fetch;
}

/** A DeckImporter writing into each team's folder under `opts.decksDir`. */
export function chatImporter(opts: ChatImporterOptions): DeckImporter {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES;
  const get = opts.fetch ?? fetch;

  return {
    maxBytes,
    async importFile(file: AttachedFile, target: DeckImportTarget): Promise<DeckImportOutcome> {
      return escaped(await importOne(file, target));
    },
  };

  async function importOne(file: AttachedFile, { deckId, team, sharedIds }: DeckImportTarget): Promise<DeckImportOutcome> {
    const name = path.basename(file.name);
    const teamDir = teamDecksDir(opts.decksDir, team);
    if (teamDir === undefined) return { status: 'refused', problem: 'this team has no deck folder (its id cannot name one)', details: [] };
    /** A written file as chat shows it: from the deck's own folder name down, not the server's full path. */
    const inTeamFolder = (p: ContentProblem): ContentProblem => ({ ...p, file: path.relative(teamDir, p.file) });
    const bytes = await download(get, file.url, maxBytes);
    if (typeof bytes === 'string') return { status: 'refused', problem: `${clip(name)}: ${bytes}`, details: [] };
    try {
      const draft = draftFromBytes(bytes, { format: formatFromName(name), file: name, ...(deckId ? { id: deckId } : {}) });
      if (sharedIds.has(draft.meta.id)) return { status: 'refused', problem: exists(draft.meta.id), details: [] };
      const tells: ContentProblem[] = [];
      writeDeck(draft, teamDir, false, tells);
      const sourced = sourcedTells(draft, tells);
      const warnings = [...draft.issues.map(formatIssue), ...sourced.issues.map(formatIssue), ...sourced.rest.map((t) => formatProblem(inTeamFolder(t)))];
      return {
        status: 'imported',
        deckId: draft.meta.id,
        summary: summaryLine({ ...summarise(draft), warnings: warnings.length }),
        warnings,
      };
    } catch (err) {
      if (err instanceof ImportError) return { status: 'refused', problem: `${clip(name)}: ${err.message}`, details: [] };
      if (err instanceof DeckExistsError) {
        return { status: 'refused', problem: exists(path.basename(err.dir)), details: [] };
      }
      if (err instanceof ContentError) {
        return { status: 'refused', problem: `the deck made from ${clip(name)} does not pass the content check`, details: err.problems.map((p) => formatProblem(inTeamFolder(p))) };
      }
      return { status: 'refused', problem: `${clip(name)}: ${(err as Error).message}`, details: [] };
    }
  }
}

/** The refusal of a deck id the team already sees (a shared deck's or its own). */
function exists(deckId: string): string {
  return `a deck "${deckId}" already exists; give another id`;
}

/** `outcome` with control and bidi-override characters escaped in every line. */
function escaped(outcome: DeckImportOutcome): DeckImportOutcome {
  if (outcome.status === 'imported') return { ...outcome, summary: safeText(outcome.summary), warnings: outcome.warnings.map(safeText) };
  return { ...outcome, problem: safeText(outcome.problem), details: outcome.details.map(safeText) };
}

/** The bytes at `url`, or a one-line reason (HTTP status, too big, network error). */
async function download(get: typeof fetch, url: string, maxBytes: number): Promise<Uint8Array | string> {
  let res: Response;
  try {
    res = await get(url);
  } catch (err) {
    return `could not download the file (${(err as Error).message})`;
  }
  if (!res.ok) return `could not download the file (HTTP ${res.status})`;
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return `the file is ${kib(declared)}; the largest accepted is ${kib(maxBytes)}`;
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body?.getReader();
  if (!reader) return new Uint8Array();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return `the file is larger than ${kib(maxBytes)}, the largest accepted`;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Bytes as "12 KiB" / "2.0 MiB". */
function kib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}
