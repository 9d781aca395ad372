/**
 * Assembling core from a Config: store -> deck library -> CoreDeps -> Tutor and DailyRounds.
 * Shared by `npm start` (src/main.ts) and `npm run ask` (src/ask.ts). Start-up problems a user can
 * fix (a database that cannot be opened, invalid content) become a StartupError whose lines are
 * printed as they are, instead of a stack trace.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig, type Config } from './config.js';
import { DailyRounds } from './core/daily.js';
import { formatProblem } from './core/deck/content-problem.js';
import { safeText } from './core/safe-text.js';
import { ContentError, type DeckLibrary } from './core/deck/library.js';
import { loadLibrary, type SkippedDeck, UnknownDefaultDeckError } from './core/deck/loader.js';
import { TEAM_DECKS_FOLDER } from './core/deck/team-folder.js';
import type { CoreDeps } from './core/deps.js';
import type { Logger } from './core/ports/logger.js';
import type { PosterRegistry } from './core/ports/poster.js';
import type { StoreHandle } from './core/ports/store.js';
import { Tutor } from './core/tutor.js';
import { chatImporter } from './import/chat-import.js';
import { isStoreOpenError, openChosenStore } from './store/select.js';
import { WallTimers } from './wall-timers.js';
import { vegaChartRenderer } from './charts/vega-chart.js';

/** Minimum gap between two edits of a round message's answer count, in ms. */
const ROUND_REFRESH_MS = 10_000;

/** A start-up failure to print (each line as is) before exiting with status 1. */
class StartupError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
    this.name = 'StartupError';
  }
}

/** The assembled core. `deps.posters` are the posters given to startCore. */
export interface Core {
  store: StoreHandle;
  library: DeckLibrary;
  deps: CoreDeps;
  tutor: Tutor;
  daily: DailyRounds;
  timers: WallTimers;
  /** Cancel pending timers and round refreshes, then close the store. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Open the store and load the decks, then build the Tutor and DailyRounds, posting through
 * `posters` (the configured adapters' posters by platform; none for `npm run ask`).
 * @throws StartupError for an IMPORT_DIR that is missing, not a folder or not writable (one line
 *   naming IMPORT_DIR), a database that cannot be opened (one line naming the path), a
 *   DEFAULT_DECK that names no deck (one line listing the decks) or invalid content (every problem,
 *   then "refusing to start").
 */
async function startCore(config: Config, logger: Logger, posters: PosterRegistry = {}): Promise<Core> {
  const importDirProblem = config.importDir === undefined ? undefined : checkImportDir(config);
  if (importDirProblem) throw new StartupError([`kms-tutor: ${importDirProblem}`]);
  let store: StoreHandle;
  try {
    store = await openChosenStore(config, logger);
  } catch (err) {
    if (isStoreOpenError(err)) throw new StartupError([`kms-tutor: ${err.message}`]);
    throw err;
  }
  if (!isDirectory(config.contentDir)) {
    void store.close();
    throw new StartupError([`kms-tutor: CONTENT_DIR "${safeText(config.contentDir)}" is not a folder (it should hold decks/<deck-id>/; default "content")`]);
  }
  const loadDecks = libraryLoader(config, logger);
  let library: DeckLibrary;
  try {
    library = loadDecks();
  } catch (err) {
    void store.close();
    if (err instanceof UnknownDefaultDeckError) throw new StartupError([`kms-tutor: ${err.message}`]);
    if (err instanceof ContentError) {
      throw new StartupError([
        `kms-tutor: the content in "${config.contentDir}" has ${err.problems.length} problem${err.problems.length === 1 ? '' : 's'}:`,
        ...err.problems.map((p) => `  ${formatProblem(p)}`),
        'kms-tutor: refusing to start. Fix the files above (`npm run content:check` re-checks them).',
      ]);
    }
    throw err;
  }
  const timers = new WallTimers((err) => logger.error({ err }, 'timer callback failed'));
  const charts = vegaChartRenderer();
  const deps: CoreDeps = {
    store,
    library,
    reloadDecks: loadDecks,
    ...(config.importDir ? { importer: chatImporter({ decksDir: config.importDir }) } : {}),
    posters,
    logger,
    random: Math.random,
    timers,
    settings: { channelRoundMs: config.roundMinutes * 60_000, roundRefreshMs: ROUND_REFRESH_MS },
    charts,
  };
  const tutor = new Tutor(deps);
  const daily = new DailyRounds(deps);
  let closed = false;
  return {
    store,
    library,
    deps,
    tutor,
    daily,
    timers,
    async close() {
      if (closed) return;
      closed = true;
      tutor.rounds.dispose();
      await tutor.rounds.settled();
      timers.cancelAll();
      await charts.close();
      await store.close();
    },
  };
}

/**
 * The one-line problem with IMPORT_DIR (the folder chat imports write to), naming it; undefined when
 * it is unset, is the first DECKS_PATH folder, or is an existing folder this process can write to.
 * It is never created: a typo would otherwise silently become a new folder.
 */
function checkImportDir(config: Config): string | undefined {
  const dir = config.importDir;
  // The first DECKS_PATH folder follows DECKS_PATH's own rule (a missing folder is logged, not fatal).
  if (dir === undefined || dir === config.decksPath[0]) return undefined;
  const name = 'IMPORT_DIR';
  if (!existsSync(dir)) return `${name} names a folder that does not exist: "${dir}" (create it, or fix the variable)`;
  if (!statSync(dir).isDirectory()) return `${name} names "${dir}", which is not a folder`;
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    return `${name} names the folder "${dir}", which this process cannot write to`;
  }
  return undefined;
}

/**
 * Load the bundled decks and those under DECKS_PATH (shared), and each team's own decks under
 * `<IMPORT_DIR>/teams/` (seen by that team only), logging one warning per skipped deck (its reason
 * names the file, item, field and line). Used at start-up and again after an import in chat.
 * @throws ContentError / UnknownDefaultDeckError as loadLibrary.
 */
function libraryLoader(config: Config, logger: Logger): () => DeckLibrary {
  return () => {
    const skipped: SkippedDeck[] = [];
    // Problems name files relative to the working directory, so the printed paths open from there.
    const library = loadLibrary(config.contentDir, {
      displayBase: process.cwd(),
      extraDirs: config.decksPath,
      ...(config.importDir ? { teamsDir: path.join(config.importDir, TEAM_DECKS_FOLDER) } : {}),
      skipped,
      ...(config.defaultDeck ? { defaultDeckId: config.defaultDeck } : {}),
    });
    for (const s of skipped) logger.warn({ deckDir: s.dir, reason: s.reason }, `deck skipped: ${s.reason}`);
    return library;
  };
}

/**
 * `loadConfig(env)`, or undefined after writing its one-line ConfigError to stderr
 * (the caller exits 1). Other errors are bugs and are rethrown.
 */
export function loadConfigOrReport(env: NodeJS.ProcessEnv): Config | undefined {
  try {
    return loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`kms-tutor: ${err.message}\n`);
    return undefined;
  }
}

/**
 * `startCore(config, logger, posters)`, or undefined after writing the StartupError's lines to stderr
 * (the caller exits 1). Other errors are bugs and are rethrown.
 */
export async function startCoreOrReport(config: Config, logger: Logger, posters: PosterRegistry = {}): Promise<Core | undefined> {
  try {
    return await startCore(config, logger, posters);
  } catch (err) {
    if (!(err instanceof StartupError)) throw err;
    process.stderr.write(`${err.lines.join('\n')}\n`);
    return undefined;
  }
}

/** Whether `path` is an existing folder (false for a missing path, a file or an unreadable parent). */
function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
