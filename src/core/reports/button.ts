/** The "Report a problem" button that answer feedback, reveals and term cards carry. */
import type { ReplyButton } from '../reply.js';
import type { ReportItemKind } from './reasons.js';
import { REPORT_BUTTON } from '../text/reports.js';

/** The "Report a problem" button for an item: its action asks for a reason. */
export function reportButton(target: ReportItemKind, id: string): ReplyButton {
  return { action: { kind: 'report', target, id }, label: REPORT_BUTTON };
}
