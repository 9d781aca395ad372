/**
 * User-facing words of exam prep: `exam`, `readiness`, `remind`, the countdown and the reminder
 * message. Plain text; `inline code` in backticks is allowed.
 */

/** Exam date and countdown words. */
export const EXAM_TEXT = {
  /** `example` is a date still to come (see example-dates.ts), "YYYY-MM-DD". */
  badDateShape: (typed: string, example: string) => `"${typed}" is not a date: write it as YYYY-MM-DD, e.g. ${example}.`,
  noSuchDate: (typed: string) => `"${typed}" is not a date on the calendar.`,
  pastDate: (typed: string, today: string) => `${typed} is in the past (today is ${today}); give the day of an exam still to come.`,
  tooFarAhead: (typed: string, limit: string) => `${typed} is more than two years ahead; give a date up to ${limit}.`,
  countdown: (days: number, date: string) =>
    days === 0 ? `The exam is today (${date}). Good luck!` : `${days} day${days === 1 ? '' : 's'} to the exam (${date})`,
  setTitle: 'Exam date set',
  setChannelTitle: 'Channel exam date set',
  set: (date: string, zone: string, deck: string) => `Your exam: ${date} (${zone}), deck "${deck}". Practice (\`quiz\`) now puts what you would forget by then first.`,
  setChannel: (date: string, zone: string) => `This channel's exam: ${date} (${zone}). The daily post shows the countdown.`,
  showTitle: 'Exam date',
  /** `example` is a date still to come (see example-dates.ts), "YYYY-MM-DD". */
  none: (example: string) => `No exam date set. Set yours with \`exam ${example}\`.`,
  yours: (line: string, zone: string, deck: string) => `Yours: ${line} · ${zone} · deck "${deck}"`,
  channel: (line: string) => `This channel: ${line}`,
  past: (date: string) => `was on ${date}; set a new one with \`exam YYYY-MM-DD\``,
  clearedTitle: 'Exam date removed',
  cleared: 'Your exam date is removed.',
  clearedChannel: "This channel's exam date is removed.",
  noneToClear: 'There was no exam date to remove.',
  unknownDeck: (deck: string, known: string) => `No deck called "${deck}". Decks: ${known}.`,
  badTitle: 'That exam date does not work',
  channelNeedsChannel: 'A channel exam date is set in a channel; run `exam channel <date>` there.',
  channelNeedsAdmin: (rule: string) => `Only ${rule} can set a channel's exam date.`,
  examWeekNote: (recall: number) => `exam week: every card once more, weakest first (recall on the exam day ${recall}%)`,
  forgetNote: (recall: number) => `you would likely forget this by the exam (recall then ${recall}%)`,
} as const;

/** Readiness words. */
export const READINESS_TEXT = {
  title: (whose: string) => `Readiness: ${whose}`,
  noDomains: (deck: string) => `The deck "${deck}" declares no exam domains, so there is no readiness per domain.`,
  noDomainsTitle: 'No exam domains',
  overall: 'Overall (weighted)',
  weakest: 'Weakest domain',
  weakestNext: (domain: string, percent: string, term: string | undefined, tag: string) =>
    `${domain} at ${percent}.${term ? ` Read up with \`explain ${term}\`,` : ''} then practise with \`quiz ${tag}\`.`,
  practise: (domain: string) => `Practice ${domain}`,
  nobodyHere: 'Nobody has answered in this channel in the last 30 days.',
  here: (count: number) => `this channel (${count} active learner${count === 1 ? '' : 's'})`,
  seen: (seen: number, total: number) => `${seen}/${total} seen`,
} as const;

/** Reminder words. */
export const REMIND_TEXT = {
  onTitle: 'Reminders on',
  on: (at: string, zone: string, quiet: string | null, weekdays: boolean) =>
    `At most one direct message a day at ${at} (${zone})${weekdays ? ' on weekdays' : ''}${quiet ? `, never during quiet hours ${quiet}` : ''}, only when cards are due. \`remind off\` stops it.`,
  offTitle: 'Reminders off',
  off: 'No more reminders.',
  notOn: 'Reminders were not on.',
  showTitle: 'Reminders',
  showOff: 'Reminders are off. Turn them on with `remind on 18:00`.',
  paused: (reason: string) => `Paused: ${reason}. Run \`remind on\` again to resume.`,
  badTitle: 'That reminder setting does not work',
  badTime: (typed: string) => `"${typed}" is not a time: write HH:MM (24 h), e.g. 18:00.`,
  badQuiet: (typed: string) => `"${typed}" is not a quiet range: write HH:MM-HH:MM, e.g. 22:00-07:00.`,
  /** Two values of one kind, as `subscribe` words it: `what` is "time" or "quiet range". */
  twoValues: (what: string, first: string, second: string) => `remind got two ${what}s: "${first}" and "${second}"; give one.`,
  emptyQuiet: (typed: string) => `quiet hours "${typed}" start and end at the same time; give a range such as 22:00-07:00.`,
  inQuiet: (at: string, quiet: string) => `${at} falls in the quiet hours ${quiet}; pick a time outside them.`,
  unknownWord: (word: string) => `"${word}" is not a reminder setting: use \`remind on [HH:MM] [quiet HH:MM-HH:MM] [weekdays]\` or \`remind off\`.`,
  dmTitle: 'Cards due',
  dm: (due: number, countdown: string | undefined) =>
    `${due} practice card${due === 1 ? ' is' : 's are'} due for review.${countdown ? ` ${countdown}.` : ''} One tap starts a question.`,
  dmButton: 'Practice now',
  /** A reminder's practice button clicked by someone without that reminder, or where it was not sent. */
  practiceGoneTitle: 'Not your reminder',
  practiceGone: 'This button belongs to a reminder you do not get (any more), so it practises nothing. Type `quiz` where you study for a question.',
  dmFooter: 'Reminders: `remind off` stops them.',
  blocked: 'the learner does not accept direct messages from the bot',
} as const;
