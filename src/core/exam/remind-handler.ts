/**
 * `remind on [HH:MM] [quiet HH:MM-HH:MM] [weekdays]`, `remind off`, `remind`: a learner's daily
 * direct-message reminder when practice cards are due. Times are local to the learner's zone.
 */
import type { Context } from '../context.js';
import type { DeckLibrary } from '../deck/library.js';
import { errorReply, noticeReply } from '../handlers/replies.js';
import type { ExamsPort, SubscriptionsPort } from '../ports/store.js';
import type { Reply } from '../reply.js';
import { REMIND_TEXT } from './text.js';
import { learnerZone } from './zones.js';

/** The reminder time when none is given. */
const DEFAULT_REMIND_AT = '18:00';

/** What `remind` was asked to do; `on` keeps the words as typed (checked by {@link checkRemindOn}). */
export type RemindRequest = { action: 'show' } | { action: 'off' } | { action: 'on'; words: readonly string[] };

/** Checked `remind on` settings. */
interface RemindOn {
  at: string;
  quiet: string | null;
  weekdaysOnly: boolean;
}

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** "9:05" -> "09:05"; undefined when not a 24-hour time. */
function normaliseTime(typed: string): string | undefined {
  const m = TIME.exec(typed);
  return m ? `${(m[1] ?? '').padStart(2, '0')}:${m[2]}` : undefined;
}

/** Minutes after midnight of "HH:MM". */
function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** True when local time `time` ("HH:MM") falls in quiet range "HH:MM-HH:MM" (start inclusive, end exclusive; may wrap midnight). */
export function inQuietHours(time: string, quiet: string | null): boolean {
  if (quiet === null) return false;
  const [from, to] = quiet.split('-').map(minutesOf);
  const t = minutesOf(time);
  if (from === undefined || to === undefined || from === to) return false;
  return from < to ? t >= from && t < to : t >= from || t < to;
}

/**
 * Check the words after `remind on`: `{ settings }` or `{ problem }` naming the word that is wrong (a bad
 * or second time, a bad, empty or second quiet range, an unknown word).
 */
function checkRemindOn(words: readonly string[]): { settings: RemindOn } | { problem: string } {
  let at: string | undefined;
  let quiet: string | null = null;
  let weekdaysOnly = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const lower = word.toLowerCase();
    if (lower === 'weekdays' || lower === 'weekday') weekdaysOnly = true;
    else if (lower === 'quiet') {
      const range = words[i + 1] ?? '';
      const parts = range.split('-').map(normaliseTime);
      if (parts.length !== 2 || parts[0] === undefined || parts[1] === undefined) return { problem: REMIND_TEXT.badQuiet(range) };
      if (parts[0] === parts[1]) return { problem: REMIND_TEXT.emptyQuiet(range) };
      if (quiet !== null) return { problem: REMIND_TEXT.twoValues('quiet range', quiet, range) };
      quiet = `${parts[0]}-${parts[1]}`;
      i += 1;
    } else if (/^\d/.test(word)) {
      const time = normaliseTime(word);
      if (time === undefined) return { problem: REMIND_TEXT.badTime(word) };
      if (at !== undefined) return { problem: REMIND_TEXT.twoValues('time', at, word) };
      at = time;
    } else return { problem: REMIND_TEXT.unknownWord(word) };
  }
  const time = at ?? DEFAULT_REMIND_AT;
  if (inQuietHours(time, quiet)) return { problem: REMIND_TEXT.inQuiet(time, quiet ?? '') };
  return { settings: { at: time, quiet, weekdaysOnly } };
}

type Store = Pick<ExamsPort, 'setReminder' | 'reminder' | 'removeReminder' | 'userExam'> & Pick<SubscriptionsPort, 'getSubscription'>;

/** Answer `remind ...` for the asker. */
export async function handleRemind(store: Store, library: DeckLibrary, ctx: Context, request: RemindRequest): Promise<Reply> {
  if (request.action === 'off') {
    return noticeReply(REMIND_TEXT.offTitle, [(await store.removeReminder(ctx, ctx.userId)) ? REMIND_TEXT.off : REMIND_TEXT.notOn]);
  }
  if (request.action === 'show') {
    const row = await store.reminder(ctx, ctx.userId);
    if (!row) return noticeReply(REMIND_TEXT.showTitle, [REMIND_TEXT.showOff]);
    const lines = [REMIND_TEXT.on(row.at, row.timeZone, row.quiet, row.weekdaysOnly)];
    if (row.pausedReason) lines.push(REMIND_TEXT.paused(row.pausedReason));
    return noticeReply(REMIND_TEXT.showTitle, lines);
  }
  const checked = checkRemindOn(request.words);
  if ('problem' in checked) return errorReply(REMIND_TEXT.badTitle, checked.problem);
  const zone = await learnerZone(store, ctx);
  const deckId = (await store.userExam(ctx, ctx.userId))?.deckId ?? library.defaultDeck.meta.id;
  await store.setReminder(ctx, ctx.userId, { ...checked.settings, timeZone: zone, deckId });
  return noticeReply(REMIND_TEXT.onTitle, [REMIND_TEXT.on(checked.settings.at, zone, checked.settings.quiet, checked.settings.weekdaysOnly)], 'success');
}
