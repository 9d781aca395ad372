/**
 * Seeds the benchmark's community into a database file, in a process of its own (bench/run.ts
 * forks it), so that seeding's memory churn does not count toward the measured process's peak
 * RSS: that process opens the seeded file as the bot would. Arguments: <database path> <size JSON>
 * <seed>. Sends { rounds, answers, seconds, peakRssMiB } to the parent over IPC.
 */
import { fileURLToPath } from 'node:url';
import { loadLibrary } from '../src/core/deck/loader.js';
import { openStore } from '../src/store/index.js';
import { type CommunitySize, seedCommunity } from './community.js';
import { seededRandom } from '../tests/support/seeded-random.js';
import { timed } from './timing.js';

/** What the seeding child reports. */
export interface SeedReport {
  rounds: number;
  answers: number;
  seconds: number;
  peakRssMiB: number;
}

const [path, sizeJson, seedText] = process.argv.slice(2);
if (!path || !sizeJson || !seedText || !process.send) {
  process.stderr.write('usage: forked by bench/run.ts with <database path> <size JSON> <seed>\n');
  process.exit(2);
}
const size = JSON.parse(sizeJson) as CommunitySize;
const library = loadLibrary(fileURLToPath(new URL('../content', import.meta.url)));
const store = openStore(path);
const seeded = timed(() =>
  seedCommunity(store, library.defaultDeck, size, seededRandom(Number(seedText)), (d) => {
    if ((d + 1) % 73 === 0) process.stderr.write(`  day ${d + 1}/${size.days}\n`);
  }),
);
store.db.pragma('wal_checkpoint(TRUNCATE)');
store.close();
const report: SeedReport = { ...seeded.result, seconds: seeded.seconds, peakRssMiB: process.resourceUsage().maxRSS / 1024 };
process.send(report, () => process.exit(0));
