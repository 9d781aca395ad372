/**
 * The import direction rules of docs/ARCHITECTURE.md, checked by reading the import statements of
 * every file under src/ (static `import … from`, `export … from`, side-effect `import '…'` and dynamic
 * `import('…')`, including `import('…').Type` in type positions):
 * - core imports nothing from src/adapters, src/store, src/schedule nor any platform or SQL library;
 * - adapters reach core only through its public surface (the TutorApi, the ports, and the shapes
 *   those speak: Reply, Context, Action, Command, the command registry), never each other, never
 *   the store or the scheduler;
 * - the store and the scheduler never import an adapter; the store never imports the scheduler;
 * - SQL text appears only in src/store.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SRC = join(ROOT, 'src');

/** Every .ts/.mjs file under `dir`, as a path relative to the repository root with `/` separators. */
function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|mjs)$/.test(entry.name)) out.push(relative(ROOT, full).split('\\').join('/'));
  }
  return out.sort();
}

const IMPORT_PATTERNS = [
  /\b(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
];

/** Comments removed, so a docstring that names a module is not taken for an import. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** The specifiers a file imports: relative ones resolved to a repo path (`src/core/reply`), packages as written. */
function importsOf(file: string): string[] {
  const text = withoutComments(readFileSync(join(ROOT, file), 'utf8'));
  const found = new Set<string>();
  for (const pattern of IMPORT_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const spec = match[1] ?? '';
      if (spec.startsWith('.')) {
        const target = relative(ROOT, resolve(join(ROOT, dirname(file)), spec)).split('\\').join('/');
        found.add(target.replace(/\.(js|ts|mjs)$/, ''));
      } else {
        found.add(spec);
      }
    }
  }
  return [...found].sort();
}

/** `file imports spec` pairs breaking a rule, for a readable failure. */
function violations(files: string[], forbidden: (spec: string, file: string) => boolean): string[] {
  return files.flatMap((file) => importsOf(file).filter((spec) => forbidden(spec, file)).map((spec) => `${file} imports ${spec}`));
}

const PLATFORM_OR_SQL_PACKAGES = /^(better-sqlite3|pg|@slack\/|discord\.js|@discordjs\/|node-cron)/;
const all = sourceFiles(SRC);
const core = all.filter((f) => f.startsWith('src/core/'));
const adapters = all.filter((f) => f.startsWith('src/adapters/'));
const store = all.filter((f) => f.startsWith('src/store/'));
const schedule = all.filter((f) => f.startsWith('src/schedule/'));

/** The modules of core an adapter may import: the seam (TutorApi, ports) and the shapes it speaks. */
const CORE_SURFACE = [
  /^src\/core\/tutor-api$/,
  /^src\/core\/ports\//,
  /^src\/core\/(reply|context|action|command|render-text|safe-text)$/,
  /^src\/core\/commands\/(registry|spec|text-args)$/,
  /^src\/core\/deck\/library$/,
];

describe('import direction', () => {
  it('finds the source files and their imports (the scan itself works)', () => {
    expect(core.length).toBeGreaterThan(20);
    expect(adapters.length).toBeGreaterThan(10);
    expect(store.length).toBeGreaterThan(5);
    expect(importsOf('src/core/store-trouble.ts')).toContain('src/core/ports/store-unavailable');
    expect(importsOf('src/store/open.ts')).toContain('better-sqlite3');
  });

  it('core imports nothing from adapters, store, schedule, the entry points, nor a platform or SQL library', () => {
    const bad = violations(
      core,
      (spec) =>
        PLATFORM_OR_SQL_PACKAGES.test(spec) ||
        (spec.startsWith('src/') && !spec.startsWith('src/core/')),
    );
    expect(bad).toEqual([]);
  });

  it('adapters import core only through its public surface, and never each other, the store or the scheduler', () => {
    const bad = violations(adapters, (spec, file) => {
      if (spec.startsWith('src/core/')) return !CORE_SURFACE.some((allowed) => allowed.test(spec));
      if (spec.startsWith('src/store/') || spec.startsWith('src/schedule/') || spec.startsWith('src/import/')) return true;
      if (spec.startsWith('src/adapters/')) {
        const own = file.split('/')[2];
        const target = spec.split('/')[2];
        // src/adapters/platforms.ts (the list of platforms) and the shared text-pieces.ts sit above the folders.
        const shared = spec.split('/').length === 3 || file.split('/').length === 3;
        return !shared && own !== target;
      }
      return /^(better-sqlite3|pg|node-cron)$/.test(spec);
    });
    expect(bad).toEqual([]);
  });

  it('the store and the scheduler import no adapter; the store does not import the scheduler', () => {
    const bad = [
      ...violations([...store, ...schedule], (spec) => spec.startsWith('src/adapters/') || /^(@slack\/|discord\.js|@discordjs\/)/.test(spec)),
      ...violations(store, (spec) => spec.startsWith('src/schedule/')),
    ];
    expect(bad).toEqual([]);
  });
});

describe('SQL lives in src/store', () => {
  const SQL = /\b(SELECT\s+[\w*]|INSERT\s+(OR\s+\w+\s+)?INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|CREATE\s+(TABLE|INDEX|UNIQUE)\s|ALTER\s+TABLE\s|PRAGMA\s+\w)/;

  it('no file outside src/store holds SQL text', () => {
    const bad = all
      .filter((f) => !f.startsWith('src/store/'))
      .filter((f) => SQL.test(withoutComments(readFileSync(join(ROOT, f), 'utf8'))));
    expect(bad).toEqual([]);
  });

  it('the pattern does catch SQL (so the check above is not vacuous)', () => {
    expect(SQL.test("db.prepare('SELECT id FROM rounds WHERE channel_id = ?')")).toBe(true);
    expect(SQL.test('INSERT OR IGNORE INTO answers (round_id) VALUES (?)')).toBe(true);
    expect(SQL.test('Select a letter to answer.')).toBe(false);
  });
});
