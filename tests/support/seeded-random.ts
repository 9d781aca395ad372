/**
 * The one seeded random source of the tests and the benchmark: mulberry32, uniform in [0, 1).
 * The same seed gives the same sequence, so round shuffles and question picks repeat.
 */
export function seededRandom(seed = 42): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
