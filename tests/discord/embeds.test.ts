/**
 * Reply -> embeds + components: Discord's limits hold for any Reply, long replies split into
 * further embeds and follow-up messages instead of failing, text is escaped, `pre` becomes a code
 * block, the tone picks the colour, and a closed round's buttons are disabled.
 */
import { ButtonStyle, ComponentType, type APIButtonComponentWithCustomId } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { decodeAction } from '../../src/core/action.js';
import type { Reply, ReplyButton } from '../../src/core/reply.js';
import { COMPONENT_LIMITS } from '../../src/adapters/discord/components.js';
import { EMBED_LIMITS, TONE_COLOUR, embedSize, renderReply, type DiscordMessage } from '../../src/adapters/discord/embeds.js';

/** A button that carries a custom_id (every button the adapter renders). */
function isButton(c: { type: ComponentType }): c is APIButtonComponentWithCustomId {
  return c.type === ComponentType.Button && 'custom_id' in c;
}

/** Every Discord limit this renderer promises, checked on each message. */
function expectWithinLimits(messages: DiscordMessage[]): void {
  expect(messages.length).toBeGreaterThan(0);
  for (const m of messages) {
    expect(m.embeds.length).toBeGreaterThan(0);
    expect(m.embeds.length).toBeLessThanOrEqual(EMBED_LIMITS.embedsPerMessage);
    expect(m.embeds.reduce((n, e) => n + embedSize(e), 0)).toBeLessThanOrEqual(EMBED_LIMITS.total);
    for (const e of m.embeds) {
      expect(e.title?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.title);
      expect(e.description?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.description);
      expect(e.fields?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.fields);
      for (const f of e.fields ?? []) {
        expect(f.name.length).toBeGreaterThan(0);
        expect(f.name.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldName);
        expect(f.value.length).toBeGreaterThan(0);
        expect(f.value.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldValue);
      }
      expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.footer);
      expect(Boolean(e.title || e.description || e.fields?.length || e.footer)).toBe(true);
    }
    expect(m.components.length).toBeLessThanOrEqual(COMPONENT_LIMITS.rowsPerMessage);
    for (const row of m.components) {
      expect(row.components.length).toBeLessThanOrEqual(COMPONENT_LIMITS.buttonsPerRow);
      for (const c of row.components) {
        if (c.type === ComponentType.Button && 'custom_id' in c) {
          expect(c.label!.length).toBeLessThanOrEqual(COMPONENT_LIMITS.buttonLabel);
          expect(c.custom_id.length).toBeLessThanOrEqual(COMPONENT_LIMITS.customId);
        }
      }
    }
    expect(m.allowed_mentions).toEqual({ parse: [] });
  }
}

function reply(partial: Partial<Reply>): Reply {
  return { visibility: 'user', tone: 'info', blocks: [], ...partial };
}

/** All description text of the messages, in order. */
function allDescriptions(messages: DiscordMessage[]): string {
  return messages.flatMap((m) => m.embeds.map((e) => e.description ?? '')).join('\n\n');
}

