/**
 * What the app's own event loop did during a burst: its longest delay (monitorEventLoopDelay, 10 ms
 * resolution) and its longest garbage-collection pause. A latency spike that these do not show
 * happened outside the app (the peer, or the machine), not in its JavaScript.
 */
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

/** The longest event-loop delay and GC pause seen between start and stop, in ms. */
export interface LoopStalls {
  loopMaxMs: number;
  gcMaxMs: number;
}

/** Start watching this process's event loop; the returned function stops and reports (see LoopStalls). */
export function watchLoop(): () => LoopStalls {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  let gcMaxMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMaxMs = Math.max(gcMaxMs, entry.duration);
  });
  gc.observe({ entryTypes: ['gc'] });
  delay.enable();
  return () => {
    delay.disable();
    gc.disconnect();
    return { loopMaxMs: Math.round(delay.max / 1e5) / 10, gcMaxMs: Math.round(gcMaxMs * 10) / 10 };
  };
}
