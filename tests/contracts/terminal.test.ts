/**
 * The adapter contract for the terminal channel: terminalAdapter reading typed lines from a stream
 * and printing to another, as `npm start` does with piped input. A click is the command its button
 * shows (`close 3`, `answer 3 A`); the terminal has one user, so "another user" is that user again.
 * Channel messages are the "── #terminal ──" posts; an edit is printed as "── #terminal · round #N … ──"
 * and belongs to the post of round #N; a thread reply is printed under "── #terminal · thread of message N ──".
 * The terminal cannot refuse a post: it has no failure modes.
 */
import { PassThrough, Writable } from 'node:stream';
import type { Action } from '../../src/core/action.js';
import { silentLogger } from '../../src/core/ports/logger.js';
import { typedCommandFor } from '../../src/core/render-text.js';
import { terminalAdapter } from '../../src/adapters/terminal/adapter.js';
import { TERMINAL_CHANNEL, TERMINAL_TEAM } from '../../src/adapters/terminal/context.js';
import { adapterContract, waitUntil } from './adapter.js';

/** The terminal's only rule for a rendered message: plain text (no ANSI escapes unless on a TTY), within its limits. */
function violations(text: string, limits: { messageText: number }): string[] {
  const out: string[] = [];
  if (typeof text !== 'string') out.push('not text');
  if (text.includes('\u001b[')) out.push('ANSI escapes in plain output');
  if (text.length > limits.messageText) out.push(`text: ${text.length} > ${limits.messageText}`);
  return out;
}

adapterContract<string>('terminal', async () => {
  const input = new PassThrough();
  const chunks: string[] = [];
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const adapter = terminalAdapter({ logger: silentLogger, user: 'dora', banner: 'kms-tutor · terminal channel', input, output, closeCheckMs: 60_000 });

  /** Type `line`; resolves with everything printed for it once its answer is out. */
  const type = async (line: string, waitForAnswer: boolean): Promise<string> => {
    const from = chunks.length;
    input.write(`${line}\n`);
    await waitUntil(() => chunks.slice(from).some((c) => c.startsWith(`kms> ${line}`)), `the echo of "${line}"`);
    const echo = from + chunks.slice(from).findIndex((c) => c.startsWith(`kms> ${line}`));
    if (waitForAnswer) await waitUntil(() => chunks.length > echo + 1, `the answer to "${line}"`);
    return chunks.slice(echo + 1).join('');
  };
  const command = (action: Action) => {
    const typed = typedCommandFor(action);
    if (!typed) throw new Error(`no typed command for ${action.kind}`);
    return typed;
  };

  return {
    adapter,
    scope: { platform: 'terminal', teamId: TERMINAL_TEAM, channelId: TERMINAL_CHANNEL },
    violations,
    async openRound() {
      await type('quiz here', false);
    },
    async clickAsOpener(action) {
      await type(command(action), false);
    },
    async clickAsOther(action) {
      return type(command(action), true);
    },
    messages() {
      // Posts are numbered in order (the terminal poster's message ids); edits name their round.
      const text = chunks.join('');
      const posts = [...text.matchAll(/── #terminal ──\nRound #(\d+) · /g)].map((m) => m[1]!);
      const edits = [...text.matchAll(/── #terminal · round #(\d+)[ :]/g)].map((m) => m[1]!);
      return {
        created: posts.map((_, i) => String(i + 1)),
        edited: edits.map((round) => String(posts.indexOf(round) + 1)),
      };
    },
    threadReplies() {
      return [...chunks.join('').matchAll(/── #terminal · thread of message (\d+) ──/g)].map((m) => ({ parent: m[1]! }));
    },
    failures: [],
    async close() {
      input.end();
    },
  };
});
