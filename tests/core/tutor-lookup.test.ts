import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { makeHarness, REAL_CONTENT, textOf, type Harness } from './harness.js';

let h: Harness;
afterEach(() => h.close());

function sectionText(reply: Reply, heading: string): string | undefined {
  for (const b of reply.blocks) if (b.type === 'section' && b.heading === heading) return b.text;
  return undefined;
}

describe('explain on the real deck', () => {
  it.each([
    ['grants', /^Grant/],
    ['grnats', /^Grant/],
    ['CMK', /KMS key/],
    ['customer master key', /KMS key/],
    ['sse kms', /^SSE-KMS/],
    ['envelop encryption', /^Envelope encryption/],
    ['aws/s3', /AWS managed key/],
  ])('%s finds the term', async (query, title) => {
    h = makeHarness({ content: REAL_CONTENT });
    const reply = await h.say(`explain ${query}`);
    expect(reply.tone).toBe('info');
    expect(reply.title).toMatch(title);
  });

  it.each(['acm', 'clés'])('`explain %s` offers suggestions instead of a wrong card', async (query) => {
    h = makeHarness({ content: REAL_CONTENT });
    const reply = await h.say(`explain ${query}`);
    expect(reply.tone).toBe('warning');
    expect(reply.title).toBe(`No term matches "${query}" — did you mean:`);
  });

  it.each(['x', 'id', 'on'])('`explain %s` asks for more letters instead of showing an unrelated card', async (query) => {
    h = makeHarness({ content: REAL_CONTENT });
    const reply = await h.say(`explain ${query}`);
    expect(reply.tone).toBe('warning');
    expect(reply.title).toBe(`"${query}" is too short to look up`);
    expect(textOf(reply)).toContain('Type at least 3 letters of a term, e.g. `explain grants`; `terms` lists them all.');
  });

  it('`explain s3` lists the S3 terms, each with the command that explains it', async () => {
    h = makeHarness({ content: REAL_CONTENT });
    const reply = await h.say('explain s3');
    expect(reply.tone).toBe('info');
    expect(reply.title).toMatch(/^\d+ terms about S3$/);
    const list = reply.blocks.find((b) => b.type === 'list');
    expect(list?.type === 'list' && list.items).toContain('SSE-S3 (S3 managed keys) — `explain SSE-S3`');
    expect(reply.footer).toBe('Type `explain <term>` for any of them.');
  });

  it('`explain datakey` finds the data key like `explain data-key`', async () => {
    h = makeHarness({ content: REAL_CONTENT });
    const joined = await h.say('explain datakey');
    const hyphen = await h.say('explain data-key');
    expect(joined.tone).toBe('info');
    expect(joined.title).toBe('Data key');
    expect(joined.title).toBe(hyphen.title);
  });

  it('shows summary, explanation, exam tip, related terms by name and the chapter section', async () => {
    h = makeHarness({ content: REAL_CONTENT });
    const reply = await h.say('explain grants');
    const deck = h.deps.library.defaultDeck;
    const grant = deck.terms.find((t) => reply.title === t.name)!;
    expect(grant).toBeDefined();
    const text = textOf(reply);
    expect(text).toContain(grant.summary);
    expect(text).toContain(grant.explanation);
    if (grant.exam_tip) expect(sectionText(reply, 'Exam tip')).toBe(grant.exam_tip);
    const related = sectionText(reply, 'Related') ?? '';
    for (const id of grant.related) expect(related).toContain(deck.termsById.get(id)!.name);
    expect(reply.footer).toBe(`Chapter ${deck.meta.chapter.number} · ${grant.section}`);
    expect(reply.visibility).toBe('user');
    expect(reply.buttons).toEqual([
      { action: { kind: 'share', target: 'term', id: grant.id }, label: 'Share in channel' },
      { action: { kind: 'report', target: 'term', id: grant.id }, label: 'Report a problem' },
    ]);
  });
});

