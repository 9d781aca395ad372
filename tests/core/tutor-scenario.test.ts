import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, textOf, type Harness } from './harness.js';

let h: Harness;
beforeEach(() => {
  h = makeHarness();
});
afterEach(() => h.close());

describe('scenario', () => {
  it('without an argument lists every scenario with its command', async () => {
    const reply = await h.say('scenario');
    expect(reply.blocks).toEqual([
      { type: 'list', items: ['Finance keys — `scenario finance-compliance`', 'Enforce SSE-KMS on uploads — `scenario s3-enforce-sse-kms`'] },
    ]);
  });

  it('finds one by id or words and shows situation, requirements, tasks and the buttons', async () => {
    for (const q of ['finance-compliance', 'finance']) {
      const reply = await h.say(`scenario ${q}`);
      expect(reply.title).toBe('Scenario: Finance keys');
      const text = textOf(reply);
      expect(text).toContain('A finance company needs customer-controlled keys');
      expect(text).toContain('• Log every key use');
      expect(text).toContain('• Decide who administers them');
      expect(reply.buttons?.map((b) => b.action)).toEqual([
        { kind: 'hint', scenarioId: 'finance-compliance', count: 1 },
        { kind: 'reference', scenarioId: 'finance-compliance' },
        { kind: 'check', scenarioId: 'finance-compliance' },
        { kind: 'share', target: 'scenario', id: 'finance-compliance' },
      ]);
      expect(reply.visibility).toBe('user');
    }
  });

  it('hints come one at a time with "Next hint" while more remain', async () => {
    const first = await h.tutor.act({ kind: 'hint', scenarioId: 'finance-compliance', count: 1 }, h.ctx());
    expect(first.blocks).toEqual([{ type: 'section', heading: 'Hint 1', text: 'One key per layer' }]);
    expect(first.buttons?.[0]).toMatchObject({ label: 'Next hint', action: { kind: 'hint', count: 2 } });
    const two = await h.say('hint finance-compliance 2');
    expect(two.blocks.filter((b) => b.type === 'section')).toHaveLength(2);
    const last = await h.tutor.act({ kind: 'hint', scenarioId: 'finance-compliance', count: 3 }, h.ctx());
    expect(last.buttons?.some((b) => b.label === 'Next hint')).toBe(false);
    expect(textOf(last)).toContain('That was the last hint.');
  });

  it('a hint number outside 1..n is refused with the whole range', async () => {
    for (const [text, n] of [['hint finance-compliance 9', '9'], ['hint finance-compliance 0', '0'], ['hint finance-compliance -1', '-1']] as const) {
      const reply = await h.say(text);
      expect(reply.tone).toBe('error');
      expect(reply.title).toBe(`There is no hint ${n}`);
      expect(textOf(reply)).toContain('Finance keys has 3 hints, numbered 1 to 3: `hint finance-compliance 3` shows them all.');
    }
  });

  it('hint, reference and check take scenario words like `scenario` does', async () => {
    const hint = await h.say('hint finance keys 2');
    expect(hint.title).toBe('Finance keys · hints 1-2 of 3');
    const reference = await h.say('reference Enforce SSE-KMS');
    expect(reference.title).toBe('Enforce SSE-KMS on uploads · reference design');
    const check = await h.say('check finance');
    expect(check.checklist?.scenarioId).toBe('finance-compliance');
    const scored = await h.say('check enforce sse kms 1,2', 'bob');
    expect(scored.title).toBe('You ticked 2/4 for Enforce SSE-KMS on uploads');
  });

  it('unknown scenario words get suggestions as commands of the same subcommand', async () => {
    const reply = await h.say('hint sse keys');
    expect(reply.tone).toBe('error');
    expect(reply.title).toBe('Unknown scenario "sse keys"');
    const list = reply.blocks.find((b) => b.type === 'list');
    expect(list?.type === 'list' && list.items).toEqual(['Finance keys — `hint finance-compliance`', 'Enforce SSE-KMS on uploads — `hint s3-enforce-sse-kms`']);
    const none = await h.say('check encrypt');
    expect(none.title).toBe('Unknown scenario "encrypt"');
    expect(textOf(none)).toContain('Type `scenario` to list the scenarios');
  });

  it('words after an exact scenario id are refused, naming them', async () => {
    const reply = await h.say('reference finance-compliance now');
    expect(reply.tone).toBe('error');
    expect(reply.title).toBe('Unexpected "now" after the scenario id finance-compliance');
    const hint = await h.say('hint finance-compliance two');
    expect(hint.title).toBe('Unexpected "two" after the scenario id finance-compliance');
    expect(textOf(hint)).toContain('`hint finance-compliance 2`');
  });

  it('reference shows the reference design and the trade-off', async () => {
    const reply = await h.say('reference finance-compliance');
    expect(textOf(reply)).toContain('Three customer managed keys');
    expect(reply.blocks).toContainEqual({ type: 'section', heading: 'Trade-off', text: 'More keys cost more but isolate data types.' });
  });

  it('check shows the rubric as a checklist', async () => {
    const reply = await h.tutor.act({ kind: 'check', scenarioId: 'finance-compliance' }, h.ctx());
    expect(reply.checklist?.scenarioId).toBe('finance-compliance');
    expect(reply.checklist?.options.map((o) => o.index)).toEqual([0, 1, 2, 3, 4]);
    expect(reply.checklist?.options[4]?.label).toBe('CloudTrail logs key use');
  });

  it('a self-score is stored and answered with "You ticked n/m"', async () => {
    const reply = await h.tutor.act({ kind: 'selfscore', scenarioId: 'finance-compliance', checked: [0, 2, 4] }, h.ctx('bob'));
    expect(reply.title).toBe('You ticked 3/5 for Finance keys');
    expect(textOf(reply)).toContain('One key per layer with an alias');
    const stored = await h.store.selfScores({ platform: 'terminal', teamId: 'local' }, 'bob');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ scenarioId: 'finance-compliance', deckId: 'mini-deck', checked: [0, 2, 4], total: 5 });

    const typed = await h.say('check s3-enforce-sse-kms 1,2,3,4', 'bob');
    expect(typed.title).toBe('You ticked 4/4 for Enforce SSE-KMS on uploads');
    expect(typed.tone).toBe('success');
    expect(await h.store.selfScores({ platform: 'terminal', teamId: 'local' }, 'bob')).toHaveLength(2);
  });

  it('check <scenario> all ticks every point; an empty list stores nothing (issue 15 item 14)', async () => {
    const all = await h.say('check finance-compliance all', 'bob');
    expect(all.title).toBe('You ticked 5/5 for Finance keys');
    const range = await h.say('check finance-compliance 2-4', 'bob');
    expect(range.title).toBe('You ticked 3/5 for Finance keys');
    const empty = await h.say('check finance-compliance ,,,', 'bob');
    expect(empty.tone).toBe('error');
    const stored = await h.store.selfScores({ platform: 'terminal', teamId: 'local' }, 'bob');
    expect(stored[0]).toMatchObject({ checked: [1, 2, 3], total: 5 });
  });

  it('a point outside the rubric is refused, naming it, and nothing is stored', async () => {
    const reply = await h.say('check finance-compliance 2,9', 'bob');
    expect(reply.tone).toBe('error');
    expect(reply.title).toBe('Point 9 is not on this rubric');
    expect(textOf(reply)).toContain('Finance keys has 5 points, numbered 1 to 5. Nothing was stored.');
    expect(await h.store.selfScores({ platform: 'terminal', teamId: 'local' }, 'bob')).toEqual([]);
  });

  it('point 0 is refused like any point outside the rubric (points are numbered from 1)', async () => {
    const reply = await h.say('check s3-enforce-sse-kms 0', 'bob');
    expect(reply.tone).toBe('error');
    expect(reply.title).toBe('Point 0 is not on this rubric');
    expect(textOf(reply)).toContain('numbered 1 to 4');
    const two = await h.say('check s3-enforce-sse-kms 0,-1,2', 'bob');
    expect(two.title).toBe('Points -1, 0 are not on this rubric');
    expect(await h.store.selfScores({ platform: 'terminal', teamId: 'local' }, 'bob')).toEqual([]);
    const none = await h.say('check s3-enforce-sse-kms none', 'bob');
    expect(none.title).toBe('You ticked 0/4 for Enforce SSE-KMS on uploads');
  });

  it('an unknown scenario id is named', async () => {
    for (const text of ['hint no-such-thing', 'reference no-such-thing', 'check no-such-thing']) {
      const reply = await h.say(text);
      expect(reply.tone).toBe('error');
      expect(reply.title).toBe('Unknown scenario "no-such-thing"');
    }
  });
});
