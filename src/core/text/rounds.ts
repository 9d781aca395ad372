/**
 * The words of quiz rounds: practice questions (`quiz`), channel rounds (`quiz here`), answers,
 * `close`, the round message and its reveal (src/core/rounds.ts, src/core/round-view.ts). Plain
 * strings and small templates; round ids are the numbers users see, durations are already in words.
 */

/** Round messages and their reveal (round-view.ts). */
export const ROUND_VIEW = {
  /** Headline of a daily round; `topic` is "" or " · S3". */
  dailyTitle: (topic: string) => `Daily question${topic}`,
  channelTitle: (roundId: number, topic: string) => `Round #${roundId}${topic}`,
  practiceTitle: (topic: string) => `Practice${topic}`,
  noAnswersYet: 'No answers yet.',
  oneAnswered: '1 person answered so far.',
  manyAnswered: (answered: number) => `${answered} people answered so far.`,
  /** Stands in for a choice text the deck no longer has. */
  missingChoice: '(missing choice)',
  questionRemoved: (questionId: string, roundId: number) =>
    `This question (${questionId}) is no longer in the deck, so round #${roundId} can't be shown or answered.`,
  /** How to answer a `quiz here` round; `after` is "" or " after 10 min". */
  howChannel: (roundId: number, after: string) =>
    `pick a letter or type \`answer ${roundId} <letter>\`; first answer counts · closes by itself${after} or with \`close\``,
  closesAfter: (minutes: number) => ` after ${minutes} min`,
  howDaily: (roundId: number) =>
    `pick a letter or type \`answer ${roundId} <letter>\`; first answer counts · the answer comes with the next daily question`,
  closeButton: 'Close round',
  openFooter: (roundId: number, how: string) => `Round #${roundId} · ${how}`,
  answerHeading: 'Answer',
  whyHeading: 'Why',
  nobodyAnswered: 'Nobody answered this one.',
  answeredShare: (answered: number, percentCorrect: number) => `${answered} answered · ${percentCorrect}% correct.`,
  mostPickedWrongHeading: 'Most-picked wrong answer',
  /** "40% chose B — <choice text.>" (the why follows). */
  mostPickedWrong: (percentChose: number, letter: string, choice: string) => `${percentChose}% chose ${letter} — ${choice}`,
  revealTitle: (title: string) => `${title} · answer`,
  /** The thread under a revealed round: its title, each choice's heading, and the invitation to discuss. */
  choicesThreadTitle: (roundId: number) => `Round #${roundId} · why each choice is right or wrong`,
  choiceHeading: (letter: string, choice: string, correct: boolean) => `${letter} — ${choice}${correct ? ' ✓ right' : ' ✗ wrong'}`,
  choicesThreadFooter: 'Discuss this round here, in its thread.',
  closedFooter: (roundId: number) => `Round #${roundId} · closed`,
  practiceFooter: (note: string, roundId: number) => `Only you see this · ${note} · or type \`answer ${roundId} <letter>\``,
  isRight: (letter: string, choice: string) => `${letter} is right: ${choice}`,
  youChose: (letter: string, chosen: string, correctLetter: string, correct: string) =>
    `You chose ${letter} — ${chosen} The answer is ${correctLetter} — ${correct}`,
  whyWrongHeading: (letter: string) => `Why ${letter} is wrong`,
  correctTitle: (roundId: number) => `Correct · round #${roundId}`,
  notQuiteTitle: (roundId: number) => `Not quite · round #${roundId}`,
} as const;

