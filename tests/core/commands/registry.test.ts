/**
 * Every subcommand in the registry is complete: help with an example that parses to it, a picker
 * description, unique words, typed options that fit command pickers. Runs over every entry, so a
 * new subcommand is checked the moment it is listed.
 */
import { describe, expect, it } from 'vitest';
import { SUBCOMMANDS } from '../../../src/core/command.js';
import { ALL_COMMANDS, CATALOGUE, commandSpec, postsToChannel, resolveSubcommand } from '../../../src/core/commands/registry.js';
import { parseCommand } from '../../../src/core/parse-command.js';

describe.each(ALL_COMMANDS.map((c) => [c.name, c] as const))('subcommand %s', (name, spec) => {
  it('has help: usage starting with its name, a summary, details, and at least one example', () => {
    expect(spec.help.usage.split(' ')[0]).toBe(name);
    expect(spec.help.summary.trim()).not.toBe('');
    expect(spec.help.summary).not.toMatch(/\.$/);
    expect(spec.help.examples.length).toBeGreaterThanOrEqual(1);
    expect(spec.help.details.length).toBeGreaterThanOrEqual(1);
    for (const line of spec.help.details) expect(line.trim()).not.toBe('');
  });

  it('every example parses to this subcommand', () => {
    for (const example of spec.help.examples) {
      expect(example.split(' ')[0]).toBe(name);
      expect(parseCommand(example).kind, example).toBe(name);
    }
  });

  it('has a one-line picker description of at most 100 characters', () => {
    expect(spec.description).toMatch(/^[A-Z]/);
    expect(spec.description.length).toBeLessThanOrEqual(100);
    expect(spec.description).not.toMatch(/\n/);
  });

  it('is reached by its name and each alias, in any case', () => {
    for (const word of [name, ...spec.aliases]) {
      expect(resolveSubcommand(word)).toBe(name);
      expect(resolveSubcommand(word.toUpperCase())).toBe(name);
    }
    expect(commandSpec(name)).toBe(spec);
  });

  it('declares options a command picker accepts, and builds its command from them unless it is text-only', () => {
    const names = spec.options.map((o) => o.name);
    expect(new Set(names).size).toBe(names.length);
    for (const o of spec.options) {
      expect(o.name).toMatch(/^[a-z][a-z0-9-]{0,31}$/);
      expect(o.description.length).toBeGreaterThan(0);
      expect(o.description.length).toBeLessThanOrEqual(100);
      expect(o.choices === undefined || o.choicesFrom === undefined).toBe(true);
      if (o.choices) expect(o.choices.length).toBeLessThanOrEqual(25);
      if (o.autocomplete || o.maxLength !== undefined || o.choicesFrom) expect(o.kind).toBe('string');
    }
    if (spec.textOnly) expect(spec.options).toEqual([]);
    else expect(spec.fromOptions).toBeTypeOf('function');
  });
});

describe('the registry', () => {
  it('lists each subcommand once, in help order, with no word claimed twice', () => {
    expect(SUBCOMMANDS).toEqual(ALL_COMMANDS.map((c) => c.name));
    const words = ALL_COMMANDS.flatMap((c) => [c.name, ...c.aliases]);
    expect(new Set(words).size).toBe(words.length);
    for (const w of words) expect(w).toBe(w.toLowerCase());
  });

  it('fits every subcommand name into one option\'s choices (help topic: at most 25)', () => {
    expect(SUBCOMMANDS.length).toBeLessThanOrEqual(25);
  });

  it('gives help the same entries, in the same order', () => {
    expect(CATALOGUE.entries.map((e) => e.name)).toEqual([...SUBCOMMANDS]);
    expect(CATALOGUE.resolve('lb')).toBe('leaderboard');
    expect(CATALOGUE.suggest('explian')).toEqual(['explain']);
  });

  it('says which commands post to the channel: a round opened here, and close', () => {
    expect(postsToChannel({ kind: 'quiz', here: true } as never)).toBe(true);
    expect(postsToChannel({ kind: 'quiz', here: false } as never)).toBe(false);
    expect(postsToChannel({ kind: 'close' })).toBe(true);
    expect(postsToChannel({ kind: 'explain', query: 'grants' } as never)).toBe(false);
    expect(postsToChannel({ kind: 'no-such-thing' })).toBe(false);
  });
});
