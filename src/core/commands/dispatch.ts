/**
 * The one place a parsed command is run: find its subcommand in the registry, check the
 * subcommand's declared requirements (the first unmet one answers instead), then call its handler.
 * Input that did not parse, or a kind no subcommand has, gets help headed by what was wrong.
 */
import type { Command } from '../command.js';
import type { Context } from '../context.js';
import type { CoreDeps } from '../deps.js';
import type { MockExamRow, RoundRow } from '../ports/store.js';
import { handleInvalid } from '../handlers/help.js';
import type { Reply } from '../reply.js';
import { PARSE } from '../text/help.js';
import { CATALOGUE, commandSpec } from './registry.js';
import { unmetRequirement } from './requirements.js';
import type { CommandTools } from './spec.js';

/**
 * What to say about an answer letter typed alone (it never answers by itself): while the asker's
 * mock exam runs, `mock answer <letter>` (the question they were last shown; a letter its current
 * question has no choice for is not offered, its letters are named instead); else the round open
 * in this channel (a `quiz here` round, else today's daily round while it is open) with the command
 * that answers it, naming the asker's own open practice question too when there is one; else that
 * practice question (`quiz`, answered with `answer <round> <letter>` too); else the general form.
 * Each command is shown as typed where the letter was (Surface.commandPrefix: "/kms answer 1 B"). A letter
 * the round has no choice for is not offered: the hint names the round's letters instead. With a round
 * number typed beside the letter (`roundTyped`: "A 1"), after the mock check, the answer form for that
 * round when it is a round of this channel (an answer counts only there; with the same letter check),
 * else that there is no such round here (also for numbers that cannot be a round: `roundTyped` a string,
 * "0", "1 2"). Every round offered is one of the channel the asker is in.
 */
async function bareLetterProblem(letter: string, ctx: Context, deps: CoreDeps, roundTyped?: number | string): Promise<string> {
  const prefix = ctx.surface?.commandPrefix ?? '';
  const mock = await deps.store.runningMockExam(ctx, ctx.userId);
  if (mock !== undefined && mock.endsAt > ctx.now.getTime()) return PARSE.bareLetterMock(letter, prefix, await mockLastLetter(mock, deps));
  if (typeof roundTyped === 'string') return PARSE.letterNoSuchRound(letter, roundTyped, prefix);
  if (roundTyped !== undefined) {
    const typed = await deps.store.getRound(roundTyped);
    const here = typed !== undefined && typed.platform === ctx.platform && typed.teamId === ctx.teamId && typed.channelId === ctx.channelId;
    if (!here) return PARSE.letterNoSuchRound(letter, roundTyped, prefix);
    return PARSE.letterAndRound(letter, roundTyped, prefix, lastLetter(typed));
  }
  const channelRound = (await deps.store.openChannelRound(ctx)) ?? (await deps.store.latestDailyRound(ctx));
  const open = channelRound !== undefined && channelRound.closedAt === null ? channelRound : undefined;
  const practice = await deps.store.openPracticeRound(ctx, ctx.userId);
  if (open !== undefined) {
    const hint = PARSE.bareLetterRound(letter, open.id, lastLetter(open), 'here', prefix);
    return practice === undefined ? hint : hint + PARSE.bareLetterAlsoPractice(practice.id, prefix);
  }
  return practice === undefined ? PARSE.bareLetter(letter, prefix) : PARSE.bareLetterRound(letter, practice.id, lastLetter(practice), 'practice', prefix);
}

/**
 * The last letter of a running mock's current question (its first question, in the order asked, the
 * learner has not answered: what `mock answer` answers); "E" when none can be read.
 */
async function mockLastLetter(mock: MockExamRow, deps: CoreDeps): Promise<string> {
  for (const question of [...mock.questions].sort((a, b) => a.position - b.position)) {
    if ((await deps.store.getAnswer(question.roundId, mock.userId)) !== undefined) continue;
    const round = await deps.store.getRound(question.roundId);
    return round === undefined ? 'E' : lastLetter(round);
  }
  return 'E';
}

/** The letter of a round's last choice ("D" for four). */
function lastLetter(round: RoundRow): string {
  return String.fromCharCode(64 + round.choiceOrder.length);
}

/** Run one command for `ctx`. Throws what its handler throws (the Tutor turns that into an apology). */
export async function runCommand(command: Command, ctx: Context, tools: Omit<CommandTools, 'catalogue'>): Promise<Reply> {
  if (command?.kind === 'invalid') {
    const problem =
      command.bareLetter === undefined
        ? command.problem
        : await bareLetterProblem(command.bareLetter, ctx, tools.deps, command.letterRound ?? command.letterOddRound);
    return handleInvalid(CATALOGUE, problem, command.input, ctx.now, ctx.surface);
  }
  const spec = typeof command?.kind === 'string' ? commandSpec(command.kind) : undefined;
  if (!spec) return handleInvalid(CATALOGUE, PARSE.unknownCommand(JSON.stringify((command as { kind?: unknown } | undefined)?.kind ?? null)), '', ctx.now, ctx.surface);
  return unmetRequirement(spec.name, spec.requires, ctx) ?? spec.run(command, ctx, { ...tools, catalogue: CATALOGUE });
}
