/**
 * Small text helpers shared by the importers: ids from names, sentences, and the AWS services a text
 * names (deck and question tags).
 */
import { normalise } from '../core/deck/normalise.js';
import { safeText } from '../core/safe-text.js';

/** Longest id slug the importers make before adding a prefix or a "-2" suffix. */
const MAX_SLUG = 48;

/**
 * A lower-case id from free text: letters and digits joined by single hyphens, at most `max`
 * characters, cut at a hyphen when possible. "Grant (KMS)" -> "grant-kms". Empty input -> "item".
 * Terminal escape sequences and other control or bidi-override characters are dropped first, so
 * "Q\x1b[31m?" gives "q", not "q-31m".
 */
export function slug(text: string, max = MAX_SLUG): string {
  const base = withoutUnsafe(text)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (base.length <= max) return base || 'item';
  const cut = base.slice(0, max);
  const at = cut.lastIndexOf('-');
  return (at > 8 ? cut.slice(0, at) : cut).replace(/-+$/, '') || 'item';
}

/** An ANSI escape sequence: OSC "ESC ] … BEL" (a window title), CSI "ESC [ … letter", or ESC and one character. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing escape sequences is the point
const ESCAPE_SEQUENCE = /\u001b(?:\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\[[0-9;?]*[ -/]*[@-~]|[@-Z\\-_])?/g;
/** Control characters (other than tab and newline) and bidi embeddings, overrides and isolates, as safeText escapes them. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const UNSAFE_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `text` without terminal escape sequences and control or bidi-override characters (tab and newline kept). */
export function withoutUnsafe(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(UNSAFE_CHARS, '');
}

/**
 * The control and bidi-override characters in `text`, each written as safeText escapes it ("\x1b",
 * "\u202e"), without repeats; empty when the text is clean.
 */
export function unsafeChars(text: string): string[] {
  const shown = safeText(text);
  if (shown === text) return [];
  return [...new Set(shown.match(/\\x[0-9a-f]{2}|\\u[0-9a-f]{4}/g) ?? [])].filter((esc) => !text.includes(esc));
}

/** The warning for text holding control or bidi-override characters: "contains control or bidi-override characters (\x1b \u202e)". */
export function unsafeMessage(chars: readonly string[]): string {
  return `contains control or bidi-override characters (${chars.join(' ')})`;
}

/**
 * A file name as it may become data (deck id, title, `source`): without escape sequences and control or
 * bidi-override characters, a tab or line end made a space. `removed` lists what was taken out as
 * safeText writes it ("\x07", "\n"); empty when the name was clean.
 */
export function cleanFileName(name: string): { name: string; removed: string[] } {
  const lineBreaks = [...new Set(name.match(/[\t\n\r]/g) ?? [])].map((c) => JSON.stringify(c).slice(1, -1));
  const removed = [...unsafeChars(name), ...lineBreaks];
  return { name: removed.length === 0 ? name : withoutUnsafe(name).replace(/[\t\n\r]+/g, ' '), removed };
}

/** Returns a function that makes ids unique by adding "-2", "-3", ... (ids already in `taken` count). */
export function uniqueIds(taken: Iterable<string> = []): (wanted: string) => string {
  const used = new Set(taken);
  return (wanted) => {
    let id = wanted;
    for (let n = 2; used.has(id); n++) id = `${wanted}-${n}`;
    used.add(id);
    return id;
  };
}

/**
 * Split prose into sentences at ". ", "! " or "? " followed by a capital letter, digit or quote/backtick.
 * Abbreviations like "e.g. " followed by lower case stay inside the sentence.
 */
export function sentences(text: string): string[] {
  return text
    .trim()
    .split(/(?<=[.!?]["”)]?)\s+(?=[A-Z0-9"“`(])/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The first sentence of `text` (the whole text when it has one). */
export function firstSentence(text: string): string {
  return sentences(text)[0] ?? text.trim();
}

/** Collapse runs of white space to one space and trim. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** True when the normalised words of `needle` occur as a run of whole words in `haystack`. */
export function mentions(haystack: string, needle: string): boolean {
  const n = normalise(needle);
  if (n === '') return false;
  return ` ${normalise(haystack)} `.includes(` ${n} `);
}

/** AWS services a chapter or question may name, with the tag each becomes (tag ids as in deck.yaml). */
const SERVICES: readonly { tag: string; pattern: RegExp }[] = [
  { tag: 'kms', pattern: /\bKMS\b|Key Management Service/ },
  { tag: 's3', pattern: /\bS3\b|Simple Storage Service/ },
  { tag: 'ebs', pattern: /\bEBS\b|Elastic Block Store/ },
  { tag: 'rds', pattern: /\bRDS\b|Aurora\b/ },
  { tag: 'ec2', pattern: /\bEC2\b/ },
  { tag: 'iam', pattern: /\bIAM\b/ },
  { tag: 'cloudtrail', pattern: /CloudTrail/ },
  { tag: 'cloudwatch', pattern: /CloudWatch/ },
  { tag: 'acm', pattern: /\bACM\b|Certificate Manager/ },
  { tag: 'cloudfront', pattern: /CloudFront/ },
  { tag: 'elb', pattern: /\b(?:ELB|ALB|NLB)\b|Load Balancer/i },
  { tag: 'route53', pattern: /Route 53|Route53/ },
  { tag: 'vpc', pattern: /\bVPC\b/ },
  { tag: 'secrets-manager', pattern: /Secrets Manager/ },
  { tag: 'ssm', pattern: /Parameter Store|Systems Manager/ },
  { tag: 'dynamodb', pattern: /DynamoDB/ },
  { tag: 'lambda', pattern: /\bLambda\b/ },
  { tag: 'sqs', pattern: /\bSQS\b/ },
  { tag: 'sns', pattern: /\bSNS\b/ },
  { tag: 'efs', pattern: /\bEFS\b/ },
  { tag: 'glacier', pattern: /Glacier/ },
  { tag: 'organizations', pattern: /AWS Organizations|\bSCPs?\b/ },
  { tag: 'cloudhsm', pattern: /CloudHSM/ },
  { tag: 'waf', pattern: /\bWAF\b/ },
  { tag: 'shield', pattern: /\bShield\b/ },
];

/** Tags of the services `text` names, in the order of the service list above. */
export function serviceTags(text: string): string[] {
  return SERVICES.filter((s) => s.pattern.test(text)).map((s) => s.tag);
}

/**
 * Tags of the services `text` names, most often named first (ties in service-list order), so a
 * chapter's main services lead its deck tags.
 */
export function serviceTagsByCount(text: string): string[] {
  return SERVICES.map((s, index) => ({ tag: s.tag, index, count: (text.match(new RegExp(s.pattern.source, `${s.pattern.flags}g`)) ?? []).length }))
    .filter((s) => s.count > 0)
    .sort((a, b) => b.count - a.count || a.index - b.index)
    .map((s) => s.tag);
}

/** FNV-1a 32-bit hash of a text, for deterministic positions and picks. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
