/**
 * Tutor: the TutorApi adapters call. Parses text, records who asked (their display name), and
 * dispatches each command or button action to its handler (src/core/handlers/*) or to the
 * RoundService (quiz, quiz here, answer, close). Every path is wrapped: an unexpected error is
 * logged and becomes an apologetic error Reply, so adapters never see a rejection for a bad event.
 */
import type { Action } from './action.js';
import type { Command } from './command.js';
import type { Context } from './context.js';
import type { CoreDeps } from './deps.js';
import { handleExplain } from './handlers/explain.js';
import { forgetMe, forgetMePrompt } from './handlers/forget-me.js';
import { handleHelp, handleInvalid } from './handlers/help.js';
import { handleLeaderboard } from './handlers/leaderboard.js';
import { apologyReply } from './handlers/replies.js';
import { handleChecklist, handleHint, handleReference, handleScenario, handleSelfScore } from './handlers/scenario.js';
import { handleShare } from './handlers/share.js';
import { handleStats } from './handlers/stats.js';
import { handleSchedule, handleSubscribe, handleUnsubscribe } from './handlers/subscription.js';
import { handleTerms } from './handlers/terms.js';
import { parseCommand } from './parse-command.js';
import type { Logger } from './ports/logger.js';
import type { Reply } from './reply.js';
import { RoundService } from './rounds.js';
import type { TutorApi } from './tutor-api.js';

/** Longest autocomplete label/value (Discord's limit), in characters. */
const SUGGESTION_MAX = 100;

function clip(s: string): string {
  return s.length <= SUGGESTION_MAX ? s : `${s.slice(0, SUGGESTION_MAX - 1)}…`;
}

/** See the module comment. One instance per process. */
export class Tutor implements TutorApi {
  /** The rounds service (exposed so main can dispose its timers and tests can await refreshes). */
  readonly rounds: RoundService;
  private readonly log: Logger;

  constructor(private readonly deps: CoreDeps) {
    this.rounds = new RoundService(deps);
    this.log = deps.logger.child({ component: 'tutor' });
  }

  /** See TutorApi.handleText. */
  handleText(text: string, ctx: Context): Promise<Reply> {
    return this.guard(ctx, { text: typeof text === 'string' ? text.slice(0, 80) : typeof text }, () => this.dispatch(parseCommand(text), ctx));
  }

  /** See TutorApi.handle. */
  handle(command: Command, ctx: Context): Promise<Reply> {
    return this.guard(ctx, { command: command?.kind }, () => this.dispatch(command, ctx));
  }

  /** See TutorApi.act. */
  act(action: Action, ctx: Context): Promise<Reply> {
    return this.guard(ctx, { action: action?.kind }, () => this.dispatchAction(action, ctx));
  }

  /** See TutorApi.suggestTerms: label "name" or "alias → name", value the term's name. */
  suggestTerms(query: string, limit: number): { label: string; value: string }[] {
    try {
      const q = typeof query === 'string' ? query.slice(0, 200) : '';
      return this.deps.library.suggestTerms(q, Math.max(0, Math.min(limit, 25))).map((m) => ({
        label: clip(m.matched === m.term.name ? m.term.name : `${m.matched} → ${m.term.name}`),
        value: clip(m.term.name),
      }));
    } catch (err) {
      this.log.error({ err }, 'term suggestions failed');
      return [];
    }
  }

  /** See TutorApi.suggestScenarios: label the title, value the scenario id. */
  suggestScenarios(query: string, limit: number): { label: string; value: string }[] {
    try {
      const q = typeof query === 'string' ? query.slice(0, 200) : '';
      return this.deps.library
        .suggestScenarios(q, Math.max(0, Math.min(limit, 25)))
        .map((s) => ({ label: clip(s.scenario.title), value: s.scenario.id }));
    } catch (err) {
      this.log.error({ err }, 'scenario suggestions failed');
      return [];
    }
  }

