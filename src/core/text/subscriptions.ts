/**
 * The words of `subscribe`, `unsubscribe` and `schedule` and of time-zone checks
 * (src/core/handlers/subscription.ts, time-zone.ts). `quoted` is user input quoted by `quote`;
 * times are "HH:MM" local to `timeZone`, an IANA name.
 */
export const SUBSCRIPTIONS = {
  catchUp: (time: string) => `today, within a minute (catch-up: today's ${time} post has not been made yet)`,
  /** The next post in the channel's zone, then in UTC. */
  nextPost: (local: string, utc: string) => `${local} (${utc})`,
  badTime: {
    title: (quoted: string) => `time ${quoted} is not a valid HH:MM (00:00-23:59)`,
    text: 'For example `subscribe 09:00 Europe/Berlin weekdays`. Nothing was changed.',
  },
  badZone: {
    title: (problem: string, suggestions: readonly string[]) => `${problem} — use an IANA name like ${suggestions.join(' or ')}`,
    example: (time: string, zone: string) => `For example \`subscribe ${time} ${zone}\`. Nothing was changed.`,
  },
  unknownDeck: {
    title: (quoted: string, decks: readonly string[]) => `unknown deck ${quoted} — available: ${decks.join(', ')}`,
    text: 'Nothing was changed.',
  },
  verb: { subscribed: 'subscribed', resumed: 'resumed', updated: 'updated' },
  everyDay: 'every day',
  mondayToFriday: 'Monday to Friday',
  subscribedTitle: (verb: string, time: string, timeZone: string, days: string) => `Daily quiz ${verb}: ${time} ${timeZone}, ${days}`,
  subscribedText: (userName: string, deckTitle: string, days: string, time: string, timeZone: string) =>
    `${userName} set this channel to get one question from “${deckTitle}” ${days} at ${time} (${timeZone}).`,
  nextPostLabel: 'Next post',
  subscribedFooter: '`schedule` shows this again; `unsubscribe` stops it.',
  noneToStop: { title: 'This channel has no daily quiz', text: 'Nothing to stop. `subscribe` starts one.' },
  unsubscribed: (userName: string) => `${userName} unsubscribed this channel. Scores and streaks stay; \`subscribe\` starts it again.`,
  openRoundRevealFailed: (roundId: number, problem: string) =>
    `The open daily question (round #${roundId}) is closed, but its answer could not be shown: ${problem}.`,
  openRoundRevealed: (roundId: number) => `The open daily question (round #${roundId}) is closed now and its answer is revealed on its message.`,
  stoppedTitle: 'Daily quiz stopped',
  noSchedule: {
    title: 'No daily quiz in this channel',
    text: 'An admin can start one with `subscribe 09:00 Europe/Berlin weekdays` (defaults: 09:00, their time zone or UTC, weekdays).',
  },
  timeLabel: 'Time',
  zoneLabel: 'Time zone',
  daysLabel: 'Days',
  weekdays: 'weekdays (Mon-Fri)',
  deckLabel: 'Deck',
  deck: (title: string, id: string) => `${title} (${id})`,
  deckNotLoaded: (id: string) => `${id} (not loaded!)`,
  pausedTitle: 'Daily quiz (paused)',
  title: 'Daily quiz',
  pausedHeading: 'Paused',
  /** `since` is "" or " (since 2026-12-01 09:00 UTC)". */
  paused: (reason: string, since: string) => `${reason}${since}. Fix it, then an admin runs \`subscribe\` again to resume.`,
  pausedSince: (utcMinute: string) => ` (since ${utcMinute} UTC)`,
} as const;

/** Why a typed time zone is refused (`quoted` is the name as typed, quoted and shortened). */
export const TIME_ZONE = {
  abbreviation: {
    problem: (quoted: string) => `time zone ${quoted} is an abbreviation`,
    why: 'Abbreviations do not say whose daylight-saving rules apply, so only IANA region/city names (and UTC) are accepted.',
  },
  offset: {
    problem: (quoted: string) => `time zone ${quoted} is a fixed offset`,
    why: 'A fixed offset does not follow daylight saving, so only IANA region/city names (and UTC) are accepted.',
  },
  unknown: (quoted: string) => `unknown time zone ${quoted}`,
  notRegionCity: {
    problem: (quoted: string) => `time zone ${quoted} is not a region/city name`,
    why: 'Only IANA region/city names (and UTC) are accepted.',
  },
} as const;
