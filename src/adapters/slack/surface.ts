/**
 * What differs in Slack for core's words (Surface) and for the renderer (AdapterLimits).
 * Limits are Block Kit's (https://docs.slack.dev/reference/block-kit), as block-kit.ts applies them.
 */
import type { Surface } from '../../core/context.js';
import type { AdapterLimits } from '../../core/ports/adapter.js';
import { LIMITS } from './block-kit.js';

/** Slack's words: `/kms` commands, workspace admins, `/invite`. */
export const SLACK_SURFACE: Surface = {
  commandPrefix: '/kms ',
  adminRule: 'workspace admins and owners',
  inviteHint: 'Invite the bot to this channel (`/invite @kms-tutor`)',
};

/** Block Kit sizes the Slack renderer keeps to (Slack has no autocomplete here). */
export const SLACK_LIMITS: AdapterLimits = {
  buttonLabel: LIMITS.buttonText,
  buttonsPerMessage: LIMITS.elementsPerActions,
  messageText: LIMITS.blocksPerMessage * LIMITS.sectionText,
  detail: {
    blocks: LIMITS.blocksPerMessage,
    'section.text': LIMITS.sectionText,
    'header.text': LIMITS.headerText,
    'button.text': LIMITS.buttonText,
    'section.field': LIMITS.fieldText,
    'section.fields': LIMITS.fieldsPerSection,
    'actions.elements': LIMITS.elementsPerActions,
    'checkboxes.options': LIMITS.checkboxOptions,
    'option.text': LIMITS.optionText,
    'context.text': LIMITS.contextText,
    text: LIMITS.fallbackText,
  },
};
