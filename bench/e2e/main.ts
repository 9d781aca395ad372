/**
 * `tsx bench/e2e/main.ts [--clicks N] [--c 16,64,256] [--platforms ceiling,slack-http,slack-socket,discord]`:
 * the end-to-end bursts alone (see burst.ts), printed as JSON lines and a table. `npm run bench`
 * runs the same section after the store measures. Profiling: `node --cpu-prof --import tsx
 * bench/e2e/main.ts ...` profiles the app (this process); BENCH_PEER_PROF=<dir> profiles the peer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLibrary } from '../../src/core/deck/loader.js';
import { openStore } from '../../src/store/index.js';
import { coreClickRate, runBursts } from './burst.js';
import type { BenchPlatform } from './burst.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const clicks = Number(arg('--clicks') ?? 2000);
const concurrencies = (arg('--c') ?? '16,64,256').split(',').map(Number);
const platforms = (arg('--platforms') ?? 'ceiling,slack-http,slack-socket,discord').split(',') as BenchPlatform[];
const dir = mkdtempSync(join(tmpdir(), 'kms-e2e-'));
try {
  const library = loadLibrary(fileURLToPath(new URL('../../content', import.meta.url)));
  const store = openStore(join(dir, 'e2e.db'));
  const loadBefore = loadavg();
  const core = await coreClickRate(store, library, clicks);
  await store.close();
  const { bursts, logs } = await runBursts({ dir, library, platforms, concurrencies, clicks, log: (t) => process.stderr.write(`${t}\n`) });
  process.stdout.write(`${JSON.stringify({ corePerSecond: Math.round(core), loadAverage: { before: loadBefore, after: loadavg() }, bursts, logs }, null, 1)}\n`);
  for (const r of bursts) {
    const ceiling = bursts.find((c) => c.platform === 'ceiling' && c.concurrency === r.concurrency)?.clicksPerSecond;
    const ofCeiling = ceiling && r.platform !== 'ceiling' ? `, ${(r.clicksPerSecond / ceiling).toFixed(2)} of ceiling` : '';
    process.stdout.write(
      `${r.platform.padEnd(12)} C=${String(r.concurrency).padEnd(3)} ${String(r.clicksPerSecond).padStart(5)} clicks/s (${(r.clicksPerSecond / core).toFixed(3)} of core ${Math.round(core)}${ofCeiling})  p50 ${r.p50.toFixed(1)} p99 ${r.p99.toFixed(1)} max ${r.max.toFixed(1)} ms  ${r.outboundPerClick} calls/click  ${r.cpuMsPerClick} CPU ms/click (peer ${r.peerCpuMsPerClick})  app loop max ${r.stalls.loopMaxMs} ms, gc max ${r.stalls.gcMaxMs} ms  load ${r.loadAverage.toFixed(1)}  ${r.problems.join('; ') || 'ok'}\n`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
