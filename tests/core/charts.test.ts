import { afterEach, describe, expect, it } from 'vitest';
import { vegaChartRenderer, vegaLiteSpec } from '../../src/charts/vega-chart.js';
import { DailyRounds } from '../../src/core/daily.js';
import type { ReplyImage } from '../../src/core/reply.js';
import { readinessChart } from '../../src/core/handlers/stats-charts.js';
import { type Harness, lettersOf, makeHarness, NOW, REAL_CONTENT, textOf } from './harness.js';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const renderer = vegaChartRenderer();

/** PNG width and height from the IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

let h: Harness | undefined;
afterEach(() => h?.close());

describe('chart renderer (Vega-Lite + resvg)', () => {
  it('renders domain bars and answers per day as PNG, with the data inline (no network)', async () => {
    const bars = await renderer.render({ kind: 'bars', title: 'Readiness', measure: 'Readiness', bars: [{ label: 'S3 encryption', value: 0.7 }, { label: 'KMS keys and policies', value: 0.2 }] });
    expect([...bars.slice(0, 8)]).toEqual(PNG_MAGIC);
    expect(pngSize(bars).width).toBeGreaterThan(800);
    const days = await renderer.render({ kind: 'daily', title: 'Answers per day', days: [{ date: '2026-11-24', answered: 5, correct: 3 }, { date: '2026-11-25', answered: 0, correct: 0 }] });
    expect([...days.slice(0, 8)]).toEqual(PNG_MAGIC);
    const spec = JSON.stringify(vegaLiteSpec({ kind: 'bars', title: 't', measure: 'm', bars: [{ label: 'a', value: 2 }] }, 'DejaVu Sans'));
    expect(spec).not.toMatch(/"url"/);
    expect(spec).toContain('"value":1');
  });

  it('a missing font makes render throw, and core keeps the text bars (logged)', async () => {
    h = makeHarness({ content: REAL_CONTENT });
    h.deps.charts = vegaChartRenderer({ fontFile: '/nonexistent/font.ttf' });
    await h.say('quiz');
    const image = await readinessChart(h.deps, [{ domain: 'S3', estimate: 0.5 }], 'you');
    expect(image).toBeUndefined();
    expect(h.logger.warnings.some((w) => String(w[1]).includes('could not render a chart'))).toBe(true);
  });
});

describe('pictures in replies', () => {
  it('stats carries accuracy per topic and answers per day as pictures beside the text bars', async () => {
    h = makeHarness({ content: REAL_CONTENT });
    h.deps.charts = renderer;
    const q = await h.say('quiz');
    const action = q.buttons?.find((b) => b.action.kind === 'answer')?.action;
    if (action?.kind !== 'answer') throw new Error('no practice question');
    const round = await h.store.getRound(action.roundId);
    if (!round) throw new Error('no round');
    await h.tutor.act({ ...action, letter: lettersOf(round).right }, h.ctx());
    const stats = await h.say('stats');
    expect(stats.blocks.some((b) => b.type === 'pre')).toBe(true);
    const images = stats.blocks.filter((b): b is ReplyImage => b.type === 'image');
    expect(images.map((i) => i.name)).toEqual(['stats-topics.png', 'stats-days.png']);
    for (const image of images) expect([...image.png.slice(0, 8)]).toEqual(PNG_MAGIC);
    expect(images[1]?.alt).toContain('1 answers, 1 right');
    // Without a renderer: the same reply, text only.
    h.deps.charts = undefined;
    const plain = await h.say('stats');
    expect(plain.blocks.some((b) => b.type === 'image')).toBe(false);
    expect(textOf(plain)).toContain('Accuracy per topic');
  });

  it('the weekly digest carries the team pictures', async () => {
    h = makeHarness({ content: REAL_CONTENT });
    h.deps.charts = renderer;
    await h.say('subscribe 09:00 UTC');
    const daily = new DailyRounds(h.deps);
    const sub = await h.store.getSubscription(h.ctx());
    if (!sub) throw new Error('no subscription');
    await daily.runDaily(sub, NOW);
    const posted = h.poster.posts.at(-1)?.reply;
    const action = posted?.buttons?.find((b) => b.action.kind === 'answer')?.action;
    if (action?.kind !== 'answer') throw new Error('no daily round');
    const round = await h.store.getRound(action.roundId);
    if (!round) throw new Error('no round');
    await h.tutor.act({ ...action, letter: lettersOf(round).wrong }, h.ctx());
    const monday = new Date('2026-11-30T09:00:00Z');
    const outcome = await daily.runDigest(sub, monday);
    expect(outcome.status).toBe('posted');
    const digest = h.poster.posts.at(-1)?.reply;
    const images = (digest?.blocks ?? []).filter((b): b is ReplyImage => b.type === 'image');
    expect(images.map((i) => i.name)).toEqual(['digest-topics.png', 'digest-days.png']);
    expect(images[1]?.alt).toContain('1 answers, 0 right');
  });

  it('in order with a fake clock: set an exam, practise, run a mock, see readiness and a chart', async () => {
    h = makeHarness({ content: REAL_CONTENT });
    h.deps.charts = renderer;
    const at = (min: number) => ({ now: new Date(NOW.getTime() + min * 60_000) });
    expect((await h.say('exam 2026-12-20', 'alice', at(0))).tone).not.toBe('error');
    const q = await h.say('quiz', 'alice', at(1));
    const action = q.buttons?.find((b) => b.action.kind === 'answer')?.action;
    if (action?.kind !== 'answer') throw new Error('no practice question');
    const round = await h.store.getRound(action.roundId);
    if (!round) throw new Error('no round');
    await h.tutor.act({ ...action, letter: lettersOf(round).right }, h.ctx('alice', at(2)));
    let reply = await h.say('mock 3 10', 'alice', at(3));
    for (let i = 0; i < 3; i++) {
      const a = reply.buttons?.find((b) => b.action.kind === 'mockAnswer')?.action;
      if (a?.kind !== 'mockAnswer') throw new Error(`no mock question: ${textOf(reply)}`);
      reply = await h.tutor.act(a, h.ctx('alice', at(4 + i)));
    }
    expect(reply.title).toMatch(/^Mock exam results · \d\/3/);
    expect(reply.blocks.some((b) => b.type === 'image' && b.name === 'mock-domains.png')).toBe(true);
    const ready = await h.say('readiness', 'alice', at(8));
    expect(ready.blocks.some((b) => b.type === 'pre')).toBe(true);
    const chart = ready.blocks.find((b): b is ReplyImage => b.type === 'image');
    expect(chart?.name).toBe('readiness-domains.png');
    expect([...(chart?.png.slice(0, 8) ?? [])]).toEqual(PNG_MAGIC);
    expect((await h.store.userStats(h.ctx(), 'alice')).practiceAnswered).toBe(4);
  });
});