/** Replies of RoundService (rounds.ts): title and text of each refusal and notice. */
export const ROUNDS = {
  noPracticeQuestions: {
    title: 'No practice questions',
    text: (deckTitle: string) => `The deck "${deckTitle}" has no questions yet.`,
  },
  practiceOnlyOpen: {
    title: 'Answer it in the channel',
    text: (tag: string | undefined) =>
      `The only practice question${tag === undefined ? '' : ` tagged "${tag}"`} here is the one a round in this channel asks right now. Answer it there, or ask again once the round has closed.`,
  },
  noQuestions: { title: 'No questions', text: (deckTitle: string) => `The deck "${deckTitle}" has no questions yet.` },
  needsChannel: {
    title: 'Rounds need a channel',
    text: 'A round is asked in a channel for everyone there, and this is a direct message. Use `quiz here` in a channel, or `quiz` here for a practice question only you see.',
  },
  cannotPost: {
    title: 'Cannot post rounds right now',
    text: (platform: string) =>
      `I can't post channel messages on ${platform} at the moment (the connection is not running). Try again later, or use \`quiz\` for a private question.`,
  },
  postFailed: {
    title: 'Could not post the round',
    text: (problem: string) => `I couldn't post the round here: ${problem}.`,
  },
  opened: {
    title: (roundId: number) => `Round #${roundId} is open`,
    text: (roundId: number, minutes: number) =>
      `Round #${roundId} is open in this channel: answer with the buttons or \`answer ${roundId} <letter>\`. It closes by itself in ${minutes} min, or you or an admin can \`close\` it sooner.`,
  },
  noSuchRound: {
    title: 'No such round',
    /** For an answer: points at the number on the round message. */
    answerText: (roundId: number) => `There is no round #${roundId} in this team. Check the number on the round message.`,
    closeText: (roundId: number) => `There is no round #${roundId} in this team.`,
    /** For an answer button clicked where its round is not (a forged or misrouted click). */
    clickText: (roundId: number) => `There is no round #${roundId} in this channel. Answer with the buttons on the round's own message.`,
    /** For a typed answer to a round of this team asked in another channel (or a direct message). */
    typedText: (roundId: number) => `There is no round #${roundId} in this channel. Answer a round in the channel where it was asked.`,
  },
  notYourPractice: {
    title: 'Not your practice question',
    text: (roundId: number) => `Round #${roundId} is someone else's practice question. Use \`quiz\` to get your own.`,
  },
  questionRemoved: {
    title: 'Question removed',
    text: (roundId: number, questionId: string) =>
      `Round #${roundId} asked a question (${questionId}) that is no longer in the deck, so it can't be answered.`,
  },
  notAChoice: {
    title: 'Not one of the choices',
    /** `typed` is the user's input, already shortened for echoing. */
    text: (typed: string, roundId: number, letters: readonly string[]) =>
      `"${typed}" is not a choice of round #${roundId}. Pick one of ${letters.join(', ')}.`,
  },
  practiceFooter: "Practice answers don't count on the leaderboard",
  /** `inAbout` is a duration in words ("3 days"). */
  practiceFooterDue: (inAbout: string) =>
    `Practice answers don't count on the leaderboard · this question comes back in about ${inAbout}`,
  anotherQuestion: 'Another question',
  pointFooter: '+1 point · the channel sees the results when the round closes',
  noPointFooter: 'No point this time · the channel sees the results when the round closes',
  practiceClosesItself: {
    title: 'Practice questions close by themselves',
    text: (roundId: number) => `Round #${roundId} is a practice question; it closes when it is answered.`,
  },
  noOpenRound: {
    title: 'No open round here',
    text: 'There is no open `quiz here` round in this channel. (Daily questions close when the next one is posted.)',
  },
  alreadyClosed: {
    title: 'Already closed',
    text: (roundId: number) => `Round #${roundId} is already closed.`,
    justNow: (roundId: number) => `Round #${roundId} was just closed by someone else.`,
  },
  notYoursToClose: {
    title: 'Not yours to close',
    anAdmin: 'an admin',
    openerOrAdmin: (opener: string) => `${opener} (who opened it) or an admin`,
    text: (who: string, roundId: number) => `Only ${who} can close round #${roundId}.`,
  },
  closed: {
    title: (roundId: number) => `Closed round #${roundId}`,
    revealFailed: (roundId: number, problem: string) =>
      `Round #${roundId} is closed, but I couldn't show the answer in the channel: ${problem}.`,
    text: (roundId: number) => `Round #${roundId} is closed; the answer and results are in the channel.`,
  },
  unknownTag: {
    title: 'Unknown tag',
    text: (deckTitle: string, tag: string, tags: readonly string[]) =>
      `No question in "${deckTitle}" is tagged "${tag}". Tags: ${tags.join(', ')}.`,
  },
  alreadyOpen: {
    title: 'A round is already open',
    text: (roundId: number) =>
      `Round #${roundId} is still open in this channel. Answer it with its buttons or \`answer ${roundId} <letter>\`; whoever opened it or an admin can \`close\` it first.`,
  },
  alreadyAnswered: {
    title: 'Already answered',
    text: (roundId: number, letter: string, choice: string, wasRight: boolean) =>
      `You already answered round #${roundId} with ${letter} — ${choice} Your first answer is the one that stands${
        wasRight ? ' (and it was right)' : ''
      }.`,
  },
  roundClosed: {
    title: 'Round closed',
    text: (roundId: number, letter: string, choice: string) =>
      `Round #${roundId} is closed, so answers no longer count. The answer was ${letter} — ${choice}`,
  },
  /** Why this practice question was picked. */
  practiceNote: {
    due: (ago: string) => `a review that was due ${ago} ago`,
    new: 'a question you have not practised yet',
    ahead: 'nothing is due, so here is the one due soonest',
  },
  /** The neutral invite advice, for a Context whose adapter gave no Surface. */
  defaultInviteHint: 'Invite the bot to this channel and let it post there',
  postAdvice: {
    invite: (inviteHint: string) => `${inviteHint}, then try \`quiz here\` again.`,
    rateLimited: 'Wait a minute, then try `quiz here` again.',
    other: 'Nothing was stored; try `quiz here` again in a moment.',
  },
} as const;

/** A poster failure in words a channel member can act on, and durations in words. */
export const POSTING = {
  notRunning: (platform: string) => `the ${platform} connection is not running`,
  forbidden: 'the bot is not in this channel or may not post in it',
  channelNotFound: 'the channel is gone or the bot cannot see it',
  rateLimited: 'the chat service is rate-limiting the bot',
  transient: 'the chat service did not answer (a network or server problem)',
  unknown: 'the chat service refused the message',
  /** `words` from the failure kind above, `code` the platform's own. */
  withCode: (words: string, code: string) => `${words} (${code})`,
  failed: (message: string) => `posting failed (${message})`,
  minutes: (n: number) => `${n} min`,
  hours: (n: number) => `${n} hours`,
  days: (n: number) => `${n} days`,
} as const;
