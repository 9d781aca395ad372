/** `/kms` and `/kms-admin` option trees -> core Commands, and the registered definitions they come from. */
import { ApplicationCommandOptionType as T } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commandFromOptions, type RawOption } from '../../src/adapters/discord/command-options.js';
import { ADMIN_COMMANDS, DISCORD_SUBCOMMANDS, commandDefinitions } from '../../src/adapters/discord/commands.js';
import { ALL_COMMANDS, requiresAdmin, SUBCOMMANDS } from '../../src/core/commands/registry.js';

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
function optionOf(def: object | undefined, name: string): OptionJson | undefined {
  return (((def as { options?: readonly object[] } | undefined)?.options ?? []) as OptionJson[]).find((o) => o.name === name);
}

/** The subcommand names of a command definition. */
function subcommandNames(def: object | undefined): string[] {
  return (((def as { options?: readonly object[] } | undefined)?.options ?? []) as OptionJson[]).map((o) => o.name);
}

const ADMIN = 'kms-admin';

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
      commandFromOptions(sub('subscribe', [str('time', '09:30'), str('zone', 'Europe/Berlin'), str('cadence', 'weekdays'), str('deck', 'kms-encryption-at-rest')]), ADMIN),
    ).toEqual({ kind: 'subscribe', time: '09:30', timeZone: 'Europe/Berlin', cadence: 'weekdays', deckId: 'kms-encryption-at-rest' });
    expect(commandFromOptions(sub('subscribe'), ADMIN)).toEqual({ kind: 'subscribe' });
    expect(commandFromOptions(sub('unsubscribe'), ADMIN)).toEqual({ kind: 'unsubscribe' });
    expect(commandFromOptions(sub('schedule'))).toEqual({ kind: 'schedule' });
    expect(commandFromOptions(sub('forget-me'))).toEqual({ kind: 'forget-me', confirm: false });
  });

  it('passes an over-long or empty term through for core to refuse with its own message', () => {
    expect(commandFromOptions(sub('explain', [str('term', 'x'.repeat(5000))]))).toEqual({ kind: 'explain', query: 'x'.repeat(5000) });
    expect(commandFromOptions(sub('explain'))).toEqual({ kind: 'explain', query: '' });
  });

  it('reads an attachment option from the file discord.js resolved, and refuses one without it', () => {
    const attachment = { name: 'chapter-09.txt', size: 4096, url: 'https://cdn.discordapp.com/attachments/1/2/chapter-09.txt', contentType: 'text/plain; charset=utf-8' };
    expect(commandFromOptions(sub('import', [{ name: 'file', type: T.Attachment, value: '1400000000000000001', attachment }]), ADMIN)).toEqual({ kind: 'import', file: attachment });
    expect(commandFromOptions(sub('import', [{ name: 'file', type: T.Attachment, value: '1400000000000000001' }]), ADMIN)).toMatchObject({ kind: 'invalid', problem: 'option "file" should be an attached file' });
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
    expect(commandFromOptions(sub('subscribe', [str('cadence', 'hourly')]), ADMIN)).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('"hourly"') });
    expect(commandFromOptions(sub('close', [{ name: 'round', type: T.Integer, value: -3 }]))).toMatchObject({ kind: 'invalid' });
    expect(commandFromOptions(sub('stats', [{ name: 'user', type: T.User, value: 'not a snowflake' }]))).toMatchObject({ kind: 'invalid' });
  });
});

describe('commandDefinitions', () => {
  it('defines /kms with every Discord subcommand for everyone, usable in guilds and DMs', () => {
    const [kms] = commandDefinitions({ tags: ['kms', 's3'], deckIds: ['kms-encryption-at-rest'] });
    expect(kms!.name).toBe('kms');
    expect(kms!.contexts).toEqual([0, 1, 2]); // Guild, BotDM, PrivateChannel
    expect(subcommandNames(kms)).toEqual([...DISCORD_SUBCOMMANDS]);
    for (const o of (kms as { options: OptionJson[] }).options) {
      expect(o.type).toBe(T.Subcommand);
      expect(o.description.length).toBeGreaterThan(0);
      expect(o.description.length).toBeLessThanOrEqual(100);
    }
  });

  it('types the options: autocomplete term (max 200), tag choices, period choices, a user option', () => {
    const [kms, admin] = commandDefinitions({ tags: ['kms', 's3'] });
    const options = (name: string) => optionOf(kms, name)?.options ?? optionOf(admin, name)?.options ?? [];
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
    const tagOf = (def: object | undefined) => optionOf(def, 'terms')?.options?.[0];
    expect(tagOf(bare)?.choices).toBeUndefined();
    const [many] = commandDefinitions({ tags: Array.from({ length: 40 }, (_, i) => `tag-${i}`) });
    expect(tagOf(many)?.choices).toHaveLength(25);
  });

  it('is built from the core registry: every subcommand that is not text-only, its options typed as declared', () => {
    const [kms] = commandDefinitions({ tags: ['kms'], deckIds: ['kms-encryption-at-rest'] });
    const kinds = { string: T.String, integer: T.Integer, boolean: T.Boolean, user: T.User, attachment: T.Attachment } as const;
    const picked = ALL_COMMANDS.filter((c) => !c.textOnly && !requiresAdmin(c));
    expect(DISCORD_SUBCOMMANDS).toEqual(picked.map((c) => c.name));
    for (const hidden of ['answer', 'hint', 'reference', 'check']) expect(DISCORD_SUBCOMMANDS).not.toContain(hidden);
    for (const spec of picked) {
      const sub = optionOf(kms, spec.name);
      expect(sub?.description.startsWith(spec.description)).toBe(true);
      expect((sub?.options ?? []).map((o) => [o.name, o.type, o.required ?? false, o.autocomplete ?? false])).toEqual(
        spec.options.map((o) => [o.name, kinds[o.kind], o.required ?? false, o.autocomplete !== undefined]),
      );
    }
    // Admin-only subcommands live in /kms-admin, not /kms; help's topic offers every subcommand.
    for (const adminOnly of ['subscribe', 'unsubscribe', 'deck', 'import', 'reports']) expect(DISCORD_SUBCOMMANDS).not.toContain(adminOnly);
    const topic = optionOf(kms, 'help')?.options?.[0];
    expect(topic?.choices?.map((c) => c.value)).toEqual([...SUBCOMMANDS]);
  });
});

