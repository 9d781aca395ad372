/**
 * A reader that leaves early (`npm run ask -- help | head -1`, `| true`) closes the pipe under
 * stdout, and the next write fails with EPIPE. Without an 'error' listener Node throws that as an
 * unhandled 'error' event with a stack trace; the output is simply unwanted, so it is dropped quietly
 * and the process ends with the exit status it was going to have.
 */

/** Error codes of a write to a pipe whose reader has gone (or to the stream destroyed after that). */
const CLOSED_CODES = new Set(['EPIPE', 'ERR_STREAM_DESTROYED']);

/**
 * Listen for write errors on `stream` (default: process.stdout): EPIPE and writes after it are
 * ignored; any other error is handed to `onOtherError` (default: rethrown, as Node would do).
 * @returns a function that removes the listener.
 */
export function ignoreClosedPipe(
  stream: NodeJS.WritableStream = process.stdout,
  onOtherError: (err: Error) => void = (err) => {
    throw err;
  },
): () => void {
  const listener = (err: Error & { code?: string }) => {
    if (err.code !== undefined && CLOSED_CODES.has(err.code)) return;
    onOtherError(err);
  };
  stream.on('error', listener);
  return () => stream.off('error', listener);
}
