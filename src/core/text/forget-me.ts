/** The words of `forget-me [confirm]` and its Confirm / Cancel buttons (src/core/handlers/forget-me.ts). */

/** "1 answer" / "3 answers". */
function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export const FORGET_ME = {
  promptTitle: 'Delete your study data in this team?',
  /** `answers` counts round and practice answers; `selfScores` the scenario self-scores. */
  promptText: (answers: number, selfScores: number) =>
    `This deletes ${plural(answers, 'answer', 'answers')} (with your points and streaks), ${plural(selfScores, 'scenario self-score', 'scenario self-scores')} and your practice history in this team. Leaderboards will no longer show you. Other teams are not affected. This cannot be undone; nothing is deleted until you confirm.`,
  confirmButton: 'Yes, delete my data',
  cancelButton: 'Cancel',
  cancelledTitle: 'Nothing was deleted',
  cancelledText: 'Your answers and scores are as they were.',
  doneTitle: 'Your data in this team is deleted',
  doneText: (answers: number, selfScores: number) =>
    `Deleted ${plural(answers, 'answer', 'answers')} and ${plural(selfScores, 'self-score', 'self-scores')}, with your streaks and practice history. Leaderboards no longer show you.`,
} as const;
