import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { parseTerminalArgs } from '../../src/adapters/terminal/args.js';
import { terminalBanner } from '../../src/adapters/terminal/banner.js';
import { TERMINAL_SURFACE, terminalContext } from '../../src/adapters/terminal/context.js';
import { TerminalPoster } from '../../src/adapters/terminal/poster.js';
import { startTerminal } from '../../src/adapters/terminal/repl.js';
import { DailyRounds } from '../../src/core/daily.js';
import { makeHarness, NOW, type Harness } from '../core/harness.js';

let h: Harness;
afterEach(() => h.close());

/** Start the REPL on in-memory streams; returns helpers to type lines and read the output. */
function repl(clock: { now: Date }) {
  const input = new PassThrough();
  const output = new PassThrough();
  let out = '';
  output.on('data', (d) => (out += String(d)));
  const terminal = startTerminal({
    tutor: h.tutor,
    daily: new DailyRounds(h.deps),
    logger: h.logger,
    user: 'alice',
    banner: terminalBanner('alice', h.deps.library),
    input,
    output,
    now: () => clock.now,
    closeCheckMs: 20,
  });
  h.deps.posters.terminal = terminal.poster;
  return {
    terminal,
    type: (line: string) => input.write(`${line}\n`),
    end: () => input.end(),
    output: () => out,
  };
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('Ctrl-C at the prompt (issue 15 item 17)', () => {
  it('prints Bye. on its own line, not after the prompt', async () => {
    h = makeHarness();
    const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => {} });
    const output = Object.assign(new PassThrough(), { isTTY: true, columns: 80 });
    let out = '';
    output.on('data', (d) => (out += String(d)));
    const terminal = startTerminal({ tutor: h.tutor, logger: h.logger, user: 'alice', banner: 'banner', input, output });
    input.write('\u0003');
    await terminal.done;
    expect(out).toMatch(/\nBye\.\n$/);
    expect(out).not.toMatch(/kms> Bye\./);
  });
});

