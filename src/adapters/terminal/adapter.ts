/**
 * The terminal channel behind the ChatAdapter port: the REPL of repl.ts, created at once (its
 * Poster forwards to the REPL once started) and ended by the user (`exit`, end of input).
 */
import type { ChatAdapter } from '../../core/ports/adapter.js';
import type { Logger } from '../../core/ports/logger.js';
import { PosterError, type MessageRef, type Poster } from '../../core/ports/poster.js';
import type { Reply } from '../../core/reply.js';
import { renderText } from '../../core/render-text.js';
import { TERMINAL_SURFACE } from './context.js';
import { startTerminal, type RunningTerminal, type TerminalOptions } from './repl.js';

/** The terminal has no size limits of its own: replies are printed whole and wrapped to the window. */
const TERMINAL_LIMITS = {
  buttonLabel: Number.POSITIVE_INFINITY,
  buttonsPerMessage: Number.POSITIVE_INFINITY,
  messageText: Number.POSITIVE_INFINITY,
  detail: {},
} as const satisfies ChatAdapter['limits'];

/**
 * Options of {@link terminalAdapter}: the REPL's, without what `start` supplies. `banner` may be a
 * function, called at `start` (main builds it from the decks, which load after the adapters are created).
 */
export type TerminalAdapterOptions = Omit<TerminalOptions, 'tutor' | 'daily' | 'banner'> & { logger: Logger; banner: string | (() => string) };

/**
 * Create the terminal channel. `start` prints the banner and reads commands; `done` resolves once
 * the user has left. Its poster throws PosterError('unknown') if used before `start`.
 */
export function terminalAdapter(options: TerminalAdapterOptions): ChatAdapter<string> {
  let running: RunningTerminal | undefined;
  let leave: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    leave = resolve;
  });
  const repl = (): Poster => {
    if (!running) throw new PosterError('unknown', 'the terminal channel has not started');
    return running.poster;
  };
  const poster: Poster = {
    platform: 'terminal',
    post: async (channelId: string, reply: Reply): Promise<MessageRef> => repl().post(channelId, reply),
    update: async (ref: MessageRef, reply: Reply): Promise<void> => repl().update(ref, reply),
    sendDirect: async (userId: string, reply: Reply): Promise<MessageRef> => repl().sendDirect(userId, reply),
  };
  return {
    platform: 'terminal',
    poster,
    surface: TERMINAL_SURFACE,
    limits: TERMINAL_LIMITS,
    done,
    render: (reply: Reply) => [renderText(reply)],
    async start({ tutor, daily }) {
      const banner = typeof options.banner === 'function' ? options.banner() : options.banner;
      running = startTerminal({ ...options, banner, tutor, ...(daily ? { daily } : {}) });
      void running.done.then(leave);
    },
    async stop() {
      if (!running) {
        leave();
        return;
      }
      running.stop();
      await running.done;
    },
  };
}
