/**
 * The chart benchmark, run in its own process by bench/run.ts (so its memory is measured alone):
 * renders `count` charts (domain bars and 28-day answer columns, alternating) through the
 * production ChartRenderer after a few untimed warm-up renders, and sends back the p50/p99 render
 * time, the process' CPU time per render (all threads: a figure that moves less than wall time on
 * a busy machine) and how much the process' peak RSS grew from before the chart modules were
 * loaded. The renderer draws in a worker thread of this process, so its memory is counted.
 */
import { performance } from 'node:perf_hooks';
import type { ChartSpec } from '../src/core/ports/charts.js';

const count = Number(process.argv[2] ?? 200);
const baseline = process.resourceUsage().maxRSS / 1024;
const { vegaChartRenderer } = await import('../src/charts/vega-chart.js');
const renderer = vegaChartRenderer();

const bars: ChartSpec = {
  kind: 'bars',
  title: 'Readiness per exam domain · Ana',
  measure: 'Probably right today',
  bars: ['S3 encryption', 'EBS encryption', 'RDS encryption', 'Cost and audit', 'KMS keys and policies'].map((label, i) => ({ label, value: (i * 17 + 23) / 100 })),
};
const days: ChartSpec = {
  kind: 'daily',
  title: 'Answers per day, last 28 days · whole team',
  days: Array.from({ length: 28 }, (_, i) => ({ date: new Date(Date.UTC(2026, 10, 1 + i)).toISOString().slice(0, 10), answered: (i * 7) % 13, correct: (i * 3) % 7 })),
};

for (let i = 0; i < 10; i++) await renderer.render(i % 2 ? days : bars);
const times: number[] = [];
const cpuBefore = process.cpuUsage();
for (let i = 0; i < count; i++) {
  const start = performance.now();
  await renderer.render(i % 2 ? days : bars);
  times.push(performance.now() - start);
}
const cpu = process.cpuUsage(cpuBefore);
await renderer.close();
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(count - 1, Math.floor(q * count))] ?? 0;
const peak = process.resourceUsage().maxRSS / 1024;
const report = { samples: count, p50: at(0.5), p99: at(0.99), max: times[count - 1] ?? 0, cpuMsPerRender: (cpu.user + cpu.system) / 1000 / count, baselineMiB: baseline, peakMiB: peak, addedMiB: peak - baseline };
// Forked by bench/run.ts: the report goes back over IPC; run alone (`npx tsx bench/charts.ts`): printed.
if (process.send) process.send(report);
else process.stdout.write(`${JSON.stringify(report)}\n`);
