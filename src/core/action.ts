/**
 * Button and menu actions, and their compact string form used as Slack `action_id`/`value`
 * and Discord `custom_id` (at most 100 characters; ids are at most 63, so every encoding fits).
 *
 * Encoding (version prefix "k1"):
 *   k1:a:<roundId>:<letter>      answer a round or practice question
 *   k1:cl:<roundId>              close a round now (opener or admin)
 *   k1:sh:t:<termId>             share a term card in the channel
 *   k1:sh:s:<scenarioId>         share a scenario card in the channel
 *   k1:h:<scenarioId>:<n>        show hints 1..n of a scenario (n is 1-based)
 *   k1:ref:<scenarioId>          show the reference design
 *   k1:chk:<scenarioId>          show the rubric checklist
 *   k1:ss:<scenarioId>:<i.j.k>   store a self-score: the ticked rubric indexes (may be empty)
 *   k1:pq[:<tag>]                another practice question (optionally on a tag)
 *   k1:pr:<team>:<deckId>        a practice question of a reminder's team and deck (the team
 *                                percent-encoded: "dm:1" is "dm%3A1"; at most 30 characters so encoded)
 *   k1:fm:yes | k1:fm:no         confirm or cancel forget-me
 *   k1:ma:<mockId>:<pos><letter> answer question <pos> (0-based) of a mock exam, e.g. k1:ma:7:3B
 *   k1:mf:<mockId>:<pos>         flag (or unflag) question <pos> of a mock for review
 *   k1:me:<mockId>               end a mock exam now
 *   k1:mr:<mockId>               start a mock of the questions missed in mock <mockId>
 *   k1:rp:<q|t|s>:<itemId>       report a problem with a question, term or scenario (asks for a reason)
 *   k1:rp:<q|t|s>.<reason>:<id>  report it with that reason (the reason picker's options)
 */
import { isReportReason, type ReportItemKind, type ReportReason } from './reports/reasons.js';

/** A decoded action. */
export type Action =
  | { kind: 'answer'; roundId: number; letter: string }
  | { kind: 'close'; roundId: number }
  | { kind: 'share'; target: 'term' | 'scenario'; id: string }
  | { kind: 'hint'; scenarioId: string; count: number }
  | { kind: 'reference'; scenarioId: string }
  | { kind: 'check'; scenarioId: string }
  | { kind: 'selfscore'; scenarioId: string; checked: number[] }
  | { kind: 'practice'; tag?: string }
  /**
   * A reminder's "Practice now" (and the next question after one): practise `deckId` of team
   * `teamId` (the reminder's, which a direct message's own context may not be), only for a learner
   * whose reminder is stored in that team.
   */
  | { kind: 'reminderPractice'; teamId: string; deckId: string }
  | { kind: 'forget'; confirm: boolean }
  | { kind: 'mockAnswer'; mockId: number; position: number; letter: string }
  | { kind: 'mockFlag'; mockId: number; position: number }
  | { kind: 'mockEnd'; mockId: number }
  | { kind: 'mockRetake'; mockId: number }
  /** "Report a problem" (no reason: ask for one), or a reason picked for it. */
  | { kind: 'report'; target: ReportItemKind; id: string; reason?: ReportReason };

const TARGET_CODE: Record<ReportItemKind, string> = { question: 'q', term: 't', scenario: 's' };
const CODE_TARGET = new Map<string, ReportItemKind>([
  ['q', 'question'],
  ['t', 'term'],
  ['s', 'scenario'],
]);

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const LETTER = /^[A-E]$/;
const POSITION = /^[0-9]{1,3}$/;
/** A team id as encodeTeam writes it. */
const TEAM = /^[A-Za-z0-9_.~%-]{1,30}$/;

/** A team id for an action string (no ':'), or undefined when it would not fit (over 30 characters encoded: with a deck id of 63 the action stays within 100). */
export function encodeTeam(teamId: string): string | undefined {
  const encoded = encodeURIComponent(teamId);
  return teamId !== '' && TEAM.test(encoded) ? encoded : undefined;
}

/** The team id encodeTeam wrote, or null for anything else. */
function decodeTeam(raw: string | undefined): string | null {
  if (raw === undefined || !TEAM.test(raw)) return null;
  try {
    const team = decodeURIComponent(raw);
    return team !== '' && encodeURIComponent(team) === raw ? team : null;
  } catch {
    return null;
  }
}
const PREFIX = 'k1';

