import { describe, expect, it } from 'vitest';
import { SUBCOMMANDS } from '../../src/core/command.js';
import { parseCommand } from '../../src/core/parse-command.js';

function problemOf(text: string): string {
  const c = parseCommand(text);
  if (c.kind !== 'invalid') throw new Error(`expected invalid, got ${JSON.stringify(c)}`);
  return c.problem;
}

describe('parseCommand: every subcommand', () => {
  it.each([
    ['help', { kind: 'help' }],
    ['help explain', { kind: 'help', topic: 'explain' }],
    ['explain grants', { kind: 'explain', query: 'grants' }],
    ['explain   envelope    encryption ', { kind: 'explain', query: 'envelope encryption' }],
    ['terms', { kind: 'terms' }],
    ['terms S3', { kind: 'terms', tag: 's3' }],
    ['quiz', { kind: 'quiz', here: false }],
    ['quiz s3', { kind: 'quiz', here: false, tag: 's3' }],
    ['quiz here', { kind: 'quiz', here: true }],
    ['quiz HERE ebs', { kind: 'quiz', here: true, tag: 'ebs' }],
    ['quiz ebs here', { kind: 'quiz', here: true, tag: 'ebs' }],
    ['answer 12 b', { kind: 'answer', roundId: 12, letter: 'B' }],
    ['answer #7 E', { kind: 'answer', roundId: 7, letter: 'E' }],
    ['close', { kind: 'close' }],
    ['close 12', { kind: 'close', roundId: 12 }],
    ['scenario', { kind: 'scenario' }],
    ['scenario finance compliance', { kind: 'scenario', query: 'finance compliance' }],
    ['hint finance-compliance', { kind: 'hint', scenarioId: 'finance-compliance' }],
    ['hint finance-compliance 2', { kind: 'hint', scenarioId: 'finance-compliance', count: 2 }],
    // Scenario words like `scenario` takes; the numbers (even 0 or -1: the handler knows the range) follow them.
    ['hint finance keys 2', { kind: 'hint', scenarioId: 'finance keys', count: 2 }],
    ['hint finance-compliance 0', { kind: 'hint', scenarioId: 'finance-compliance', count: 0 }],
    ['hint finance-compliance -1', { kind: 'hint', scenarioId: 'finance-compliance', count: -1 }],
    ['reference Finance Keys', { kind: 'reference', scenarioId: 'Finance Keys' }],
    ['check finance keys', { kind: 'check', scenarioId: 'finance keys' }],
    ['check finance keys 1, 3 4', { kind: 'check', scenarioId: 'finance keys', checked: [0, 2, 3] }],
    ['check finance-compliance 0', { kind: 'check', scenarioId: 'finance-compliance', checked: [-1] }],
    ['check finance-compliance none', { kind: 'check', scenarioId: 'finance-compliance', checked: [] }],
    ['reference finance-compliance', { kind: 'reference', scenarioId: 'finance-compliance' }],
    ['check finance-compliance', { kind: 'check', scenarioId: 'finance-compliance' }],
    ['check finance-compliance 1,3,4', { kind: 'check', scenarioId: 'finance-compliance', checked: [0, 2, 3] }],
    ['check finance-compliance 4 1 1', { kind: 'check', scenarioId: 'finance-compliance', checked: [0, 3] }],
    ['check finance-compliance none', { kind: 'check', scenarioId: 'finance-compliance', checked: [] }],
    ['leaderboard', { kind: 'leaderboard', period: 'week', here: false }],
    ['leaderboard month', { kind: 'leaderboard', period: 'month', here: false }],
    ['leaderboard here 30d', { kind: 'leaderboard', period: '30d', here: true }],
    ['leaderboard ALL here', { kind: 'leaderboard', period: 'all', here: true }],
    ['stats', { kind: 'stats' }],
    ['stats @alice', { kind: 'stats', user: 'alice' }],
    ['stats <@U123ABC|bob>', { kind: 'stats', user: 'U123ABC' }],
    ['stats <@!123456789012345678>', { kind: 'stats', user: '123456789012345678' }],
    ['subscribe', { kind: 'subscribe' }],
    ['subscribe 09:00 Europe/Berlin weekdays', { kind: 'subscribe', time: '09:00', timeZone: 'Europe/Berlin', cadence: 'weekdays' }],
    ['subscribe daily kms-encryption-at-rest UTC 7:30', { kind: 'subscribe', time: '7:30', timeZone: 'UTC', cadence: 'daily', deckId: 'kms-encryption-at-rest' }],
    ['subscribe 25:00', { kind: 'subscribe', time: '25:00' }],
    ['subscribe Mars/Base', { kind: 'subscribe', timeZone: 'Mars/Base' }],
    ['unsubscribe', { kind: 'unsubscribe' }],
    ['schedule', { kind: 'schedule' }],
    ['forget-me', { kind: 'forget-me', confirm: false }],
    ['forget-me confirm', { kind: 'forget-me', confirm: true }],
    ['forget me confirm', { kind: 'forget-me', confirm: true }],
  ])('%s', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it('parses every subcommand name in SUBCOMMANDS (none is unknown)', () => {
    for (const sub of SUBCOMMANDS) {
      const c = parseCommand(sub);
      if (c.kind === 'invalid') expect(c.problem).not.toMatch(/unknown subcommand/);
      else expect(c.kind).toBe(sub);
    }
  });

  it('accepts the /kms prefix, any case and extra whitespace', () => {
    expect(parseCommand('/kms explain grants')).toEqual({ kind: 'explain', query: 'grants' });
    expect(parseCommand('  /KMS   EXPLAIN   Grants  ')).toEqual({ kind: 'explain', query: 'Grants' });
    expect(parseCommand('kms quiz here')).toEqual({ kind: 'quiz', here: true });
    expect(parseCommand('\tLeaderBoard\n')).toEqual({ kind: 'leaderboard', period: 'week', here: false });
  });

  it('accepts common aliases', () => {
    expect(parseCommand('ref finance-compliance')).toEqual({ kind: 'reference', scenarioId: 'finance-compliance' });
    expect(parseCommand('lb month')).toEqual({ kind: 'leaderboard', period: 'month', here: false });
  });
});

describe('parseCommand: bad input becomes invalid with a problem naming it', () => {
  it('empty input', () => {
    expect(problemOf('')).toBe('no subcommand given');
    expect(problemOf('   ')).toBe('no subcommand given');
    expect(problemOf('/kms')).toBe('no subcommand given');
  });

  it('unknown subcommand, with a did-you-mean for near misses', () => {
    expect(problemOf('explian grants')).toBe('unknown subcommand "explian" — did you mean `explain`?');
    expect(problemOf('leaderbord')).toContain('did you mean `leaderboard`');
    expect(problemOf('xyzzy')).toBe('unknown subcommand "xyzzy"');
  });

  it('a 5,000-character input does not throw and quotes only a short piece', () => {
    const long = 'a'.repeat(5000);
    const problem = problemOf(long);
    expect(problem).toMatch(/^unknown subcommand "a{40}…"$/);
    const longArg = problemOf(`scenario ${'b'.repeat(5000)}`);
    expect(longArg).toBe('the scenario argument is 5000 characters long; the limit is 200');
  });

  it('free text allows more: report takes 5,000 characters (its words are cut to 500 when stored), terms in 4,000', () => {
    const words = 'c'.repeat(4_900);
    expect(parseCommand(`report grant other ${words}`)).toMatchObject({ kind: 'report', item: 'grant', reason: 'other', text: words });
    expect(problemOf(`report grant other ${'c'.repeat(5_000)}`)).toBe('the report argument is 5012 characters long; the limit is 5000');
    expect(parseCommand(`terms in ${'grants '.repeat(500).trim()}`)).toMatchObject({ kind: 'terms' });
    expect(problemOf(`terms in ${'d'.repeat(4_001)}`)).toMatch(/^the terms argument is 4004 characters long; the limit is 4003$/);
  });

  it('explain over 200 characters is refused; 200 is fine; no term is refused', () => {
    expect(problemOf(`explain ${'x'.repeat(201)}`)).toBe('the explain argument is 201 characters long; the limit is 200');
    expect(parseCommand(`explain ${'x'.repeat(200)}`)).toEqual({ kind: 'explain', query: 'x'.repeat(200) });
    expect(problemOf('explain')).toContain('explain needs a term');
  });

  it('answer with a bad round or letter names it', () => {
    expect(problemOf('answer twelve B')).toBe('round "twelve" is not a round number (like 12)');
    expect(problemOf('answer 12 Z')).toBe('letter "Z" is not one of A-E');
    expect(problemOf('answer 12')).toContain('answer needs a round number and a letter');
    expect(problemOf('answer 0 A')).toContain('round "0"');
  });

  const PARSE_BARE = (letter: string) =>
    `to answer with ${letter}, type \`answer <round> ${letter}\` with the round number shown under the question (in a mock exam: \`mock answer ${letter}\`)`;

  it('a lone letter, also written "A." or "a)", is a hint that names the letter, never an answer', () => {
    for (const typed of ['A', 'a', 'A.', 'a)', 'E)', 'c.']) {
      const command = parseCommand(typed);
      expect(command.kind, typed).toBe('invalid');
      const letter = typed.charAt(0).toUpperCase();
      expect(command, typed).toMatchObject({ bareLetter: letter, input: `answer ${letter}` });
    }
    expect(problemOf('A.')).toBe('to answer with A, type `answer <round> A` with the round number shown under the question (in a mock exam: `mock answer A`)');
    // Not letters A-E, or with more after them: not a lone letter.
    expect(parseCommand('F.')).not.toHaveProperty('bareLetter');
    expect(parseCommand('A..')).not.toHaveProperty('bareLetter');
    expect(problemOf('A..')).toContain('unknown subcommand "A.."');
  });

  it('a letter with a round number beside it ("A 1", "a) #1", "1 A") shows the answer form for that round, never answers', () => {
    for (const typed of ['A 1', 'a 1', 'A. 1', 'a) #1', '1 A', '#1 a)']) {
      const command = parseCommand(typed);
      expect(command, typed).toEqual({
        kind: 'invalid',
        problem: 'to answer round #1 with A, type `answer 1 A` (the round number first, then the letter)',
        input: 'answer 1 A',
        bareLetter: 'A',
        letterRound: 1,
      });
    }
    expect(problemOf('B 12')).toBe('to answer round #12 with B, type `answer 12 B` (the round number first, then the letter)');
    // Numbers that cannot be one round: no such round, still never an answer (s7 newcomer #1).
    expect(parseCommand('A 0')).toEqual({
      kind: 'invalid',
      problem: 'there is no round #0 in this channel: to answer with A, type `answer <round> A` with the round number shown under the question',
      input: 'answer A',
      bareLetter: 'A',
      letterOddRound: '0',
    });
    expect(parseCommand('A 99999999999999999999')).toMatchObject({ bareLetter: 'A', letterOddRound: '99999999999999999999' });
    expect(parseCommand('A 1 2')).toMatchObject({ bareLetter: 'A', letterOddRound: '1 2' });
    expect(parseCommand('0 b')).toMatchObject({ bareLetter: 'B', letterOddRound: '0' });
    // Anything else after a letter stays an unknown subcommand.
    expect(problemOf('A B')).toContain('unknown subcommand "A"');
    expect(problemOf('A 1 x')).toContain('unknown subcommand "A"');
    expect(problemOf('1 2')).toContain('unknown subcommand "1"');
  });

  it('near-miss letter shapes ("(a)", "[B]", "c:", full-width "Ｂ"/"ｂ"; "A1", "1A") are lone letters or letter+round, never "unknown subcommand"', () => {
    for (const [typed, letter] of [
      ['(a)', 'A'],
      ['[B]', 'B'],
      ['c:', 'C'],
      ['Ｂ', 'B'],
      ['ｂ', 'B'],
      ['（ｄ）', 'D'],
    ] as const) {
      expect(parseCommand(typed), typed).toEqual({ kind: 'invalid', problem: PARSE_BARE(letter), input: `answer ${letter}`, bareLetter: letter });
    }
    for (const typed of ['A1', 'a1', 'a.1', 'A#1', '1A', '1.a', '#1b', 'Ａ１', '(a) 1', '1 [a]', '1 Ａ']) {
      expect(parseCommand(typed), typed).toMatchObject({ kind: 'invalid', bareLetter: typed.includes('b') ? 'B' : 'A', letterRound: 1, input: `answer 1 ${typed.includes('b') ? 'B' : 'A'}` });
    }
    // Still not letters: other letters, more than one letter, a zero round.
    for (const typed of ['F1', 'AB', 'A0', '(ab)', 'A1 2']) expect(parseCommand(typed), typed).not.toHaveProperty('bareLetter');
  });

  it('`here` twice is an unexpected word', () => {
    expect(problemOf('quiz here here')).toBe('unexpected word "here": `here` goes once, e.g. `quiz here s3`');
    expect(problemOf('quiz here s3 HERE')).toContain('unexpected word "HERE"');
    expect(problemOf('leaderboard here week here')).toContain('unexpected word "here"');
  });

  it('leaderboard with an unknown period names it and the accepted ones', () => {
    expect(problemOf('leaderboard fortnight')).toBe('unknown leaderboard period "fortnight"; use week, month, 30d or all');
  });

  it('subscribe with two values of one kind names both', () => {
    expect(problemOf('subscribe 09:00 10:00')).toBe('subscribe got two times: "09:00" and "10:00"');
  });

  it('check with a bad point, hint with a bad number, extra words', () => {
    expect(problemOf('check finance-compliance 1,x')).toBe(
      'rubric point "x" is not a whole number or a range; tick points by their numbers, e.g. `check finance-compliance 1,3,4`, a range `1-3`, `all` or `none`',
    );
    expect(problemOf('hint finance-compliance 1.5')).toBe('hint number "1.5" is not a whole number; `hint <scenario> 2` shows hints 1 and 2');
    expect(problemOf('hint finance-compliance 1 2')).toContain('hint takes one number after the scenario (got "1 2")');
    expect(problemOf('hint 2')).toBe('hint needs a scenario id or title words first, e.g. `hint finance-compliance 2`');
    expect(problemOf('check')).toBe('check needs a scenario id or title words first, e.g. `check finance-compliance 1,3`');
    expect(problemOf('unsubscribe now')).toBe('unsubscribe takes no arguments (got "now")');
    expect(problemOf('forget-me please')).toContain('forget-me takes only the word confirm');
    expect(problemOf('quiz some-deck s3 ebs')).toContain('at most a deck and a tag');
  });

  it('check takes ranges and all, refuses an empty list and names the bad part (issue 15 item 14)', () => {
    expect(parseCommand('check finance 1-3')).toEqual({ kind: 'check', scenarioId: 'finance', checked: [0, 1, 2] });
    expect(parseCommand('check finance 1-2, 4')).toEqual({ kind: 'check', scenarioId: 'finance', checked: [0, 1, 3] });
    expect(parseCommand('check finance all')).toEqual({ kind: 'check', scenarioId: 'finance', checked: 'all' });
    expect(problemOf('check finance ,,,')).toBe(
      'no rubric points between the commas; tick points by their numbers, e.g. `check finance 1,3,4`, a range `1-3`, `all` or `none`',
    );
    expect(problemOf('check finance 3-1')).toBe('rubric range "3-1" runs backwards; write it low to high, e.g. `1-3`');
    expect(problemOf('check finance 1,,2,')).toBe(
      'rubric points "1,,2," have an empty item between two commas; tick points by their numbers, e.g. `check finance 1,3,4`, a range `1-3`, `all` or `none`',
    );
    expect(problemOf('check finance 1,2,')).toMatch(/^rubric points "1,2," have an empty item after the last comma; /);
    expect(problemOf('check finance ,1 , 2')).toMatch(/^rubric points ",1 , 2" have an empty item before the first comma; /);
    expect(problemOf('check finance 1, ,2')).toMatch(/^rubric points "1, ,2" have an empty item between two commas; /);
    expect(problemOf('check finance 1-x')).toBe(
      'rubric point "1-x" is not a whole number or a range; tick points by their numbers, e.g. `check finance 1,3,4`, a range `1-3`, `all` or `none`',
    );
  });

  it('answer with extra words says what was extra, not that something is missing (issue 15 item 17)', () => {
    expect(problemOf('answer 2 a extra')).toBe('answer takes only a round number and a letter; "extra" is one word too many, e.g. `answer 12 B`');
    expect(problemOf('answer 2')).toBe('answer needs a round number and a letter, e.g. `answer 12 B`');
  });

  it('never throws on odd input', () => {
    for (const text of ['\u0000', '🙂', 'answer 99999999999999999999 A', 'check x 1,,2', '/kms /kms help', 'hint', '"', '`rm -rf`']) {
      expect(() => parseCommand(text)).not.toThrow();
    }
    expect(parseCommand(undefined as unknown as string).kind).toBe('invalid');
  });
});
