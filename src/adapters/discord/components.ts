/**
 * Reply buttons and checklists -> Discord message components (a pure function: no I/O).
 *
 * Buttons carry `encodeAction(action)` as their custom id (at most 100 characters) and a label of at
 * most 80 characters; they fill action rows of five. A rubric checklist becomes a string select menu
 * (min 0, max N values) whose custom id is the encoded self-score with nothing ticked and whose
 * option values are the rubric indexes; the click handler builds the self-score from the values.
 * A menu (the report reason picker) becomes a string select (one value) whose custom id is the
 * encoded menu action and whose option values are the encoded option actions.
 */
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type APIStringSelectComponent,
} from 'discord.js';
import { encodeAction, type Action } from '../../core/action.js';
import type { ReplyButton, ReplyChecklist, ReplyMenu } from '../../core/reply.js';
import { truncateText } from './markdown.js';
import { SHOW_ANSWER_ID } from './spoilers.js';
import { EN, type DiscordWords } from './text.js';

/** Discord's component limits (https://discord.com/developers/docs/components/reference). */
export const COMPONENT_LIMITS = {
  rowsPerMessage: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  selectOptions: 25,
  selectOptionLabel: 100,
  selectPlaceholder: 150,
} as const;

/** One action row of a message. */
export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** Options for {@link renderComponents}. */
export interface ComponentOptions {
  /** The round is closed: its answer and close buttons are shown disabled. */
  roundClosed?: boolean;
  /** Put a "Show answer" button first (a reveal whose answer is behind spoilers, see spoilers.ts). */
  showAnswer?: boolean;
  /** The labels and placeholders in the reader's language (default English). */
  words?: DiscordWords;
}

/** Round buttons that make no sense once the round is closed. */
function isRoundButton(action: Action): boolean {
  return action.kind === 'answer' || action.kind === 'close';
}

const STYLE: Record<NonNullable<ReplyButton['style']> | 'default', ButtonStyle.Primary | ButtonStyle.Danger | ButtonStyle.Secondary> = {
  primary: ButtonStyle.Primary,
  danger: ButtonStyle.Danger,
  default: ButtonStyle.Secondary,
};

/** A button for a ReplyButton: custom id = the encoded action, label cut to 80 characters. */
function renderButton(button: ReplyButton, disabled = false): APIButtonComponentWithCustomId {
  const label = button.label.replace(/\s+/g, ' ').trim() || '…';
  const out: APIButtonComponentWithCustomId = {
    type: ComponentType.Button,
    style: STYLE[button.style ?? 'default'],
    label: truncateText(label, COMPONENT_LIMITS.buttonLabel),
    custom_id: encodeAction(button.action),
  };
  if (disabled) out.disabled = true;
  return out;
}

/**
 * The rubric as a string select menu, or undefined when no point can be offered. Only rubric
 * indexes 0-9 fit the self-score encoding (rubrics have 4-8 points); option labels are
 * "1. point" cut to 100 characters.
 */
function renderChecklist(checklist: ReplyChecklist, words: DiscordWords): APIStringSelectComponent | undefined {
  const options = checklist.options
    .filter((o) => Number.isInteger(o.index) && o.index >= 0 && o.index <= 9)
    .slice(0, COMPONENT_LIMITS.selectOptions);
  if (options.length === 0) return undefined;
  return {
    type: ComponentType.StringSelect,
    custom_id: encodeAction({ kind: 'selfscore', scenarioId: checklist.scenarioId, checked: [] }),
    placeholder: words.checklistPlaceholder,
    min_values: 0,
    max_values: options.length,
    options: options.map((o) => ({
      label: truncateText(`${o.index + 1}. ${o.label.replace(/\s+/g, ' ').trim()}`, COMPONENT_LIMITS.selectOptionLabel),
      value: String(o.index),
    })),
  };
}

/** A menu as a single-choice string select; undefined when it has no options. */
function renderMenu(menu: ReplyMenu): APIStringSelectComponent | undefined {
  const options = menu.options.slice(0, COMPONENT_LIMITS.selectOptions);
  if (options.length === 0) return undefined;
  return {
    type: ComponentType.StringSelect,
    custom_id: encodeAction(menu.action),
    placeholder: truncateText(menu.placeholder, COMPONENT_LIMITS.selectPlaceholder),
    min_values: 1,
    max_values: 1,
    options: options.map((o) => ({ label: truncateText(o.label.replace(/\s+/g, ' ').trim(), COMPONENT_LIMITS.selectOptionLabel), value: encodeAction(o.action) })),
  };
}

/**
 * Action rows for a reply's buttons, checklist and menu: the select menus first (a row each), then buttons
 * five to a row, at most five rows in all. Duplicate custom ids are dropped (Discord rejects them);
 * buttons beyond the last row are dropped.
 */
export function renderComponents(
  buttons: ReplyButton[] = [],
  checklist?: ReplyChecklist,
  options: ComponentOptions = {},
  menu?: ReplyMenu,
): ActionRow[] {
  const rows: ActionRow[] = [];
  const words = options.words ?? EN;
  const select = checklist ? renderChecklist(checklist, words) : undefined;
  if (select) rows.push({ type: ComponentType.ActionRow, components: [select] });
  const picker = menu ? renderMenu(menu) : undefined;
  if (picker) rows.push({ type: ComponentType.ActionRow, components: [picker] });

  const seen = new Set<string>();
  const rendered: APIButtonComponentWithCustomId[] = [];
  if (options.showAnswer) {
    rendered.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, label: truncateText(words.showAnswer, COMPONENT_LIMITS.buttonLabel), custom_id: SHOW_ANSWER_ID });
  }
  for (const button of buttons) {
    const el = renderButton(button, options.roundClosed === true && isRoundButton(button.action));
    if (seen.has(el.custom_id)) continue;
    seen.add(el.custom_id);
    rendered.push(el);
  }
  for (let i = 0; i < rendered.length && rows.length < COMPONENT_LIMITS.rowsPerMessage; i += COMPONENT_LIMITS.buttonsPerRow) {
    rows.push({ type: ComponentType.ActionRow, components: rendered.slice(i, i + COMPONENT_LIMITS.buttonsPerRow) });
  }
  return rows;
}