  /** Run `work` and turn any throw into a logged apology. */
  private async guard(ctx: Context, what: Record<string, unknown>, work: () => Promise<Reply> | Reply): Promise<Reply> {
    try {
      return await work();
    } catch (err) {
      this.log.error({ err, ...what, platform: ctx?.platform, teamId: ctx?.teamId, channelId: ctx?.channelId, userId: ctx?.userId }, 'handler failed');
      return apologyReply();
    }
  }

  /**
   * Record the user's display name. Answers skip it: recordAnswer stores the name inside the
   * answer's own transaction, so a click is one write transaction.
   */
  private async rememberUser(ctx: Context): Promise<void> {
    try {
      await this.deps.store.upsertUser({ platform: ctx.platform, teamId: ctx.teamId }, ctx.userId, ctx.userName, ctx.now.getTime());
    } catch (err) {
      // A failed name update must not cost the user their answer; log it and carry on.
      this.log.warn({ err, userId: ctx.userId }, 'could not record the user name');
    }
  }

  private async dispatch(command: Command, ctx: Context): Promise<Reply> {
    const { store, library } = this.deps;
    if (command?.kind !== 'answer') await this.rememberUser(ctx);
    switch (command.kind) {
      case 'help':
        return handleHelp(command.topic);
      case 'invalid':
        return handleInvalid(command.problem, command.input);
      case 'explain':
        return handleExplain(library, command.query);
      case 'terms':
        return handleTerms(library, command.tag);
      case 'quiz':
        return command.here ? this.rounds.openChannelRound(ctx, command.tag) : this.rounds.practice(ctx, command.tag);
      case 'answer':
        return this.rounds.answer(command.roundId, command.letter, ctx);
      case 'close':
        return this.rounds.close(ctx, command.roundId);
      case 'scenario':
        return handleScenario(library, command.query);
      case 'hint':
        return handleHint(library, command.scenarioId, command.count ?? 1);
      case 'reference':
        return handleReference(library, command.scenarioId);
      case 'check':
        return command.checked === undefined
          ? handleChecklist(library, command.scenarioId)
          : handleSelfScore(library, store, ctx, command.scenarioId, command.checked);
      case 'leaderboard':
        return handleLeaderboard(store, ctx, command.period, command.here);
      case 'stats':
        return handleStats(store, library, ctx, command.user);
      case 'subscribe':
        return handleSubscribe(this.deps, ctx, command);
      case 'unsubscribe':
        return handleUnsubscribe(this.deps, ctx);
      case 'schedule':
        return handleSchedule(this.deps, ctx);
      case 'forget-me':
        return command.confirm ? forgetMe(store, ctx, true) : forgetMePrompt(store, ctx);
      default:
        return handleInvalid(`unknown command ${JSON.stringify((command as { kind?: unknown })?.kind ?? null)}`, '');
    }
  }

  private async dispatchAction(action: Action, ctx: Context): Promise<Reply> {
    const { store, library } = this.deps;
    if (action?.kind !== 'answer') await this.rememberUser(ctx);
    switch (action.kind) {
      case 'answer':
        return this.rounds.answer(action.roundId, action.letter, ctx);
      case 'close':
        return this.rounds.close(ctx, action.roundId);
      case 'share':
        return handleShare(library, ctx, action.target, action.id);
      case 'hint':
        return handleHint(library, action.scenarioId, action.count);
      case 'reference':
        return handleReference(library, action.scenarioId);
      case 'check':
        return handleChecklist(library, action.scenarioId);
      case 'selfscore':
        return handleSelfScore(library, store, ctx, action.scenarioId, action.checked);
      case 'practice':
        return this.rounds.practice(ctx, action.tag);
      case 'forget':
        return forgetMe(store, ctx, action.confirm);
      default:
        return handleInvalid("that button isn't one I recognise", '');
    }
  }
}
