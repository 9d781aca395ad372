/** `/kms` option trees -> core Commands, and the registered definition they come from. */
import { ApplicationCommandOptionType as T } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commandFromOptions, type RawOption } from '../../src/adapters/discord/command-options.js';
import { DISCORD_SUBCOMMANDS, commandDefinitions } from '../../src/adapters/discord/commands.js';
import { ALL_COMMANDS, SUBCOMMANDS } from '../../src/core/commands/registry.js';

/** One command option as Discord receives it (the fields these tests read). */
interface OptionJson {
  name: string;
  description: string;
  type: number;
  required?: boolean;
  autocomplete?: boolean;
  choices?: { name: string; value: string | number }[];
  options?: OptionJson[];
}

/** The option (subcommand) `name` of a command definition. */
function optionOf(def: { options?: readonly object[] } | undefined, name: string): OptionJson | undefined {
  return ((def?.options ?? []) as OptionJson[]).find((o) => o.name === name);
}

function sub(name: string, options: RawOption[] = []): RawOption[] {
  return [{ name, type: T.Subcommand, options }];
}
const str = (name: string, value: string): RawOption => ({ name, type: T.String, value });
const bool = (name: string, value: boolean): RawOption => ({ name, type: T.Boolean, value });

describe('commandFromOptions', () => {
  it('maps each subcommand and its typed options to the core Command', () => {
    expect(commandFromOptions(sub('help'))).toEqual({ kind: 'help' });
    expect(commandFromOptions(sub('help', [str('topic', 'quiz')]))).toEqual({ kind: 'help', topic: 'quiz' });
    expect(commandFromOptions(sub('explain', [str('term', 'sse kms')]))).toEqual({ kind: 'explain', query: 'sse kms' });
    expect(commandFromOptions(sub('terms', [str('tag', 'S3')]))).toEqual({ kind: 'terms', tag: 's3' });
    expect(commandFromOptions(sub('quiz'))).toEqual({ kind: 'quiz', here: false });
    expect(commandFromOptions(sub('quiz', [bool('here', true), str('tag', 'ebs')]))).toEqual({ kind: 'quiz', here: true, tag: 'ebs' });
    expect(commandFromOptions(sub('close'))).toEqual({ kind: 'close' });
    expect(commandFromOptions(sub('close', [{ name: 'round', type: T.Integer, value: 12 }]))).toEqual({ kind: 'close', roundId: 12 });
    expect(commandFromOptions(sub('scenario'))).toEqual({ kind: 'scenario' });
    expect(commandFromOptions(sub('scenario', [str('name', 'finance-compliance')]))).toEqual({ kind: 'scenario', query: 'finance-compliance' });
    expect(commandFromOptions(sub('leaderboard'))).toEqual({ kind: 'leaderboard', period: 'week', here: false });
    expect(commandFromOptions(sub('leaderboard', [str('period', '30d'), bool('here', true)]))).toEqual({ kind: 'leaderboard', period: '30d', here: true });
    expect(commandFromOptions(sub('stats'))).toEqual({ kind: 'stats' });
    expect(commandFromOptions(sub('stats', [{ name: 'user', type: T.User, value: '1100000000000000011' }]))).toEqual({ kind: 'stats', user: '1100000000000000011' });
    expect(
      commandFromOptions(sub('subscribe', [str('time', '09:30'), str('zone', 'Europe/Berlin'), str('cadence', 'weekdays'), str('deck', 'kms-encryption-at-rest')])),
    ).toEqual({ kind: 'subscribe', time: '09:30', timeZone: 'Europe/Berlin', cadence: 'weekdays', deckId: 'kms-encryption-at-rest' });
    expect(commandFromOptions(sub('subscribe'))).toEqual({ kind: 'subscribe' });
    expect(commandFromOptions(sub('unsubscribe'))).toEqual({ kind: 'unsubscribe' });
    expect(commandFromOptions(sub('schedule'))).toEqual({ kind: 'schedule' });
    expect(commandFromOptions(sub('forget-me'))).toEqual({ kind: 'forget-me', confirm: false });
  });

  it('passes an over-long or empty term through for core to refuse with its own message', () => {
    expect(commandFromOptions(sub('explain', [str('term', 'x'.repeat(5000))]))).toEqual({ kind: 'explain', query: 'x'.repeat(5000) });
    expect(commandFromOptions(sub('explain'))).toEqual({ kind: 'explain', query: '' });
  });

  it('reads an attachment option from the file discord.js resolved, and refuses one without it', () => {
    const attachment = { name: 'chapter-09.txt', size: 4096, url: 'https://cdn.discordapp.com/attachments/1/2/chapter-09.txt', contentType: 'text/plain; charset=utf-8' };
    expect(commandFromOptions(sub('import', [{ name: 'file', type: T.Attachment, value: '1400000000000000001', attachment }]))).toEqual({ kind: 'import', file: attachment });
    expect(commandFromOptions(sub('import', [{ name: 'file', type: T.Attachment, value: '1400000000000000001' }]))).toMatchObject({ kind: 'invalid', problem: 'option "file" should be an attached file' });
  });

  it('turns malformed option trees into an invalid Command naming the problem', () => {
    expect(commandFromOptions(undefined)).toMatchObject({ kind: 'invalid', problem: 'no subcommand was given' });
    expect(commandFromOptions([])).toMatchObject({ kind: 'invalid', problem: 'no subcommand was given' });
    expect(commandFromOptions(sub('explian'))).toMatchObject({ kind: 'invalid', problem: 'unknown subcommand "explian"' });
    expect(commandFromOptions(sub('answer'))).toMatchObject({ kind: 'invalid', problem: 'unknown subcommand "answer"' });
    expect(commandFromOptions(sub('quiz', [{ name: 'here', type: T.Boolean, value: 'yes' }]))).toMatchObject({
      kind: 'invalid',
      problem: 'option "here" should be true or false',
    });
    expect(commandFromOptions(sub('leaderboard', [str('period', 'decade')]))).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('"decade"') });
    expect(commandFromOptions(sub('subscribe', [str('cadence', 'hourly')]))).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('"hourly"') });
    expect(commandFromOptions(sub('close', [{ name: 'round', type: T.Integer, value: -3 }]))).toMatchObject({ kind: 'invalid' });
    expect(commandFromOptions(sub('stats', [{ name: 'user', type: T.User, value: 'not a snowflake' }]))).toMatchObject({ kind: 'invalid' });
  });
});

