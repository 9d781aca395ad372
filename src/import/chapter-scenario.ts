/**
 * The Thought Exercise -> a deck scenario: requirements, tasks, hints (at most three, revealed one at a
 * time), the reference design, the trade-off it names, and a self-check rubric built from the task list
 * ("Decide how many keys..." -> "Did you decide how many keys...?").
 */
import type { Scenario } from '../core/deck/schema.js';
import type { Exercise } from './chapter-parse.js';
import type { ImportIssue } from './issues.js';
import { sentences, squash } from './text.js';

/** Most hints a scenario holds (schema). */
const MAX_HINTS = 3;
/** Rubric size limits (schema). */
const MIN_RUBRIC = 4;
const MAX_RUBRIC = 8;
/** Rubric lines added when the task list is shorter than MIN_RUBRIC. */
const EXTRA_RUBRIC = [
  'Does the design meet every requirement listed in the scenario?',
  'Can you name the trade-off the design makes?',
  'Did you compare your design with the reference design and explain each difference?',
  'Could you defend each choice to an auditor in one sentence?',
];
/** First words that are not verbs, so a task cannot become "Did you <task>?". */
const NOT_A_VERB = /^(?:for|if|when|in|on|at|with|using|given|each|all|your|the|a|an|as|after|before)\b/i;

/** "Decide how many keys." -> "Did you decide how many keys?" */
export function rubricLine(task: string): string {
  const t = squash(task).replace(/[.!]+$/, '');
  const lead = /^((?:For|In|With|Using|Given|After|Before|When|If)\b[^,]{0,60}),\s+([a-z]+\b.*)$/.exec(t);
  if (lead) return `${lead[1]}, did you ${lead[2]}?`;
  if (NOT_A_VERB.test(t) || !/^[A-Z][a-z]+\b/.test(t)) return `Did you cover this task: ${t}?`;
  return `Did you ${t.charAt(0).toLowerCase()}${t.slice(1)}?`;
}

/** Build the scenario; `fields` come from the caller. Pushes an issue for each hint or task left out. */
export function exerciseScenario(
  ex: Exercise,
  fields: Pick<Scenario, 'id' | 'title' | 'tags' | 'terms' | 'section'>,
  file: string,
  issues: ImportIssue[],
): Scenario {
  const situation = squash(ex.situation.replace(/\s*Requirements:\s*$/i, '')) || ex.intro || fields.title;
  for (const hint of ex.hints.slice(MAX_HINTS)) {
    issues.push({ file, item: `line ${hint.n}`, field: 'hints', line: hint.n, message: `a scenario shows at most ${MAX_HINTS} hints; this one was left out` });
  }
  const hints = ex.hints.slice(0, MAX_HINTS).map((h) => h.text);
  if (hints.length === 0) {
    issues.push({ file, item: `line ${ex.line}`, field: 'hints', line: ex.line, message: 'the Thought Exercise has no Hint list; added a generic first hint' });
    hints.push('Start from the requirements: each one should shape at least one decision.');
  }
  const rubric = ex.tasks.map(rubricLine);
  if (rubric.length > MAX_RUBRIC) {
    issues.push({ file, item: `line ${ex.line}`, field: 'tasks', line: ex.line, message: `the self-check keeps the first ${MAX_RUBRIC} of ${rubric.length} tasks` });
  }
  for (const extra of EXTRA_RUBRIC) if (rubric.length < MIN_RUBRIC) rubric.push(extra);
  const refSentences = sentences(ex.reference);
  const tradeoff =
    refSentences.find((s) => /\b(?:balances?|trade-?offs?|at the cost|in exchange|costs? more|simpler but)\b/i.test(s)) ??
    refSentences.at(-1) ??
    ex.reference;
  return {
    id: fields.id,
    title: fields.title,
    situation,
    requirements: ex.requirements.length > 0 ? ex.requirements : [situation],
    tasks: ex.tasks,
    hints,
    reference_design: ex.reference,
    rubric: rubric.slice(0, MAX_RUBRIC),
    tradeoff,
    tags: fields.tags,
    terms: fields.terms,
    section: fields.section,
    from_chapter: true,
  };
}
