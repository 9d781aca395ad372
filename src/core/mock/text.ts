/** The words of mock exams (`mock`), in one place. */

/** Minutes as "1 min" / "27 min". */
export function minutesText(ms: number): string {
  return `${Math.max(0, Math.ceil(ms / 60_000))} min`;
}

export const MOCK_TEXT = {
  questionTitle: (n: number, of: number) => `Mock exam · question ${n} of ${of}`,
  timeLeft: (ms: number) => `⏱ ${minutesText(ms)} left`,
  questionFooter: (left: string, flagged: number) =>
    `Only you see this · ${left} · no feedback until the end${flagged > 0 ? ` · ${flagged} flagged` : ''} · \`mock end\` finishes now`,
  flagged: 'Flagged for review.',
  flag: 'Flag for review',
  unflag: 'Unflag',
  end: 'End the mock',
  started: (count: number, minutes: number, domains: string) =>
    `${count} questions, ${minutes} min, mixed like the exam (${domains}). No feedback until the end.`,
  busyTitle: 'A mock exam is already running',
  busy: (n: number, of: number, left: string) =>
    `You are on question ${n} of ${of} with ${left} left. Answer it with its buttons (or \`mock answer <letter>\`), or finish with \`mock end\` before starting another.`,
  noneTitle: 'No mock exam running',
  none: 'Start one with `mock` (e.g. `mock 20 30` for 20 questions in 30 minutes).',
  notYoursTitle: 'Not your mock exam',
  notYours: 'That mock exam belongs to someone else. Start your own with `mock`.',
  overTitle: 'This mock exam is over',
  over: (when: string) => `It ended ${when}, so answers no longer count. Its results are below.`,
  timeUpTitle: 'Time is up',
  timeUp: 'Time ran out before this answer, so it was not counted. Your results are below.',
  staleTitle: 'Already answered',
  stale: (n: number) => `You already answered question ${n}; here is the question you are on now.`,
  resultsTitle: (right: number, of: number, pct: number) => `Mock exam results · ${right}/${of} (${pct}%)`,
  endedBy: { finished: 'You answered every question.', 'ended-early': 'You ended the mock early; unanswered questions count as wrong.', 'time-up': 'Time ran out; unanswered questions count as wrong.' },
  byDomain: 'Results per exam domain',
  reviewHeading: (n: number, mark: string, domain: string, flagged: boolean) => `${n}. ${mark} ${domain}${flagged ? ' · flagged' : ''}`,
  yourAnswer: (letter: string, text: string) => `Your answer: ${letter} — ${text}`,
  noAnswer: 'Not answered.',
  rightAnswer: (letter: string, text: string) => `Right answer: ${letter} — ${text}`,
  whyNot: (letter: string, why: string) => `Why not ${letter}: ${why}`,
  removed: 'This question is no longer in the deck.',
  /** An answer to the current question when the deck no longer has it. */
  removedCurrent: 'Nothing was counted: this question is no longer in the deck, so it cannot be answered. `mock end` finishes the mock now (it counts as unanswered).',
  /** `letter`: the typed letter, cut to 5 characters; `letters`: "A, B, C, D". */
  notAChoice: (letter: string, letters: string) => `"${letter}" is not a choice here; pick one of ${letters}.`,
  retake: (n: number) => `Retake my misses (${n})`,
  newMock: 'New mock exam',
  allRight: 'No misses to retake: every question was right.',
  resultsFooter: 'Mock answers count in your practice cards, stats and readiness, never on the leaderboard.',
  chartAlt: (summary: string) => `Bar chart of your mock exam results per domain: ${summary}.`,
  badDeckTitle: 'Unknown deck',
  badDeck: (id: string, ids: string) => `There is no deck "${id}". Decks: ${ids}.`,
  noQuestionsTitle: 'No questions',
  noQuestions: (title: string) => `The deck "${title}" has no questions for a mock exam.`,
  nothingToRetakeTitle: 'Nothing to retake',
  retakeRunning: 'Finish or end the running mock first (`mock end`).',
  noEarlierMockTitle: 'No mock exam to retake',
  noEarlierMock: 'There is no earlier mock exam to retake. Start one with `mock`; its results have a "Retake my misses" button.',
  unknownMockTitle: 'No such mock exam',
  unknownMock: 'That mock exam is not in this team any more.',
  resultsPosted: 'Your mock exam ran out of time; here are your results.',
} as const;
