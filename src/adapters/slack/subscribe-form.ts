/**
 * The subscribe modal's submitted values (view_submission `view.state.values`) checked field by
 * field: channel, time, time zone, days and deck, each refusal in words under its own field
 * (response_action "errors", keyed by block_id), else core's `subscribe` command for that channel.
 */
import type { Command } from '../../core/command.js';
import { VIEWS_TEXT } from './text.js';
import { readInput } from './view-state.js';
import { VIEW_IDS } from './views.js';

/** Core's `subscribe` command. */
type SubscribeCommand = Extract<Command, { kind: 'subscribe' }>;

/** Whether `zone` is an IANA zone (or UTC) this runtime knows; core checks it again. */
function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The checked form: the command and its channel, or the errors by block_id. */
export type SubscribeForm = { channelId: string; command: SubscribeCommand } | { errors: Record<string, string> };

/**
 * Check the submitted subscribe modal (`values`: its `view.state.values`, as Slack sent it) against
 * `deckIds` (the loaded decks). A field missing or of the wrong type gets its "pick one" error. Never throws.
 */
export function readSubscribeForm(values: unknown, deckIds: readonly string[]): SubscribeForm {
  const ids = VIEW_IDS;
  const text = VIEWS_TEXT.subscribe;
  const get = (ref: { block: string; action: string }) => readInput(values, ref);
  const errors: Record<string, string> = {};

  const channelId = get(ids.channel).selected_conversation ?? '';
  // Channels are C… (public) or G… (private); a direct message (D…) has no one to post for.
  if (!/^[CG][A-Z0-9]{2,}$/.test(channelId)) errors[ids.channel.block] = text.needsChannel;
  const time = get(ids.time).selected_time ?? '';
  if (!/^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(time)) errors[ids.time.block] = text.badTime;
  const zone = get(ids.zone).selected_option?.value ?? '';
  if (zone === '' || !isZone(zone)) errors[ids.zone.block] = text.badZone(zone.slice(0, 64));
  const cadence = get(ids.cadence).selected_option?.value;
  const deckId = get(ids.deck).selected_option?.value ?? '';
  if (!deckIds.includes(deckId)) errors[ids.deck.block] = text.badDeck;
  if (Object.keys(errors).length > 0) return { errors };
  return {
    channelId,
    command: { kind: 'subscribe', time, timeZone: zone, cadence: cadence === 'daily' ? 'daily' : 'weekdays', deckId },
  };
}