/** Encode an action as a string of at most 100 characters. */
export function encodeAction(action: Action): string {
  switch (action.kind) {
    case 'answer':
      return `${PREFIX}:a:${action.roundId}:${action.letter}`;
    case 'close':
      return `${PREFIX}:cl:${action.roundId}`;
    case 'share':
      return `${PREFIX}:sh:${action.target === 'term' ? 't' : 's'}:${action.id}`;
    case 'hint':
      return `${PREFIX}:h:${action.scenarioId}:${action.count}`;
    case 'reference':
      return `${PREFIX}:ref:${action.scenarioId}`;
    case 'check':
      return `${PREFIX}:chk:${action.scenarioId}`;
    case 'selfscore':
      return `${PREFIX}:ss:${action.scenarioId}:${action.checked.join('.')}`;
    case 'practice':
      return action.tag ? `${PREFIX}:pq:${action.tag}` : `${PREFIX}:pq`;
    case 'reminderPractice':
      // Callers build it only for a team encodeTeam accepts (reminders.ts); an empty segment never decodes.
      return `${PREFIX}:pr:${encodeTeam(action.teamId) ?? ''}:${action.deckId}`;
    case 'forget':
      return `${PREFIX}:fm:${action.confirm ? 'yes' : 'no'}`;
    case 'mockAnswer':
      return `${PREFIX}:ma:${action.mockId}:${action.position}${action.letter}`;
    case 'mockFlag':
      return `${PREFIX}:mf:${action.mockId}:${action.position}`;
    case 'mockEnd':
      return `${PREFIX}:me:${action.mockId}`;
    case 'mockRetake':
      return `${PREFIX}:mr:${action.mockId}`;
    case 'report':
      return `${PREFIX}:rp:${TARGET_CODE[action.target]}${action.reason ? `.${action.reason}` : ''}:${action.id}`;
  }
}

function positiveInt(s: string | undefined, max = Number.MAX_SAFE_INTEGER): number | null {
  if (s === undefined || !/^[0-9]{1,15}$/.test(s)) return null;
  const n = Number(s);
  return n >= 1 && n <= max ? n : null;
}

/**
 * Decode an action string. Returns null for anything malformed (unknown kind, bad id, bad letter,
 * wrong number of parts, over 100 characters): callers answer "I don't recognise that button".
 */
export function decodeAction(raw: unknown): Action | null {
  if (typeof raw !== 'string' || raw.length > 100) return null;
  const parts = raw.split(':');
  if (parts[0] !== PREFIX) return null;
  const [, kind, a, b, ...rest] = parts;
  if (rest.length > 0) return null;
  switch (kind) {
    case 'a': {
      const roundId = positiveInt(a);
      if (roundId === null || b === undefined || !LETTER.test(b)) return null;
      return { kind: 'answer', roundId, letter: b };
    }
    case 'cl': {
      const roundId = positiveInt(a);
      return roundId === null || b !== undefined ? null : { kind: 'close', roundId };
    }
    case 'sh':
      if ((a !== 't' && a !== 's') || b === undefined || !ID.test(b)) return null;
      return { kind: 'share', target: a === 't' ? 'term' : 'scenario', id: b };
    case 'h': {
      const count = positiveInt(b, 10);
      if (a === undefined || !ID.test(a) || count === null) return null;
      return { kind: 'hint', scenarioId: a, count };
    }
    case 'ref':
    case 'chk':
      if (a === undefined || !ID.test(a) || b !== undefined) return null;
      return kind === 'ref' ? { kind: 'reference', scenarioId: a } : { kind: 'check', scenarioId: a };
    case 'ss': {
      if (a === undefined || !ID.test(a) || b === undefined) return null;
      if (b === '') return { kind: 'selfscore', scenarioId: a, checked: [] };
      const idx = b.split('.').map((s) => (/^[0-9]$/.test(s) ? Number(s) : NaN));
      if (idx.some((n) => Number.isNaN(n))) return null;
      return { kind: 'selfscore', scenarioId: a, checked: [...new Set(idx)].sort((x, y) => x - y) };
    }
    case 'pq':
      if (b !== undefined) return null;
      if (a === undefined) return { kind: 'practice' };
      return ID.test(a) ? { kind: 'practice', tag: a } : null;
    case 'pr': {
      const teamId = decodeTeam(a);
      if (teamId === null || b === undefined || !ID.test(b)) return null;
      return { kind: 'reminderPractice', teamId, deckId: b };
    }
    case 'fm':
      if (b !== undefined || (a !== 'yes' && a !== 'no')) return null;
      return { kind: 'forget', confirm: a === 'yes' };
    case 'ma': {
      const mockId = positiveInt(a);
      const m = b === undefined ? null : /^([0-9]{1,3})([A-E])$/.exec(b);
      if (mockId === null || !m?.[1] || !m[2]) return null;
      return { kind: 'mockAnswer', mockId, position: Number(m[1]), letter: m[2] };
    }
    case 'mf': {
      const mockId = positiveInt(a);
      if (mockId === null || b === undefined || !POSITION.test(b)) return null;
      return { kind: 'mockFlag', mockId, position: Number(b) };
    }
    case 'me':
    case 'mr': {
      const mockId = positiveInt(a);
      if (mockId === null || b !== undefined) return null;
      return kind === 'me' ? { kind: 'mockEnd', mockId } : { kind: 'mockRetake', mockId };
    }
    case 'rp': {
      if (a === undefined || b === undefined || !ID.test(b)) return null;
      const [code, reason, ...more] = a.split('.');
      const target = CODE_TARGET.get(code ?? '');
      if (!target || more.length > 0) return null;
      if (reason === undefined) return { kind: 'report', target, id: b };
      return isReportReason(reason) ? { kind: 'report', target, id: b, reason } : null;
    }
    default:
      return null;
  }
}
