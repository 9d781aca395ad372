import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const DOCKERFILE = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');

/** The text of one README section: from its "## " or "### " heading to the next heading of that level or higher. */
function section(heading: string): string {
  const start = README.indexOf(`\n${heading}\n`);
  expect(start, `README has a "${heading}" section`).toBeGreaterThanOrEqual(0);
  const level = heading.split(' ')[0]!;
  const rest = README.slice(start + heading.length + 2);
  const next = rest.search(new RegExp(`\\n#{2,${level.length}} `));
  return next < 0 ? rest : rest.slice(0, next);
}

describe('build prerequisites for better-sqlite3 (native addon)', () => {
  it('the README says what a machine without a prebuilt binary needs: python3, make and a C++ compiler', () => {
    const text = section('## Requirements');
    expect(text).toMatch(/Node\.js 20/);
    expect(text).toMatch(/better-sqlite3/);
    for (const tool of ['python3', 'make', 'g++']) expect(text).toContain(`\`${tool}\``);
    expect(text).toMatch(/apt-get install[^\n]*python3 make g\+\+/);
  });

  it("the Dockerfile's build stage installs python3, make and g++ (the runtime stage does not)", () => {
    const stages = DOCKERFILE.split(/^FROM /m).slice(1);
    expect(stages).toHaveLength(2);
    const [build, runtime] = stages as [string, string];
    expect(build).toMatch(/AS build/);
    expect(build).toMatch(/apt-get install[^\n]*\bpython3 make g\+\+/);
    expect(build.indexOf('g++')).toBeLessThan(build.indexOf('npm ci'));
    expect(runtime).not.toMatch(/g\+\+|python3/);
  });
});
