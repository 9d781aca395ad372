/**
 * The daily reminder sweep, run by the scheduler's minute job: for every reminder that is on and not
 * paused, when its local time has come today (in the learner's zone; weekdays only if asked; never in
 * quiet hours) and practice cards are due, claim the day (at most one reminder a day) and send a
 * direct message through the platform's Poster with a one-tap practice button. A learner whose
 * platform refuses direct messages from the bot (a permanent PosterError) is paused with a logged
 * reason, not retried.
 */
import { type Action, encodeTeam } from '../action.js';
import type { TeamScope } from '../context.js';
import type { DeckLibrary } from '../deck/library.js';
import { inZone, isValidZone, localDate } from '../local-time.js';
import type { Logger } from '../ports/logger.js';
import { PosterError, type PosterRegistry } from '../ports/poster.js';
import type { ExamsPort, PracticeCardsPort, ReminderRow } from '../ports/store.js';
import { cardDue } from '../practice.js';
import type { Reply } from '../reply.js';
import { countdownLine } from './exam-date.js';
import { inQuietHours } from './remind-handler.js';
import { REMIND_TEXT } from './text.js';

/** What the sweep needs. */
export interface ReminderDeps {
  store: Pick<ExamsPort, 'activeReminders' | 'claimReminder' | 'pauseReminder' | 'userExam'> & PracticeCardsPort;
  library: DeckLibrary;
  posters: PosterRegistry;
  logger: Logger;
}

/** What one sweep did, per learner: sent, or why not. */
export type ReminderOutcome = 'sent' | 'not-yet' | 'nothing-due' | 'already-sent' | 'paused' | 'failed' | 'no-poster';

/** Cards of `deckId` due at `now` (UTC) among the learner's stored cards. */
async function dueCardCount(store: PracticeCardsPort, scope: TeamScope, userId: string, deckId: string, now: Date): Promise<number> {
  const cards = await store.practiceCards(scope, userId, deckId);
  let due = 0;
  for (const json of cards.values()) {
    const at = cardDue(json);
    if (at !== undefined && at.getTime() <= now.getTime()) due += 1;
  }
  return due;
}

/** True when the reminder's local time has come at `now` today, on an allowed day, outside quiet hours. */
function reminderWindowOpen(reminder: Pick<ReminderRow, 'at' | 'quiet' | 'weekdaysOnly' | 'timeZone'>, now: Date): boolean {
  if (!isValidZone(reminder.timeZone)) return false;
  const local = inZone(now, reminder.timeZone);
  if (reminder.weekdaysOnly && local.weekday > 5) return false;
  const time = local.toFormat('HH:mm');
  return time >= reminder.at && !inQuietHours(time, reminder.quiet);
}

/**
 * The reminder's practice button: it names the reminder's team and deck, since the direct message
 * it is clicked in may have a team of its own (a direct message with the bot outside the team); a
 * plain practice button when the team id does not fit an action string.
 */
function practiceButtonAction(reminder: Pick<ReminderRow, 'teamId' | 'deckId'>): Action {
  return encodeTeam(reminder.teamId) === undefined
    ? { kind: 'practice' }
    : { kind: 'reminderPractice', teamId: reminder.teamId, deckId: reminder.deckId };
}

/** The direct message: how many cards are due, the countdown when an exam date is set, a practice button for the reminder's team and deck. */
function reminderReply(due: number, countdown: string | undefined, reminder: Pick<ReminderRow, 'teamId' | 'deckId'>): Reply {
  return {
    visibility: 'user',
    tone: 'info',
    title: REMIND_TEXT.dmTitle,
    blocks: [{ type: 'text', text: REMIND_TEXT.dm(due, countdown) }],
    buttons: [{ action: practiceButtonAction(reminder), label: REMIND_TEXT.dmButton, style: 'primary' }],
    footer: REMIND_TEXT.dmFooter,
  };
}

/** Send today's due reminders at `now`; resolves with each learner's outcome (never rejects). */
export async function sendDueReminders(deps: ReminderDeps, now: Date): Promise<{ reminder: ReminderRow; outcome: ReminderOutcome }[]> {
  let reminders: ReminderRow[];
  try {
    reminders = await deps.store.activeReminders();
  } catch (err) {
    deps.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'could not read reminders');
    return [];
  }
  const results: { reminder: ReminderRow; outcome: ReminderOutcome }[] = [];
  for (const reminder of reminders) {
    results.push({ reminder, outcome: await remindOne(deps, reminder, now) });
  }
  return results;
}

async function remindOne(deps: ReminderDeps, reminder: ReminderRow, now: Date): Promise<ReminderOutcome> {
  const where = { platform: reminder.platform, teamId: reminder.teamId, userId: reminder.userId };
  const poster = deps.posters[reminder.platform];
  if (!poster) return 'no-poster';
  if (!reminderWindowOpen(reminder, now)) return 'not-yet';
  const today = localDate(now, reminder.timeZone);
  if (reminder.lastSentDate === today) return 'already-sent';
  try {
    const due = await dueCardCount(deps.store, reminder, reminder.userId, reminder.deckId, now);
    if (due === 0) return 'nothing-due';
    if (!(await deps.store.claimReminder(reminder, reminder.userId, today, now.getTime()))) return 'already-sent';
    const exam = await deps.store.userExam(reminder, reminder.userId);
    const countdown = exam ? countdownLine(exam.date, exam.timeZone, now) : undefined;
    await poster.sendDirect(reminder.userId, reminderReply(due, countdown, reminder), reminder.teamId);
    deps.logger.info({ ...where, due }, 'reminder sent');
    return 'sent';
  } catch (err) {
    if (err instanceof PosterError && err.permanent) {
      await deps.store.pauseReminder(reminder, reminder.userId, REMIND_TEXT.blocked).catch(() => undefined);
      deps.logger.warn({ ...where, failure: err.failure, reason: err.message }, `reminder paused: ${REMIND_TEXT.blocked}`);
      return 'paused';
    }
    deps.logger.warn({ ...where, err: err instanceof Error ? err.message : String(err) }, 'reminder failed');
    return 'failed';
  }
}
