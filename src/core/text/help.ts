/**
 * The words of `help`, of the help shown for input that did not parse, and of declared
 * requirements (src/core/handlers/help.ts, parse-command.ts, commands/requirements.ts,
 * commands/dispatch.ts, tutor.ts). Each subcommand's own summary, usage, examples and details are
 * declared in its file in src/core/commands/ (the registry reads them from there).
 */
export const HELP = {
  details: '`help <subcommand>` for details.',
  /** `prefix` is the platform's command prefix with its trailing space ("/kms "). */
  typePrefixFirst: (prefix: string, details: string) => `Type ${prefix.trim()} first (e.g. ${prefix}explain grants). ${details}`,
  overviewTitle: 'kms-tutor — study the KMS chapter in chat',
  overviewItem: (usage: string, summary: string, example: string | undefined) => `\`${usage}\` — ${summary}, e.g. \`${example}\``,
  topicTitle: (sub: string) => `help: ${sub}`,
  topicLead: (sub: string, summary: string) => `\`${sub}\`: ${summary}.`,
  usage: 'Usage',
  example: 'Example',
  examples: 'Examples',
  /** " — did you mean `explain`?" after an unknown word; "" without suggestions. */
  didYouMean: (near: readonly string[]) => (near.length > 0 ? ` — did you mean ${near.map((s) => `\`${s}\``).join(' or ')}?` : ''),
  noSuchSubcommand: (quoted: string, hint: string) => `There is no subcommand ${quoted}${hint}`,
  /** The heading of help shown for input that did not parse. */
  invalidTitle: (problem: string) => `Sorry — ${problem}`,
} as const;

/** Problems with typed input, shown as `Sorry — <problem>` above the help. */
export const PARSE = {
  noSubcommand: 'no subcommand given',
  unknownSubcommand: (quoted: string, hint: string) => `unknown subcommand ${quoted}${hint}`,
  /**
   * A bare answer letter typed on its own (after a question): how to answer by typing. `prefix` in
   * these hints: how a command is typed where it was (Surface.commandPrefix, e.g. "/kms ").
   */
  bareLetter: (letter: string, prefix = '') =>
    `to answer with ${letter}, type \`${prefix}answer <round> ${letter}\` with the round number shown under the question (in a mock exam: \`${prefix}mock answer ${letter}\`)`,
  /**
   * An answer letter typed with a number beside it ("A 1", "1 A"): the answer form, if round `roundId` is
   * meant; `lastLetter` is that round's last choice, so a letter it does not have is not offered.
   */
  letterAndRound: (letter: string, roundId: number, prefix = '', lastLetter = 'E') =>
    letter <= lastLetter
      ? `to answer round #${roundId} with ${letter}, type \`${prefix}answer ${roundId} ${letter}\` (the round number first, then the letter)`
      : `round #${roundId}'s choices are A to ${lastLetter}: type \`${prefix}answer ${roundId}\` and one of them`,
  /**
   * An answer letter typed beside the number of a round this channel does not have (an answer counts
   * only in its round's channel), or beside numbers as typed ("1 2": not one round number).
   */
  letterNoSuchRound: (letter: string, roundId: number | string, prefix = '') =>
    `${typeof roundId === 'string' && roundId.includes(' ') ? `"${roundId}" is not one round number` : `there is no round #${roundId} in this channel`}: to answer with ${letter}, type \`${prefix}answer <round> ${letter}\` with the round number shown under the question`,
  /**
   * A bare answer letter typed where round `roundId` is open (`where`: "here" for the channel's
   * round, else the asker's practice question); `lastLetter` is the round's last choice, so a
   * letter it does not have is not offered.
   */
  bareLetterRound: (letter: string, roundId: number, lastLetter: string, where: 'here' | 'practice', prefix = '') => {
    const opening = where === 'here' ? `round #${roundId} is open here` : `your practice question (round #${roundId}) is still open`;
    return letter <= lastLetter
      ? `${opening}: to answer it with ${letter}, type \`${prefix}answer ${roundId} ${letter}\``
      : `${opening}, but its choices are A to ${lastLetter}: type \`${prefix}answer ${roundId}\` and one of them`;
  },
  /** Added to bareLetterRound for the channel's round when the asker's practice question (round `roundId`) is open too. */
  bareLetterAlsoPractice: (roundId: number, prefix = '') => ` (your own practice question is round #${roundId}: \`${prefix}answer ${roundId} <letter>\`)`,
  /**
   * A bare answer letter typed while the asker's mock exam runs: its current question is answered with
   * `mock answer`; `lastLetter` is that question's last choice, so a letter it does not have is not offered.
   */
  bareLetterMock: (letter: string, prefix = '', lastLetter = 'E') =>
    letter <= lastLetter
      ? `your mock exam is running: to answer its current question with ${letter}, type \`${prefix}mock answer ${letter}\``
      : `your mock exam is running, but its current question's choices are A to ${lastLetter}: type \`${prefix}mock answer\` and one of them`,
  argumentTooLong: (sub: string, length: number, max: number) => `the ${sub} argument is ${length} characters long; the limit is ${max}`,
  /** A Command object of no known kind reached the dispatcher (a bug in an adapter). */
  unknownCommand: (kindJson: string) => `unknown command ${kindJson}`,
  unknownButton: "that button isn't one I recognise",
} as const;

/** The refusals of declared requirements, when a subcommand gives no words of its own. */
export const REQUIREMENTS = {
  channelTitle: (sub: string) => `${sub} works in a channel`,
  channelWhy: (sub: string) => `This is a direct message; run \`${sub}\` in a channel.`,
  adminWhy: (sub: string) => `Only admins can use \`${sub}\``,
  adminTitle: (sub: string) => `Only admins can use ${sub}`,
  /** `rule` is the platform's own rule for who is an admin (ctx.surface.adminRule). */
  adminText: (why: string, rule: string | undefined) => (rule ? `${why}: ${rule}.` : `${why}.`),
} as const;
