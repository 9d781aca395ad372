/**
 * Load decks from disk: content/decks/<deck-id>/{deck,terms,questions,scenarios}.yaml -> validated Deck,
 * and all decks -> DeckLibrary (with its fuzzy indexes). Every problem in every file is collected and
 * thrown together as one ContentError, each naming the file, the item id and the field.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { FILE_ITEM, formatProblem, itemName, type ContentProblem } from './content-problem.js';
import { checkDeck, type Located } from './deck-checks.js';
import { checkUnsafeText } from './text-checks.js';
import { checkDomains } from './domain-checks.js';
import { checkTells } from './tell-checks.js';
import { ContentError, type DeckLibrary } from './library.js';
import { createDeckLibrary } from './lookup.js';
import { readTeamDecks } from './team-loader.js';
import { isReservedDeckId, TEAM_DECKS_FOLDER } from './team-folder.js';
import { RESERVED_DECK_ID } from '../text/import.js';
import { parseItem } from './schema-problems.js';
import {
  DeckMetaSchema,
  QuestionSchema,
  QuestionsFileSchema,
  ScenarioSchema,
  ScenariosFileSchema,
  TermSchema,
  TermsFileSchema,
  type Deck,
  type DeckMeta,
  type SourceLocation,
} from './schema.js';
import { readYamlFile, type YamlFile } from './yaml-file.js';

/** The four files of a deck, in the order they are read. */
export const DECK_FILES = ['deck.yaml', 'terms.yaml', 'questions.yaml', 'scenarios.yaml'] as const;

/** Options for loadLibrary. */
export interface LoadLibraryOptions {
  /** Id of the deck used when none is named (DEFAULT_DECK); the first deck (folder name order) when absent. */
  defaultDeckId?: string;
  /**
   * When given, answer tells found in the decks' questions (tell-checks.ts) are pushed here as warnings,
   * named like problems (file, item id, field, line). Warnings never make the load fail.
   */
  warnings?: ContentProblem[];
  /**
   * The folder problems name files relative to (content:check passes the working directory, so the
   * paths it prints open from there); files outside it are named by absolute path. Default: the
   * content folder's parent ("content/decks/x/terms.yaml").
   */
  displayBase?: string;
  /**
   * More folders holding deck folders (DECKS_PATH), read after `<contentDir>/decks/` in the order given.
   * Unlike the bundled decks, a deck here that fails its check does not stop the load: it is left out and
   * one line naming the file, item, field and line is pushed to `skipped`. A deck whose id is already
   * loaded (from the bundled decks or an earlier folder) is refused the same way.
   */
  extraDirs?: readonly string[];
  /** Where the decks left out of `extraDirs` and `teamsDir` are reported (one entry per deck folder or missing folder). */
  skipped?: SkippedDeck[];
  /**
   * The folder holding each team's own decks (`<IMPORT_DIR>/teams`, see team-folder.ts), laid out as
   * `<platform>/<team>/<deck-id>/`. Those decks are seen only in their team's view (DeckLibrary.forTeam);
   * this folder is never read as a deck of an `extraDirs` folder. A team deck that fails its check, or
   * whose id a shared deck (bundled or DECKS_PATH) already uses, is left out and reported in `skipped`.
   */
  teamsDir?: string;
}

/** A deck folder under a DECKS_PATH folder that was not loaded, and why (one line). */
export interface SkippedDeck {
  /** The deck folder (or the DECKS_PATH folder itself when it is missing), as given or absolute. */
  dir: string;
  /** One line: the first problem (file, item, field, line), with "(and N more)" when there are more. */
  reason: string;
}

/**
 * DEFAULT_DECK names no deck folder: an environment problem, not a content one. The message is one
 * line naming the variable, its value and the decks there are.
 */
