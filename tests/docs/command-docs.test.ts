/**
 * The files that list subcommands outside src are generated from the registry: the committed ones
 * must be what `npm run docs:commands` writes (run it after changing a subcommand).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fillExampleDates, README_EXAMPLE_DATES } from '../../src/core/commands/example-dates.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ALL_COMMANDS } from '../../src/core/commands/registry.js';
import { commandTable, GENERATED_FILES, TABLE_END, TABLE_START, usageHint, withCommandTable, withUsageHint } from '../../src/docs/command-docs.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

describe('generated command docs', () => {
  it.each(GENERATED_FILES.manifests)('%s carries the registry\'s usage hint (npm run docs:commands)', (file) => {
    const text = read(file);
    expect(withUsageHint(text)).toBe(text);
    expect(parse(text).features.slash_commands[0].usage_hint).toBe(usageHint());
  });

  it('README.md carries the registry\'s subcommand table (npm run docs:commands)', () => {
    const text = read(GENERATED_FILES.readme);
    expect(withCommandTable(text)).toBe(text);
  });

  it('the usage hint lists the subcommands that declare a hint form, in help order', () => {
    expect(usageHint()).toBe('help | explain <term> | quiz [here] | scenario [id] | leaderboard | stats');
  });

  it('the table has one row per subcommand with its usage, summary and example', () => {
    const rows = commandTable().split('\n').slice(2);
    expect(rows).toHaveLength(ALL_COMMANDS.length);
    ALL_COMMANDS.forEach((c, i) => {
      expect(rows[i]).toContain(`\`${c.help.usage.replace(/\|/g, '\\|')}\``);
      expect(rows[i]).toContain(c.help.summary);
      expect(rows[i]).toContain(`\`${fillExampleDates(c.help.examples[0], README_EXAMPLE_DATES)}\``);
    });
    expect(rows.find((r) => r.startsWith('| `subscribe'))).toContain('needs an admin');
  });

  it('changes only the generated parts, and says what is missing', () => {
    const manifest = 'features:\n  slash_commands:\n    - command: /kms\n      usage_hint: "old"   # kept\n# end\n';
    expect(withUsageHint(manifest)).toBe(`features:\n  slash_commands:\n    - command: /kms\n      usage_hint: ${JSON.stringify(usageHint())}   # kept\n# end\n`);
    expect(() => withUsageHint('features: {}\n')).toThrow(/usage_hint/);
    const readme = `# T\n\nbefore\n${TABLE_START}\nstale\n${TABLE_END}\nafter\n`;
    expect(withCommandTable(readme)).toBe(`# T\n\nbefore\n${TABLE_START}\n${commandTable()}\n${TABLE_END}\nafter\n`);
    expect(() => withCommandTable('# no markers\n')).toThrow(/markers/);
  });
});
