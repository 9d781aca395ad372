/**
 * One rule for `npm run ask`'s exit status (issue 15 item 13): 0 when the command was handled, 1
 * when what it named was not found or it was refused. Handlers say which through Reply.outcome.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exitStatusOf } from '../../src/core/reply.js';
import { makeHarness, type Harness } from './harness.js';

let h: Harness;
beforeEach(() => {
  h = makeHarness();
});
afterEach(() => h.close());

describe('exit status of a reply', () => {
  it('not found is 1 for every kind of lookup and for nothing to stop or close', async () => {
    for (const text of ['explain zzzz', 'scenario zzzz', 'hint zzz', 'stats nobody', 'unsubscribe', 'close', 'check zzzz', 'help zzz']) {
      expect({ text, status: exitStatusOf(await h.say(text, 'ann')) }).toEqual({ text, status: 1 });
    }
  });

  it('refused (bad input, closed round) is 1; handled is 0', async () => {
    expect(exitStatusOf(await h.say('explian grants', 'ann'))).toBe(1);
    expect(await h.say('explain x', 'ann')).toMatchObject({ outcome: 'refused' });
    for (const text of ['explain grants', 'help', 'terms', 'stats', 'leaderboard', 'scenario finance-compliance', 'schedule']) {
      expect({ text, status: exitStatusOf(await h.say(text, 'ann')) }).toEqual({ text, status: 0 });
    }
  });

  it('an unknown help topic quotes what was typed, as typed', async () => {
    const reply = await h.say('help Zz\u001b[2J', 'ann');
    expect(reply.title).toContain('Zz');
    expect(reply.title).not.toContain('zz');
    expect(reply.title?.toLowerCase()).toContain('2j');
    expect(reply.title).not.toContain('2j');
  });

  it('an unknown subcommand is quoted as typed', async () => {
    const reply = await h.say('Zq\u001b[2J', 'ann');
    expect(reply.title).toContain('Zq');
    expect(reply.title).toContain('2J');
  });

  it('a hint number of 20 digits is out of range (1 to N), not "not a whole number"', async () => {
    const reply = await h.say('hint finance-compliance 99999999999999999999', 'ann');
    expect(reply.title).toBe('That hint number is out of range');
    expect(JSON.stringify(reply.blocks)).toMatch(/numbered 1 to \d+/);
    expect(exitStatusOf(reply)).toBe(1);
  });
});