describe('explain on the fixture deck', () => {
  it('a near miss suggests at most three terms; gibberish says how to list them', async () => {
    h = makeHarness();
    const none = await h.say('explain qqqqqqqq zzzzzz');
    expect(none.tone).toBe('warning');
    expect(none.title).toBe('No term matches "qqqqqqqq zzzzzz"');
    expect(textOf(none)).toContain('`terms`');
  });

  it('refuses an explain argument over 200 characters even when passed as a parsed command', async () => {
    h = makeHarness();
    const reply = await h.tutor.handle({ kind: 'explain', query: 'k'.repeat(201) }, h.ctx());
    expect(reply.tone).toBe('error');
    expect(reply.title).toContain('201 characters');
    const viaText = await h.say(`explain ${'k'.repeat(300)}`);
    expect(viaText.tone).toBe('error');
    expect(viaText.title).toContain('300 characters long; the limit is 200');
  });

  it('shows a note when the term has one', async () => {
    h = makeHarness();
    const reply = await h.say('explain sse-kms');
    expect(sectionText(reply, 'Note')).toContain('https://docs.aws.amazon.com/');
  });

  it('share re-renders the card for the channel, titled with who shared it', async () => {
    h = makeHarness();
    const reply = await h.tutor.act({ kind: 'share', target: 'term', id: 'grant' }, h.ctx('bob'));
    expect(reply.visibility).toBe('channel');
    expect(reply.title).toBe('Grant (KMS) · shared by bob');
    // Shared: no Share button, but anyone in the channel can report a problem with it.
    expect(reply.buttons).toEqual([{ action: { kind: 'report', target: 'term', id: 'grant' }, label: 'Report a problem' }]);
    const scenario = await h.tutor.act({ kind: 'share', target: 'scenario', id: 'finance-compliance' }, h.ctx('bob'));
    expect(scenario.visibility).toBe('channel');
    expect(scenario.title).toContain('shared by bob');
    const gone = await h.tutor.act({ kind: 'share', target: 'term', id: 'removed-term' }, h.ctx('bob'));
    expect(gone.tone).toBe('error');
    expect(gone.title).toContain('"removed-term"');
  });
});

describe('terms', () => {
  it('lists every term grouped by section', async () => {
    h = makeHarness();
    const reply = await h.say('terms');
    expect(reply.title).toBe('4 terms');
    const sections = reply.blocks.filter((b) => b.type === 'section');
    expect(sections.map((s) => (s.type === 'section' ? s.heading : ''))).toEqual([
      'AWS KMS Fundamentals: Keys, CMKs, and Grants',
      'S3 Encryption at Rest and KMS Integration',
    ]);
    expect(textOf(reply)).toContain('AWS KMS key · Envelope encryption · Grant (KMS)');
  });

  it('with a tag lists only the terms its questions test; an unknown tag names the tags', async () => {
    h = makeHarness();
    const s3 = await h.say('terms s3');
    expect(s3.title).toBe('1 terms tested under s3');
    expect(textOf(s3)).toContain('SSE-KMS (S3 with KMS keys)');
    expect(textOf(s3)).not.toContain('Grant (KMS)');
    const bad = await h.say('terms rds');
    expect(bad.tone).toBe('error');
    expect(textOf(bad)).toContain('Tags: kms, s3, ebs');
  });
});

describe('autocomplete', () => {
  it('suggests terms and scenarios within the limit', () => {
    h = makeHarness();
    const terms = h.tutor.suggestTerms('gra', 5);
    expect(terms.length).toBeGreaterThan(0);
    expect(terms.length).toBeLessThanOrEqual(5);
    expect(terms[0]?.value).toBe('Grant (KMS)');
    const scenarios = h.tutor.suggestScenarios('finance', 3);
    expect(scenarios[0]).toEqual({ label: 'Finance keys', value: 'finance-compliance' });
    expect(h.tutor.suggestTerms('x'.repeat(5000), 5).length).toBeLessThanOrEqual(5);
  });
});
