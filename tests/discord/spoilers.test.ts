/** A round's reveal hides its answer behind spoilers; "Show answer" removes exactly those. */
import { describe, expect, it } from 'vitest';
import { renderReply } from '../../src/adapters/discord/embeds.js';
import { unspoiledEmbed, withoutSpoilers } from '../../src/adapters/discord/spoilers.js';
import { DE } from '../../src/adapters/discord/text-de.js';
import type { Reply } from '../../src/core/reply.js';

const reveal: Reply = {
  visibility: 'channel',
  tone: 'success',
  title: 'Round #7 · answer',
  blocks: [
    { type: 'text', text: 'Which policy always applies to a KMS key?' },
    { type: 'section', heading: 'Answer', text: 'B — The key policy (not a || pipe pair)' },
    { type: 'pre', lines: ['A ░░░░ 0 (0%)', 'B ████ 2 (100%)  ✓'] },
    { type: 'text', text: '2 answered · 100% correct.' },
  ],
  buttons: [{ action: { kind: 'report', target: 'question', id: 'q-key-policy' }, label: 'Report a problem' }],
  round: { id: 7, state: 'closed', answered: 2 },
};

describe('the spoilered reveal', () => {
  it('puts the sections and the split behind spoilers, leaves the prompt and the count visible, and adds Show answer first', () => {
    const [message] = renderReply(reveal);
    const description = message?.embeds[0]?.description ?? '';
    expect(description).toContain('Which policy always applies to a KMS key?\n\n**Answer**\n||B — The key policy (not a \\|\\| pipe pair)||');
    expect(description).toContain('||`A ░░░░ 0 (0%)`\n`B ████ 2 (100%)  ✓`||');
    expect(description).toContain('2 answered · 100% correct.');
    const buttons = message?.components.flatMap((r) => r.components) ?? [];
    expect(buttons.map((b) => ('custom_id' in b ? b.custom_id : ''))).toEqual(['discord:show-answer', 'k1:rp:q:q-key-policy']);
  });

  it('Show answer removes only the spoiler markers: escaped pipes from deck text stay', () => {
    const [message] = renderReply(reveal);
    const shown = unspoiledEmbed(message?.embeds[0] ?? {});
    expect(shown.description).toContain('**Answer**\nB — The key policy (not a \\|\\| pipe pair)');
    expect(shown.description).not.toMatch(/(^|[^\\|])\|\|/);
    expect(withoutSpoilers('a ||b|| \\|\\| c')).toBe('a b \\|\\| c');
  });

  it('an open round, or a reveal without an answer section, has no spoilers; the label follows the reader\'s language', () => {
    const [open] = renderReply({ ...reveal, round: { id: 7, state: 'open', answered: 2 } });
    expect(open?.embeds[0]?.description).not.toContain('||B');
    const [bare] = renderReply({ ...reveal, blocks: [{ type: 'text', text: 'The question was removed.' }] });
    expect(bare?.components.flatMap((r) => r.components).some((b) => 'custom_id' in b && b.custom_id === 'discord:show-answer')).toBe(false);
    const [german] = renderReply(reveal, { words: DE });
    expect(german?.components[0]?.components[0]).toMatchObject({ label: 'Antwort zeigen' });
  });
});
