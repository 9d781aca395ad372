/**
 * `help [subcommand]`, and the help shown for input that did not parse (headed by what was wrong).
 */
import { SUBCOMMANDS } from '../command.js';
import { quote, resolveSubcommand, suggestSubcommands } from '../parse-command.js';
import type { Reply } from '../reply.js';

type Subcommand = (typeof SUBCOMMANDS)[number];

/** What `help` says about one subcommand. */
interface HelpTopic {
  usage: string;
  summary: string;
  example: string;
  details: string[];
}

/** Help for every subcommand, in SUBCOMMANDS order. */
export const HELP_TOPICS: Record<Subcommand, HelpTopic> = {
  help: {
    usage: 'help [subcommand]',
    summary: 'this overview, or the details of one subcommand',
    example: 'help subscribe',
    details: ['Without an argument: every subcommand with an example. With one: its details.'],
  },
  explain: {
    usage: 'explain <term>',
    summary: 'look a term up: summary, explanation, exam tip, related terms',
    example: 'explain grants',
    details: [
      'Finds a term by name or alias; case, hyphens, plurals and small typos do not matter ("sse kms", "grnats").',
      'When nothing matches well it suggests up to three terms. At most 200 characters.',
    ],
  },
  terms: {
    usage: 'terms [tag]',
    summary: 'list the deck\'s terms by chapter section',
    example: 'terms s3',
    details: ['With a tag (kms, s3, ebs, rds, policy, cost, audit, exam): only the terms its questions test.'],
  },
  quiz: {
    usage: 'quiz [here] [tag]',
    summary: 'a practice question only you see; `quiz here` opens a round for the whole channel',
    example: 'quiz here s3',
    details: [
      '`quiz` and `quiz s3` ask you a practice question: it counts in your stats, not on the leaderboard.',
      '`quiz here` opens a round in the channel; everyone\'s first answer counts and a right answer scores 1 point. One on-demand round per channel at a time; it closes by itself after a while, or with `close`.',
    ],
  },
  answer: {
    usage: 'answer <round> <letter>',
    summary: 'answer a round (the terminal\'s stand-in for a button)',
    example: 'answer 12 B',
    details: ['Your first answer is the one that counts; answering again tells you which answer stands.'],
  },
  close: {
    usage: 'close [round]',
    summary: 'close the channel\'s open round now and reveal the answer',
    example: 'close',
    details: ['Shows the correct answer, the explanation, how many answered and how the choices split.'],
  },
  scenario: {
    usage: 'scenario [id or words]',
    summary: 'a design exercise with hints, a reference design and a self-check',
    example: 'scenario finance',
    details: ['Without an argument: the list of scenarios. Then use its buttons, or `hint`, `reference` and `check`.'],
  },
  hint: {
    usage: 'hint <scenario> [n]',
    summary: 'reveal a scenario\'s hints one at a time',
    example: 'hint finance-compliance 2',
    details: ['`hint <scenario> 2` shows hints 1 and 2 (hints are numbered from 1).', '<scenario> is its id or words of its title, as `scenario` takes them.'],
  },
  reference: {
    usage: 'reference <scenario>',
    summary: 'a scenario\'s reference design and its trade-off',
    example: 'reference finance-compliance',
    details: ['Try the exercise first: the hints come one at a time, the reference design all at once.', '<scenario> is its id or words of its title, as `scenario` takes them.'],
  },
  check: {
    usage: 'check <scenario> [points]',
    summary: 'the rubric of a good answer; tick what you covered',
    example: 'check finance-compliance 1,3,4',
    details: [
      '`check <scenario>` lists the rubric; `check <scenario> 1,3,4` (or `none`) stores your self-score. Points are numbered from 1, as listed.',
      '<scenario> is its id or words of its title, as `scenario` takes them.',
    ],
  },
  leaderboard: {
    usage: 'leaderboard [week|month|30d|all] [here]',
    summary: 'the team\'s top 10 and your own place',
    example: 'leaderboard month here',
    details: [
      'Default: this ISO week. Weeks and months follow the channel\'s time zone (its subscription\'s, else UTC).',
      '`here` limits the board to this channel (a study group). Ranked by points, then accuracy: equal points and accuracy share a rank (1, 2, 2, 4), and within a shared rank who got there first is listed first.',
    ],
  },
  stats: {
    usage: 'stats [user]',
    summary: 'answers, accuracy, points, streaks and accuracy per topic',
    example: 'stats @alice',
    details: ['Without a name: your own. Suggests a term to read and a practice quiz on your weakest topic.'],
  },
  subscribe: {
    usage: 'subscribe [HH:MM] [time zone] [daily|weekdays] [deck]',
    summary: 'post a question in this channel every day (admins)',
    example: 'subscribe 09:00 Europe/Berlin weekdays',
    details: [
      'Defaults: 09:00, your own time zone where the platform knows it (else UTC), weekdays, the default deck. Any order.',
      'Subscribing again changes what you give, keeps the rest, and resumes a paused subscription.',
      'The time zone is an IANA region/city name (Europe/Berlin, America/New_York) or UTC; abbreviations such as EST or CET are not accepted.',
      'Subscribing after today\'s post time but before 18:00 local posts today\'s question within a minute.',
    ],
  },
  unsubscribe: {
    usage: 'unsubscribe',
    summary: 'stop this channel\'s daily question (admins)',
    example: 'unsubscribe',
    details: ['Scores and streaks stay. The open daily question is closed and its answer shown.'],
  },
  schedule: {
    usage: 'schedule',
    summary: 'this channel\'s daily question: time, zone, next post',
    example: 'schedule',
    details: ['Also says why posting is paused, if it is.'],
  },
  'forget-me': {
    usage: 'forget-me [confirm]',
    summary: 'delete your answers, self-scores and stats in this team',
    example: 'forget-me',
    details: ['Asks for confirmation first. Boards no longer show you afterwards.'],
  },
};

