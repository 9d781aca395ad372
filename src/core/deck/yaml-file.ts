/**
 * Read one content YAML file: parse it with the `yaml` package (YAML 1.2 core schema, so `yes` stays the
 * string "yes" while `1.0` is a number and `true` a boolean) and keep the line of every node, so problems
 * found later can say where they are.
 */
import { readFileSync, statSync } from 'node:fs';
import { LineCounter, isMap, isScalar, parseDocument, type Document } from 'yaml';
import { FILE_ITEM, type ContentProblem, type YamlPath } from './content-problem.js';

/** Largest content file read, in bytes (5 MiB); bigger files are refused unread. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** A parsed content file whose top level is a mapping. */
export interface YamlFile {
  /** The file as problems name it (relative to the display base, e.g. "content/decks/x/terms.yaml"; see loadLibrary). */
  display: string;
  /** The plain JS value (objects, arrays, strings, numbers, booleans, null). */
  data: Record<string, unknown>;
  /**
   * 1-based line of the node at `path`, or of its nearest existing ancestor (a missing field is reported
   * at the line of the item that lacks it); undefined when nothing on the path has a position.
   */
  lineOf(path: YamlPath): number | undefined;
  /**
   * The text of the scalar at `path` as written in the file ("1.0", "yes", "'quoted'"), or undefined
   * when there is no scalar there. Messages show it, because YAML turns `1.0` into the number 1.
   */
  sourceOf(path: YamlPath): string | undefined;
}

/**
 * Read and parse `absPath`. On success returns the file; otherwise pushes problems onto `problems`
 * (missing or unreadable file, not a regular file (after following symlinks), over 5 MiB, empty file, the first YAML syntax error with line and column (later ones
 * are usually its follow-ons), duplicate keys,
 * a top level that is not a mapping) and returns undefined. Never throws.
 *
 * @param expectedKey the top-level key the file should have (for the empty/not-a-mapping messages).
 */
export function readYamlFile(
  absPath: string,
  display: string,
  expectedKey: string,
  problems: ContentProblem[],
): YamlFile | undefined {
  const fileProblem = (message: string): undefined => {
    problems.push({ file: display, itemId: FILE_ITEM, field: FILE_ITEM, message });
    return undefined;
  };
  let source: string;
  try {
    // stat follows symlinks: a link to /dev/zero or a FIFO would never finish reading.
    const stats = statSync(absPath);
    if (stats.isDirectory()) return fileProblem('expected a file but found a folder');
    if (!stats.isFile()) return fileProblem('is not a regular file (a device, pipe or socket); refused');
    if (stats.size > MAX_FILE_BYTES) return fileProblem(`is ${stats.size} bytes; a content file may be at most ${MAX_FILE_BYTES} bytes (5 MiB)`);
    source = readFileSync(absPath, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fileProblem('file is missing');
    if (code === 'EISDIR') return fileProblem('expected a file but found a folder');
    return fileProblem(`cannot read the file (${code ?? String(err)})`);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { schema: 'core', lineCounter, prettyErrors: true, uniqueKeys: true });
  const firstError = doc.errors[0];
  if (firstError !== undefined) {
    // Only the first: one bad line (a wrong indent, a stray quote) makes the parser report every later
    // line of its block too, and those follow-on errors go away with the first one.
    const pos = firstError.linePos?.[0];
    const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
    // prettyErrors appends " at line L, column C:" and a code excerpt; keep the first sentence only.
    const message = (firstError.message.split('\n')[0] ?? firstError.message).replace(/ at line \d+, column \d+:?\s*$/, '');
    return fileProblem(`YAML syntax error${where}: ${message}`);
  }
  if (doc.contents === null) return fileProblem(`file is empty (expected "${expectedKey}:" at the top)`);
  if (!isMap(doc.contents)) {
    return fileProblem(`expected a mapping with "${expectedKey}:" at the top, but the file is a ${describeTop(doc)}`);
  }
  let data: Record<string, unknown>;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  } catch (err) {
    return fileProblem(`cannot read the YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
  return {
    display,
    data,
    lineOf(path: YamlPath): number | undefined {
      for (let len = path.length; len >= 0; len--) {
        const node = doc.getIn(path.slice(0, len), true) as { range?: [number, number, number] } | undefined;
        const offset = node?.range?.[0];
        if (offset !== undefined) return lineCounter.linePos(offset).line;
      }
      return undefined;
    },
    sourceOf(path: YamlPath): string | undefined {
      const node = doc.getIn(path, true);
      if (!isScalar(node) || node.range === undefined || node.range === null) return undefined;
      const [start, end] = node.range;
      return source.slice(start, end).trim();
    },
  };
}

function describeTop(doc: Document): string {
  const value: unknown = doc.toJS();
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'string') return 'single line of text';
  return `single ${typeof value} (${String(value)})`;
}
