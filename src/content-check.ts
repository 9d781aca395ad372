/**
 * `npm run content:check [content-dir]`: validate every deck under the content folder (first CLI
 * argument, else CONTENT_DIR, else ./content). Prints one summary line per deck and exits 0, or prints
 * every problem as `file: item "id", field "x": message` and exits 1. Never prints a stack trace.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ContentProblem } from './core/deck/content-problem.js';
import { ContentError } from './core/deck/library.js';
import { loadLibrary } from './core/deck/loader.js';

/** What a check run prints and its exit code (0 = all decks valid, 1 = problems or a failure). */
export interface ContentCheckResult {
  lines: string[];
  exitCode: 0 | 1;
}

/**
 * Validate the decks under `contentDir`. Never throws: content problems and unexpected failures both
 * become lines and exit code 1.
 */
export function checkContent(contentDir: string): ContentCheckResult {
  const warnings: ContentProblem[] = [];
  const warningLines = () => [
    ...warnings.map((w) => `warning: ${w.file}: item "${w.itemId}", field "${w.field}": ${w.message}`),
    ...(warnings.length > 0 ? [`${warnings.length} warning${warnings.length === 1 ? '' : 's'} (answer tells) in ${contentDir}`] : []),
  ];
  try {
    const library = loadLibrary(contentDir, { warnings });
    const lines = [...library.decks.values()].map(
      (deck) =>
        `${deck.meta.id}: ${deck.terms.length} terms, ${deck.questions.length} questions, ${deck.scenarios.length} scenarios — OK`,
    );
    return { lines: [...lines, ...warningLines()], exitCode: 0 };
  } catch (err) {
    if (err instanceof ContentError) {
      const count = err.problems.length;
      return {
        lines: [...err.message.split('\n'), `${count} problem${count === 1 ? '' : 's'} found in ${contentDir}`, ...warningLines()],
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
  const result = checkContent(contentDirFrom(process.argv.slice(2), process.env));
  for (const line of result.lines) (result.exitCode === 0 ? console.log : console.error)(line);
  process.exitCode = result.exitCode;
}