const FOOTER = 'In Slack and Discord, type /kms first (e.g. /kms explain grants). `help <subcommand>` for details.';

/** The overview: every subcommand with its summary and one example. */
export function helpOverview(heading?: { title: string; tone: Reply['tone'] }): Reply {
  return {
    visibility: 'user',
    tone: heading?.tone ?? 'info',
    title: heading?.title ?? 'kms-tutor — study the KMS chapter in chat',
    blocks: [
      {
        type: 'list',
        items: SUBCOMMANDS.map((s) => `\`${HELP_TOPICS[s].usage}\` — ${HELP_TOPICS[s].summary}, e.g. \`${HELP_TOPICS[s].example}\``),
      },
    ],
    footer: FOOTER,
  };
}

/** The details of one subcommand. */
export function helpTopic(sub: Subcommand, heading?: { title: string; tone: Reply['tone'] }): Reply {
  const t = HELP_TOPICS[sub];
  return {
    visibility: 'user',
    tone: heading?.tone ?? 'info',
    title: heading?.title ?? `help: ${sub}`,
    blocks: [
      ...(heading ? [{ type: 'text' as const, text: `\`${sub}\`: ${t.summary}.` }] : [{ type: 'text' as const, text: `${t.summary[0]?.toUpperCase()}${t.summary.slice(1)}.` }]),
      { type: 'fields', fields: [{ label: 'Usage', value: `\`${t.usage}\`` }, { label: 'Example', value: `\`${t.example}\`` }] },
      ...t.details.map((text) => ({ type: 'text' as const, text })),
    ],
    footer: FOOTER,
  };
}

/** `help [topic]`. An unknown topic gets the overview headed by what was wrong. */
export function handleHelp(topic?: string): Reply {
  if (topic === undefined) return helpOverview();
  const word = topic.trim().replace(/^\/?kms\s+/i, '').split(/\s+/)[0]?.toLowerCase();
  const sub = word === undefined ? undefined : resolveSubcommand(word);
  if (sub) return helpTopic(sub);
  const near = suggestSubcommands(word ?? '');
  const hint = near.length > 0 ? ` — did you mean ${near.map((s) => `\`${s}\``).join(' or ')}?` : '';
  return helpOverview({ title: `There is no subcommand ${quote(word ?? topic)}${hint}`, tone: 'warning' });
}

/**
 * Help for input that did not parse, headed by the problem: the subcommand's own help when the
 * input started with a known subcommand, else the overview.
 */
export function handleInvalid(problem: string, input: string): Reply {
  const title = `Sorry — ${problem}`;
  const first = input.trim().replace(/^\/?kms(\s+|$)/i, '').split(/\s+/)[0]?.toLowerCase();
  const sub = first === undefined ? undefined : resolveSubcommand(first);
  return sub ? helpTopic(sub, { title, tone: 'error' }) : helpOverview({ title, tone: 'error' });
}
