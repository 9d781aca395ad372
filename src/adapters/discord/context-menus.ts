/**
 * What a context menu command asks for, read off its target (`data.target_id` with
 * `data.resolved.users` or `data.resolved.messages`):
 *
 * - "Study stats" on a user (type 2): `stats` of that user, as `/kms stats user:` does.
 * - "Report to admins" on a message (type 3): the report of the item the message carries (the
 *   "Report a problem" button or reason menu of a term card, a revealed round or a scenario), which
 *   asks for a reason; a message without one gets a notice saying what to report instead.
 * - "Explain terms" on a message (type 3): the text the terms are looked up in (the message content
 *   and its embeds' title, description and fields); a message without text gets a notice.
 *
 * The target message is read with zod (readTargetMessage): a field missing or of the wrong type
 * reads as empty, and no message at all (an empty `resolved`) as none, so such a target gets the
 * menu's notice instead of an internal error.
 */
import { ComponentType, type APIEmbed } from 'discord.js';
import { z } from 'zod';
import { decodeAction, type Action } from '../../core/action.js';
import type { Command } from '../../core/command.js';
import type { ContextMenu } from './commands.js';
import type { DiscordWords } from './text.js';

/** The target message as far as the menus read it (discord.js Message and API message alike). */
export interface TargetMessage {
  content: string;
  embeds: readonly Pick<APIEmbed, 'title' | 'description' | 'fields'>[];
  /** Action rows with their components (buttons carry `custom_id`, string selects too). */
  components: readonly { components: readonly { type: number; custom_id?: string | undefined }[] }[];
}

/** Each element of `items` that `schema` accepts, the others dropped (a list of the wrong type: none). */
function wellFormed<T extends z.ZodType>(schema: T) {
  return z
    .array(z.unknown())
    .catch([])
    .transform((items) => items.flatMap((item): z.output<T>[] => {
      const parsed = schema.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    }));
}

const optionalText = z.string().optional().catch(undefined);

const targetMessageSchema = z.object({
  content: z.string().catch(''),
  embeds: wellFormed(
    z.object({
      title: optionalText,
      description: optionalText,
      fields: wellFormed(z.object({ name: z.string(), value: z.string() })),
    }),
  ),
  components: wellFormed(z.object({ components: wellFormed(z.object({ type: z.number(), custom_id: optionalText })) })),
});

/**
 * The target message of a message command as the menus read it, from the message Discord resolved
 * (discord.js gives its `content`, and its embeds and action rows as API JSON): undefined when there
 * is none (`data.resolved` without the target); a field missing or of the wrong type reads as empty
 * (content ""), a malformed embed, field, row or component is dropped. Never throws.
 */
export function readTargetMessage(raw: unknown): TargetMessage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  return targetMessageSchema.safeParse(raw).data;
}

/** What to do for one context menu interaction. */
export type MenuRequest =
  | { kind: 'command'; command: Command }
  | { kind: 'action'; action: Action }
  | { kind: 'explain'; text: string }
  | { kind: 'notice'; text: string };

/** Most characters of a message's text handed on to the term lookup. */
const MAX_EXPLAIN_TEXT = 8000;

/** The report the message's "Report a problem" button or reason menu stands for (no reason yet), or undefined. */
function reportOf(message: TargetMessage): Action | undefined {
  for (const row of message.components) {
    for (const component of row.components) {
      if (component.type !== ComponentType.Button && component.type !== ComponentType.StringSelect) continue;
      const action = decodeAction(component.custom_id);
      if (action?.kind === 'report') return { kind: 'report', target: action.target, id: action.id };
    }
  }
  return undefined;
}

/** The text of a message to look terms up in: its content, then its embeds' titles, descriptions and fields. */
function messageText(message: TargetMessage): string {
  const pieces = [message.content];
  for (const e of message.embeds) pieces.push(e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value]));
  return pieces
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .join('\n')
    .slice(0, MAX_EXPLAIN_TEXT);
}

/**
 * The request for `menu` on its target: a user id for "Study stats", a message for the others
 * (undefined when Discord sent none: a notice).
 */
export function menuRequest(menu: ContextMenu, target: { userId?: string; message?: TargetMessage }, words: DiscordWords): MenuRequest {
  if (menu === 'studyStats') {
    return target.userId ? { kind: 'command', command: { kind: 'stats', user: target.userId } } : { kind: 'command', command: { kind: 'stats' } };
  }
  const message = target.message;
  if (menu === 'reportToAdmins') {
    const action = message ? reportOf(message) : undefined;
    return action ? { kind: 'action', action } : { kind: 'notice', text: words.reportNothing };
  }
  const text = message ? messageText(message) : '';
  return text ? { kind: 'explain', text } : { kind: 'notice', text: words.explainNoText };
}
