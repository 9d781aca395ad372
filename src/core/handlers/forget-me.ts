/**
 * `forget-me [confirm]` and its Confirm/Cancel buttons: delete the user's answers, self-scores,
 * streaks and practice history in this team only, after a confirmation.
 */
import type { Context } from '../context.js';
import type { PrivacyPort, SelfScoresPort, StatsPort } from '../ports/store.js';
import type { Reply } from '../reply.js';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Without confirmation: what will be deleted, with Confirm / Cancel buttons. */
export async function forgetMePrompt(store: Pick<StatsPort, 'userStats'> & Pick<SelfScoresPort, 'selfScores'>, ctx: Context): Promise<Reply> {
  const stats = await store.userStats(ctx, ctx.userId);
  const scores = (await store.selfScores(ctx, ctx.userId)).length;
  return {
    visibility: 'user',
    tone: 'warning',
    title: 'Delete your study data in this team?',
    blocks: [
      {
        type: 'text',
        text: `This deletes ${plural(stats.answered + stats.practiceAnswered, 'answer', 'answers')} (with your points and streaks), ${plural(scores, 'scenario self-score', 'scenario self-scores')} and your practice history in this team. Leaderboards will no longer show you. Other teams are not affected. This cannot be undone; nothing is deleted until you confirm.`,
      },
    ],
    buttons: [
      { action: { kind: 'forget', confirm: true }, label: 'Yes, delete my data', style: 'danger' },
      { action: { kind: 'forget', confirm: false }, label: 'Cancel' },
    ],
  };
}

/** Confirmed: delete and say how much went. Cancelled: say nothing was deleted. */
export async function forgetMe(store: PrivacyPort, ctx: Context, confirm: boolean): Promise<Reply> {
  if (!confirm) {
    return { visibility: 'user', tone: 'info', title: 'Nothing was deleted', blocks: [{ type: 'text', text: 'Your answers and scores are as they were.' }] };
  }
  const { answers, selfScores } = await store.forgetUser({ platform: ctx.platform, teamId: ctx.teamId }, ctx.userId);
  return {
    visibility: 'user',
    tone: 'success',
    title: 'Your data in this team is deleted',
    blocks: [
      {
        type: 'text',
        text: `Deleted ${plural(answers, 'answer', 'answers')} and ${plural(selfScores, 'self-score', 'self-scores')}, with your streaks and practice history. Leaderboards no longer show you.`,
      },
    ],
  };
}