export class UnknownDefaultDeckError extends Error {
  constructor(
    readonly deckId: string,
    readonly available: readonly string[],
  ) {
    super(`DEFAULT_DECK "${deckId}" is not a deck (available: ${available.join(', ') || 'none'})`);
    this.name = 'UnknownDefaultDeckError';
  }
}

/**
 * Load every deck folder under `<contentDir>/decks/` (folders in name order; files and hidden folders
 * are ignored) and build the library with its term and scenario indexes.
 *
 * Files are named in problems relative to `opts.displayBase`, by default the parent of `contentDir`
 * ("content/decks/x/terms.yaml").
 * @throws ContentError listing every problem in every deck: a missing content folder, no decks, missing,
 *   empty or unparsable files, schema errors, duplicate ids, dangling references, unknown tags, bad
 *   or choices.
 * @throws UnknownDefaultDeckError when `defaultDeckId` is not one of the deck folders (checked before
 *   the decks are read: the environment is fixed first).
 */
export function loadLibrary(contentDir: string, opts: LoadLibraryOptions = {}): DeckLibrary {
  const root = path.resolve(contentDir);
  const displayBase = opts.displayBase === undefined ? path.dirname(root) : path.resolve(opts.displayBase);
  const decksDir = path.join(root, 'decks');
  const decksDisplay = display(displayBase, decksDir);
  if (!isDirectory(root)) {
    throw new ContentError([
      { file: opts.displayBase === undefined ? contentDir : display(displayBase, root), itemId: FILE_ITEM, field: FILE_ITEM, message: 'content folder not found' },
    ]);
  }
  if (!isDirectory(decksDir)) {
    throw new ContentError([
      { file: decksDisplay, itemId: FILE_ITEM, field: FILE_ITEM, message: 'no "decks" folder in the content folder' },
    ]);
  }
  const folders = readdirSync(decksDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
  if (folders.length === 0) {
    throw new ContentError([
      {
        file: decksDisplay,
        itemId: FILE_ITEM,
        field: FILE_ITEM,
        message: 'no decks found (expected folders like decks/<deck-id>/ with deck.yaml, terms.yaml, questions.yaml, scenarios.yaml)',
      },
    ]);
  }
  const teamsDir = opts.teamsDir === undefined ? undefined : path.resolve(opts.teamsDir);
  const extraFolders = (opts.extraDirs ?? []).flatMap((dir) => deckFolders(dir, teamsDir));
  if (opts.defaultDeckId !== undefined && !folders.includes(opts.defaultDeckId) && !extraFolders.some((d) => path.basename(d) === opts.defaultDeckId)) {
    throw new UnknownDefaultDeckError(opts.defaultDeckId, [...folders, ...extraFolders.map((d) => path.basename(d))]);
  }
  const problems: ContentProblem[] = [];
  const decks: Deck[] = [];
  for (const folder of folders) {
    const deck = readDeck(path.join(decksDir, folder), displayBase, problems, opts.warnings);
    if (deck) decks.push(deck);
  }
  if (problems.length > 0) throw new ContentError(problems);
  decks.push(...readExtraDecks(opts.extraDirs ?? [], decks, displayBase, teamsDir, opts.skipped, opts.warnings));
  const defaultDeckId = opts.defaultDeckId ?? decks[0]?.meta.id;
  if (defaultDeckId === undefined || !decks.some((d) => d.meta.id === defaultDeckId)) {
    // The default deck sits in a DECKS_PATH folder and was skipped: say so rather than start without it.
    const why = opts.skipped?.find((s) => path.basename(s.dir) === defaultDeckId)?.reason ?? 'it did not load';
    throw new ContentError([{ file: defaultDeckId ?? decksDisplay, itemId: FILE_ITEM, field: FILE_ITEM, message: `the default deck was skipped: ${why}` }]);
  }
  const shadowed = new Map<string, string[]>();
  const teamDecks = teamsDir === undefined ? new Map() : readTeamDecks(teamsDir, decks, (folder) => readDeckOrReason(folder, displayBase, opts.warnings), opts.skipped, shadowed);
  // A deck written into the team decks' folder itself (an earlier import of id "teams") never loads: say so.
  if (teamsDir !== undefined && existsSync(path.join(teamsDir, 'deck.yaml'))) {
    opts.skipped?.push({ dir: teamsDir, reason: `${display(displayBase, path.join(teamsDir, 'deck.yaml'))}: ${RESERVED_DECK_ID.why(TEAM_DECKS_FOLDER)}; the deck there is not loaded` });
  }
  return createDeckLibrary(decks, defaultDeckId, teamDecks, shadowed);
}

/**
 * The deck folders inside one DECKS_PATH folder (absolute, name order), leaving out `teamsDir` (the
 * team decks' folder when it sits inside); none when the folder is missing.
 */
function deckFolders(dir: string, teamsDir?: string): string[] {
  const abs = path.resolve(dir);
  if (!isDirectory(abs)) return [];
  return readdirSync(abs, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => path.join(abs, entry.name))
    .filter((folder) => folder !== teamsDir)
    .sort();
}

/**
 * Read the decks under the DECKS_PATH folders: a deck with problems, or whose id is already among
 * `loaded` (or an earlier extra deck), is reported in `skipped` and left out; the rest are returned.
 */
function readExtraDecks(dirs: readonly string[], loaded: readonly Deck[], displayBase: string, teamsDir: string | undefined, skipped?: SkippedDeck[], warnings?: ContentProblem[]): Deck[] {
  const seen = new Map(loaded.map((d) => [d.meta.id, d.dir] as const));
  const out: Deck[] = [];
  for (const dir of dirs) {
    if (!isDirectory(path.resolve(dir))) {
      skipped?.push({ dir, reason: `${dir}: DECKS_PATH folder not found` });
      continue;
    }
    for (const folder of deckFolders(dir, teamsDir)) {
      const deck = readDeckOrReason(folder, displayBase, warnings);
      if (typeof deck === 'string') {
        skipped?.push({ dir: folder, reason: deck });
        continue;
      }
      const earlier = seen.get(deck.meta.id);
      if (earlier !== undefined) {
        skipped?.push({ dir: folder, reason: `${display(displayBase, path.join(folder, 'deck.yaml'))}: deck id "${deck.meta.id}" is already loaded from ${display(displayBase, earlier)}; the second is refused` });
        continue;
      }
      seen.set(deck.meta.id, folder);
      out.push(deck);
    }
  }
  return out;
}

/** The deck in `folder`, or one line saying why it cannot load (its first problem, "(and N more)"). */
function readDeckOrReason(folder: string, displayBase: string, warnings?: ContentProblem[]): Deck | string {
  const problems: ContentProblem[] = [];
  const deck = readDeck(folder, displayBase, problems, warnings);
  const first = problems[0];
  if (!first && deck) return deck;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more; npm run content:check lists them)` : '';
  return first ? `${formatProblem(first)}${more}` : `${folder}: deck did not load`;
}

/**
 * Load one deck folder (`dir` holds deck.yaml, terms.yaml, questions.yaml, scenarios.yaml).
 * Files are named in problems relative to the folder three levels up (".../content/decks/<id>" ->
 * "content/decks/<id>/terms.yaml"). When `warnings` is given, answer tells (tell-checks.ts) are pushed onto it.
 * @throws ContentError listing every problem in the deck.
 */
export function loadDeck(dir: string, warnings?: ContentProblem[]): Deck {
  const abs = path.resolve(dir);
  const problems: ContentProblem[] = [];
  const deck = readDeck(abs, path.dirname(path.dirname(path.dirname(abs))), problems, warnings);
  if (!deck || problems.length > 0) throw new ContentError(problems);
  return deck;
}

function isDirectory(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}

function display(base: string, file: string): string {
  const rel = path.relative(base, file);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
}

/** Read and check one deck; pushes problems and returns the deck only when it has none. */
function readDeck(dir: string, displayBase: string, problems: ContentProblem[], warnings?: ContentProblem[]): Deck | undefined {
  const before = problems.length;
  const folderId = path.basename(dir);
  const file = (name: string) => ({ abs: path.join(dir, name), display: display(displayBase, path.join(dir, name)) });

  const metaFile = file('deck.yaml');
  const metaYaml = readYamlFile(metaFile.abs, metaFile.display, 'id', problems);
  let meta: DeckMeta | undefined;
  if (metaYaml) {
    const metaId = itemName(metaYaml.data, 0);
    const itemId = metaId.startsWith('(') ? FILE_ITEM : metaId;
    // The title, chapter, sections and domains are shown in chat like any item's text.
    checkUnsafeText(metaYaml.data, { file: metaYaml.display, itemId, itemPath: [], lineOf: metaYaml.lineOf }, problems);
    meta = parseItem(DeckMetaSchema, metaYaml.data, { file: metaYaml.display, itemId, itemPath: [], lineOf: metaYaml.lineOf, sourceOf: metaYaml.sourceOf }, problems);
    if (meta && meta.id !== folderId) {
      problems.push({
        file: metaYaml.display,
        itemId: meta.id,
        field: 'id',
        message: `deck id "${meta.id}" must equal its folder name "${folderId}"`,
      });
    }
    if (meta && isReservedDeckId(meta.id)) {
      problems.push({ file: metaYaml.display, itemId: meta.id, field: 'id', message: `${RESERVED_DECK_ID.why(meta.id)}; give the deck another id` });
    }
  }

  const termsFile = file('terms.yaml');
  const terms = readList(termsFile.abs, termsFile.display, 'terms', TermsFileSchema, TermSchema, problems);
  const questionsFile = file('questions.yaml');
  const questions = readList(questionsFile.abs, questionsFile.display, 'questions', QuestionsFileSchema, QuestionSchema, problems);
  const scenariosFile = file('scenarios.yaml');
  const scenarios = readList(scenariosFile.abs, scenariosFile.display, 'scenarios', ScenariosFileSchema, ScenarioSchema, problems);

  checkDeck(
    {
      terms: terms.items,
      questions: questions.items,
      scenarios: scenarios.items,
      knownTermIds: terms.ok ? terms.ids : undefined,
      deckTags: deckTags(meta, metaYaml?.data),
      deckSections: deckSections(meta, metaYaml?.data),
    },
    problems,
  );
  if (meta?.domains && metaYaml) {
    checkDomains(
      { domains: meta.domains, file: metaYaml.display, deckId: meta.id, deckTags: new Set(meta.tags), lineOf: metaYaml.lineOf },
      questions.items,
      problems,
    );
  }
  if (questions.ok && questions.items.length === 0) {
    problems.push({ file: questionsFile.display, itemId: FILE_ITEM, field: 'questions', message: 'the deck has no questions (a deck needs at least one)' });
  }
  if (warnings && questions.ok) warnings.push(...checkTells(questions.items, questionsFile.display, questions.keyLine));
  // Report file by file (deck.yaml, terms, questions, scenarios); within a file, in the order found.
  const fileOrder = (problem: ContentProblem) => DECK_FILES.findIndex((name) => problem.file.endsWith(`/${name}`));
  const found = problems.splice(before).sort((a, b) => fileOrder(a) - fileOrder(b));
  problems.push(...found);
  if (found.length > 0 || !meta || !terms.ok || !questions.ok || !scenarios.ok) return undefined;
  const termList = terms.valid;
  const questionList = questions.valid;
  const scenarioList = scenarios.valid;
  return {
    meta,
    dir,
    terms: termList,
    questions: questionList,
    scenarios: scenarioList,
    termsById: new Map(termList.map((t) => [t.id, t])),
    questionsById: new Map(questionList.map((q) => [q.id, q])),
    scenariosById: new Map(scenarioList.map((s) => [s.id, s])),
    sources: { terms: terms.sources, questions: questions.sources, scenarios: scenarios.sources },
  };
}

interface ListResult<T> {
  /** False when the file itself could not be read (its problems are already pushed). */
  ok: boolean;
  /** The items that passed their schema. */
  valid: T[];
  /** Every item, with only the fields that pass their own schema, for the cross-item checks. */
  items: Located<T>[];
  /** Every valid-looking `id` written in the file, including items with schema errors. */
  ids: Set<string>;
  /** 1-based line of the file's top-level key (`questions:`), when known. */
  keyLine?: number;
  /** Where each valid item is written, by id. */
  sources: Map<string, SourceLocation>;
}

/** Read a `<key>:` list file and validate each item; problems are pushed, valid items returned. */
function readList<S extends z.ZodObject>(
  abs: string,
  displayName: string,
  key: 'terms' | 'questions' | 'scenarios',
  fileSchema: typeof TermsFileSchema | typeof QuestionsFileSchema | typeof ScenariosFileSchema,
  itemSchema: S,
  problems: ContentProblem[],
): ListResult<z.output<S>> {
  const result: ListResult<z.output<S>> = { ok: false, valid: [], items: [], ids: new Set(), sources: new Map() };
  const yaml: YamlFile | undefined = readYamlFile(abs, displayName, key, problems);
  if (!yaml) return result;
  const shape = parseItem(fileSchema, yaml.data, { file: displayName, itemId: FILE_ITEM, itemPath: [], lineOf: yaml.lineOf, sourceOf: yaml.sourceOf }, problems);
  if (!shape) return result;
  const list: unknown[] = (shape as Record<string, unknown[] | undefined>)[key] ?? [];
  result.ok = true;
  result.keyLine = yaml.lineOf([key]);
  list.forEach((raw, index) => {
    const itemId = itemName(raw, index);
    if (!itemId.startsWith('(')) result.ids.add(itemId);
    const itemPath = [key, index] as const;
    checkUnsafeText(raw, { file: displayName, itemId, itemPath, lineOf: yaml.lineOf }, problems);
    const item = parseItem(itemSchema, raw, { file: displayName, itemId, itemPath, lineOf: yaml.lineOf, sourceOf: yaml.sourceOf }, problems);
    if (item !== undefined) {
      result.valid.push(item);
      result.sources.set(itemId, { file: displayName, line: yaml.lineOf([...itemPath]) ?? null });
    }
    const checkable = (item ?? validFields(itemSchema, raw)) as Partial<z.output<S>>;
    result.items.push({
      item: { ...checkable, id: itemId },
      file: displayName,
      lineOf: (path) => yaml.lineOf([...itemPath, ...path]),
    });
  });
  return result;
}

/** The fields of `raw` that pass their own schema on their own (the rest are left out), parsed. */
function validFields(schema: z.ZodObject, raw: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [key, fieldSchema] of Object.entries(schema.shape)) {
    const parsed = (fieldSchema as z.ZodType).safeParse((raw as Record<string, unknown>)[key]);
    if (parsed.success && parsed.data !== undefined) out[key] = parsed.data;
  }
  return out;
}

/** deck.yaml's tags when they are valid (even if another deck.yaml field is not), else undefined. */
function deckTags(meta: DeckMeta | undefined, raw: unknown): Set<string> | undefined {
  if (meta) return new Set(meta.tags);
  const tags = validFields(DeckMetaSchema, raw).tags as string[] | undefined;
  return tags ? new Set(tags) : undefined;
}

/** deck.yaml's section titles when listed and valid (even if another deck.yaml field is not), else undefined. */
function deckSections(meta: DeckMeta | undefined, raw: unknown): string[] | undefined {
  if (meta) return meta.sections;
  return validFields(DeckMetaSchema, raw).sections as string[] | undefined;
}
