/**
 * Example exam dates shown to a learner (help examples, the "no exam date" hint, the bad-date message)
 * must still work when copied, whatever the day: they are derived from the event's day, not fixed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Context } from '../../src/core/context.js';
import { makeHarness, NOW, REAL_CONTENT, textOf, type Harness } from '../core/harness.js';

let h: Harness;
afterEach(() => h.close());

/** Every `exam …` example with a date in `text`, as typed. */
const datedExamples = (text: string) => [...text.matchAll(/`(exam (?:channel )?\d{4}-\d{2}-\d{2})`/g)].map((m) => m[1] ?? '');

describe('example exam dates', () => {
  for (const now of [NOW, new Date('2031-03-31T23:30:00Z')]) {
    it(`are accepted when copied (on ${now.toISOString().slice(0, 10)})`, async () => {
      h = makeHarness({ content: REAL_CONTENT });
      const admin: Partial<Context> = { now, isAdmin: true };
      const help = textOf(await h.say('help exam', 'ann', admin));
      const fromHelp = datedExamples(help);
      expect(fromHelp).toHaveLength(2);
      const hint = textOf(await h.say('exam', 'ann', admin));
      expect(hint).toContain('No exam date set');
      const fromHint = datedExamples(hint);
      expect(fromHint).toHaveLength(1);
      const bad = textOf(await h.say('exam next-week', 'ann', admin));
      const fromBad = /e\.g\. (\d{4}-\d{2}-\d{2})/.exec(bad)?.[1];
      expect(fromBad).toBeDefined();
      for (const example of [...fromHelp, ...fromHint, `exam ${fromBad}`]) {
        const reply = await h.say(example, 'ann', admin);
        expect({ example, tone: reply.tone }).toEqual({ example, tone: 'success' });
      }
      // About six months ahead of the day.
      const days = (Date.parse(fromHint[0]?.slice(5) ?? '') - now.getTime()) / 86_400_000;
      expect(days).toBeGreaterThan(170);
      expect(days).toBeLessThan(190);
    });
  }
});