describe('/kms-admin, context menus and localisations', () => {
  const defs = commandDefinitions({ tags: ['kms'], deckIds: ['kms-encryption-at-rest'] });
  const byName = (name: string) => defs.find((d) => d.name === name) as (typeof defs)[number] & Record<string, unknown>;

  it('registers /kms, /kms-admin and the three context menus in one list', () => {
    expect(defs.map((d) => [d.name, d.type ?? 1])).toEqual([
      ['kms', 1],
      ['kms-admin', 1],
      ['Explain terms', 3],
      ['Report to admins', 3],
      ['Study stats', 2],
    ]);
  });

  it('/kms-admin holds exactly the registry\'s admin-only subcommands and admin uses, for Manage Server, in servers only', () => {
    const admin = byName('kms-admin');
    const expected = ALL_COMMANDS.filter((c) => (!c.textOnly && requiresAdmin(c)) || c.adminUse).map((c) => c.name);
    expect(subcommandNames(admin)).toEqual(expected);
    expect(expected).toEqual(expect.arrayContaining(['subscribe', 'unsubscribe', 'close', 'deck', 'exam', 'reports', 'import']));
    expect(admin.default_member_permissions).toBe('32'); // 1 << 5 MANAGE_GUILD
    expect(admin.integration_types).toEqual([0]); // guild install
    expect(admin.contexts).toEqual([0]); // guilds
    // /kms has no default_member_permissions: everyone may use it unless admins restrict it.
    expect(byName('kms').default_member_permissions).toBeUndefined();
    expect(ADMIN_COMMANDS.map((c) => c.name)).toEqual(expected);
  });

  it('the admin uses build their own commands: the channel exam date, any round', () => {
    expect(commandFromOptions(sub('exam', [str('date', '2026-07-15')]), ADMIN)).toEqual({ kind: 'exam', request: { action: 'set-channel', date: '2026-07-15' } });
    expect(commandFromOptions(sub('exam', [bool('clear', true)]), ADMIN)).toEqual({ kind: 'exam', request: { action: 'clear-channel' } });
    expect(commandFromOptions(sub('close', [{ name: 'round', type: T.Integer, value: 4 }]), ADMIN)).toEqual({ kind: 'close', roundId: 4 });
    // The everyday exam is still the learner's own.
    expect(commandFromOptions(sub('exam', [str('date', '2026-07-15')]))).toEqual({ kind: 'exam', request: { action: 'set', date: '2026-07-15' } });
    // An admin-only subcommand is not in /kms.
    expect(commandFromOptions(sub('subscribe'))).toMatchObject({ kind: 'invalid', problem: 'unknown subcommand "subscribe"', input: '/kms subscribe' });
  });

  it('is installable to servers and users and usable in servers and DMs (all but /kms-admin)', () => {
    for (const name of ['kms', 'Explain terms', 'Report to admins', 'Study stats']) {
      expect(byName(name)).toMatchObject({ integration_types: [0, 1], contexts: [0, 1, 2] });
    }
  });

  it('carries German names and descriptions within Discord\'s limits; every subcommand and option has one', () => {
    expect(byName('Explain terms').name_localizations).toEqual({ de: 'Begriffe erklären' });
    expect(byName('Report to admins').name_localizations).toEqual({ de: 'An Admins melden' });
    expect(byName('Study stats').name_localizations).toEqual({ de: 'Lernstatistik' });
    for (const name of ['kms', 'kms-admin']) {
      const def = byName(name) as { description: string; description_localizations?: Record<string, string>; options: OptionJson[] };
      expect(def.description.length).toBeLessThanOrEqual(100);
      expect(def.description_localizations?.de?.length).toBeGreaterThan(0);
      expect(def.description_localizations?.de?.length).toBeLessThanOrEqual(100);
      type Localised = OptionJson & { description_localizations?: Record<string, string> };
      for (const sub of def.options as Localised[]) {
        // A new subcommand or option needs its German line in src/adapters/discord/text-de.ts.
        expect(sub.description_localizations?.de, `${name} ${sub.name}`).toBeTruthy();
        expect(sub.description_localizations?.de?.length).toBeLessThanOrEqual(100);
        for (const option of (sub.options ?? []) as Localised[]) {
          expect(option.description_localizations?.de, `${name} ${sub.name} ${option.name}`).toBeTruthy();
          expect(option.description_localizations?.de?.length).toBeLessThanOrEqual(100);
        }
      }
    }
    for (const def of defs.filter((d) => d.type === 2 || d.type === 3)) {
      expect(def.name.length).toBeLessThanOrEqual(32);
      for (const n of Object.values(def.name_localizations ?? {})) expect(n?.length).toBeLessThanOrEqual(32);
    }
  });
});
