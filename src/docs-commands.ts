/**
 * `npm run docs:commands`: regenerate the files that list subcommands outside src (the Slack
 * manifests' usage hint, the README's subcommand table) from the core registry. With `--check`,
 * write nothing and exit 1 naming each file that differs from what the registry generates.
 * Exit 0 when every file is (now) up to date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GENERATED_FILES, withCommandTable, withUsageHint } from './docs/command-docs.js';

const ROOT = path.resolve(import.meta.dirname, '..');

function main(check: boolean): number {
  const targets: [string, (text: string) => string][] = [
    ...GENERATED_FILES.manifests.map((f): [string, (text: string) => string] => [f, withUsageHint]),
    [GENERATED_FILES.readme, withCommandTable],
  ];
  let stale = 0;
  for (const [file, generate] of targets) {
    const full = path.join(ROOT, file);
    const before = readFileSync(full, 'utf8');
    const after = generate(before);
    if (after === before) continue;
    if (check) {
      console.error(`${file} is out of date with src/core/commands; run npm run docs:commands`);
      stale++;
    } else {
      writeFileSync(full, after);
      console.log(`updated ${file}`);
    }
  }
  return stale === 0 ? 0 : 1;
}

try {
  process.exit(main(process.argv.includes('--check')));
} catch (err) {
  console.error(`docs:commands failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
