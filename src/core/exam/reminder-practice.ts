/**
 * A reminder's "Practice now" button (and the "Another question" button after such a question): a
 * practice question of the reminder's team and deck. The reminder is a direct message; where a
 * direct message has a team of its own (a platform's DM context is not the team the reminder counted
 * cards in), the button names the reminder's team, and the click is honoured only for a learner
 * whose reminder is stored in that team, and only in a direct message. Clicked in the team itself it
 * is an ordinary practice question on that deck.
 */
import type { Context } from '../context.js';
import type { CoreDeps } from '../deps.js';
import { errorReply } from '../handlers/replies.js';
import type { Reply } from '../reply.js';
import type { RoundService } from '../rounds.js';
import { REMIND_TEXT } from './text.js';

/**
 * Practise `deckId` of team `teamId` for the clicking learner. The deck is the reminder's stored one
 * when the button's is no longer in the team's library (the team's default deck when neither is).
 * Refused with words, nothing created, when `teamId` is not the click's own team and the learner has
 * no reminder stored there or the click is not in a direct message.
 */
export async function reminderPractice(deps: CoreDeps, rounds: RoundService, ctx: Context, teamId: string, deckId: string): Promise<Reply> {
  const scope = { platform: ctx.platform, teamId };
  const here = teamId === ctx.teamId;
  // Another team than the click's own: only the learner whose reminder is stored there, in a direct message.
  const reminder = await deps.store.reminder(scope, ctx.userId);
  if (!here && (reminder === undefined || ctx.isDirectMessage !== true)) return errorReply(REMIND_TEXT.practiceGoneTitle, REMIND_TEXT.practiceGone);
  const library = deps.library.forTeam(scope);
  const deck = library.get(deckId) ?? (reminder === undefined ? undefined : library.get(reminder.deckId)) ?? library.defaultDeck;
  // In a direct message, the learner practises as a member of the reminder's team (no admin rights there).
  const practiceCtx: Context = here ? ctx : { ...ctx, teamId, isAdmin: false, isDirectMessage: true };
  return rounds.practice(practiceCtx, undefined, deck);
}
