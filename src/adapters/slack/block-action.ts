/**
 * Turning a block_actions element (a button, the rubric checkboxes or a reason menu) back into a core Action.
 */
import { decodeAction, type Action } from '../../core/action.js';

/** The parts of a Block Kit element action we read. */
export interface ElementAction {
  type: string;
  action_id: string;
  value?: string;
  selected_options?: { value?: string }[];
  selected_option?: { value?: string } | null;
}

/**
 * Decode a clicked element. Buttons: `action_id` (else `value`) through decodeAction. Checkboxes:
 * the element's action_id must be a self-score; the ticked points come from each selected option's
 * value (each an encoded one-point self-score of the same scenario), giving
 * `{ kind: 'selfscore', scenarioId, checked }`. A static select (the report reason picker): the
 * selected option's value, a report with a reason on the menu's item. Returns null for anything
 * malformed or foreign.
 */
export function decodeElementAction(action: ElementAction): Action | null {
  if (action.type === 'checkboxes') {
    const base = decodeAction(action.action_id);
    if (base?.kind !== 'selfscore') return null;
    const checked = new Set<number>();
    for (const option of action.selected_options ?? []) {
      const one = decodeAction(option.value);
      if (one?.kind !== 'selfscore' || one.scenarioId !== base.scenarioId) return null;
      for (const i of one.checked) checked.add(i);
    }
    return { kind: 'selfscore', scenarioId: base.scenarioId, checked: [...checked].sort((a, b) => a - b) };
  }
  if (action.type === 'static_select') {
    // A menu (the report reason picker): the selected option's value is the action; it must be
    // the menu's own kind and item, with a reason.
    const base = decodeAction(action.action_id);
    const picked = decodeAction(action.selected_option?.value);
    if (base?.kind !== 'report' || picked?.kind !== 'report' || picked.reason === undefined) return null;
    return picked.target === base.target && picked.id === base.id ? picked : null;
  }
  if (action.type !== 'button') return null;
  return decodeAction(action.action_id) ?? decodeAction(action.value);
}
