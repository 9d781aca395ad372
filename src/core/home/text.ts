/** The words of the learner's dashboard (home.ts): a platform's home page, and `home` in text. */
export const HOME_TEXT = {
  title: (userName: string) => `${userName}'s study dashboard`,
  weekHeading: 'This week',
  /** Points and place on the team's board this ISO week. */
  week: (points: number, place: number, of: number) => `${points} point${points === 1 ? '' : 's'} · place ${place} of ${of} on the team board.`,
  weekNone: 'No round answers this week yet: answer the daily question or a `quiz here` round to get on the board.',
  dueHeading: 'Practice cards',
  due: (due: number, total: number) =>
    due === 0 ? `None due now (${total} card${total === 1 ? '' : 's'} in review).` : `${due} of your ${total} card${total === 1 ? '' : 's'} due now: practise with \`quiz\`.`,
  dueNone: 'No practice cards yet: `quiz` asks you a question only you see, and schedules it again for when you are about to forget it.',
  channelsHeading: 'Where you study',
  /** One channel line: its deck and the next daily post in words, or that it has no daily question. */
  channel: (channelId: string, deck: string, next: string) => `#${channelId} · ${deck} · next daily question ${next}`,
  channelNoDaily: (channelId: string) => `#${channelId} · no daily question`,
  channelPaused: (channelId: string) => `#${channelId} · daily question paused`,
  channelsNone: 'You have not answered a daily question in a channel yet.',
  withinAMinute: 'within a minute',
  footer: 'Refreshed each time you open it · everything here also works as text: `stats`, `quiz`, `scenario`, `explain <term>`.',
  practiseButton: 'Practise',
  scenarioButton: 'Open a scenario',
  lookUpButton: 'Look a term up',
} as const;
