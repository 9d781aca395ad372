/**
 * Which time zone names `subscribe` accepts: IANA region/city names ("Europe/Berlin",
 * "America/Argentina/Buenos_Aires", "Asia/Kolkata") and "UTC" / "Etc/UTC". Abbreviations (EST, PST,
 * CET, …) are refused: the platform's ICU maps EST to America/Panama (no daylight saving) and CET to
 * Europe/Brussels, which is never what was meant. Fixed offsets ("UTC+2", "Etc/GMT-2") are refused too:
 * they do not follow daylight saving either.
 *
 * An accepted name is kept as typed, only re-cased to the canonical spelling of that same name
 * ("europe/berlin" -> "Europe/Berlin"); it is never swapped for another alias of the zone
 * ("Asia/Kolkata" stays "Asia/Kolkata", though ICU calls it "Asia/Calcutta").
 */
import { isValidZone } from '../local-time.js';
import { TIME_ZONE } from '../text/subscriptions.js';

/**
 * Common abbreviations (upper case) and the IANA names to suggest for them, most likely first.
 * Several are ambiguous (IST: India, Ireland or Israel; CST: US Central or China), so the message
 * lists the options.
 */
export const ZONE_ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  EST: ['America/New_York'],
  EDT: ['America/New_York'],
  ET: ['America/New_York'],
  CST: ['America/Chicago', 'Asia/Shanghai'],
  CDT: ['America/Chicago'],
  CT: ['America/Chicago'],
  MST: ['America/Denver', 'America/Phoenix'],
  MDT: ['America/Denver'],
  MT: ['America/Denver'],
  PST: ['America/Los_Angeles'],
  PDT: ['America/Los_Angeles'],
  PT: ['America/Los_Angeles'],
  AKST: ['America/Anchorage'],
  HST: ['Pacific/Honolulu'],
  AST: ['America/Halifax'],
  NST: ['America/St_Johns'],
  BRT: ['America/Sao_Paulo'],
  ART: ['America/Argentina/Buenos_Aires'],
  GMT: ['Europe/London', 'UTC'],
  BST: ['Europe/London'],
  WET: ['Europe/Lisbon'],
  WEST: ['Europe/Lisbon'],
  CET: ['Europe/Berlin', 'Europe/Paris'],
  CEST: ['Europe/Berlin', 'Europe/Paris'],
  MET: ['Europe/Berlin'],
  EET: ['Europe/Athens', 'Europe/Helsinki'],
  EEST: ['Europe/Athens', 'Europe/Helsinki'],
  MSK: ['Europe/Moscow'],
  WAT: ['Africa/Lagos'],
  CAT: ['Africa/Maputo'],
  EAT: ['Africa/Nairobi'],
  SAST: ['Africa/Johannesburg'],
  IST: ['Asia/Kolkata', 'Europe/Dublin', 'Asia/Jerusalem'],
  PKT: ['Asia/Karachi'],
  ICT: ['Asia/Bangkok'],
  WIB: ['Asia/Jakarta'],
  SGT: ['Asia/Singapore'],
  HKT: ['Asia/Hong_Kong'],
  PHT: ['Asia/Manila'],
  JST: ['Asia/Tokyo'],
  KST: ['Asia/Seoul'],
  AWST: ['Australia/Perth'],
  ACST: ['Australia/Adelaide'],
  ACDT: ['Australia/Adelaide'],
  AEST: ['Australia/Sydney', 'Australia/Brisbane'],
  AEDT: ['Australia/Sydney'],
  NZST: ['Pacific/Auckland'],
  NZDT: ['Pacific/Auckland'],
  Z: ['UTC'],
  UT: ['UTC'],
  UCT: ['UTC'],
  ZULU: ['UTC'],
};

/** Names shown when nothing more specific is known. */
const GENERAL_EXAMPLES = ['Europe/Berlin'];

/**
 * The result of checking a typed zone: the name to store, or what is wrong (`problem` names the
 * value, quoted), why it matters (`why`, may be empty) and IANA names to use instead.
 */
export type ZoneCheck =
  | { ok: true; zone: string }
  | { ok: false; problem: string; why: string; suggestions: string[] };

/** Canonical spellings ICU lists, by lower case ("europe/berlin" -> "Europe/Berlin"); built on first use. */
let canonicalByLower: Map<string, string> | undefined;

function canonicalSpelling(name: string): string | undefined {
  if (canonicalByLower === undefined) {
    canonicalByLower = new Map();
    const list = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    for (const zone of list) canonicalByLower.set(zone.toLowerCase(), zone);
  }
  const lower = name.toLowerCase();
  const listed = canonicalByLower.get(lower);
  if (listed !== undefined) return listed;
  // ICU's own name for the zone, when it is this very name in other letter case.
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    if (resolved.toLowerCase() === lower) return resolved;
  } catch {
    // not a zone ICU knows: the caller has checked validity first
  }
  return undefined;
}

/** True for "UTC", "Etc/UTC" in any case. */
function isUtc(name: string): boolean {
  return /^(etc\/)?utc$/i.test(name);
}

/** True for a fixed offset: "UTC+2", "GMT-05:00", "+0200", "Etc/GMT+5". */
function isOffset(name: string): boolean {
  return /^(?:(?:utc|gmt|etc\/gmt)\s*)?[+-−]\s*\d{1,2}(?::?\d{2})?$/i.test(name) || /^etc\/gmt[+-]?\d*$/i.test(name);
}

/**
 * Check a typed time zone name (see the module comment).
 * @returns `{ ok: true, zone }` with the name to store, or `{ ok: false, … }` (see ZoneCheck).
 */
export function checkTimeZone(raw: string): ZoneCheck {
  const name = raw.trim();
  const quoted = `"${name.length > 40 ? `${name.slice(0, 40)}…` : name}"`;
  if (isUtc(name)) return { ok: true, zone: name.includes('/') ? 'Etc/UTC' : 'UTC' };
  const abbreviation = ZONE_ABBREVIATIONS[name.toUpperCase()];
  if (abbreviation !== undefined) {
    return {
      ok: false,
      problem: TIME_ZONE.abbreviation.problem(quoted),
      why: TIME_ZONE.abbreviation.why,
      suggestions: [...abbreviation],
    };
  }
  if (isOffset(name)) {
    return {
      ok: false,
      problem: TIME_ZONE.offset.problem(quoted),
      why: TIME_ZONE.offset.why,
      suggestions: GENERAL_EXAMPLES,
    };
  }
  if (!isValidZone(name)) return { ok: false, problem: TIME_ZONE.unknown(quoted), why: '', suggestions: GENERAL_EXAMPLES };
  if (!name.includes('/')) {
    return {
      ok: false,
      problem: TIME_ZONE.notRegionCity.problem(quoted),
      why: TIME_ZONE.notRegionCity.why,
      suggestions: GENERAL_EXAMPLES,
    };
  }
  return { ok: true, zone: canonicalSpelling(name) ?? recased(name) };
}

/**
 * A name ICU does not list in its canonical set (a newer name such as "Asia/Kolkata", kept as an
 * alias): as typed when typed in mixed case, else title-cased the way IANA names are written
 * ("asia/ho_chi_minh" -> "Asia/Ho_Chi_Minh"; a two-letter region stays upper case: "US/Eastern").
 */
function recased(name: string): string {
  if (name !== name.toLowerCase() && name !== name.toUpperCase()) return name;
  return name
    .split('/')
    .map((segment, i) =>
      i === 0 && segment.length <= 2
        ? segment.toUpperCase()
        : segment.replace(/[A-Za-z]+/g, (word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()),
    )
    .join('/');
}
