/**
 * Reply -> Discord embeds + components (a pure function: no I/O).
 *
 * Layout: the title on the first embed, the blocks top to bottom in the description (text and
 * sections as paragraphs, lettered choices as "**A**  text" lines, lists as "• item" lines, `pre`
 * blocks as ``` code blocks), `fields` blocks as inline embed fields, and on the last embed a footer
 * with the round's "N answered" line and the reply's footer. The tone sets the colour of every embed.
 *
 * Discord's limits are kept by construction: title 256, description 4,096, 25 fields (name 256,
 * value 1,024), footer 2,048, 6,000 characters per embed and across all embeds of one message,
 * 10 embeds per message. Text that does not fit is split into further embeds, and embeds that do
 * not fit one message into further messages (follow-ups), never failing. Components go on the
 * last message. User and deck text is markdown-escaped (see markdown.ts).
 */
import { MessageFlags, type APIEmbed, type APIEmbedField } from 'discord.js';
import type { Reply, ReplyBlock, Tone } from '../../core/reply.js';
import { renderComponents, type ActionRow } from './components.js';
import { ELLIPSIS, codeBlockLine, escapeText, groupLines, splitText, truncateText } from './markdown.js';
import { inlineCodeLine, spoiler, SPOILER_OVERHEAD } from './spoilers.js';
import { EN, type DiscordWords } from './text.js';

/** Discord's embed limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** Characters in title, description, field names/values and footer, over all embeds of one message. */
  total: 6000,
  embedsPerMessage: 10,
} as const;

/** Embed colour per tone (Discord's palette: blurple, green, yellow, red). */
export const TONE_COLOUR: Record<Tone, number> = {
  info: 0x5865f2,
  success: 0x57f287,
  warning: 0xfee75c,
  error: 0xed4245,
};

/** One Discord message body, as the REST API and discord.js's reply/editReply/followUp accept it. */
export interface DiscordMessage {
  embeds: APIEmbed[];
  components: ActionRow[];
  /** Never ping anyone: deck and user text may hold "@everyone" or mention syntax. */
  allowed_mentions: { parse: [] };
  /**
   * The reply's pictures as file attachments (first message only), each shown by an embed whose
   * image is `attachment://<name>`. Not part of the JSON body: senders pass them as multipart files.
   */
  files?: DiscordFile[];
}

/** A file attached to a message (sent as multipart/form-data with the JSON payload). */
interface DiscordFile {
  name: string;
  data: Uint8Array;
  /** Alt text (Discord attachment `description`, at most 1,024 characters). */
  description: string;
}

/** Most embeds in one Discord message. */
const EMBEDS_PER_MESSAGE = 10;

/** Add the reply's image blocks to the first message: files plus one image embed each, while embeds fit. */
function attachImages(reply: Reply, messages: DiscordMessage[]): void {
  const first = messages[0];
  if (!first) return;
  const colour = TONE_COLOUR[reply.tone];
  const files: DiscordFile[] = [];
  for (const block of reply.blocks) {
    if (block.type !== 'image' || first.embeds.length >= EMBEDS_PER_MESSAGE) continue;
    files.push({ name: block.name, data: block.png, description: truncateText(block.alt, 1024) });
    first.embeds.push({ color: colour, image: { url: `attachment://${block.name}` } });
  }
  if (files.length > 0) first.files = files;
}

/** A message's JSON body (without its files) plus the attachments' metadata Discord pairs with the files. */
export function messageBody(message: DiscordMessage): Omit<DiscordMessage, 'files'> & { attachments?: { id: number; filename: string; description: string }[] } {
  const { files, ...body } = message;
  if (!files || files.length === 0) return body;
  return { ...body, attachments: files.map((f, id) => ({ id, filename: f.name, description: f.description })) };
}

/** Rendering options. */
export interface RenderOptions {
  /**
   * Fit everything into one message (a round post or an edit replaces one message): what does not
   * fit is dropped and the last embed says the text was shortened.
   */
  singleMessage?: boolean;
  /** The adapter's own words (button labels, placeholders) in the reader's language (default English). */
  words?: DiscordWords;
}

/** What goes into the embeds, in order: description paragraphs or a run of fields. */
type Part = { kind: 'text'; text: string } | { kind: 'fields'; fields: APIEmbedField[] };

const PARAGRAPH_GAP = '\n\n';
const CODE_FENCE_OVERHEAD = '```\n'.length + '\n```'.length;
const SHORTENED_NOTE = `${ELLIPSIS} (shortened to fit one Discord message)`;

