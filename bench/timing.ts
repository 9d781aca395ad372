/**
 * Timing helpers for the benchmark: per-call latency samples and
 * percentiles. Times are milliseconds from performance.now().
 */
import { performance } from 'node:perf_hooks';

/** Latency percentiles in ms. */
export interface Latency {
  samples: number;
  p50: number;
  p99: number;
  max: number;
}

/** Run `fn(i)` for i in [0, count) after `warmup` untimed calls; returns its latency percentiles. */
export function measureLatency(count: number, fn: (i: number) => unknown, warmup = Math.min(200, count)): Latency {
  for (let i = 0; i < warmup; i++) fn(count + i);
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    fn(i);
    times[i] = performance.now() - start;
  }
  times.sort();
  const at = (q: number) => times[Math.min(count - 1, Math.floor(q * count))] ?? 0;
  return { samples: count, p50: round3(at(0.5)), p99: round3(at(0.99)), max: round3(times[count - 1] ?? 0) };
}

/** measureLatency for an async `fn(i)`: each call is awaited before the next starts. */
export async function measureLatencyAsync(count: number, fn: (i: number) => Promise<unknown>, warmup = Math.min(200, count)): Promise<Latency> {
  for (let i = 0; i < warmup; i++) await fn(count + i);
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await fn(i);
    times[i] = performance.now() - start;
  }
  times.sort();
  const at = (q: number) => times[Math.min(count - 1, Math.floor(q * count))] ?? 0;
  return { samples: count, p50: round3(at(0.5)), p99: round3(at(0.99)), max: round3(times[count - 1] ?? 0) };
}

/** Run `fn` once; returns its result and the elapsed seconds. */
export function timed<T>(fn: () => T): { result: T; seconds: number } {
  const start = performance.now();
  const result = fn();
  return { result, seconds: (performance.now() - start) / 1000 };
}

/** Round to 3 decimals (µs resolution for ms values). */
export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
