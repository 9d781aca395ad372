/**
 * Turning a block_actions element (a button or the rubric checkboxes) back into a core Action.
 */
import { decodeAction, type Action } from '../../core/action.js';

/** The parts of a Block Kit element action we read. */
export interface ElementAction {
  type: string;
  action_id: string;
  value?: string;
  selected_options?: { value?: string }[];
}

/**
 * Decode a clicked element. Buttons: `action_id` (else `value`) through decodeAction. Checkboxes:
 * the element's action_id must be a self-score; the ticked points come from each selected option's
 * value (each an encoded one-point self-score of the same scenario), giving
 * `{ kind: 'selfscore', scenarioId, checked }`. Returns null for anything malformed or foreign.
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
  if (action.type !== 'button') return null;
  return decodeAction(action.action_id) ?? decodeAction(action.value);
}
