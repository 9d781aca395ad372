/**
 * `/kms` and `/kms-admin` interaction options -> core Command, built directly from the typed values (no re-parsing
 * of text). Works on the raw option tree of an application command interaction
 * (`interaction.options.data`): one subcommand option whose own `options` hold the values. Each
 * value is checked against its registry declaration (src/core/commands/<name>.ts: kind, fixed
 * choices, smallest integer), then the subcommand's own `fromOptions` builds the Command.
 *
 * Anything that does not fit (no subcommand, an unknown one, a value of the wrong type, a value
 * outside its choices) becomes `{ kind: 'invalid', problem }` naming what was wrong; core answers it
 * with help. Range checks that need the deck or the clock stay in core.
 */
import { ApplicationCommandOptionType } from 'discord.js';
import type { Command } from '../../core/command.js';
import type { OptionSpec, OptionValues } from '../../core/commands/spec.js';
import type { AttachedFile } from '../../core/ports/deck-importer.js';
import { COMMAND_NAME, subcommandsOf } from './commands.js';

/**
 * One option as Discord sends it (and discord.js keeps it in `interaction.options.data`). For an
 * ATTACHMENT option (type 11) `value` is the attachment's id and discord.js puts the matching entry of
 * the interaction's `data.resolved.attachments` in `attachment` (name, size in bytes, CDN url,
 * contentType).
 */
export interface RawOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: readonly RawOption[];
  attachment?: { name: string; size: number; url: string; contentType?: string | null } | null;
}

/** A short, safe quote of a user-supplied name for a problem message. */
function quoteName(name: string): string {
  const flat = name.replace(/\s+/g, ' ');
  return JSON.stringify(flat.length > 40 ? `${flat.slice(0, 40)}…` : flat);
}

class OptionProblem extends Error {}

/** Typed access to a subcommand's options, checked against their declarations; a misfit throws OptionProblem. */
class Values implements OptionValues {
  private readonly byName = new Map<string, RawOption>();
  private readonly specs = new Map<string, OptionSpec>();

  constructor(options: readonly RawOption[] | undefined, specs: readonly OptionSpec[]) {
    for (const o of options ?? []) this.byName.set(o.name, o);
    for (const s of specs) this.specs.set(s.name, s);
  }

  /** Check every declared option that was given, so a misfit is refused whether or not it is read. */
  checkAll(): this {
    for (const spec of this.specs.values()) this[spec.kind](spec.name);
    return this;
  }

  string(name: string): string | undefined {
    const o = this.byName.get(name);
    if (o?.value === undefined) return undefined;
    if (typeof o.value !== 'string') throw new OptionProblem(`option ${quoteName(name)} should be text`);
    const choices = this.specs.get(name)?.choices;
    if (choices && !choices.some((c) => c.value === o.value)) {
      throw new OptionProblem(`${name} ${quoteName(o.value)} is not one of ${choices.map((c) => c.value).join(', ')}`);
    }
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
    const min = this.specs.get(name)?.minValue ?? 1;
    if (typeof o.value !== 'number' || !Number.isSafeInteger(o.value) || o.value < min) {
      throw new OptionProblem(`option ${quoteName(name)} should be a whole number from ${min}`);
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

  /** An attachment option: the file discord.js resolved from `data.resolved.attachments`. */
  attachment(name: string): AttachedFile | undefined {
    const o = this.byName.get(name);
    if (o?.value === undefined) return undefined;
    const a = o.attachment;
    if (o.type !== ApplicationCommandOptionType.Attachment || !a || typeof a.url !== 'string' || typeof a.size !== 'number') {
      throw new OptionProblem(`option ${quoteName(name)} should be an attached file`);
    }
    return { name: a.name, size: a.size, url: a.url, ...(a.contentType ? { contentType: a.contentType } : {}) };
  }
}

/**
 * The Command for a `/kms` or `/kms-admin` interaction's option tree. `options` is
 * `interaction.options.data`: `[{ name: 'explain', type: 1, options: [{ name: 'term', type: 3, value: 'grants' }] }]`;
 * `commandName` picks the subcommand set (commands.ts). Never throws: malformed input gives an
 * `invalid` Command.
 */
export function commandFromOptions(options: readonly RawOption[] | undefined, commandName: string = COMMAND_NAME): Command {
  const sub = options?.find((o) => o.type === ApplicationCommandOptionType.Subcommand);
  const input = sub ? `/${commandName} ${sub.name}` : `/${commandName}`;
  if (!sub) return { kind: 'invalid', problem: 'no subcommand was given', input };
  const spec = subcommandsOf(commandName)?.find((c) => c.name === sub.name);
  if (!spec) return { kind: 'invalid', problem: `unknown subcommand ${quoteName(sub.name)}`, input };
  try {
    // The registry pairs each name with its own spec, so fromOptions gives a Command.
    return spec.fromOptions(new Values(sub.options, spec.options).checkAll()) as Command;
  } catch (err) {
    if (err instanceof OptionProblem) return { kind: 'invalid', problem: err.message, input };
    throw err;
  }
}
