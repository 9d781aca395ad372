/**
 * `forget-me [confirm]` and its Confirm/Cancel buttons: delete the user's answers, self-scores,
 * streaks and practice history in this team only, after a confirmation.
 */
import type { Context } from '../context.js';
import type { PrivacyPort, SelfScoresPort, StatsPort } from '../ports/store.js';
import type { Reply } from '../reply.js';
import { FORGET_ME } from '../text/forget-me.js';

/** Without confirmation: what will be deleted, with Confirm / Cancel buttons. */
export async function forgetMePrompt(store: Pick<StatsPort, 'userStats'> & Pick<SelfScoresPort, 'selfScores'>, ctx: Context): Promise<Reply> {
  const stats = await store.userStats(ctx, ctx.userId);
  const scores = (await store.selfScores(ctx, ctx.userId)).length;
  return {
    visibility: 'user',
    tone: 'warning',
    title: FORGET_ME.promptTitle,
    blocks: [
      {
        type: 'text',
        text: FORGET_ME.promptText(stats.answered + stats.practiceAnswered, scores),
      },
    ],
    buttons: [
      { action: { kind: 'forget', confirm: true }, label: FORGET_ME.confirmButton, style: 'danger' },
      { action: { kind: 'forget', confirm: false }, label: FORGET_ME.cancelButton },
    ],
  };
}

/** Confirmed: delete and say how much went. Cancelled: say nothing was deleted. */
export async function forgetMe(store: PrivacyPort, ctx: Context, confirm: boolean): Promise<Reply> {
  if (!confirm) {
    return { visibility: 'user', tone: 'info', title: FORGET_ME.cancelledTitle, blocks: [{ type: 'text', text: FORGET_ME.cancelledText }] };
  }
  const { answers, selfScores } = await store.forgetUser({ platform: ctx.platform, teamId: ctx.teamId }, ctx.userId);
  return {
    visibility: 'user',
    tone: 'success',
    title: FORGET_ME.doneTitle,
    blocks: [
      {
        type: 'text',
        text: FORGET_ME.doneText(answers, selfScores),
      },
    ],
  };
}
