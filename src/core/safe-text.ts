/**
 * Text from users (typed arguments, display names) must not reach a screen raw: an escape sequence
 * could clear a terminal or recolour it, BEL/BS/DEL garble a line, and a right-to-left override
 * reverses what follows. `safeText` escapes those characters visibly ("\x1b", "\u202e"); Tutor
 * passes every reply through `safeReply`, names are cleaned as they come in, and channel posts
 * that carry names (reveals, digests) are cleaned before posting.
 */
import type { Reply, ReplyBlock } from './reply.js';

/**
 * C0 controls other than tab and newline, DEL, C1 controls, and the bidi embeddings, overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this function's job
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Quick test without the global flag's lastIndex state. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this function's job
const HAS_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** True when `text` holds no character safeText escapes. */
function isClean(text: string): boolean {
  return !HAS_UNSAFE.test(text);
}

/**
 * `text` with each control or bidi-override character replaced by a visible escape: "\xNN" for
 * controls (ESC -> "\x1b"), "\uNNNN" for bidi marks (U+202E -> "\u202e"). Tabs, newlines and every
 * other character are kept. Returns `text` itself when there is nothing to escape.
 */
export function safeText(text: string): string {
  if (isClean(text)) return text;
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** True when every text of `block` is clean (see isClean). */
function blockIsClean(block: ReplyBlock): boolean {
  switch (block.type) {
    case 'text':
      return isClean(block.text);
    case 'section':
      return isClean(block.heading) && isClean(block.text);
    case 'fields':
      return block.fields.every((f) => isClean(f.label) && isClean(f.value));
    case 'choices':
      return block.choices.every((c) => isClean(c.letter) && isClean(c.text));
    case 'list':
      return block.items.every(isClean);
    case 'pre':
      return block.lines.every(isClean);
    default:
      return true;
  }
}

/** True when safeReply would change nothing in `reply`. */
function replyIsClean(reply: Reply): boolean {
  if (reply.title !== undefined && !isClean(reply.title)) return false;
  if (reply.footer !== undefined && !isClean(reply.footer)) return false;
  for (const block of reply.blocks) if (!blockIsClean(block)) return false;
  if (reply.buttons !== undefined) for (const b of reply.buttons) if (!isClean(b.label)) return false;
  if (reply.checklist !== undefined) for (const o of reply.checklist.options) if (!isClean(o.label)) return false;
  return true;
}

function safeBlock(block: ReplyBlock): ReplyBlock {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: safeText(block.text) };
    case 'section':
      return { type: 'section', heading: safeText(block.heading), text: safeText(block.text) };
    case 'fields':
      return { type: 'fields', fields: block.fields.map((f) => ({ label: safeText(f.label), value: safeText(f.value) })) };
    case 'choices':
      return { type: 'choices', choices: block.choices.map((c) => ({ letter: safeText(c.letter), text: safeText(c.text) })) };
    case 'list':
      return { type: 'list', items: block.items.map(safeText) };
    case 'pre':
      return { type: 'pre', lines: block.lines.map(safeText) };
    default:
      return block;
  }
}

/**
 * `reply` with safeText applied to its title, every block's text, button labels, checklist labels
 * and footer; other fields (actions, round, visibility) as they were. `reply` itself when nothing
 * needed escaping (the usual case: no copy), else a new object; `reply` is never changed.
 */
export function safeReply(reply: Reply): Reply {
  if (replyIsClean(reply)) return reply;
  const clean: Reply = { ...reply, blocks: reply.blocks.map(safeBlock) };
  if (reply.title !== undefined) clean.title = safeText(reply.title);
  if (reply.footer !== undefined) clean.footer = safeText(reply.footer);
  if (reply.buttons !== undefined) clean.buttons = reply.buttons.map((b) => ({ ...b, label: safeText(b.label) }));
  if (reply.checklist !== undefined) {
    clean.checklist = { scenarioId: reply.checklist.scenarioId, options: reply.checklist.options.map((o) => ({ index: o.index, label: safeText(o.label) })) };
  }
  return clean;
}
