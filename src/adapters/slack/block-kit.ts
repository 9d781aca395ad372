/**
 * Block Kit rendering of the platform-neutral Reply (a pure function: no I/O).
 *
 * Layout, top to bottom: header (title), one section per text/section/choices/list block, section
 * fields, code blocks for `pre`, a context line "N answered" for round messages, the footer as a
 * context line, the rubric checkboxes, then the buttons. Text is escaped for mrkdwn and split under
 * Slack's limits (3,000 characters per section, 50 blocks per message); a reply that needs more than
 * 50 blocks becomes several messages (header in the first, buttons in the last).
 */
import type { types } from '@slack/bolt';
import { encodeAction, type Action } from '../../core/action.js';
import type { Reply, ReplyBlock, ReplyButton, ReplyChecklist, ReplyMenu, Tone } from '../../core/reply.js';
import { ELLIPSIS, escapeMrkdwn, groupLines, splitMrkdwn, truncateText } from './mrkdwn.js';

type KnownBlock = types.KnownBlock;
type Button = types.Button;

/** Block Kit limits used here (https://docs.slack.dev/reference/block-kit). */
export const LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  fieldText: 2000,
  fieldsPerSection: 10,
  elementsPerActions: 25,
  checkboxOptions: 10,
  optionText: 75,
  selectOptions: 100,
  placeholderText: 150,
  contextText: 3000,
  /** Our own cap for the notification fallback `text`. */
  fallbackText: 300,
} as const;

/** One Slack message: Block Kit blocks plus the plain `text` fallback used in notifications. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** Rendering options. */
export interface RenderOptions {
  /**
   * Fit everything into one message (chat.update can only replace one message; round posts must be
   * one message). Content that does not fit is dropped and a context note says the text was shortened.
   */
  singleMessage?: boolean;
}

const TONE_EMOJI: Record<Tone, string> = {
  info: '',
  success: ':white_check_mark: ',
  warning: ':warning: ',
  error: ':x: ',
};

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncateText(text, LIMITS.contextText) }] };
}

/** Sections for escaped mrkdwn text (split under the section limit); `prefix` goes before the first piece. */
function textSections(escaped: string, prefix = ''): KnownBlock[] {
  const pieces = splitMrkdwn(escaped, LIMITS.sectionText - prefix.length);
  if (pieces.length === 0) return prefix.trim() ? [section(prefix.trimEnd())] : [];
  return pieces.map((piece, i) => section(i === 0 ? prefix + piece : piece));
}

/** Sections for escaped lines, grouped so no section passes the limit. */
function lineSections(lines: string[]): KnownBlock[] {
  return groupLines(lines, LIMITS.sectionText).map((group) => section(group.join('\n')));
}

function renderBlock(block: ReplyBlock): KnownBlock[] {
  switch (block.type) {
    case 'text':
      return textSections(escapeMrkdwn(block.text));
    case 'section':
      return textSections(escapeMrkdwn(block.text), `*${escapeMrkdwn(block.heading)}*\n`);
    case 'fields': {
      const fields = block.fields.map((f) => ({
        type: 'mrkdwn' as const,
        text: truncateText(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, LIMITS.fieldText),
      }));
      const out: KnownBlock[] = [];
      for (let i = 0; i < fields.length; i += LIMITS.fieldsPerSection) {
        out.push({ type: 'section', fields: fields.slice(i, i + LIMITS.fieldsPerSection) });
      }
      return out;
    }
    case 'choices':
      return lineSections(block.choices.map((c) => `*${escapeMrkdwn(c.letter)}*  ${escapeMrkdwn(c.text)}`));
    case 'list':
      return lineSections(block.items.map((item) => `• ${escapeMrkdwn(item)}`));
    case 'pre': {
      const fence = '```';
      const overhead = fence.length * 2 + 2;
      const lines = block.lines.map((l) => escapeMrkdwn(l));
      return groupLines(lines, LIMITS.sectionText, overhead).map((group) =>
        section(`${fence}\n${group.join('\n')}\n${fence}`),
      );
    }
    case 'image':
      // Pictures are not blocks here: the adapter uploads them with Slack's file upload API after
      // the message (slack-images.ts); the text beside them (text bars) says the same.
      return [];
  }
}

/** Round buttons that make no sense once the round is closed. */
function isRoundButton(action: Action): boolean {
  return action.kind === 'answer' || action.kind === 'close';
}

/** A Block Kit button for a ReplyButton: label cut to 75 characters, action encoded into action_id and value. */
function renderButton(button: ReplyButton): Button {
  const encoded = encodeAction(button.action);
  const out: Button = {
    type: 'button',
    text: { type: 'plain_text', text: truncateText(button.label, LIMITS.buttonText), emoji: true },
    action_id: encoded,
    value: encoded,
  };
  if (button.style) out.style = button.style;
  return out;
}

function buttonBlocks(buttons: ReplyButton[]): KnownBlock[] {
  const seen = new Set<string>();
  const elements: Button[] = [];
  for (const b of buttons) {
    const el = renderButton(b);
    const id = el.action_id ?? '';
    if (seen.has(id)) continue;
    seen.add(id);
    elements.push(el);
  }
  const out: KnownBlock[] = [];
  for (let i = 0; i < elements.length; i += LIMITS.elementsPerActions) {
    out.push({ type: 'actions', elements: elements.slice(i, i + LIMITS.elementsPerActions) });
  }
  return out;
}

/**
 * The rubric as a `checkboxes` element. The element's action_id is the encoded self-score with no
 * points ticked; each option's value is the encoded self-score of that one point, so the handler
 * rebuilds the ticked set from `selected_options`. Labels longer than an option allows are cut, and
 * then the full points are listed above the checkboxes.
 */
