/**
 * The work after an ack (users.info, core, the response_url post), at most `limit` requests at a
 * time. Acks go out at once whatever is queued; a burst of clicks then waits here in arrival order
 * instead of all running together, so each event-loop turn carries a bounded amount of outbound I/O
 * and the next request's ack is not stuck behind hundreds of pending calls.
 */

/** A FIFO of async jobs with bounded concurrency. */
export class WorkQueue {
  private running = 0;
  private readonly waiting: (() => Promise<void>)[] = [];
  private idle: (() => void)[] = [];

  /** @param limit jobs running at once (>= 1). */
  constructor(private readonly limit: number) {}

  /** Queue `job`; it runs when fewer than `limit` jobs are running. A rejection is the job's own to handle (it is swallowed here). */
  run(job: () => Promise<void>): void {
    this.waiting.push(job);
    this.pump();
  }

  /** Jobs queued or running. */
  get size(): number {
    return this.running + this.waiting.length;
  }

  /** Resolves once nothing is queued or running (shutdown, tests). */
  settled(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private pump(): void {
    while (this.running < this.limit) {
      const job = this.waiting.shift();
      if (!job) break;
      this.running++;
      // One reaction for both outcomes (a rejection is swallowed): one promise per job, not three.
      job().then(this.finished, this.finished);
    }
  }

  /** A job ended (either way): start the next one, and wake settled() once nothing is left. */
  private readonly finished = (): void => {
    this.running--;
    this.pump();
    if (this.size === 0) {
      const done = this.idle;
      this.idle = [];
      for (const resolve of done) resolve();
    }
  };
}