describe('renderReply', () => {
  it('renders a term card: title, paragraphs, headed sections, footer, colour and a share button', () => {
    const [message, ...rest] = renderReply(
      reply({
        title: 'Grant (KMS)',
        tone: 'success',
        blocks: [
          { type: 'text', text: 'A permissions object on a `KMS key`.' },
          { type: 'section', heading: 'Exam tip', text: 'Look for kms:CreateGrant.' },
          { type: 'list', items: ['one', 'two'] },
        ],
        footer: 'Chapter 8',
        buttons: [{ action: { kind: 'share', target: 'term', id: 'grant' }, label: 'Share in channel' }],
      }),
    );
    expect(rest).toEqual([]);
    expect(message!.embeds).toHaveLength(1);
    const [embed] = message!.embeds;
    expect(embed).toMatchObject({ title: 'Grant (KMS)', color: TONE_COLOUR.success, footer: { text: 'Chapter 8' } });
    expect(embed!.description).toBe('A permissions object on a `KMS key`.\n\n**Exam tip**\nLook for kms:CreateGrant.\n\n• one\n• two');
    expect(message!.components).toEqual([
      { type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Share in channel', custom_id: 'k1:sh:t:grant' }] },
    ]);
  });

  it('gives each tone its own colour', () => {
    const colours = (['info', 'success', 'warning', 'error'] as const).map((tone) => renderReply(reply({ tone, title: 't' }))[0]!.embeds[0]!.color);
    expect(new Set(colours).size).toBe(4);
  });

  it('escapes markdown in text but keeps inline code, and puts pre lines in a code block', () => {
    const [message] = renderReply(
      reply({
        blocks: [
          { type: 'text', text: '*not bold* _not italic_ ||no spoiler|| [link](http://x) <@123> keep `a*b` here' },
          { type: 'pre', lines: ['1. ana   ███ 3', '2. ben ``` 2'] },
        ],
      }),
    );
    const description = message!.embeds[0]!.description!;
    expect(description).toContain('\\*not bold\\*');
    expect(description).toContain('\\_not italic\\_');
    expect(description).toContain('\\|\\|no spoiler\\|\\|');
    expect(description).toContain('\\[link]');
    expect(description).toContain('\\<@123>');
    expect(description).toContain('`a*b`');
    expect(description).toMatch(/```\n1\. ana {3}███ 3\n2\. ben ``\u200b` 2\n```$/);
  });

  it('shows fields as inline embed fields after the text before them', () => {
    const [message] = renderReply(
      reply({
        blocks: [
          { type: 'text', text: 'before' },
          { type: 'fields', fields: [{ label: 'Usage', value: '`explain <term>`' }, { label: '', value: '' }] },
          { type: 'text', text: 'after' },
        ],
      }),
    );
    expect(message!.embeds).toHaveLength(2);
    expect(message!.embeds[0]).toMatchObject({ description: 'before', fields: [{ name: 'Usage', value: '`explain <term>`', inline: true }, { inline: true }] });
    expect(message!.embeds[1]!.description).toBe('after');
    expectWithinLimits([message!]);
  });

  it('splits a 20,000-character text over several embeds and follow-up messages without losing words', () => {
    const words = Array.from({ length: 2500 }, (_, i) => `word${i}`);
    const messages = renderReply(
      reply({ title: 'T'.repeat(400), blocks: [{ type: 'text', text: words.join(' ') }], footer: 'F'.repeat(3000), buttons: [{ action: { kind: 'practice' }, label: 'Another question' }] }),
    );
    expectWithinLimits(messages);
    expect(messages.length).toBeGreaterThan(1);
    expect(messages[0]!.embeds[0]!.title!.length).toBe(EMBED_LIMITS.title);
    const text = allDescriptions(messages);
    for (const w of [words[0]!, words[1234]!, words[2499]!]) expect(text).toContain(w);
    expect(text.split(/\s+/).filter((w) => /^word\d+$/.test(w))).toHaveLength(2500);
    // Components only on the last message; the footer on the last embed.
    expect(messages.slice(0, -1).every((m) => m.components.length === 0)).toBe(true);
    expect(messages.at(-1)!.components).toHaveLength(1);
    expect(messages.at(-1)!.embeds.at(-1)!.footer).toBeDefined();
  });

  it('keeps 60 fields within 25 per embed and 6,000 characters per message', () => {
    const fields = Array.from({ length: 60 }, (_, i) => ({ label: `L${i}`.repeat(100), value: `V${i} `.repeat(400) }));
    const messages = renderReply(reply({ blocks: [{ type: 'fields', fields }] }));
    expectWithinLimits(messages);
    expect(messages.flatMap((m) => m.embeds.flatMap((e) => e.fields ?? []))).toHaveLength(60);
  });

  it('splits one very long word and one very long pre line', () => {
    const messages = renderReply(reply({ blocks: [{ type: 'text', text: 'x'.repeat(9000) }, { type: 'pre', lines: ['y'.repeat(9000)] }] }));
    expectWithinLimits(messages);
    const text = allDescriptions(messages);
    expect(text.replace(/[^x]/g, '')).toHaveLength(9000);
    expect(text.replace(/[^y]/g, '')).toHaveLength(9000);
  });

  it('in single-message mode fits one message and says it was shortened', () => {
    const messages = renderReply(reply({ title: 'Round', blocks: [{ type: 'text', text: 'z '.repeat(20_000) }], round: { id: 3, state: 'open', answered: 2 } }), {
      singleMessage: true,
    });
    expect(messages).toHaveLength(1);
    expectWithinLimits(messages);
    expect(allDescriptions(messages)).toContain('shortened');
    expect(messages[0]!.embeds.at(-1)!.footer!.text).toContain('2 answered');
  });

  it('puts the round line in the footer and disables answer and close buttons of a closed round', () => {
    const buttons: ReplyButton[] = [
      { action: { kind: 'answer', roundId: 7, letter: 'A' }, label: 'A · first choice', style: 'primary' },
      { action: { kind: 'answer', roundId: 7, letter: 'B' }, label: 'B · second choice' },
      { action: { kind: 'close', roundId: 7 }, label: 'Close round', style: 'danger' },
      { action: { kind: 'practice' }, label: 'Practice' },
    ];
    const open = renderReply(reply({ title: 'Round #7', round: { id: 7, state: 'open', answered: 4 }, footer: 'type `answer 7 A`', buttons }))[0]!;
    expect(open.embeds[0]!.footer!.text).toBe('👥 4 answered · type “answer 7 A”');
    const openButtons = open.components.flatMap((r) => r.components).filter(isButton);
    expect(openButtons.map((b) => b.disabled ?? false)).toEqual([false, false, false, false]);
    expect(openButtons.map((b) => b.style)).toEqual([ButtonStyle.Primary, ButtonStyle.Secondary, ButtonStyle.Danger, ButtonStyle.Secondary]);

    const closed = renderReply(reply({ title: 'Round #7', round: { id: 7, state: 'closed', answered: 4 }, buttons }))[0]!;
    expect(closed.embeds[0]!.footer!.text).toBe('🔒 Round closed · 4 answered');
    const closedButtons = closed.components.flatMap((r) => r.components).filter(isButton);
    expect(closedButtons.map((b) => [b.custom_id, b.disabled ?? false])).toEqual([
      ['k1:a:7:A', true],
      ['k1:a:7:B', true],
      ['k1:cl:7', true],
      ['k1:pq', false],
    ]);
  });

  it('caps buttons at five rows of five, drops duplicate custom ids and cuts labels to 80 characters', () => {
    const buttons: ReplyButton[] = Array.from({ length: 40 }, (_, i) => ({ action: { kind: 'hint', scenarioId: `s-${i % 30}`, count: 1 }, label: `L${i} `.repeat(40) }));
    const [message] = renderReply(reply({ blocks: [{ type: 'text', text: 'x' }], buttons }));
    expectWithinLimits([message!]);
    const ids = message!.components.flatMap((r) => r.components).map((c) => ('custom_id' in c ? c.custom_id : ''));
    expect(ids).toHaveLength(25);
    expect(new Set(ids).size).toBe(25);
  });

  it('renders the rubric as a string select menu (min 0, max N) whose values are rubric indexes', () => {
    const [message] = renderReply(
      reply({
        title: 'Check yourself',
        blocks: [{ type: 'list', items: ['a', 'b'] }],
        checklist: { scenarioId: 'finance-compliance', options: [0, 1, 2].map((index) => ({ index, label: `Point ${index} `.repeat(20) })) },
        buttons: [{ action: { kind: 'reference', scenarioId: 'finance-compliance' }, label: 'Reference design' }],
      }),
    );
    const [menuRow, buttonRow] = message!.components;
    const menu = menuRow!.components[0];
    if (menu?.type !== ComponentType.StringSelect) throw new Error('the first row holds no string select menu');
    expect(menu).toMatchObject({ type: ComponentType.StringSelect, min_values: 0, max_values: 3 });
    expect(menu.options.map((o) => o.value)).toEqual(['0', '1', '2']);
    for (const o of menu.options) expect(o.label.length).toBeLessThanOrEqual(100);
    expect(menu.options[0]!.label).toMatch(/^1\. Point 0/);
    // The menu's custom id decodes to a self-score on that scenario with nothing ticked yet.
    expect(decodeAction(menu.custom_id)).toEqual({ kind: 'selfscore', scenarioId: 'finance-compliance', checked: [] });
    expect(buttonRow!.components).toHaveLength(1);
  });

  it('never throws and never sends an empty embed, whatever the reply holds', () => {
    const odd: Reply[] = [
      reply({}),
      reply({ title: '   ', blocks: [{ type: 'text', text: '' }, { type: 'list', items: [] }, { type: 'pre', lines: [] }, { type: 'fields', fields: [] }] }),
      reply({ blocks: [{ type: 'choices', choices: [{ letter: 'A', text: '' }] }] }),
      reply({ footer: '', checklist: { scenarioId: 'x', options: [] } }),
    ];
    for (const r of odd) expectWithinLimits(renderReply(r));
  });
});