function renderChecklist(checklist: ReplyChecklist): KnownBlock[] {
  const options = checklist.options.slice(0, LIMITS.checkboxOptions);
  const out: KnownBlock[] = [];
  const cut = options.some((o) => `${o.index + 1}. ${o.label}`.length > LIMITS.optionText);
  if (cut) out.push(...lineSections(options.map((o) => `${o.index + 1}. ${escapeMrkdwn(o.label)}`)));
  if (options.length === 0) return out;
  out.push({
    type: 'actions',
    elements: [
      {
        type: 'checkboxes',
        action_id: encodeAction({ kind: 'selfscore', scenarioId: checklist.scenarioId, checked: [] }),
        options: options.map((o) => ({
          text: { type: 'plain_text', text: truncateText(`${o.index + 1}. ${o.label}`, LIMITS.optionText), emoji: true },
          value: encodeAction({ kind: 'selfscore', scenarioId: checklist.scenarioId, checked: [o.index] }),
        })),
      },
    ],
  });
  return out;
}

/**
 * A menu (the report reason picker) as a `static_select` element: its action_id is the encoded
 * menu action, each option's value the encoded action of that option (the handler decodes the
 * selected option's value). Labels are cut to 75 characters.
 */
function renderMenu(menu: ReplyMenu): KnownBlock[] {
  const options = menu.options.slice(0, LIMITS.selectOptions);
  if (options.length === 0) return [];
  return [
    {
      type: 'actions',
      elements: [
        {
          type: 'static_select',
          action_id: encodeAction(menu.action),
          placeholder: { type: 'plain_text', text: truncateText(menu.placeholder, LIMITS.placeholderText), emoji: true },
          options: options.map((o) => ({
            text: { type: 'plain_text', text: truncateText(o.label, LIMITS.optionText), emoji: true },
            value: encodeAction(o.action),
          })),
        },
      ],
    },
  ];
}

/** "3 answered" / "Closed · 3 answered" for round messages. */
function roundLine(round: NonNullable<Reply['round']>): string {
  const count = `${round.answered} answered`;
  return round.state === 'closed' ? `:lock: Round closed · ${count}` : `:busts_in_silhouette: ${count}`;
}

/** The first plain line of a reply, for the `text` notification fallback. */
function firstText(reply: Reply): string | undefined {
  for (const b of reply.blocks) {
    if (b.type === 'text' && b.text.trim()) return b.text;
    if (b.type === 'section' && b.text.trim()) return `${b.heading}: ${b.text}`;
  }
  return undefined;
}

/**
 * The notification fallback: title (and first text) on one line, escaped, at most 300 characters.
 * Slack shows it in notifications and screen readers instead of the blocks.
 */
export function fallbackText(reply: Reply): string {
  const parts = [reply.title, firstText(reply)].filter((p): p is string => !!p && p.trim().length > 0);
  const line = parts.join(' — ').replace(/\s+/g, ' ').trim() || 'kms-tutor';
  const emoji = TONE_EMOJI[reply.tone];
  return emoji + escapeMrkdwn(truncateText(line, LIMITS.fallbackText - emoji.length - 20));
}

/**
 * Render a Reply as one or more Slack messages (each at most 50 blocks). Pure; never throws for
 * any Reply shape. A closed round (`reply.round.state === 'closed'`) loses its answer and close buttons.
 */
export function renderReply(reply: Reply, options: RenderOptions = {}): SlackMessage[] {
  const head: KnownBlock[] = [];
  if (reply.title?.trim()) {
    head.push({
      type: 'header',
      text: { type: 'plain_text', text: truncateText(TONE_EMOJI[reply.tone] + reply.title.trim(), LIMITS.headerText), emoji: true },
    });
  }

  const body: KnownBlock[] = [];
  for (const block of reply.blocks) body.push(...renderBlock(block));
  if (head.length === 0 && TONE_EMOJI[reply.tone]) {
    const first = body[0];
    if (first && first.type === 'section' && first.text && first.text.text.length + 12 <= LIMITS.sectionText) {
      first.text.text = TONE_EMOJI[reply.tone] + first.text.text;
    } else {
      body.unshift(section(TONE_EMOJI[reply.tone].trim()));
    }
  }

  const tail: KnownBlock[] = [];
  if (reply.round) tail.push(context(roundLine(reply.round)));
  if (reply.footer?.trim()) tail.push(context(escapeMrkdwn(reply.footer)));
  if (reply.checklist) tail.push(...renderChecklist(reply.checklist));
  if (reply.menu) tail.push(...renderMenu(reply.menu));
  const closed = reply.round?.state === 'closed';
  const buttons = (reply.buttons ?? []).filter((b) => !(closed && isRoundButton(b.action)));
  tail.push(...buttonBlocks(buttons));

  const text = fallbackText(reply);
  const all = [...head, ...body, ...tail];
  if (all.length === 0) return [{ text, blocks: [section(text)] }];
  if (all.length <= LIMITS.blocksPerMessage) return [{ text, blocks: all }];

  if (options.singleMessage) {
    const note = context(`${ELLIPSIS} shortened: the full text does not fit in one Slack message.`);
    const room = Math.max(0, LIMITS.blocksPerMessage - head.length - tail.length - 1);
    const blocks = [...head, ...body.slice(0, room), note, ...tail].slice(0, LIMITS.blocksPerMessage);
    return [{ text, blocks }];
  }

  const count = Math.ceil(all.length / LIMITS.blocksPerMessage);
  const messages: SlackMessage[] = [];
  for (let i = 0; i < count; i += 1) {
    const blocks = all.slice(i * LIMITS.blocksPerMessage, (i + 1) * LIMITS.blocksPerMessage);
    messages.push({ text: i === 0 ? text : `${text} (part ${i + 1} of ${count})`, blocks });
  }
  return messages;
}