describe('commandDefinitions', () => {
  it('defines one /kms command with every Discord subcommand, usable in guilds and DMs', () => {
    const [kms, ...rest] = commandDefinitions({ tags: ['kms', 's3'], deckIds: ['kms-encryption-at-rest'] });
    expect(rest).toEqual([]);
    expect(kms!.name).toBe('kms');
    expect(kms!.contexts).toEqual([0, 1]); // Guild, BotDM
    expect(kms!.options!.map((o) => o.name)).toEqual([...DISCORD_SUBCOMMANDS]);
    for (const o of kms!.options!) {
      expect(o.type).toBe(T.Subcommand);
      expect(o.description.length).toBeGreaterThan(0);
      expect(o.description.length).toBeLessThanOrEqual(100);
    }
  });

  it('types the options: autocomplete term (max 200), tag choices, period choices, a user option', () => {
    const [kms] = commandDefinitions({ tags: ['kms', 's3'] });
    const options = (name: string) => optionOf(kms, name)?.options ?? [];
    expect(options('explain')[0]).toMatchObject({ name: 'term', type: T.String, required: true, autocomplete: true, max_length: 200 });
    expect(options('scenario')[0]).toMatchObject({ name: 'name', type: T.String, autocomplete: true });
    expect(options('terms')[0]?.choices).toEqual([{ name: 'kms', value: 'kms' }, { name: 's3', value: 's3' }]);
    expect(options('quiz').map((o) => [o.name, o.type])).toEqual([['here', T.Boolean], ['tag', T.String], ['deck', T.String]]);
    // import takes a file: an ATTACHMENT option (type 11), required.
    expect(options('import')[0]).toMatchObject({ name: 'file', type: T.Attachment, required: true });
    expect(T.Attachment).toBe(11);
    expect(options('leaderboard')[0]?.choices?.map((c) => c.value)).toEqual(['week', 'month', '30d', 'all']);
    expect(options('stats')[0]).toMatchObject({ name: 'user', type: T.User });
    expect(options('subscribe').map((o) => o.name)).toEqual(['time', 'zone', 'cadence', 'deck']);
  });

  it('keeps the tag a free string when no tags are known, and at most 25 choices when many are', () => {
    const [bare] = commandDefinitions();
    const tagOf = (def: { options?: readonly object[] } | undefined) => optionOf(def, 'terms')?.options?.[0];
    expect(tagOf(bare)?.choices).toBeUndefined();
    const [many] = commandDefinitions({ tags: Array.from({ length: 40 }, (_, i) => `tag-${i}`) });
    expect(tagOf(many)?.choices).toHaveLength(25);
  });

  it('is built from the core registry: every subcommand that is not text-only, its options typed as declared', () => {
    const [kms] = commandDefinitions({ tags: ['kms'], deckIds: ['kms-encryption-at-rest'] });
    const kinds = { string: T.String, integer: T.Integer, boolean: T.Boolean, user: T.User, attachment: T.Attachment } as const;
    const picked = ALL_COMMANDS.filter((c) => !c.textOnly);
    expect(DISCORD_SUBCOMMANDS).toEqual(picked.map((c) => c.name));
    for (const hidden of ['answer', 'hint', 'reference', 'check']) expect(DISCORD_SUBCOMMANDS).not.toContain(hidden);
    for (const spec of picked) {
      const sub = optionOf(kms, spec.name);
      expect(sub?.description.startsWith(spec.description)).toBe(true);
      expect((sub?.options ?? []).map((o) => [o.name, o.type, o.required ?? false, o.autocomplete ?? false])).toEqual(
        spec.options.map((o) => [o.name, kinds[o.kind], o.required ?? false, o.autocomplete !== undefined]),
      );
    }
    // Admin subcommands say who may use them on Discord; help's topic offers every subcommand.
    expect(optionOf(kms, 'subscribe')?.description).toBe('Post a daily question in this channel (Manage Server)');
    const topic = optionOf(kms, 'help')?.options?.[0];
    expect(topic?.choices?.map((c) => c.value)).toEqual([...SUBCOMMANDS]);
  });
});
