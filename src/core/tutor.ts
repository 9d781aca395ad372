/**
 * Tutor: the TutorApi adapters call. Parses text, records who asked (their display name), and
 * runs each command through the registry's dispatcher (src/core/commands/dispatch.ts) and each
 * button action through its handler (src/core/handlers/*) or the RoundService. Every path is
 * wrapped: an unexpected error is logged and becomes an apologetic error Reply, so adapters never
 * see a rejection for a bad event. Display names and every reply pass through safe-text.ts
 * (control and bidi-override characters escaped).
 */
import type { Action } from './action.js';
import type { Command } from './command.js';
import type { Context, TeamScope } from './context.js';
import type { CoreDeps } from './deps.js';
import type { DeckLibrary } from './deck/library.js';
import { runCommand } from './commands/dispatch.js';
import { CATALOGUE } from './commands/registry.js';
import { forgetMe } from './handlers/forget-me.js';
import { handleInvalid } from './handlers/help.js';
import { reminderPractice } from './exam/reminder-practice.js';
import { handleHome } from './home/home.js';
import { apologyReply } from './handlers/replies.js';
import { handleChecklist, handleHint, handleReference, handleSelfScore } from './handlers/scenario.js';
import { handleShare } from './handlers/share.js';
import { MockExams } from './mock/service.js';
import { parseCommand } from './parse-command.js';
import { askReason, fileReport } from './reports/service.js';
import type { Logger } from './ports/logger.js';
import type { Reply } from './reply.js';
import { RoundService } from './rounds.js';
import { safeReply, safeText } from './safe-text.js';
import { StoreTrouble } from './store-trouble.js';
import { PARSE } from './text/help.js';
import type { TutorApi } from './tutor-api.js';

/** See the module comment. One instance per process. */
export class Tutor implements TutorApi {
  /** The rounds service (exposed so main can dispose its timers and tests can await refreshes). */
  readonly rounds: RoundService;
  private readonly log: Logger;
  private readonly storeTrouble: StoreTrouble;

  constructor(private readonly deps: CoreDeps) {
    this.rounds = new RoundService(deps);
    this.log = deps.logger.child({ component: 'tutor' });
    this.storeTrouble = new StoreTrouble(this.log);
  }

  /** See TutorApi.handleText. */
  handleText(text: string, rawCtx: Context): Promise<Reply> {
    const ctx = withSafeName(rawCtx);
    return this.guard(ctx, { text: typeof text === 'string' ? text.slice(0, 80) : typeof text }, this.named(ctx, (named) => this.dispatch(parseCommand(text), named)));
  }

  /** See TutorApi.handle. */
  handle(command: Command, rawCtx: Context): Promise<Reply> {
    const ctx = withSafeName(rawCtx);
    return this.guard(ctx, { command: command?.kind }, this.named(ctx, (named) => this.dispatch(command, named)));
  }

  /** See TutorApi.act. */
  act(action: Action, rawCtx: Context): Promise<Reply> {
    const ctx = withSafeName(rawCtx);
    // An answer stores the name with the answer, and the store itself keeps a stored name over a
    // handle (NewAnswer.userNameIsHandle): no read of the stored name first, on the click a whole
    // channel makes at once.
    const work = action?.kind === 'answer' ? () => this.dispatchAction(action, ctx) : this.named(ctx, (named) => this.dispatchAction(action, named));
    return this.guard(ctx, { action: action?.kind }, work);
  }

  /** See TutorApi.explainTermsIn: runs `terms in <text>` (a non-string counts as no text). */
  explainTermsIn(text: string, rawCtx: Context): Promise<Reply> {
    return this.handle({ kind: 'terms', text: typeof text === 'string' ? text : '' }, rawCtx);
  }

  /** See TutorApi.home. */
  home(rawCtx: Context): Promise<Reply> {
    const ctx = withSafeName(rawCtx);
    return this.guard(ctx, { home: true }, async () => {
      const named = await this.withStoredName(ctx);
      await this.rememberUser(named);
      return handleHome(this.deps, named);
    });
  }

  /** See TutorApi.refreshUserName: the name passes through safeText; a blank one changes nothing. */
  async refreshUserName(scope: TeamScope, userId: string, displayName: string, now: Date): Promise<void> {
    const name = typeof displayName === 'string' ? safeText(displayName).trim() : '';
    if (name === '') return;
    try {
      await this.deps.store.renameUser({ platform: scope.platform, teamId: scope.teamId }, userId, name, now.getTime());
    } catch (err) {
      if (this.storeTrouble.answer(err, { userId }) === undefined) this.log.warn({ err, userId }, 'could not record the user name');
    }
  }

  /** The decks `team` sees (DeckLibrary.forTeam); the shared decks only when no team is named. */
  private libraryOf(team: TeamScope | undefined): DeckLibrary {
    return team === undefined ? this.deps.library : this.deps.library.forTeam(team);
  }

