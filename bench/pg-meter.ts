/**
 * Meters for the PostgreSQL benchmark (bench/postgres.ts): statements sent per click, and the
 * server's CPU time beside the client's, so a click's cost can be located (client or server, one
 * round trip or several) rather than guessed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type pg from 'pg';

/** Statements sent through a pool since it was metered (every client it hands out, BEGIN/COMMIT included). */
export interface QueryCounter {
  queries: number;
  /** Statements by their text (whitespace collapsed, first 80 characters), for finding the unexpected ones. */
  byText: Map<string, number>;
}

/** The text of a `query()` call's first argument (a string or a config), shortened for counting. */
function statementText(arg: unknown): string {
  const text = typeof arg === 'string' ? arg : ((arg as { text?: unknown } | null)?.text ?? '?');
  return String(text).replace(/\s+/g, ' ').slice(0, 80);
}

/** Count every statement sent through the clients of `pools` from now on (wraps each client's query once). */
export function countQueries(pools: pg.Pool[]): QueryCounter {
  const counter: QueryCounter = { queries: 0, byText: new Map() };
  const wrapped = new WeakSet<pg.PoolClient>();
  const meter = (client: pg.PoolClient) => {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      counter.queries++;
      const text = statementText(args[0]);
      counter.byText.set(text, (counter.byText.get(text) ?? 0) + 1);
      return query(...args);
    };
  };
  for (const pool of new Set(pools)) pool.on('acquire', meter);
  return counter;
}

/** The fields of /proc/<pid>/stat after the command name (index 1 = ppid, 11 = utime, 12 = stime). */
function statFields(pid: string | number): string[] {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

/** Clock ticks per second of /proc's utime and stime (100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * A reader of the CPU time (user + system, ms, 10 ms resolution) of every process of the PostgreSQL
 * server behind `pool` (its postmaster and children: backends, WAL writer, ...), or undefined when
 * the server runs elsewhere (its processes are not in this machine's /proc).
 */
export async function serverCpuReader(pool: pg.Pool): Promise<(() => number) | undefined> {
  const found = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const backend = found.rows[0]?.pid;
  let postmaster: number;
  try {
    postmaster = Number(statFields(backend ?? 0)[1]);
  } catch {
    return undefined;
  }
  return () => {
    let ticks = 0;
    for (const entry of readdirSync('/proc')) {
      if (entry.charCodeAt(0) > 57) continue; // not a pid
      try {
        const f = statFields(entry);
        if (Number(entry) === postmaster || Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]);
      } catch {
        // the process ended meanwhile
      }
    }
    return (ticks * 1000) / TICKS_PER_SECOND;
  };
}
