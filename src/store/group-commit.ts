/**
 * Group commit for bursts: while writes keep arriving turn after turn of the event loop (a busy
 * channel's clicks coming in over many requests), the writes of one turn are queued and written
 * together, in one transaction and so one commit, on the next turn (setImmediate). On SQLite the
 * commit (its WAL write, the lock taken and dropped) costs more than a click's own statements, so
 * answers written together cost about half the CPU each.
 *
 * Otherwise a write runs at once, as before: a lone click, or calls made one after another
 * without the event loop turning in between (a script or the benchmark's answer loop), never wait
 * for a turn, which would only add its cost.
 */
import { setImmediate } from 'node:timers';

/** One queued call: its input and how to settle its promise. */
interface Pending<I, O> {
  input: I;
  resolve: (output: O) => void;
  reject: (err: unknown) => void;
}

/** How a GroupCommit writes: several inputs together, or one alone. */
export interface GroupWriter<I, O> {
  /**
   * Write every input in one transaction and return their outputs in the same order. When it
   * throws, nothing of it was kept (the transaction rolled back): each input is then written alone.
   */
  all(inputs: readonly I[]): O[];
  /** Write one input in its own transaction, at call time; a rejection is that input's failure. */
  one(input: I): Promise<O>;
}

/** When writes count as a burst. */
export interface GroupCommitOptions {
  /**
   * A write that comes within this many ms of the previous one, after the event loop turned (or
   * while a group is being written), joins a group; default 1,000. Generous on purpose: in a busy
   * process one turn can last 100 ms and more, and a lone write that joins a "group" of one only
   * waits for the next turn.
   */
  windowMs?: number;
  /** Clock in ms (monotonic); default performance.now. */
  now?: () => number;
}

/**
 * Writes at once, or, in a burst, queues a turn's writes and writes them together on the next
 * turn (see the file comment). Each call's promise settles with its own output or failure: when
 * writing the group fails, each input is written alone, so one bad input never fails the others.
 */
export class GroupCommit<I, O> {
  private queue: Pending<I, O>[] = [];
  private readonly windowMs: number;
  private readonly now: () => number;
  /** When the last write (alone or a group) ran, in `now` ms; -Infinity before the first. */
  private lastWriteAt = Number.NEGATIVE_INFINITY;
  /** The last write was a group of two or more: the burst goes on while writes keep coming within the window. */
  private grouping = false;
  /** The event loop has turned since the last write alone (set by a setImmediate after it). */
  private turned = true;
  private turnWatch = false;

  constructor(
    private readonly writer: GroupWriter<I, O>,
    options: GroupCommitOptions = {},
  ) {
    this.windowMs = options.windowMs ?? 1_000;
    this.now = options.now ?? (() => performance.now());
  }

  /** Write `input` now, or queue it for the next turn's group; the promise settles once it is written. */
  add(input: I): Promise<O> {
    if (this.queue.length > 0) return this.enqueue(input);
    const at = this.now();
    if ((this.turned || this.grouping) && at - this.lastWriteAt < this.windowMs) {
      setImmediate(this.flush);
      return this.enqueue(input);
    }
    this.lastWriteAt = at;
    this.grouping = false;
    this.watchTurn();
    return this.writer.one(input);
  }

  /** Inputs queued and not written yet. */
  get pending(): number {
    return this.queue.length;
  }

  /** Write whatever is queued now (it also runs on the next turn by itself): before closing the store. */
  readonly flush = (): void => {
    const queue = this.queue;
    if (queue.length === 0) return;
    this.queue = [];
    this.lastWriteAt = this.now();
    // A "group" of one is no burst (calls one after another, each waiting for the last): the next
    // call made before the loop turns again is written at once.
    this.grouping = queue.length > 1;
    if (!this.grouping) this.watchTurn();
    if (queue.length > 1) {
      let outputs: O[] | undefined;
      try {
        outputs = this.writer.all(queue.map((p) => p.input));
      } catch {
        // Rolled back as a whole: each is written alone below and gets its own outcome.
      }
      if (outputs !== undefined) {
        for (let i = 0; i < queue.length; i++) (queue[i] as Pending<I, O>).resolve(outputs[i] as O);
        return;
      }
    }
    for (const p of queue) this.writer.one(p.input).then(p.resolve, p.reject);
  };

  private enqueue(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
    });
  }

  /** Note that no turn has passed since this write; a setImmediate marks the next one. */
  private watchTurn(): void {
    this.turned = false;
    if (this.turnWatch) return;
    this.turnWatch = true;
    setImmediate(this.markTurn);
  }

  private readonly markTurn = (): void => {
    this.turnWatch = false;
    this.turned = true;
  };
}
