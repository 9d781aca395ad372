/**
 * Turn zod issues from the content schemas (schema.ts) into ContentProblems an author can act on:
 * "expected text but YAML read a number (1) — quote it" rather than "expected string, received number".
 */
import type { z } from 'zod';
import { formatField, type ContentProblem, type YamlPath } from './content-problem.js';

/** Where the validated value sits: its file, the name of the item and the path of the item in the file. */
export interface ItemLocation {
  file: string;
  itemId: string;
  /** Path of the item inside the file's data, e.g. ["questions", 4]; [] for deck.yaml. */
  itemPath: YamlPath;
  /** Line lookup for a path in the file (see YamlFile.lineOf). */
  lineOf(path: YamlPath): number | undefined;
  /** The scalar's text as written at a path in the file (see YamlFile.sourceOf), when known. */
  sourceOf?(path: YamlPath): string | undefined;
}

/**
 * Validate `raw` with `schema`. Returns the parsed value, or undefined after pushing one problem per
 * issue onto `problems` (at most one per field: a wrong type hides the follow-on issues of that field).
 */
export function parseItem<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  where: ItemLocation,
  problems: ContentProblem[],
): z.output<S> | undefined {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const seen = new Set<string>();
  for (const issue of result.error.issues) {
    const paths: YamlPath[] =
      issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key] as YamlPath) : [issue.path as YamlPath];
    for (const path of paths) {
      const field = formatField(path);
      if (seen.has(field)) continue;
      seen.add(field);
      const message = describeIssue(issue, valueAt(raw, path), where.sourceOf?.([...where.itemPath, ...path]));
      const line = where.lineOf([...where.itemPath, ...path]);
      problems.push({
        file: where.file,
        itemId: where.itemId,
        field,
        message: line === undefined ? message : `${message} (line ${line})`,
      });
    }
  }
  return undefined;
}

function valueAt(root: unknown, path: YamlPath): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/**
 * What YAML made of a value, for messages: "a number (1.0)", "a boolean (true)", "a list". Numbers
 * and booleans show `source`, the text as written in the file, when known: YAML reads `1.0` as the
 * number 1, and "a number (1)" would not be what the author sees in the file.
 */
function describeValue(value: unknown, source?: string): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `text ("${value.length > 40 ? `${value.slice(0, 40)}…` : value}")`;
    case 'number':
    case 'boolean': {
      const written = source !== undefined && source !== '' ? source : String(value);
      return `a ${typeof value} (${written.length > 40 ? `${written.slice(0, 40)}…` : written})`;
    }
    case 'object':
      return 'a mapping';
    default:
      return typeof value;
  }
}

const EXPECTED_NAMES: Record<string, string> = {
  string: 'text',
  boolean: 'true or false',
  number: 'a number',
  int: 'a whole number',
  array: 'a list',
  object: 'a mapping (key: value)',
};

function describeIssue(issue: z.core.$ZodIssue, value: unknown, source?: string): string {
  const describe = (v: unknown) => describeValue(v, source);
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) return 'is required but missing';
      const expected = EXPECTED_NAMES[issue.expected] ?? issue.expected;
      if (issue.expected === 'string') {
        if (value === null) return 'is empty (YAML read null): write the text, or quote it if you mean the word "null"';
        if (typeof value === 'number' || typeof value === 'boolean') {
          return `expected text but YAML read ${describe(value)} — quote it`;
        }
      }
      if (issue.expected === 'boolean' && typeof value === 'string') {
        return `expected true or false but found ${describe(value)} (write true or false, unquoted)`;
      }
      return `expected ${expected} but YAML read ${describe(value)}`;
    }
    case 'unrecognized_keys':
      return 'unknown field (check its spelling in content/AUTHORING.md)';
    case 'too_small':
      if (issue.origin === 'array') {
        const count = Array.isArray(value) ? ` (has ${value.length})` : '';
        return `must list at least ${String(issue.minimum)} item${issue.minimum === 1 ? '' : 's'}${count}`;
      }
      return issue.message;
    case 'too_big':
      if (issue.origin === 'array') {
        const count = Array.isArray(value) ? ` (has ${value.length})` : '';
        return `must list at most ${String(issue.maximum)} items${count}`;
      }
      return issue.message;
    case 'invalid_union': {
      const allowed = issue.errors
        .flat()
        .flatMap((inner) => (inner.code === 'invalid_value' ? inner.values.map((v) => String(v)) : []));
      if (allowed.length > 0) return `must be one of ${allowed.join(', ')} but YAML read ${describe(value)}`;
      return `has an unexpected shape: YAML read ${describe(value)}`;
    }
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => String(v)).join(', ')} but YAML read ${describe(value)}`;
    case 'invalid_format':
      return `${issue.message}; found ${describe(value)}`;
    default:
      return issue.message;
  }
}
