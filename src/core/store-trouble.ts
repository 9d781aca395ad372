/**
 * StoreTrouble: how core answers and logs a StoreUnavailableError (src/core/ports/store-unavailable.ts)
 * that reaches a command: a busy database is a warning and a "try again"; a damaged one is an error
 * logged once per process (every later command would log it again) and a reply that promises nothing
 * about stored data.
 */
import { storeUnavailableReply } from './handlers/replies.js';
import type { Logger } from './ports/logger.js';
import { StoreUnavailableError } from './ports/store-unavailable.js';
import type { Reply } from './reply.js';

/** One per Tutor (it remembers whether the damage was logged). */
export class StoreTrouble {
  private damageLogged = false;

  constructor(private readonly log: Logger) {}

  /**
   * The reply for `err` when it is a StoreUnavailableError, after logging it with `fields` (busy: a
   * warning each time; closed, the bot stopping: a warning each time; damaged: an error the first time
   * only); undefined for any other error.
   */
  answer(err: unknown, fields: Record<string, unknown>): Reply | undefined {
    if (!(err instanceof StoreUnavailableError)) return undefined;
    if (err.kind === 'busy') {
      this.log.warn({ ...fields, cause: describeCause(err) }, 'database busy: request refused');
    } else if (err.kind === 'closed') {
      this.log.warn({ ...fields, cause: describeCause(err) }, 'database closed (stopping): request refused');
    } else if (!this.damageLogged) {
      this.damageLogged = true;
      this.log.error({ ...fields, cause: describeCause(err) }, 'database damaged: restore it from a backup');
    }
    return storeUnavailableReply(err.kind);
  }
}

/** The driver's message, one line, for the log (no stack: the cause is known). */
function describeCause(err: StoreUnavailableError): string {
  const cause = err.cause;
  return cause instanceof Error ? cause.message : String(cause ?? err.message);
}
