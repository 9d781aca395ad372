/**
 * Reply -> plain text, for the terminal channel and `npm run ask`.
 *
 * Layout: the title (underlined), the blocks top to bottom (paragraphs wrapped to `width`, `pre`
 * blocks kept as they are), lettered choices as "A) …", a checklist as numbered lines with the
 * `check <id> 1,3` command that submits it, menu options and buttons as the commands to type ("[answer 12 A]"),
 * then the footer. No ANSI escapes unless `color` is set (the terminal sets it only on a TTY).
 */
import type { Action } from './action.js';
import type { Reply, ReplyBlock } from './reply.js';
import { SCENARIOS } from './text/scenarios.js';

/** Rendering options. */
export interface RenderTextOptions {
  /** Wrap paragraphs at this many columns (default 80; at least 30). */
  width?: number;
  /** Use ANSI colours and bold (default false). */
  color?: boolean;
}

/**
 * The command a terminal user types for a button, or undefined when the button has no typed
 * equivalent (sharing a card: the terminal is already the channel; cancelling forget-me: do nothing).
 */
export function typedCommandFor(action: Action): string | undefined {
  switch (action.kind) {
    case 'answer':
      return `answer ${action.roundId} ${action.letter}`;
    case 'close':
      return `close ${action.roundId}`;
    case 'hint':
      return `hint ${action.scenarioId} ${action.count}`;
    case 'reference':
      return `reference ${action.scenarioId}`;
    case 'check':
      return `check ${action.scenarioId}`;
    case 'selfscore':
      return `check ${action.scenarioId} ${action.checked.length ? action.checked.map((i) => i + 1).join(',') : 'none'}`;
    case 'practice':
      return action.tag ? `quiz ${action.tag}` : 'quiz';
    case 'reminderPractice':
      return 'quiz';
    case 'forget':
      return action.confirm ? 'forget-me confirm' : undefined;
    case 'share':
      return undefined;
    case 'mockAnswer':
      return `mock answer ${action.letter}`;
    case 'mockFlag':
      return 'mock flag';
    case 'mockEnd':
      return 'mock end';
    case 'mockRetake':
      return 'mock retake';
    case 'report':
      return action.reason ? `report ${action.id} ${action.reason}` : `report ${action.id}`;
  }
}

/** A word that is a link: cut, it would no longer open. */
const URL_WORD = /^<?(?:https?|ftp):\/\//i;

/**
 * Greedy word wrap of one paragraph; words longer than `width` are split, except URLs, which get a
 * line of their own whole. `indent` prefixes continuation lines.
 */
