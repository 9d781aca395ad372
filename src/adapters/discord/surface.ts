/**
 * What differs in Discord for core's words (Surface) and for the renderer (AdapterLimits).
 * Limits are Discord's documented ones, as embeds.ts, components.ts and interactions.ts apply them.
 */
import type { Surface } from '../../core/context.js';
import type { AdapterLimits } from '../../core/ports/adapter.js';
import { COMPONENT_LIMITS } from './components.js';
import { EMBED_LIMITS } from './embeds.js';
import { CHANNEL_HINT } from './text.js';

/** Discord autocomplete: at most 25 choices, names and values 1-100 characters. */
export const AUTOCOMPLETE_LIMITS = { choices: 25, name: 100, value: 100 } as const;

/** Discord's words: `/kms` commands, Manage Server, channel permissions. */
export const DISCORD_SURFACE: Surface = {
  commandPrefix: '/kms ',
  adminRule: 'members with Manage Server',
  inviteHint: 'Let the bot view this channel and send messages in it',
  channelHint: CHANNEL_HINT,
};

/** Embed, component and autocomplete sizes the Discord renderer and autocomplete keep to. */
export const DISCORD_LIMITS: AdapterLimits = {
  suggestionLength: AUTOCOMPLETE_LIMITS.name,
  suggestions: AUTOCOMPLETE_LIMITS.choices,
  buttonLabel: COMPONENT_LIMITS.buttonLabel,
  buttonsPerMessage: COMPONENT_LIMITS.rowsPerMessage * COMPONENT_LIMITS.buttonsPerRow,
  messageText: EMBED_LIMITS.total,
  detail: {
    'embed.title': EMBED_LIMITS.title,
    'embed.description': EMBED_LIMITS.description,
    'embed.fields': EMBED_LIMITS.fields,
    'field.name': EMBED_LIMITS.fieldName,
    'field.value': EMBED_LIMITS.fieldValue,
    'embed.footer': EMBED_LIMITS.footer,
    'embeds.total': EMBED_LIMITS.total,
    embeds: EMBED_LIMITS.embedsPerMessage,
    'components.rows': COMPONENT_LIMITS.rowsPerMessage,
    'row.buttons': COMPONENT_LIMITS.buttonsPerRow,
    'button.label': COMPONENT_LIMITS.buttonLabel,
    custom_id: COMPONENT_LIMITS.customId,
    'select.options': COMPONENT_LIMITS.selectOptions,
    'option.label': COMPONENT_LIMITS.selectOptionLabel,
  },
};
