/**
 * The words of `scenario`, `hint`, `reference`, `check` and the scenario card
 * (src/core/handlers/scenario.ts, cards.ts, share.ts). `quoted` parameters are user input already
 * quoted and shortened by `quote`; `sub` is the follow-up subcommand's name.
 */
export const SCENARIOS = {
  /** One usage example per follow-up, for messages. */
  example: {
    hint: (id: string) => `\`hint ${id} 2\``,
    reference: (id: string) => `\`reference ${id}\``,
    check: (id: string) => `\`check ${id} 1,3\``,
  },
  tooLong: {
    title: (length: number) => `That is ${length} characters long`,
    followUpText: (sub: string, max: number) => `${sub} takes a scenario id or a few words of at most ${max} characters.`,
    scenarioText: (max: number) => `scenario takes an id or a few words of at most ${max} characters.`,
  },
  unexpectedWords: {
    title: (quoted: string, id: string) => `Unexpected ${quoted} after the scenario id ${id}`,
    /** What each follow-up takes. */
    takes: { hint: 'a scenario and an optional hint number', check: 'a scenario and optional rubric point numbers', reference: 'one scenario' },
    text: (sub: string, takes: string, example: string) => `${sub} takes ${takes}, e.g. ${example}. Nothing was stored.`,
  },
  unknown: {
    title: (quoted: string) => `Unknown scenario ${quoted}`,
    text: 'Type `scenario` to list the scenarios and their ids.',
    didYouMean: 'Did you mean:',
  },
  /** A list item: the scenario's title and the command that opens it. */
  item: (title: string, command: string, id: string) => `${title} — \`${command} ${id}\``,
  listTitle: 'Scenarios',
  listFooter: 'Each one has hints, a reference design and a checklist to score yourself.',
  noMatchList: (quoted: string) => `No scenario matches ${quoted}; here are all of them`,
  didYouMean: (quoted: string) => `No scenario matches ${quoted} — did you mean:`,
  noSuchHint: {
    /** A number too large to print exactly (e.g. 20 digits) is named only as out of range. */
    title: (count: number) => (Number.isSafeInteger(count) ? `There is no hint ${count}` : 'That hint number is out of range'),
    text: (title: string, total: number, id: string) =>
      `${title} has ${total === 1 ? '1 hint' : `${total} hints`}, numbered 1 to ${total}: \`hint ${id} ${total}\` shows them all.`,
  },
  hintButton: 'Hint',
  nextHintButton: 'Next hint',
  referenceButton: 'Reference design',
  checkButton: 'Check yourself',
  hintsTitle: (title: string, shown: number, total: number) =>
    `${title} · hint${shown > 1 ? 's' : ''} ${shown > 1 ? `1-${shown}` : '1'} of ${total}`,
  hintHeading: (n: number) => `Hint ${n}`,
  lastHint: 'That was the last hint.',
  referenceTitle: (title: string) => `${title} · reference design`,
  tradeoffHeading: 'Trade-off',
  checkTitle: (title: string) => `${title} · check yourself`,
  checkText: (points: number) => `A good answer covers these ${points} points. Tick the ones your design covered.`,
  notOnRubric: {
    title: (points: readonly number[]) =>
      `Point${points.length > 1 ? 's' : ''} ${points.join(', ')} ${points.length > 1 ? 'are' : 'is'} not on this rubric`,
    text: (title: string, total: number, id: string) =>
      `${title} has ${total} points, numbered 1 to ${total}. Nothing was stored. Type \`check ${id}\` to see them.`,
  },
  selfScoreTitle: (ticked: number, total: number, title: string) => `You ticked ${ticked}/${total} for ${title}`,
  allCovered: 'Every point covered. Well done.',
  worthAnotherLook: 'Worth another look',
  selfScoreFooter: 'Your self-score is saved (the latest one counts).',
  /** Under a rubric in plain text, where there is no select menu to tick. */
  tickTyped: (id: string) => `Tick what you covered: check ${id} 1,3 (the numbers you covered, or "none")`,
  /** The scenario card. */
  cardTitle: (title: string) => `Scenario: ${title}`,
  requirementsHeading: 'Requirements',
  tasksHeading: 'Your tasks',
  cardFooter: (chapterFooter: string, id: string) => `${chapterFooter} · id ${id}`,
} as const;

/** A share button whose card has gone from the loaded decks. */
export const SHARE = {
  scenarioGone: {
    title: (quoted: string) => `Scenario ${quoted} is not in any loaded deck`,
    text: 'It may have been removed; type `scenario` for the current list.',
  },
  termGone: {
    title: (quoted: string) => `Term ${quoted} is not in any loaded deck`,
    text: 'It may have been removed; type `terms` for the current list.',
  },
} as const;
