/**
 * `help [subcommand]`, and the help shown for input that did not parse (headed by what was wrong).
 * The help texts are the subcommands' own (src/core/commands/<name>.ts), read through the
 * registry's HelpCatalogue; the platform's command prefix comes from the Context's Surface.
 */
import { exampleDates, fillExampleDates, type ExampleDates } from '../commands/example-dates.js';
import type { HelpCatalogue } from '../commands/spec.js';
import { quote } from '../commands/text-args.js';
import type { Surface } from '../context.js';
import type { Reply } from '../reply.js';
import { HELP } from '../text/help.js';

type Heading = { title: string; tone: Reply['tone']; outcome?: Reply['outcome'] };

/** How to type a command here, then where the details are. Neutral when the surface is unknown or has no prefix. */
function helpFooter(surface?: Surface): string {
  const prefix = surface?.commandPrefix ?? '';
  const details = HELP.details;
  return prefix.trim() === '' ? details : HELP.typePrefixFirst(prefix, details);
}

/** "e.g. `x`" / "`x`, `y`" for a list of examples. */
function exampleList(examples: readonly string[], dates: ExampleDates): string {
  return examples.map((e) => `\`${fillExampleDates(e, dates)}\``).join(', ');
}

/** The overview: every subcommand with its summary and first example. */
function helpOverview(catalogue: HelpCatalogue, dates: ExampleDates, surface?: Surface, heading?: Heading): Reply {
  return {
    visibility: 'user',
    tone: heading?.tone ?? 'info',
    title: heading?.title ?? HELP.overviewTitle,
    blocks: [{ type: 'list', items: catalogue.entries.map((t) => HELP.overviewItem(t.usage, t.summary, fillExampleDates(t.examples[0], dates))) }],
    footer: helpFooter(surface),
    ...(heading?.outcome ? { outcome: heading.outcome } : {}),
  };
}

/** The details of one subcommand (a name from the catalogue). */
function helpTopic(catalogue: HelpCatalogue, sub: string, dates: ExampleDates, surface?: Surface, heading?: Heading): Reply {
  const t = catalogue.entries.find((e) => e.name === sub);
  if (!t) return helpOverview(catalogue, dates, surface, heading);
  return {
    visibility: 'user',
    tone: heading?.tone ?? 'info',
    title: heading?.title ?? HELP.topicTitle(sub),
    blocks: [
      heading ? { type: 'text', text: HELP.topicLead(sub, t.summary) } : { type: 'text', text: `${t.summary[0]?.toUpperCase()}${t.summary.slice(1)}.` },
      { type: 'fields', fields: [{ label: HELP.usage, value: `\`${t.usage}\`` }, { label: t.examples.length > 1 ? HELP.examples : HELP.example, value: exampleList(t.examples, dates) }] },
      ...t.details.map((text) => ({ type: 'text' as const, text })),
    ],
    footer: helpFooter(surface),
  };
}

/**
 * `help [topic]` at `now` (the event's UTC instant; example dates are about six months after it). An
 * unknown topic gets the overview headed by what was wrong.
 */
export function handleHelp(catalogue: HelpCatalogue, topic: string | undefined, now: Date, surface?: Surface): Reply {
  const dates = exampleDates(now);
  if (topic === undefined) return helpOverview(catalogue, dates, surface);
  // Resolve in any case, but quote what the user typed, as typed.
  const typed = topic.trim().replace(/^\/?kms\s+/i, '').split(/\s+/)[0];
  const word = typed?.toLowerCase();
  const sub = word === undefined ? undefined : catalogue.resolve(word);
  if (sub) return helpTopic(catalogue, sub, dates, surface);
  const near = catalogue.suggest(word ?? '');
  const hint = HELP.didYouMean(near);
  return helpOverview(catalogue, dates, surface, { title: HELP.noSuchSubcommand(quote(typed ?? topic), hint), tone: 'warning', outcome: 'not-found' });
}

/**
 * Help for input that did not parse, headed by the problem: the subcommand's own help when the
 * input started with a known subcommand, else the overview; `now` (UTC) dates the examples.
 */
export function handleInvalid(catalogue: HelpCatalogue, problem: string, input: string, now: Date, surface?: Surface): Reply {
  const dates = exampleDates(now);
  const heading: Heading = { title: HELP.invalidTitle(problem), tone: 'error' };
  const first = input.trim().replace(/^\/?kms(\s+|$)/i, '').split(/\s+/)[0]?.toLowerCase();
  const sub = first === undefined ? undefined : catalogue.resolve(first);
  return sub ? helpTopic(catalogue, sub, dates, surface, heading) : helpOverview(catalogue, dates, surface, heading);
}
