/**
 * `/kms` interaction options -> core Command, built directly from the typed values (no re-parsing
 * of text). Works on the raw option tree of an application command interaction
 * (`interaction.options.data`): one subcommand option whose own `options` hold the values.
 *
 * Anything that does not fit (no subcommand, an unknown one, a value of the wrong type, a malformed
 * period or cadence) becomes `{ kind: 'invalid', problem }` naming what was wrong; core answers it
 * with help. Range checks that need the deck or the clock stay in core.
 */
import { ApplicationCommandOptionType } from 'discord.js';
import type { Command, LeaderboardPeriod } from '../../core/command.js';
import { DISCORD_SUBCOMMANDS, type DiscordSubcommand } from './commands.js';

/** One option as Discord sends it (and discord.js keeps it in `interaction.options.data`). */
export interface RawOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: readonly RawOption[];
}

const PERIODS: readonly LeaderboardPeriod[] = ['week', 'month', '30d', 'all'];
const CADENCES = ['daily', 'weekdays'] as const;

/** A short, safe quote of a user-supplied name for a problem message. */
function quoteName(name: string): string {
  const flat = name.replace(/\s+/g, ' ');
  return JSON.stringify(flat.length > 40 ? `${flat.slice(0, 40)}…` : flat);
}

class OptionProblem extends Error {}

/** Typed access to a subcommand's options; a value of the wrong type throws OptionProblem. */
class Values {
  private readonly byName = new Map<string, RawOption>();

  constructor(options: readonly RawOption[] | undefined) {
    for (const o of options ?? []) this.byName.set(o.name, o);
  }

  string(name: string): string | undefined {
    const o = this.byName.get(name);
    if (o?.value === undefined) return undefined;
    if (typeof o.value !== 'string') throw new OptionProblem(`option ${quoteName(name)} should be text`);
    return o.value;
  }

  boolean(name: string): boolean {
    const o = this.byName.get(name);
    if (o?.value === undefined) return false;
    if (typeof o.value !== 'boolean') throw new OptionProblem(`option ${quoteName(name)} should be true or false`);
    return o.value;
  }

  integer(name: string): number | undefined {
    const o = this.byName.get(name);
    if (o?.value === undefined) return undefined;
    if (typeof o.value !== 'number' || !Number.isSafeInteger(o.value) || o.value < 1) {
      throw new OptionProblem(`option ${quoteName(name)} should be a whole number from 1`);
    }
    return o.value;
  }

  /** A user option: the user's id (a snowflake string). */
  user(name: string): string | undefined {
    const o = this.byName.get(name);
    if (o?.value === undefined) return undefined;
    if (typeof o.value !== 'string' || !/^[0-9]{1,25}$/.test(o.value)) throw new OptionProblem(`option ${quoteName(name)} should be a member`);
    return o.value;
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Build the Command of one subcommand from its values. @throws OptionProblem */
function build(sub: DiscordSubcommand, v: Values): Command {
  switch (sub) {
    case 'help':
      return { kind: 'help', ...optional('topic', v.string('topic')) };
    case 'explain':
      return { kind: 'explain', query: v.string('term') ?? '' };
    case 'terms':
      return { kind: 'terms', ...optional('tag', v.string('tag')?.trim().toLowerCase() || undefined) };
    case 'quiz':
      return { kind: 'quiz', here: v.boolean('here'), ...optional('tag', v.string('tag')?.trim().toLowerCase() || undefined) };
    case 'close':
      return { kind: 'close', ...optional('roundId', v.integer('round')) };
    case 'scenario':
      return { kind: 'scenario', ...optional('query', v.string('name')?.trim() || undefined) };
    case 'leaderboard': {
      const period = v.string('period') ?? 'week';
      if (!(PERIODS as readonly string[]).includes(period)) {
        throw new OptionProblem(`leaderboard period ${quoteName(period)} is not one of week, month, 30d, all`);
      }
      return { kind: 'leaderboard', period: period as LeaderboardPeriod, here: v.boolean('here') };
    }
    case 'stats':
      return { kind: 'stats', ...optional('user', v.user('user')) };
    case 'subscribe': {
      const cadence = v.string('cadence');
      if (cadence !== undefined && !(CADENCES as readonly string[]).includes(cadence)) {
        throw new OptionProblem(`cadence ${quoteName(cadence)} is not daily or weekdays`);
      }
      return {
        kind: 'subscribe',
        ...optional('time', v.string('time')?.trim() || undefined),
        ...optional('timeZone', v.string('zone')?.trim() || undefined),
        ...optional('cadence', cadence as (typeof CADENCES)[number] | undefined),
        ...optional('deckId', v.string('deck')?.trim().toLowerCase() || undefined),
      };
    }
    case 'unsubscribe':
      return { kind: 'unsubscribe' };
    case 'schedule':
      return { kind: 'schedule' };
    case 'forget-me':
      return { kind: 'forget-me', confirm: false };
  }
}

/**
 * The Command for a `/kms` interaction's option tree. `options` is `interaction.options.data`:
 * `[{ name: 'explain', type: 1, options: [{ name: 'term', type: 3, value: 'grants' }] }]`.
 * Never throws: malformed input gives an `invalid` Command.
 */
export function commandFromOptions(options: readonly RawOption[] | undefined): Command {
  const sub = options?.find((o) => o.type === ApplicationCommandOptionType.Subcommand);
  const input = sub ? `/kms ${sub.name}` : '/kms';
  if (!sub) return { kind: 'invalid', problem: 'no subcommand was given', input };
  if (!(DISCORD_SUBCOMMANDS as readonly string[]).includes(sub.name)) {
    return { kind: 'invalid', problem: `unknown subcommand ${quoteName(sub.name)}`, input };
  }
  try {
    return build(sub.name as DiscordSubcommand, new Values(sub.options));
  } catch (err) {
    if (err instanceof OptionProblem) return { kind: 'invalid', problem: err.message, input };
    throw err;
  }
}
