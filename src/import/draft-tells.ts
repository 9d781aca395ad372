/**
 * The answer-tell warnings of an imported deck (tell-checks.ts: found when writeDeck loads the written
 * deck) pointed back at the input where it has lines: a writer fixes the chapter, not the generated
 * questions.yaml, so a tell about one question whose input line is known names the input file and
 * that line, as the importer's other warnings do.
 */
import { FILE_ITEM, type ContentProblem } from '../core/deck/content-problem.js';
import { choiceTells } from '../core/deck/tell-checks.js';
import type { DeckDraft } from './draft.js';
import type { ImportIssue } from './issues.js';

/**
 * Split writeDeck's `tells` for `draft`: `issues`, the per-question tells of every question with a
 * known input line (draft.sources), as ImportIssues naming that file and line (item "question <id>",
 * field `choices[i].text` of the right choice, the same words as the tell); `rest`, every other tell
 * as it was (the deck-wide "right choice is longest" tell, questions without a known line, formats
 * without lines), still naming the deck file.
 */
export function sourcedTells(draft: DeckDraft, tells: readonly ContentProblem[]): { issues: ImportIssue[]; rest: ContentProblem[] } {
  const sources = draft.sources;
  if (sources === undefined) return { issues: [], rest: [...tells] };
  const issues: ImportIssue[] = [];
  const placed = new Set<string>();
  const told = new Set(tells.filter((t) => t.itemId !== FILE_ITEM).map((t) => t.itemId));
  for (const question of draft.questions) {
    const line = sources.lines.get(question.id);
    if (line === undefined || !told.has(question.id)) continue;
    const choices = question.choices;
    const right = choices.findIndex((c) => c.correct);
    if (right < 0 || choices.filter((c) => c.correct).length !== 1) continue;
    placed.add(question.id);
    for (const message of choiceTells(
      choices.map((c) => c.text),
      right,
    )) {
      issues.push({ file: sources.file, item: `question ${question.id}`, field: `choices[${right}].text`, line, message });
    }
  }
  return { issues, rest: tells.filter((t) => t.itemId === FILE_ITEM || !placed.has(t.itemId)) };
}