  /** See TutorApi.suggestTerms: label "name" or "alias → name", value the term's name. */
  suggestTerms(query: string, limit: number, team?: TeamScope): { label: string; value: string }[] {
    try {
      const q = typeof query === 'string' ? query.slice(0, 200) : '';
      return this.libraryOf(team).suggestTerms(q, Math.max(0, Math.min(limit, 25))).map((m) => ({
        label: m.matched === m.term.name ? m.term.name : `${m.matched} → ${m.term.name}`,
        value: m.term.name,
      }));
    } catch (err) {
      this.log.error({ err }, 'term suggestions failed');
      return [];
    }
  }

  /** See TutorApi.deckChoices. */
  deckChoices(team?: TeamScope): { label: string; value: string }[] {
    const library = this.libraryOf(team);
    const decks = [library.defaultDeck, ...[...library.decks.values()].filter((d) => d !== library.defaultDeck)];
    return decks.map((d) => ({ label: d.meta.title, value: d.meta.id }));
  }

  /** See TutorApi.suggestScenarios: label the title, value the scenario id. */
  suggestScenarios(query: string, limit: number, team?: TeamScope): { label: string; value: string }[] {
    try {
      const q = typeof query === 'string' ? query.slice(0, 200) : '';
      return this.libraryOf(team)
        .suggestScenarios(q, Math.max(0, Math.min(limit, 25)))
        .map((s) => ({ label: s.scenario.title, value: s.scenario.id }));
    } catch (err) {
      this.log.error({ err }, 'scenario suggestions failed');
      return [];
    }
  }

  /** Run `work`; a busy or damaged store gets its own words (see StoreTrouble), any other throw a logged apology. */
  private async guard(ctx: Context, what: Record<string, unknown>, work: () => Promise<Reply> | Reply): Promise<Reply> {
    try {
      return safeReply(await work());
    } catch (err) {
      const fields = { ...what, platform: ctx?.platform, teamId: ctx?.teamId, channelId: ctx?.channelId, userId: ctx?.userId };
      const unavailable = this.storeTrouble.answer(err, fields);
      if (unavailable) return unavailable;
      this.log.error({ err, ...fields }, 'handler failed');
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
      // A failed name update must not cost the user their answer; log it and carry on (a busy or
      // damaged store is logged the way StoreTrouble logs it: damage once).
      if (this.storeTrouble.answer(err, { userId: ctx.userId }) === undefined) this.log.warn({ err, userId: ctx.userId }, 'could not record the user name');
    }
  }

  /**
   * `work` run with withStoredName's context. A context with a display name (the usual case, and
   * every answer click but a new learner's first on some platforms) costs no extra await.
   */
  private named(ctx: Context, work: (named: Context) => Promise<Reply>): () => Promise<Reply> {
    if (ctx?.userNameIsHandle !== true) return () => work(ctx);
    return async () => work(await this.withStoredName(ctx));
  }

  /**
   * A handle-only name (Context.userNameIsHandle) gives way to the name stored for the user, so a
   * handle never replaces a display name; with none stored the handle is used (and stored).
   */
  private async withStoredName(ctx: Context): Promise<Context> {
    if (ctx.userNameIsHandle !== true) return ctx;
    const stored = await this.deps.store.storedUserName({ platform: ctx.platform, teamId: ctx.teamId }, ctx.userId);
    return stored === undefined ? ctx : { ...ctx, userName: stored };
  }

  /** Run a command through the registry's dispatcher (requirements, then the subcommand's handler). */
  private async dispatch(command: Command, ctx: Context): Promise<Reply> {
    if (command?.kind !== 'answer') await this.rememberUser(ctx);
    return runCommand(command, ctx, { deps: this.deps, rounds: this.rounds });
  }

  private async dispatchAction(action: Action, ctx: Context): Promise<Reply> {
    const store = this.deps.store;
    const library = this.deps.library.forTeam(ctx);
    if (action?.kind !== 'answer') await this.rememberUser(ctx);
    switch (action.kind) {
      case 'answer':
        return this.rounds.answer(action.roundId, action.letter, ctx, true);
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
      case 'reminderPractice':
        return reminderPractice(this.deps, this.rounds, ctx, action.teamId, action.deckId);
      case 'forget':
        return forgetMe(store, ctx, action.confirm);
      case 'mockAnswer':
        return new MockExams(this.deps).answer(ctx, action.mockId, action.position, action.letter);
      case 'mockFlag':
        return new MockExams(this.deps).flag(ctx, action.mockId, action.position);
      case 'mockEnd':
        return new MockExams(this.deps).end(ctx, action.mockId);
      case 'mockRetake':
        return new MockExams(this.deps).retake(ctx, action.mockId);
      case 'report':
        return action.reason === undefined
          ? askReason(library, ctx, action.id, action.target)
          : fileReport(this.deps, ctx, { id: action.id, kind: action.target, reason: action.reason });
      default:
        return handleInvalid(CATALOGUE, PARSE.unknownButton, '', ctx.now, ctx.surface);
    }
  }
}

/** `ctx` with its display name passed through safeText (the same object when the name is clean). */
function withSafeName(ctx: Context): Context {
  if (typeof ctx?.userName !== 'string') return ctx;
  const name = safeText(ctx.userName);
  return name === ctx.userName ? ctx : { ...ctx, userName: name };
}
