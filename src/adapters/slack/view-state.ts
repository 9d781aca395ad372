/**
 * One input of a submitted modal (view_submission `view.state.values`: block_id -> action_id -> the
 * element's state), read with zod. Only the fields of the element types our modals use are read
 * (plain_text_input `value`, conversations_select `selected_conversation`, timepicker
 * `selected_time`, radio buttons and selects `selected_option`, checkboxes `selected_options`); a
 * field of the wrong type, a missing block or a state that is not an object reads as absent, so a
 * malformed submission gets the field's own "empty" error and never an exception.
 */
import { z } from 'zod';

/** An option as Slack sends it back (its text is not read). */
const optionSchema = z.object({ value: z.string() });

/** A field that is absent when missing, null or of the wrong type. */
const text = z.string().optional().catch(undefined);

const inputSchema = z.object({
  value: text,
  selected_conversation: text,
  selected_time: text,
  selected_option: optionSchema.optional().catch(undefined),
  /** Ticked checkboxes: the well-formed options only. */
  selected_options: z
    .array(z.unknown())
    .catch([])
    .transform((options) => options.flatMap((o) => optionSchema.safeParse(o).data ?? [])),
});

/** The fields read off one input; each absent when Slack sent none or one of the wrong type. */
export type InputState = z.infer<typeof inputSchema>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The state of input `ref` (its block_id and action_id) in `values` (`view.state.values`). Never throws. */
export function readInput(values: unknown, ref: { block: string; action: string }): InputState {
  const block = isRecord(values) && Object.hasOwn(values, ref.block) ? values[ref.block] : undefined;
  const element = isRecord(block) && Object.hasOwn(block, ref.action) ? block[ref.action] : undefined;
  const parsed = inputSchema.safeParse(isRecord(element) ? element : {});
  return parsed.data ?? { selected_options: [] };
}

/** The block ids of `values` (`view.state.values`) that start with `prefix`. */
export function blockIds(values: unknown, prefix: string): string[] {
  return isRecord(values) ? Object.keys(values).filter((id) => id.startsWith(prefix)) : [];
}
