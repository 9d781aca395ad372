/**
 * Write a DeckDraft as a deck folder `<decksDir>/<id>/` (deck.yaml, terms.yaml, questions.yaml,
 * scenarios.yaml) that the deck loader accepts. The files are first written to a hidden folder beside
 * the target and loaded with the same checks as `npm run content:check`; only a deck that passes is moved
 * into place, so a failed import leaves nothing behind (not even the --out folder, when the import
 * created it; a folder that existed before is never removed). The YAML is deterministic (same draft, same
 * bytes): no dates, no absolute paths, keys in schema order.
 */
import { existsSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { ContentError } from '../core/deck/library.js';
import type { ContentProblem } from '../core/deck/content-problem.js';
import { DECK_FILES, loadDeck } from '../core/deck/loader.js';
import { isReservedDeckId } from '../core/deck/team-folder.js';
import { RESERVED_DECK_ID } from '../core/text/import.js';
import { createFolder, nearestExisting } from '../fs/folder.js';
import type { DeckDraft } from './draft.js';
import { ImportError } from './issues.js';

/** A deck id (the deck schema's rule): the deck's folder name, so never a path. */
const DECK_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The deck folder already exists and `force` was not given. */
export class DeckExistsError extends Error {
  constructor(readonly dir: string) {
    super(`deck folder ${dir} already exists; pass --force to replace it`);
    this.name = 'DeckExistsError';
  }
}

const OPTIONS = { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false } as const;

/** The four files' text, by file name. */
function renderDeck(draft: DeckDraft): Record<(typeof DECK_FILES)[number], string> {
  const head = `# Imported by \`npm run import\` from ${draft.meta.source.replace(/.*imported from /, '').replace(/\)$/, '')}; re-import rather than edit.\n`;
  return {
    'deck.yaml': head + stringify(draft.meta, OPTIONS),
    'terms.yaml': head + stringify({ terms: draft.terms }, OPTIONS),
    'questions.yaml': head + stringify({ questions: draft.questions }, OPTIONS),
    'scenarios.yaml': head + stringify({ scenarios: draft.scenarios }, OPTIONS),
  };
}

/**
 * Write the deck into `<decksDir>/<draft.meta.id>/` and return that folder. When `warnings` is given, the
 * answer tells the content check finds (tell-checks.ts) are pushed onto it. Problems and warnings name
 * the files where they end up, `<decksDir>/<id>/<file>` with decksDir as given (so a relative --out
 * gives paths that open from the working directory).
 * @throws ImportError when the id is not a deck id or is reserved (isReservedDeckId; nothing is written).
 * @throws DeckExistsError when the folder exists and `force` is false (nothing is written).
 * @throws ContentError when the written deck fails the loader's checks (nothing is left behind).
 * @throws FolderError when `decksDir` cannot be created (a file in the way, /proc, permission denied).
 */
export function writeDeck(draft: DeckDraft, decksDir: string, force: boolean, warnings?: ContentProblem[]): string {
  // The id names the deck's folder (and its staging folder): never a path that could leave decksDir.
  if (!DECK_ID.test(draft.meta.id)) throw new ImportError({ file: draft.meta.source, item: 'deck', field: 'id', message: `${JSON.stringify(draft.meta.id.slice(0, 40))} is not a deck id (lower-case letters, digits and hyphens, at most 63); nothing written` });
  // Nor the team decks' folder: a deck written there would sit among the team decks and never load.
  if (isReservedDeckId(draft.meta.id)) throw new ImportError({ file: draft.meta.source, item: 'deck', field: 'id', message: `${RESERVED_DECK_ID.why(draft.meta.id)}; nothing written` });
  const target = path.resolve(decksDir, draft.meta.id);
  if (existsSync(target) && !force) throw new DeckExistsError(target);
  const finalFile = (p: ContentProblem) => ({ ...p, file: path.join(decksDir, draft.meta.id, path.basename(p.file)) });
  const staging = path.resolve(decksDir, `.import-${draft.meta.id}-${process.pid}`);
  const stagedDeck = path.join(staging, 'decks', draft.meta.id);
  const outDir = path.resolve(decksDir);
  // The folders this import creates (none when --out exists): removed again when it fails.
  const existing = nearestExisting(outDir);
  let written = false;
  try {
    createFolder(outDir);
    createFolder(stagedDeck);
    for (const [name, text] of Object.entries(renderDeck(draft))) writeFileSync(path.join(stagedDeck, name), text);
    const tells: ContentProblem[] = [];
    loadDeck(stagedDeck, tells);
    warnings?.push(...tells.map(finalFile));
    if (existsSync(target)) {
      // --force: replace only the deck's own files, so anything else kept there survives.
      for (const name of DECK_FILES) rmSync(path.join(target, name), { force: true });
      if (readdirSync(target).length === 0) rmSync(target, { recursive: true });
    }
    if (existsSync(target)) {
      for (const name of DECK_FILES) renameSync(path.join(stagedDeck, name), path.join(target, name));
    } else {
      renameSync(stagedDeck, target);
    }
    written = true;
    return target;
  } catch (err) {
    if (err instanceof ContentError) {
      throw new ContentError(err.problems.map(finalFile));
    }
    throw err;
  } finally {
    // existsSync first: under a file in the way (a FolderError) rmSync itself would throw ENOTDIR.
    if (existsSync(staging)) rmSync(staging, { recursive: true, force: true });
    if (!written) removeEmptyFolders(outDir, existing);
  }
}

/** Remove `folder` and its parents below `keep` while they are empty (what a failed import created). */
function removeEmptyFolders(folder: string, keep: string): void {
  // `keep` is an ancestor of `folder` (or the folder itself): only the levels below it are candidates.
  for (let dir = folder; dir !== keep && dir.length > keep.length; dir = path.dirname(dir)) {
    if (!existsSync(dir)) continue;
    if (readdirSync(dir).length > 0) return;
    rmdirSync(dir);
  }
}
