/**
 * `npm run import -- <file> [--id <deck-id>] [--out <folder>] [--format <f>] [--chapter <n>] [--force]`:
 * turn a chapter of the course or a question bank (CSV/TSV, Anki .apkg, Open Trivia DB JSON) into a deck
 * folder that `npm run content:check` accepts. Prints warnings (stderr), then the deck folder and a
 * summary; exits 1 with one-line messages on failure. Never prints a stack trace.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runImport } from './import/run-import.js';

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  const result = runImport(process.argv.slice(2));
  for (const line of result.warnings) console.error(line);
  for (const line of result.lines) (result.exitCode === 0 ? console.log : console.error)(line);
  process.exitCode = result.exitCode;
}
