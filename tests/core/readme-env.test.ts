/**
 * The README's "Environment variables" table lists every variable the code reads: the config schema
 * (src/config.ts), the scheduler's heartbeat and the container health check.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|mjs)$/.test(entry.name) ? [full] : [];
  });
}

/** Variable names read as `env.NAME` anywhere in src/, plus the keys of the config schema. */
function variablesInCode(): Set<string> {
  const names = new Set<string>();
  for (const file of sourceFiles(path.join(ROOT, 'src'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)) names.add(m[1]!);
  }
  const config = readFileSync(path.join(ROOT, 'src', 'config.ts'), 'utf8');
  const schema = config.slice(config.indexOf('const EnvSchema = z.object({'), config.indexOf('});', config.indexOf('const EnvSchema')));
  for (const m of schema.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)) names.add(m[1]!);
  return names;
}

describe('README environment variables', () => {
  it('the table names every variable the code reads, HEARTBEAT_PATH and HEARTBEAT_MAX_AGE_S included', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf('\n## Environment variables');
    const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
    const listed = new Set([...section.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1]!));
    const inCode = variablesInCode();
    expect(inCode).toContain('HEARTBEAT_PATH');
    expect(inCode).toContain('HEARTBEAT_MAX_AGE_S');
    expect(inCode).toContain('DATABASE_PATH');
    expect([...inCode].filter((name) => !listed.has(name))).toEqual([]);
  });
});
