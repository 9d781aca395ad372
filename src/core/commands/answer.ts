/** `answer <round> <letter>`: answer a round by typing (the stand-in for an answer button). */
import { defineCommand } from './spec.js';
import { invalid, quote, roundNumber } from './text-args.js';

/** A parsed `answer`. */
export interface AnswerCommand {
  kind: 'answer';
  roundId: number;
  /** Upper case, A-E. */
  letter: string;
}

export const answer = defineCommand<AnswerCommand>({
  name: 'answer',
  help: {
    usage: 'answer <round> <letter>',
    summary: 'answer a round by typing (the stand-in for its buttons)',
    examples: ['answer 12 B'],
    details: [
      'Your first answer is the one that counts; answering again tells you which answer stands.',
      "Type it in the round's own channel (a practice question's: where you typed `quiz`); elsewhere there is no such round.",
    ],
  },
  description: 'Answer a round by its number and a letter',
  textOnly: true,
  parse: ({ args, input }) => {
    if (args.length > 2) {
      const extra = args.slice(2).join(' ');
      const count = args.length - 2 === 1 ? 'one word' : `${args.length - 2} words`;
      return invalid(`answer takes only a round number and a letter; ${quote(extra)} is ${count} too many, e.g. \`answer 12 B\``, input);
    }
    if (args.length !== 2) return invalid('answer needs a round number and a letter, e.g. `answer 12 B`', input);
    const [roundArg = '', letterArg = ''] = args;
    const roundId = roundNumber(roundArg);
    if (roundId === undefined) return invalid(`round ${quote(roundArg)} is not a round number (like 12)`, input);
    const letter = letterArg.toUpperCase();
    if (!/^[A-E]$/.test(letter)) return invalid(`letter ${quote(letterArg)} is not one of A-E`, input);
    return { kind: 'answer', roundId, letter };
  },
  run: (c, ctx, { rounds }) => rounds.answer(c.roundId, c.letter, ctx),
});
