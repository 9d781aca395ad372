/** The words of `stats [user]` (src/core/handlers/stats.ts). `quoted` is user input quoted by `quote`. */
export const STATS = {
  nobodyCalled: {
    title: (quoted: string) => `Nobody called ${quoted} in this team`,
    text: 'Only people who have used the bot in this team can be looked up.',
  },
  ambiguous: {
    title: (quoted: string) => `More than one person matches ${quoted}`,
    text: (names: readonly string[]) => `Which one: ${names.join(', ')}?`,
  },
  ownTitle: 'Your stats',
  title: (userName: string) => `Stats for ${userName}`,
  ownEmpty: 'No answers yet. Try `quiz` for a practice question, or `quiz here` for a round with the channel.',
  empty: (userName: string) => `${userName} has not answered anything in this team yet.`,
  answered: 'Answered',
  /** After the answered count when some were practice answers. */
  practiceAnswered: (count: number) => ` (${count} practice)`,
  correct: 'Correct',
  accuracy: 'Accuracy',
  points: 'Points',
  streaksHeading: 'Daily streaks',
  streak: (channelId: string, current: number, best: number) => `#${channelId}: current ${current}, best ${best}`,
  perTopic: 'Accuracy per topic',
  weakestHeading: 'Weakest topic',
  /** `topic` is the label, `tag` the tag to type; `term` a term to read up on, if the deck has one. */
  weakest: (topic: string, accuracy: string, term: string | undefined, tag: string) =>
    `${topic} at ${accuracy}.${term ? ` Read up with \`explain ${term}\`,` : ''} then practise with \`quiz ${tag}\`.`,
  practiceButton: (topic: string) => `Practice ${topic}`,
  allPerfect: 'Every topic you answered is at 100% so far.',
  footer: 'Points come from channel rounds; practice answers count in accuracy only.',
} as const;
