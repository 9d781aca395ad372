/**
 * "Explain the terms in this message" (TutorApi.explainTermsIn) and its text form `terms in <text>`:
 * a private reply with each named term's summary, clear words when there is none, safe for any text.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/parse-command.js';
import { SHOWN_TERMS } from '../../src/core/handlers/terms-in-text.js';
import { makeHarness, REAL_CONTENT, textOf, type Harness } from './harness.js';

let h: Harness;
afterEach(() => h.close());

function sections(reply: { blocks: { type: string; heading?: string; text?: string }[] }) {
  return reply.blocks.filter((b) => b.type === 'section');
}

describe('explainTermsIn (the message shortcut and context menu)', () => {
  it('answers privately with the summary of each term the message names, in order', async () => {
    h = makeHarness({ content: REAL_CONTENT });
    const deck = h.deps.library.defaultDeck;
    const reply = await h.tutor.explainTermsIn('Is SSE-KMS with a bucket key cheaper? Ask about grants too.', h.ctx());
    expect(reply.visibility).toBe('user');
    expect(reply.outcome).toBeUndefined();
    expect(reply.title).toBe('3 deck terms in that text');
    const found = sections(reply);
    expect(found.map((s) => s.heading)).toEqual(['SSE-KMS (S3 with KMS keys)', 'S3 Bucket Key', 'Grant (KMS)']);
    expect(found[2]!.text).toContain(deck.termsById.get('grant')!.summary);
    expect(found[2]!.text).toContain('`explain Grant`');
    expect(reply.footer).toMatch(/only you see this/i);
  });

  it('says clearly when the message names no term, or has no text', async () => {
    h = makeHarness({ content: REAL_CONTENT });
    const none = await h.tutor.explainTermsIn('Lunch at noon?', h.ctx());
    expect(none.visibility).toBe('user');
    expect(none.outcome).toBe('not-found');
    expect(none.title).toBe('No deck terms found in that text');
    expect(textOf(none)).toContain('`terms`');
    const empty = await h.tutor.explainTermsIn('  \n ', h.ctx());
    expect(empty.outcome).toBe('not-found');
    expect(empty.title).toBe('No text to look through');
    const notText = await h.tutor.explainTermsIn(undefined as unknown as string, h.ctx());
    expect(notText.title).toBe('No text to look through');
  });

  it('lists at most SHOWN_TERMS and says the text names more', async () => {
    h = makeHarness({ content: REAL_CONTENT });
    const text = h.deps.library.defaultDeck.terms.map((t) => t.name).join('; ');
    const reply = await h.tutor.explainTermsIn(text, h.ctx());
    expect(sections(reply)).toHaveLength(SHOWN_TERMS);
    expect(textOf(reply)).toContain(`the first ${SHOWN_TERMS} are listed`);
  });

  it('takes 5,000 characters with control characters, and escapes nothing it was given into the reply', async () => {
    h = makeHarness({ content: REAL_CONTENT });
    const text = `\u0000\u202eenvelope encryption\u0007 ${'\u0001lorem '.repeat(820)} CloudTrail`;
    expect(text.length).toBeGreaterThanOrEqual(5000);
    const reply = await h.tutor.explainTermsIn(text, h.ctx());
    expect(sections(reply).map((s) => s.heading)).toEqual(['Envelope encryption', 'CloudTrail logging of KMS calls']);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: checking none reached the reply.
    expect(textOf(reply)).not.toMatch(/[\u0000-\u0008\u202e]/);
  });

  it('is the same as typing `terms in <text>`', async () => {
    h = makeHarness({ content: REAL_CONTENT });
    const typed = await h.say('terms in should we enable key rotation?');
    const shortcut = await h.tutor.explainTermsIn('should we enable key rotation?', h.ctx());
    expect(typed).toEqual(shortcut);
    expect(sections(typed).map((s) => s.heading)).toEqual(['Key rotation (automatic and on-demand)']);
  });
});

describe('terms in <text> parses', () => {
  it('takes the words after `in` as the text, and still takes a tag', () => {
    expect(parseCommand('terms in Use SSE-KMS')).toEqual({ kind: 'terms', text: 'Use SSE-KMS' });
    expect(parseCommand('terms kms')).toEqual({ kind: 'terms', tag: 'kms' });
    expect(parseCommand('terms in')).toMatchObject({ kind: 'invalid', problem: expect.stringMatching(/terms in needs some text/) });
  });
});
