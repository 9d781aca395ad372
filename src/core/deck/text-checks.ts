/**
 * Content text must not carry control characters (other than tab and newline) or bidi overrides: they
 * would reach a chat or terminal raw, recolour it or reverse what follows. One problem per string found.
 */
import { safeText } from '../safe-text.js';
import { formatField, type ContentProblem, type YamlPath } from './content-problem.js';

/** Where an item sits: its file, id, path inside the file, and the line lookup of that file. */
export interface TextCheckTarget {
  file: string;
  itemId: string;
  itemPath: YamlPath;
  lineOf(path: YamlPath): number | undefined;
}

/**
 * Walk `raw` (one parsed YAML item) and push a problem for every string holding a control or
 * bidi-override character, naming the field ("choices[1].text") and its 1-based line; the message
 * quotes the characters escaped ("\x1b").
 */
export function checkUnsafeText(raw: unknown, target: TextCheckTarget, problems: ContentProblem[]): void {
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (typeof value === 'string') {
      const shown = safeText(value);
      if (shown === value) return;
      const bad = [...new Set(shown.match(/\\x[0-9a-f]{2}|\\u[0-9a-f]{4}/g) ?? [])].filter((esc) => !value.includes(esc));
      const line = target.lineOf([...target.itemPath, ...path]);
      problems.push({
        file: target.file,
        itemId: target.itemId,
        field: formatField(path),
        message: `contains control or bidi-override characters (${bad.join(' ')}); remove them${line === undefined ? '' : ` (line ${line})`}`,
      });
    } else if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, [...path, i]);
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    }
  };
  walk(raw, []);
}
