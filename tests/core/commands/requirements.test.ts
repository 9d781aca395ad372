/**
 * Requirements (like preconditions): declared by a subcommand, checked once by the dispatcher
 * before its handler runs; the first unmet one answers, in the platform's words where the
 * Context's Surface gives them, neutral otherwise.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALL_COMMANDS } from '../../../src/core/commands/registry.js';
import { unmetRequirement } from '../../../src/core/commands/requirements.js';
import type { Surface } from '../../../src/core/context.js';
import { makeHarness, textOf, type Harness } from '../harness.js';

let h: Harness;
beforeEach(() => {
  h = makeHarness();
});
afterEach(() => h.close());

const surface: Surface = { commandPrefix: '/kms ', adminRule: 'workspace admins and owners', inviteHint: 'invite the bot with /invite @kms-tutor' };

describe('unmetRequirement', () => {
  it('is undefined when every requirement is met, or none is declared', () => {
    expect(unmetRequirement('subscribe', ['channel', 'admin'], h.ctx('ann'))).toBeUndefined();
    expect(unmetRequirement('schedule', [], h.ctx('ann', { isAdmin: false, isDirectMessage: true }))).toBeUndefined();
  });

  it('answers with the first unmet requirement, in declaration order', () => {
    const dmNonAdmin = h.ctx('pat', { isAdmin: false, isDirectMessage: true });
    expect(unmetRequirement('thing', ['channel', 'admin'], dmNonAdmin)?.title).toBe('thing works in a channel');
    expect(unmetRequirement('thing', ['admin', 'channel'], dmNonAdmin)?.title).toBe('Only admins can use thing');
  });

  it('words a refusal neutrally by default, with the surface\'s admin rule when there is one', () => {
    const neutral = unmetRequirement('thing', ['admin'], h.ctx('pat', { isAdmin: false }))!;
    expect(neutral).toMatchObject({ visibility: 'user', tone: 'error', title: 'Only admins can use thing' });
    expect(textOf(neutral)).toContain('Only admins can use `thing`.');
    const worded = unmetRequirement('thing', ['admin'], h.ctx('pat', { isAdmin: false, surface }))!;
    expect(textOf(worded)).toContain('Only admins can use `thing`: workspace admins and owners.');
    const dm = unmetRequirement('thing', ['channel'], h.ctx('pat', { isDirectMessage: true }))!;
    expect(textOf(dm)).toContain('This is a direct message; run `thing` in a channel.');
  });

  it('uses the subcommand\'s own title and first line when it declares them', () => {
    const reply = unmetRequirement('thing', [{ name: 'admin', title: 'Only admins can do the thing', why: 'Things are for admins' }], h.ctx('pat', { isAdmin: false, surface }))!;
    expect(reply.title).toBe('Only admins can do the thing');
    expect(textOf(reply)).toContain('Things are for admins: workspace admins and owners.');
  });
});

describe('the dispatcher checks requirements before any handler runs', () => {
  it('declares admin and channel for subscribe, unsubscribe and deck, admin for import and reports, and nothing for the rest', () => {
    const declared = ALL_COMMANDS.filter((c) => c.requires.length > 0).map((c) => c.name);
    expect(declared).toEqual(['subscribe', 'unsubscribe', 'deck', 'import', 'reports']);
    expect(ALL_COMMANDS.find((c) => c.name === 'reports')?.requires).toEqual(['admin']);
  });

  it('refuses a non-admin and a direct message without running the handler', async () => {
    for (const text of ['subscribe 09:00 UTC', 'unsubscribe']) {
      const notAdmin = await h.say(text, 'pat', { isAdmin: false, surface });
      expect(notAdmin.tone).toBe('error');
      expect(notAdmin.title).toBe(`Only admins can ${text.split(' ')[0]} a channel`);
      expect(textOf(notAdmin)).toContain('Only admins can change the daily quiz: workspace admins and owners.');
      const inDm = await h.say(text, 'admin', { isDirectMessage: true });
      expect(inDm.title).toBe(`${text.split(' ')[0]} works in a channel`);
    }
    expect(h.subscriptionChanges).toEqual([]);
    const allowed = await h.say('subscribe 09:00 UTC', 'admin');
    expect(allowed.tone).toBe('success');
    expect(h.subscriptionChanges).toHaveLength(1);
  });

  it('applies to commands built from typed options too (Tutor.handle), not only to text', async () => {
    const reply = await h.tutor.handle({ kind: 'unsubscribe' }, h.ctx('pat', { isAdmin: false }));
    expect(reply.title).toBe('Only admins can unsubscribe a channel');
    expect(h.subscriptionChanges).toEqual([]);
  });
});

describe('help names no platform', () => {
  it('uses the surface\'s command prefix in its footer, and neutral words without one', async () => {
    const withPrefix = await h.say('help', 'ann', { surface });
    expect(withPrefix.footer).toBe('Type /kms first (e.g. /kms explain grants). `help <subcommand>` for details.');
    const terminal = await h.say('help', 'ann', { surface: { ...surface, commandPrefix: '' } });
    expect(terminal.footer).toBe('`help <subcommand>` for details.');
    const none = await h.say('help explain', 'ann');
    expect(none.footer).toBe('`help <subcommand>` for details.');
    for (const reply of [withPrefix, terminal, none]) expect(textOf(reply)).not.toMatch(/Slack|Discord/);
  });
});
