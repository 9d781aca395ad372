/**
 * `npm run content:check [-- content-dir]`: validate every deck under a content folder (the folder that
 * holds decks/<deck-id>/; first argument, else CONTENT_DIR, else ./content). Prints one summary line
 * per deck and exits 0, or prints every problem (`file: item "id", field "x": message`, or
 * `file:line:column: YAML syntax error: message`) with paths that open from the working directory
 * (under `npm run`, the folder npm was started in: INIT_CWD), and exits 1. `--help` prints the usage. Never prints a stack trace.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ContentProblem, formatProblem } from './core/deck/content-problem.js';
import { ContentError } from './core/deck/library.js';
import { loadLibrary } from './core/deck/loader.js';
import type { Deck } from './core/deck/schema.js';
import { safeText } from './core/safe-text.js';

/** The usage text `--help` prints. */
export const CONTENT_CHECK_USAGE = [
  'Usage: npm run content:check -- [content-dir]',
  '',
  'Checks every deck under content-dir: the folder that holds decks/<deck-id>/ with deck.yaml,',
  'terms.yaml, questions.yaml and scenarios.yaml (the format: content/AUTHORING.md).',
  'content-dir defaults to $CONTENT_DIR, else ./content. Exit status: 0 when every deck is valid,',
  '1 when there are problems (each printed with its file, item and field).',
  '',
  'Example: npm run content:check -- ../my-decks/content',
].join('\n');

/** What a check run prints and its exit code (0 = all decks valid, 1 = problems or a failure). */
export interface ContentCheckResult {
  lines: string[];
  exitCode: 0 | 1;
}

/** The command line, read: check a folder, print the usage, or refuse (with the usage). */
export type ContentCheckArgs =
  | { kind: 'check'; contentDir: string }
  | { kind: 'help'; text: string }
  | { kind: 'problem'; text: string };

/**
 * Read the arguments: `--help`/`-h` -> help; another option, or more than one folder -> problem (one
 * line, then the usage); else the folder from the first argument, CONTENT_DIR or ./content.
 */
export function contentCheckArgs(argv: readonly string[], env: NodeJS.ProcessEnv): ContentCheckArgs {
  const args = readArgs(argv, env);
  return args.kind === 'problem' ? { kind: 'problem', text: safeText(args.text) } : args;
}

function readArgs(argv: readonly string[], env: NodeJS.ProcessEnv): ContentCheckArgs {
  if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help', text: CONTENT_CHECK_USAGE };
  const option = argv.find((a) => a.startsWith('-') && a !== '-');
  if (option !== undefined) return { kind: 'problem', text: `content:check: unknown option "${option.slice(0, 40)}"\n${CONTENT_CHECK_USAGE}` };
  if (argv.length > 1) return { kind: 'problem', text: `content:check: one content folder at most (got ${argv.length})\n${CONTENT_CHECK_USAGE}` };
  return { kind: 'check', contentDir: contentDirFrom(argv, env) };
}

/**
 * Validate the decks under `contentDir` (resolved from `cwd`, default the working directory). Files
 * in problems are named relative to `cwd` (absolute when outside it), so they open from there.
 * Answer tells are printed as `warning:` lines after the summary; they never change the exit code.
 * Never throws: content problems and unexpected failures both become lines and exit code 1. Control
 * and bidi-override characters in any line (a folder's name too) are escaped visibly (safeText).
 */
export function checkContent(contentDir: string, cwd: string = process.cwd()): ContentCheckResult {
  const result = checkContentRaw(contentDir, cwd);
  return { ...result, lines: result.lines.map(safeText) };
}

function checkContentRaw(contentDir: string, cwd: string): ContentCheckResult {
  const warnings: ContentProblem[] = [];
  const warningLines = () => [
    ...warnings.map((w) => `warning: ${formatProblem(w)}`),
    ...(warnings.length > 0 ? [`${warnings.length} warning${warnings.length === 1 ? '' : 's'} (answer tells) in ${contentDir}`] : []),
  ];
  try {
    const library = loadLibrary(path.resolve(cwd, contentDir), { displayBase: cwd, warnings });
    const lines = [...library.decks.values()].map(
      (deck) =>
        `${deck.meta.id}: ${deckSize(deck)} — OK`,
    );
    return { lines: [...lines, ...warningLines()], exitCode: 0 };
  } catch (err) {
    if (err instanceof ContentError) {
      const count = err.problems.length;
      return {
        lines: [...err.problems.map(formatProblem), `${count} problem${count === 1 ? '' : 's'} found in ${contentDir}`, ...warningLines()],
        exitCode: 1,
      };
    }
    return { lines: [`content check failed: ${err instanceof Error ? err.message : String(err)}`], exitCode: 1 };
  }
}

/** The content folder to check: first CLI argument, else CONTENT_DIR, else ./content. */
export function contentDirFrom(argv: readonly string[], env: NodeJS.ProcessEnv): string {
  return argv[0] ?? env.CONTENT_DIR ?? 'content';
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  const args = contentCheckArgs(process.argv.slice(2), process.env);
  if (args.kind === 'help') {
    console.log(args.text);
  } else if (args.kind === 'problem') {
    console.error(args.text);
    process.exitCode = 1;
  } else {
    // `npm run` runs scripts in the package folder; INIT_CWD is where the user typed the command.
    const result = checkContent(args.contentDir, process.env.INIT_CWD || process.cwd());
    for (const line of result.lines) (result.exitCode === 0 ? console.log : console.error)(line);
    process.exitCode = result.exitCode;
  }
}

/** "12 terms, 35 concept cards, 26 questions, 1 scenario" (concept cards only when the deck has some). */
function deckSize(deck: Deck): string {
  const concepts = deck.terms.filter((t) => t.kind === 'concept').length;
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return [
    count(deck.terms.length - concepts, 'term', 'terms'),
    ...(concepts > 0 ? [count(concepts, 'concept card', 'concept cards')] : []),
    count(deck.questions.length, 'question', 'questions'),
    count(deck.scenarios.length, 'scenario', 'scenarios'),
  ].join(', ');
}
