/**
 * The chart render worker (a worker thread started by src/charts/render-thread.ts): Vega-Lite,
 * Vega and resvg live here only, so the bot's own thread never loads them. Plain JavaScript: it
 * starts without tsx (whose loader would add about 10 MiB to loading Vega in the thread).
 *
 * Memory: resvg's native objects (the parsed SVG, the pixels) are freed by finalizers that run in a
 * later turn of this thread's event loop after V8 collects their small JS wrappers; a render path
 * made only of promises would never give them that turn while charts keep coming, so the thread
 * yields one turn after each chart. The heap limits set by render-thread.ts make collections
 * frequent enough that only a few charts' native memory is ever waiting.
 *
 * workerData: { resvg } — @resvg/resvg-js render options (one font file, no system fonts).
 * Request message: { id, template, title, values }
 *   - template: a Vega-Lite spec whose data is the named dataset "table" and whose title text is
 *     the parameter "chartTitle"; compiled and parsed once per distinct template (cached);
 *   - title: the chart's title; values: the rows of "table".
 * Reply message: { id, png } (a Uint8Array, its buffer transferred) or { id, error } (a message).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { Resvg } from '@resvg/resvg-js';
import { parse, View } from 'vega';
import { compile } from 'vega-lite';

/** Parsed Vega runtimes by their Vega-Lite template's JSON; a few templates exist (one per chart kind and measure). */
const runtimes = new Map();
const MAX_TEMPLATES = 32;

function runtimeOf(template) {
  const key = JSON.stringify(template);
  let runtime = runtimes.get(key);
  if (!runtime) {
    if (runtimes.size >= MAX_TEMPLATES) runtimes.clear();
    runtime = parse(compile(template).spec);
    runtimes.set(key, runtime);
  }
  return runtime;
}

async function render({ template, title, values }) {
  const view = new View(runtimeOf(template), { renderer: 'none' });
  let svg;
  try {
    view.signal('chartTitle', title).data('table', values);
    svg = await view.toSVG();
  } finally {
    view.finalize();
  }
  // Synchronous: this is already off the bot's thread, and the pixels stay in this thread's memory.
  const png = new Resvg(svg, workerData.resvg).render().asPng();
  return new Uint8Array(png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength));
}

async function answer(request) {
  try {
    const png = await render(request);
    parentPort?.postMessage({ id: request.id, png }, [png.buffer]);
  } catch (err) {
    parentPort?.postMessage({ id: request.id, error: err instanceof Error ? err.message : String(err) });
  }
  // One event-loop turn, in which the finalizers of resvg's collected objects free their memory.
  await nextTurn();
}

// One render at a time, in the order asked: two at once would only raise the peak.
let queue = Promise.resolve();
parentPort?.on('message', (request) => {
  queue = queue.then(() => answer(request));
});