/** The characters of an embed that count toward Discord's 6,000 limit. */
export function embedSize(embed: APIEmbed): number {
  let size = (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
  size += embed.author?.name.length ?? 0;
  for (const field of embed.fields ?? []) size += field.name.length + field.value.length;
  return size;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * A block's description paragraphs (escaped, each within the description limit) or its fields.
 * `conceal` (a round's reveal): section texts and preformatted lines go behind spoilers.
 */
function blockParts(block: ReplyBlock, conceal = false): Part[] {
  const limit = EMBED_LIMITS.description;
  const paragraphs = (text: string): Part[] => splitText(text, limit).map((t) => ({ kind: 'text', text: t }));
  switch (block.type) {
    case 'text':
      return paragraphs(escapeText(block.text));
    case 'section': {
      const heading = `**${escapeText(oneLine(block.heading)) || ELLIPSIS}**`;
      const pieces = splitText(escapeText(block.text), limit - heading.length - 1 - (conceal ? SPOILER_OVERHEAD : 0)).map((t) => (conceal ? spoiler(t) : t));
      if (pieces.length === 0) return [{ kind: 'text', text: heading }];
      return pieces.map((t, i) => ({ kind: 'text', text: i === 0 ? `${heading}\n${t}` : t }));
    }
    case 'choices':
      return groupLines(
        block.choices.map((c) => `**${escapeText(c.letter)}**  ${escapeText(oneLine(c.text))}`),
        limit,
      ).map((lines) => ({ kind: 'text', text: lines.join('\n') }));
    case 'list':
      return groupLines(
        block.items.map((item) => `• ${escapeText(oneLine(item))}`),
        limit,
      ).map((lines) => ({ kind: 'text', text: lines.join('\n') }));
    case 'pre':
      if (block.lines.length === 0) return [];
      if (conceal) {
        const lines = block.lines.map((l) => inlineCodeLine(truncateText(l, limit - SPOILER_OVERHEAD - 2)));
        return groupLines(lines, limit, SPOILER_OVERHEAD).map((group) => ({ kind: 'text', text: spoiler(group.join('\n')) }));
      }
      return groupLines(block.lines.map(codeBlockLine), limit, CODE_FENCE_OVERHEAD).map((lines) => ({
        kind: 'text',
        text: `\`\`\`\n${lines.join('\n')}\n\`\`\``,
      }));
    case 'fields':
      if (block.fields.length === 0) return [];
      return [
        {
          kind: 'fields',
          fields: block.fields.map((f) => ({
            name: truncateText(escapeText(oneLine(f.label)) || ELLIPSIS, EMBED_LIMITS.fieldName),
            value: truncateText(escapeText(f.value.trim()) || '—', EMBED_LIMITS.fieldValue),
            inline: true,
          })),
        },
      ];
    case 'image':
      // Sent as a file attachment the embed shows (`attachment://<name>`, see discordFiles).
      return [];
  }
}

/** "👥 3 answered" or "🔒 Round closed · 3 answered". */
function roundLine(round: NonNullable<Reply['round']>): string {
  const count = `${round.answered} answered`;
  return round.state === 'closed' ? `🔒 Round closed · ${count}` : `👥 ${count}`;
}

/** Footers show no markdown: an `inline code` span there is shown in quotes instead of backticks. */
function plainFooter(text: string): string {
  return oneLine(text).replace(/`([^`]+)`/g, '“$1”');
}

/** The footer text of the last embed, or undefined. */
function footerText(reply: Reply): string | undefined {
  const parts = [reply.round ? roundLine(reply.round) : undefined, reply.footer ? plainFooter(reply.footer) : undefined];
  const text = parts.filter((p): p is string => !!p).join(' · ');
  // A quarter of the per-message budget at most, so the footer never crowds out the content.
  return text ? truncateText(text, 1024) : undefined;
}

/** Lay the parts out as embeds, each within every per-embed limit. */
function buildEmbeds(reply: Reply, parts: Part[], footer: string | undefined): APIEmbed[] {
  const colour = TONE_COLOUR[reply.tone];
  const reserve = footer?.length ?? 0; // room kept in every embed, since any may turn out to be the last
  const embeds: APIEmbed[] = [];
  const title = reply.title?.trim() ? truncateText(oneLine(reply.title), EMBED_LIMITS.title) : undefined;
  let current: APIEmbed = { color: colour, ...(title ? { title } : {}) };
  const fresh = () => {
    embeds.push(current);
    current = { color: colour };
  };
  const fits = (extra: number) => embedSize(current) + extra + reserve <= EMBED_LIMITS.total;

  for (const part of parts) {
    if (part.kind === 'text') {
      const desc = current.description;
      const grown = desc ? desc.length + PARAGRAPH_GAP.length + part.text.length : part.text.length;
      const canAppend = !current.fields?.length && grown <= EMBED_LIMITS.description && fits(grown - (desc?.length ?? 0));
      if (!canAppend && (desc || current.fields?.length)) fresh();
      current.description = current.description ? current.description + PARAGRAPH_GAP + part.text : part.text;
    } else {
      for (const field of part.fields) {
        const count = current.fields?.length ?? 0;
        if (count >= EMBED_LIMITS.fields || !fits(field.name.length + field.value.length)) fresh();
        if (current.fields) current.fields.push(field);
        else current.fields = [field];
      }
    }
  }
  embeds.push(current);
  if (footer) current.footer = { text: footer };
  for (const embed of embeds) {
    if (!embed.title && !embed.description && !embed.fields?.length && !embed.footer) embed.description = ELLIPSIS;
  }
  return embeds;
}

/** Pack embeds into messages of at most 10 embeds and 6,000 characters. */
function packMessages(embeds: APIEmbed[]): APIEmbed[][] {
  const messages: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  let size = 0;
  for (const embed of embeds) {
    const s = embedSize(embed);
    if (current.length > 0 && (current.length >= EMBED_LIMITS.embedsPerMessage || size + s > EMBED_LIMITS.total)) {
      messages.push(current);
      current = [];
      size = 0;
    }
    current.push(embed);
    size += s;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}

/** Cut a message's last embed so the note fits, and mark it shortened (single-message mode). */
function markShortened(embeds: APIEmbed[], footer: string | undefined): void {
  const last = embeds[embeds.length - 1];
  if (!last) return;
  const others = embeds.slice(0, -1).reduce((n, e) => n + embedSize(e), 0);
  const room = EMBED_LIMITS.total - others - embedSize({ ...last, description: '' }) - (footer && !last.footer ? footer.length : 0);
  const note = `\n${SHORTENED_NOTE}`;
  const max = Math.min(EMBED_LIMITS.description, room);
  const base = last.description ?? '';
  last.description = base.length + note.length <= max ? base + note : truncateText(base, Math.max(2, max - note.length)) + note;
  if (footer) last.footer = { text: footer };
}

/**
 * Render a Reply as one or more Discord messages. Pure; never throws for any Reply shape.
 * Components (buttons, the rubric select menu) go on the last message; a closed round
 * (`reply.round.state === 'closed'`) shows its answer and close buttons disabled.
 */
export function renderReply(reply: Reply, options: RenderOptions = {}): DiscordMessage[] {
  const words = options.words ?? EN;
  // A round's reveal hides the answer behind spoilers, with a "Show answer" button (spoilers.ts).
  const conceal = reply.round?.state === 'closed' && reply.blocks.some((b) => b.type === 'section' || b.type === 'pre');
  const parts = reply.blocks.flatMap((b) => blockParts(b, conceal));
  const footer = footerText(reply);
  const embeds = buildEmbeds(reply, parts, footer);
  let messages = packMessages(embeds);
  const [first] = messages;
  if (options.singleMessage && first && messages.length > 1) {
    for (const e of first) delete e.footer;
    markShortened(first, footer);
    messages = [first];
  }
  const components = renderComponents(
    reply.buttons,
    reply.checklist,
    { roundClosed: reply.round?.state === 'closed', words, ...(conceal ? { showAnswer: true } : {}) },
    reply.menu,
  );
  const out: DiscordMessage[] = messages.map((embedsOfMessage, i) => ({
    embeds: embedsOfMessage,
    components: i === messages.length - 1 ? components : [],
    allowed_mentions: { parse: [] },
  }));
  attachImages(reply, out);
  return out;
}

/** Message flags for a reply: ephemeral (64) when only the asker should see it. */
export function replyFlags(reply: Pick<Reply, 'visibility'>): MessageFlags.Ephemeral | undefined {
  return reply.visibility === 'user' ? MessageFlags.Ephemeral : undefined;
}

/** A one-embed message with plain text (adapter notices such as "I don't recognise that button"). */
export function noticeMessage(text: string, tone: Tone = 'warning'): DiscordMessage {
  const [message] = renderReply({ visibility: 'user', tone, blocks: [{ type: 'text', text }] });
  return message ?? { embeds: [{ description: text }], components: [], allowed_mentions: { parse: [] } };
}
