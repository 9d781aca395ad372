/**
 * The bot's side of the chart render worker (render-worker.mjs): starts the worker thread on the
 * first render, sends it render jobs and resolves each with its PNG, and stops the thread after a
 * quiet spell so its memory goes back. The thread runs with small V8 heap limits, which keeps its
 * garbage collected often; it is in this process, so process memory figures include it.
 *
 * While a render is pending the thread keeps the process alive (a one-shot command waits for its
 * picture); when idle it does not.
 */
import { Worker } from 'node:worker_threads';
import type { ResvgRenderOptions } from '@resvg/resvg-js';

/** One chart for the worker (see render-worker.mjs for the template's rules). */
export interface RenderJob {
  /** A Vega-Lite spec with the named dataset "table" and the title parameter "chartTitle". */
  template: object;
  title: string;
  /** The rows of "table". */
  values: readonly object[];
}

/** Options of {@link RenderThread}. */
export interface RenderThreadOptions {
  /** resvg's options (font files, scale, background), passed to the worker once. */
  resvg: ResvgRenderOptions;
  /** Stop the thread after this many ms without a pending render; default 60,000. */
  idleMs?: number;
}

/**
 * V8 heap limits of the worker thread, in MiB: Vega and Vega-Lite take about 13 MiB once loaded, a
 * chart a few more (120 bars or 366 days of columns draw fine); a small heap is collected often.
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 24 };
const WORKER_URL = new URL('./render-worker.mjs', import.meta.url);

type Pending = { resolve: (png: Uint8Array) => void; reject: (err: Error) => void };
type WorkerReply = { id: number; png?: Uint8Array; error?: string };

/** A chart render worker thread, started when needed (see the module comment). */
export class RenderThread {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: RenderThreadOptions) {}

  /**
   * The PNG of `job`.
   * @throws (rejects) when the worker reports a render error, crashes (e.g. over its heap limit;
   * the next render starts a new thread) or is closed meanwhile.
   */
  render(job: RenderJob): Promise<Uint8Array> {
    const worker = this.start();
    clearTimeout(this.idleTimer);
    worker.ref();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...job });
    });
  }

  /** Whether the worker thread is running (for tests and diagnostics). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /** Stop the thread now; pending renders reject. */
  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    if (!worker) return;
    this.drop(worker, new Error('the chart renderer was closed'));
    await worker.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    // execArgv []: no tsx loader in the thread (the worker is plain JavaScript).
    const worker = new Worker(WORKER_URL, { workerData: { resvg: this.options.resvg }, resourceLimits: RESOURCE_LIMITS, execArgv: [] });
    worker.on('message', (reply: WorkerReply) => this.settle(reply));
    worker.on('error', (err) => this.drop(worker, err));
    worker.on('exit', (code) => this.drop(worker, new Error(`the chart render thread stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private settle(reply: WorkerReply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (reply.png) waiting.resolve(reply.png);
    else waiting.reject(new Error(reply.error ?? 'the chart render thread sent no picture'));
    if (this.pending.size === 0) this.idle();
  }

  /** Nothing pending: let the process exit, and stop the thread after idleMs. */
  private idle(): void {
    const worker = this.worker;
    if (!worker) return;
    worker.unref();
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.worker === worker && this.pending.size === 0) void this.close();
    }, this.options.idleMs ?? 60_000);
    this.idleTimer.unref();
  }

  /** Forget `worker` (crashed, exited or closed) and reject what it still owed. */
  private drop(worker: Worker, err: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const owed = [...this.pending.values()];
    this.pending.clear();
    for (const p of owed) p.reject(err);
  }
}
