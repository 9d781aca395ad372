/**
 * Terms from a chapter's "Key Terms" and "Key Term Review" pairs, merged when they name the same
 * thing: names are compared without their parentheses, with plurals folded (core normalise) and a
 * trailing "behavior"/"behaviour" dropped, so "Grant (KMS)" = "Grants (KMS)", "AWS KMS key" = "AWS KMS key
 * (formerly CMK)" and "EBS encryption" = "EBS encryption behavior".
 *
 * Aliases come from the other spellings (a plural "Grants (KMS)" included) and from parentheses
 * ("formerly CMK" -> "CMK", "for example, aws/s3" -> "aws/s3", a qualifier "KMS" -> "KMS Grant"); lookups
 * fold plurals themselves.
 */
import { normalise } from '../core/deck/normalise.js';
import type { Term } from '../core/deck/schema.js';
import type { TermPair } from './chapter-parse.js';
import { firstSentence, sentences, slug, squash, uniqueIds } from './text.js';

/** A pair with the section it came from. */
export interface SourcedPair extends TermPair {
  section: string;
  /** True for the "Key Terms" section (its names and definitions lead a merged term). */
  glossary: boolean;
}

/** The name without parentheses: "Grant (KMS)" -> "Grant". */
export function baseName(name: string): string {
  return squash(name.replace(/\([^)]*\)/g, ' '));
}

/** The key two names are merged by (module docstring). */
function mergeKey(name: string): string {
  return normalise(baseName(name)).replace(/ (?:behavior|behaviour)$/, '');
}

/** Aliases a name gives: what its parentheses say, and the name without them. */
function aliasesOf(name: string): string[] {
  const base = baseName(name);
  const out: string[] = [];
  if (base !== name) out.push(base);
  for (const [, inner = ''] of name.matchAll(/\(([^)]*)\)/g)) {
    const text = squash(inner);
    const named = /^(?:formerly(?: called)?|previously|also(?: called| known as)?|aka|a\.k\.a\.)\s+(.+)$/i.exec(text);
    const example = /^(?:for example|e\.g\.|such as|like)[,:]?\s+(.+)$/i.exec(text);
    if (named?.[1]) out.push(...named[1].split(/\s*(?:,|\bor\b)\s*/).filter(Boolean));
    else if (example?.[1]) out.push(...example[1].split(/\s*(?:,|\bor\b|\band\b)\s*/).filter(Boolean));
    else if (text !== '' && text.split(' ').length <= 3) out.push(`${text} ${base}`);
  }
  return out;
}

/**
 * Merge the pairs into terms (in order of first appearance, "Key Terms" names preferred), with ids
 * unique among themselves and `taken`. `section` is the Key Terms section when the term is there,
 * else where it first appeared; `also_in` lists the other sections.
 * @param summaryLines when given, filled with each term id -> the 1-based input line its summary comes
 *   from (the lead pair's "- definition" line), so warnings about a term's summary can name the line.
 */
export function mergeTerms(pairs: readonly SourcedPair[], taken: Iterable<string> = [], summaryLines?: Map<string, number>): Term[] {
  const groups = new Map<string, SourcedPair[]>();
  for (const pair of pairs) {
    const key = mergeKey(pair.name) || normalise(pair.name);
    groups.set(key, [...(groups.get(key) ?? []), pair]);
  }
  const unique = uniqueIds(taken);
  const terms: Term[] = [];
  for (const group of groups.values()) {
    const lead = group.find((p) => p.glossary) ?? group[0];
    if (!lead) continue;
    const name = lead.name;
    const seen = new Set([name.toLowerCase()]);
    const aliases: string[] = [];
    const add = (alias: string | undefined) => {
      const a = alias === undefined ? '' : squash(alias);
      if (a === '' || seen.has(a.toLowerCase())) return;
      seen.add(a.toLowerCase());
      aliases.push(a);
    };
    for (const pair of [lead, ...group.filter((p) => p !== lead)]) {
      if (pair !== lead) add(pair.name);
      aliasesOf(pair.name).forEach(add);
    }
    const definitions: string[] = [];
    for (const pair of [lead, ...group.filter((p) => p !== lead)]) {
      if (!definitions.some((d) => normalise(d) === normalise(pair.definition))) definitions.push(squash(pair.definition));
    }
    const [definition = '', ...more] = definitions;
    const summary = firstSentence(definition);
    const rest = [...sentences(definition).slice(1), ...more].join(' ');
    const sections = [...new Set(group.map((p) => p.section))];
    const primary = lead.section;
    const others = sections.filter((s) => s !== primary);
    const id = unique(slug(baseName(name) === '' ? name : name));
    summaryLines?.set(id, lead.definitionLine);
    terms.push({
      id,
      name,
      aliases,
      summary,
      explanation: rest === '' ? definition : rest,
      related: [],
      section: primary,
      ...(others.length > 0 ? { also_in: others } : {}),
    });
  }
  // Related: other terms whose name or alias the definition names.
  for (const term of terms) {
    const text = ` ${normalise(`${term.summary} ${term.explanation}`)} `;
    term.related = terms
      .filter((other) => other !== term)
      .filter((other) => [baseName(other.name), ...other.aliases].some((n) => normalise(n).length > 3 && text.includes(` ${normalise(n)} `)))
      .map((other) => other.id);
  }
  return terms;
}