export function wrapParagraph(text: string, width: number, firstPrefix = '', indent = ''): string[] {
  // `inline code` spans stay on one line (unless one alone is wider than the line).
  const words = text.match(/(?:[^\s`]*`[^`]*`)+[^\s`]*|\S+/g) ?? [];
  const lines: string[] = [];
  let line = firstPrefix;
  let lineHasWord = false;
  const room = (prefix: string) => Math.max(10, width - prefix.length);
  for (let word of words) {
    // A URL is never cut (a cut link no longer opens): it gets a line of its own, however long.
    if (URL_WORD.test(word) && word.length > room(indent)) {
      if (lineHasWord) lines.push(line);
      lines.push(indent + word);
      line = indent;
      lineHasWord = false;
      continue;
    }
    while (word.length > room(indent)) {
      if (lineHasWord) {
        lines.push(line);
        line = indent;
        lineHasWord = false;
      }
      const cut = room(line);
      lines.push(line + word.slice(0, cut));
      word = word.slice(cut);
      line = indent;
    }
    if (!lineHasWord) {
      line += word;
      lineHasWord = true;
    } else if (line.length + 1 + word.length <= width) {
      line += ` ${word}`;
    } else {
      lines.push(line);
      line = indent + word;
    }
  }
  if (lineHasWord || lines.length === 0) lines.push(line);
  return lines;
}

/** Wrap text that may hold several lines (each wrapped on its own, blank lines kept). */
function wrapText(text: string, width: number, prefix = '', indent = prefix): string[] {
  const out: string[] = [];
  text.split('\n').forEach((para, i) => {
    if (para.trim() === '') out.push('');
    else {
      // Keep a leading bullet's hanging indent: "• item" wraps under "item".
      const bullet = /^(\s*(?:[•\-*]|\d+[.)])\s+)/.exec(para)?.[1] ?? '';
      const first = i === 0 ? prefix : indent;
      out.push(...wrapParagraph(para.slice(bullet.length), width, first + bullet, indent + ' '.repeat(bullet.length)));
    }
  });
  return out;
}

/** Lay out short items side by side, two spaces apart, starting a new line when one would overflow. */
function packItems(items: string[], width: number, prefix: string): string[] {
  const lines: string[] = [];
  let line = prefix;
  let onLine = 0;
  for (const item of items) {
    if (onLine > 0 && line.length + 2 + item.length > width) {
      lines.push(line);
      line = ' '.repeat(prefix.length);
      onLine = 0;
    }
    line += onLine === 0 ? item : `  ${item}`;
    onLine += 1;
  }
  lines.push(line);
  return lines;
}

const ANSI = {
  bold: (s: string) => `\u001b[1m${s}\u001b[22m`,
  dim: (s: string) => `\u001b[2m${s}\u001b[22m`,
  red: (s: string) => `\u001b[31m${s}\u001b[39m`,
  yellow: (s: string) => `\u001b[33m${s}\u001b[39m`,
  green: (s: string) => `\u001b[32m${s}\u001b[39m`,
};

function renderBlock(block: ReplyBlock, width: number, bold: (s: string) => string): string[] {
  switch (block.type) {
    case 'text':
      return wrapText(block.text, width);
    case 'section':
      return [bold(`${block.heading}:`), ...wrapText(block.text, width, '  ')];
    case 'fields': {
      const labelWidth = Math.min(20, Math.max(0, ...block.fields.map((f) => f.label.length)) + 1);
      return block.fields.flatMap((f) =>
        wrapText(f.value, width, `${`${f.label}:`.padEnd(labelWidth)} `, ' '.repeat(labelWidth + 1)),
      );
    }
    case 'choices':
      return block.choices.flatMap((c) => wrapText(c.text, width, `${c.letter}) `, '   '));
    case 'list':
      return block.items.flatMap((item) => wrapText(item, width, '• ', '  '));
    case 'pre':
      return block.lines.map((l) => `  ${l}`);
    case 'image':
      return wrapText(`[picture: ${block.alt}]`, width);
  }
}

/** Render a Reply as plain text (no trailing newline). */
export function renderText(reply: Reply, options: RenderTextOptions = {}): string {
  const width = Math.max(30, options.width ?? 80);
  const c = options.color ? ANSI : undefined;
  const bold = c ? c.bold : (s: string) => s;
  const out: string[] = [];

  if (reply.title) {
    const toneMark = reply.tone === 'error' ? '✗ ' : reply.tone === 'warning' ? '! ' : reply.tone === 'success' ? '✓ ' : '';
    const titleLines = wrapText(toneMark + reply.title, width);
    const colour = c ? (reply.tone === 'error' ? c.red : reply.tone === 'warning' ? c.yellow : reply.tone === 'success' ? c.green : (s: string) => s) : (s: string) => s;
    out.push(...titleLines.map((l) => bold(colour(l))));
    out.push('─'.repeat(Math.min(width, Math.max(...titleLines.map((l) => l.length)))));
  }

  reply.blocks.forEach((block, i) => {
    if (i > 0) out.push('');
    out.push(...renderBlock(block, width, bold));
  });

  if (reply.checklist) {
    const { scenarioId, options: points } = reply.checklist;
    if (out.length > 0) out.push('');
    for (const p of points) out.push(...wrapText(p.label, width, `${String(p.index + 1).padStart(2)}. `, '    '));
    out.push('');
    out.push(...wrapText(SCENARIOS.tickTyped(scenarioId), width));
  }

  // Answer buttons go on one line (their labels are just the letters); the others one per line.
  const buttons = reply.buttons ?? [];
  const answers = buttons.filter((b) => b.action.kind === 'answer').map((b) => `[${typedCommandFor(b.action)}]`);
  // A menu's options are typed commands too, listed before the buttons.
  const typed = [...(reply.menu?.options ?? []), ...buttons]
    .filter((b) => b.action.kind !== 'answer')
    .map((b) => ({ label: b.label, command: typedCommandFor(b.action) }))
    .filter((b): b is { label: string; command: string } => b.command !== undefined);
  if (answers.length > 0 || typed.length > 0) {
    if (out.length > 0) out.push('');
    if (answers.length > 0) out.push(...packItems(answers, width, 'Answer: '));
    const cmdWidth = Math.max(0, ...typed.map((b) => b.command.length)) + 2;
    for (const b of typed) out.push(`  ${`[${b.command}]`.padEnd(cmdWidth)}  ${b.label}`);
  }

  if (reply.footer) {
    if (out.length > 0) out.push('');
    out.push(...wrapText(reply.footer, width).map((l) => (c ? c.dim(l) : l)));
  }
  return out.join('\n');
}