describe('terminal channel', () => {
  it('shows the banner, answers commands, prints channel posts with a marker and leaves on EOF', async () => {
    h = makeHarness();
    const clock = { now: NOW };
    const r = repl(clock);
    r.type('explain grants');
    r.type('quiz here');
    r.end();
    await r.terminal.done;
    const out = r.output();
    expect(out).toContain('terminal channel #terminal on team "local", as alice');
    expect(out).toContain('Deck: Mini deck for core tests');
    expect(out).toContain('SLACK_BOT_TOKEN');
    expect(out).toContain('DISCORD_TOKEN');
    expect(out).toContain('kms> explain grants');
    expect(out).toContain('Grant (KMS)\n───────────');
    expect(out).toMatch(/── #terminal ──\nRound #\d+/);
    expect(out.trimEnd().endsWith('Bye.')).toBe(true);
  });

  it('piped input reads as a transcript: each command echoed just before its reply, no bare prompts', async () => {
    h = makeHarness();
    const r = repl({ now: NOW });
    // Everything arrives at once, as from `printf 'explain grants\nexplain envelope\nhint\n' | npm start`.
    r.type('explain grants\nexplain \u001b[2Jenvelope\nstats');
    r.end();
    await r.terminal.done;
    const out = r.output();
    const at = (text: string) => {
      const i = out.indexOf(text);
      expect(i, text).toBeGreaterThanOrEqual(0);
      return i;
    };
    const order = [at('kms> explain grants\n'), at('Grant (KMS)\n'), at('kms> explain \\x1b[2Jenvelope\n'), at('kms> stats\n')];
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // The second command's reply comes before the third command's echo.
    const between = out.slice(order[2], order[3]);
    expect(between.split('\n').length).toBeGreaterThan(2);
    expect(out).not.toContain('\u001b');
    // No prompt of its own: every "kms> " starts an echoed command.
    expect(out.match(/kms> /g)).toHaveLength(3);
  });

  it('`answer N X` answers, `exit` leaves, and a round whose time is up closes by itself', async () => {
    h = makeHarness();
    const clock = { now: NOW };
    const r = repl(clock);
    r.type('quiz here');
    await until(() => /Round #\d+ is open/.test(r.output()));
    const id = /Round #(\d+) is open/.exec(r.output())![1];
    r.type(`answer ${id} A`);
    await until(() => new RegExp(`(Correct|Not quite) · round #${id}`).test(r.output()));
    clock.now = new Date(NOW.getTime() + 16 * 60_000);
    await until(() => r.output().includes(`round #${id} closed`));
    expect((await h.store.getRound(Number(id)))?.closedAt).not.toBeNull();
    r.type('exit');
    await r.terminal.done;
  });

  it('the terminal poster prints posts and reveals in full, count updates as one line', async () => {
    h = makeHarness();
    const lines: string[] = [];
    const poster = new TerminalPoster((t) => lines.push(t));
    const ref = await poster.post('terminal', { visibility: 'channel', tone: 'info', title: 'Hello', blocks: [] });
    expect(ref).toEqual({ platform: 'terminal', channelId: 'terminal', messageId: '1' });
    await poster.update(ref, { visibility: 'channel', tone: 'info', title: 'Round #4', blocks: [], round: { id: 4, state: 'open', answered: 3 } });
    await poster.update(ref, { visibility: 'channel', tone: 'info', title: 'Round #4 · answer', blocks: [], round: { id: 4, state: 'closed', answered: 3 } });
    expect(lines[0]).toBe('── #terminal ──\nHello\n─────');
    expect(lines[1]).toBe('── #terminal · round #4: 3 answered ──');
    expect(lines[2]).toContain('── #terminal · round #4 closed ──\nRound #4 · answer');
    const quiet = new TerminalPoster((t) => lines.push(t), { showCountUpdates: false });
    await quiet.update(ref, { visibility: 'channel', tone: 'info', blocks: [], round: { id: 4, state: 'open', answered: 5 } });
    expect(lines).toHaveLength(3);
  });
});

describe('terminal arguments and context', () => {
  it('parses --user NAME, --user=NAME and the command words', () => {
    expect(parseTerminalArgs(['--user', 'bob', 'answer', '3', 'A'])).toEqual({ user: 'bob', words: ['answer', '3', 'A'] });
    expect(parseTerminalArgs(['--user=carol', 'quiz here'])).toEqual({ user: 'carol', words: ['quiz here'] });
    expect(parseTerminalArgs(['help'])).toEqual({ words: ['help'] });
    expect(parseTerminalArgs(['--user'])).toEqual({ problem: '--user needs a name, e.g. --user alice' });
    expect(parseTerminalArgs(['--user', 'two words'])).toHaveProperty('problem');
  });

  it('refuses an unknown option, naming it; number-like words and words after -- stay command words', () => {
    expect(parseTerminalArgs(['--foo'])).toEqual({ problem: 'unknown option "--foo" (the only option is --user NAME)' });
    expect(parseTerminalArgs(['-x', 'help'])).toEqual({ problem: 'unknown option "-x" (the only option is --user NAME)' });
    expect(parseTerminalArgs(['help', '--verbose'])).toEqual({ problem: 'unknown option "--verbose" (the only option is --user NAME)' });
    expect(parseTerminalArgs(['hint', 'some-id', '-1'])).toEqual({ words: ['hint', 'some-id', '-1'] });
    expect(parseTerminalArgs(['-u', 'ann', '--', '--foo'])).toEqual({ user: 'ann', words: ['--foo'] });
  });

  it('refuses a repeated --user and a flag-like name (issue 15 item 11)', () => {
    expect(parseTerminalArgs(['--user', 'bob', '--user', 'dave', 'stats'])).toEqual({
      problem: '--user is given twice ("bob" and "dave"); give it once',
    });
    expect(parseTerminalArgs(['-u', 'bob', '--user=dave'])).toEqual({ problem: '--user is given twice ("bob" and "dave"); give it once' });
    expect(parseTerminalArgs(['--user', '-x', 'stats'])).toEqual({ problem: '--user needs a name, not the option-like "-x", e.g. --user alice' });
    expect(parseTerminalArgs(['--user', '--', 'stats'])).toEqual({ problem: '--user needs a name, not the option-like "--", e.g. --user alice' });
  });

  it('escapes control characters of a refused name or option instead of printing them raw (newcomer finding 4)', () => {
    expect(parseTerminalArgs(['--user', 'e\u001b[2Jvil', 'quiz'])).toEqual({ problem: '--user "e\\x1b[2Jvil" is not a usable name (1-40 letters, digits, . _ -)' });
    expect(parseTerminalArgs(['--user=a\u202eb'])).toEqual({ problem: '--user "a\\u202eb" is not a usable name (1-40 letters, digits, . _ -)' });
    expect(parseTerminalArgs(['--x\u0007'])).toEqual({ problem: 'unknown option "--x\\x07" (the only option is --user NAME)' });
    expect(parseTerminalArgs(['-u', 'bob', '-u', 'd\u001bave'])).toEqual({ problem: '--user is given twice ("bob" and "d\\x1bave"); give it once' });
  });

  it('builds a terminal context: team local, channel terminal, admin', () => {
    expect(terminalContext('bob', NOW, 'Europe/Berlin')).toEqual({
      platform: 'terminal',
      teamId: 'local',
      channelId: 'terminal',
      userId: 'bob',
      userName: 'bob',
      isAdmin: true,
      isDirectMessage: false,
      userTimeZone: 'Europe/Berlin',
      now: NOW,
      surface: TERMINAL_SURFACE,
    });
  });
});
