import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { RenderThread } from '../../src/charts/render-thread.js';
import { vegaChartRenderer, vegaLiteChart } from '../../src/charts/vega-chart.js';
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
afterAll(() => renderer.close());

describe('chart renderer (Vega-Lite + resvg)', () => {
  it('renders domain bars and answers per day as PNG, with the data inline (no network)', async () => {
    const bars = await renderer.render({ kind: 'bars', title: 'Readiness', measure: 'Readiness', bars: [{ label: 'S3 encryption', value: 0.7 }, { label: 'KMS keys and policies', value: 0.2 }] });
    expect([...bars.slice(0, 8)]).toEqual(PNG_MAGIC);
    expect(pngSize(bars).width).toBeGreaterThan(700);
    const days = await renderer.render({ kind: 'daily', title: 'Answers per day', days: [{ date: '2026-11-24', answered: 5, correct: 3 }, { date: '2026-11-25', answered: 0, correct: 0 }] });
    expect([...days.slice(0, 8)]).toEqual(PNG_MAGIC);
    const chart = vegaLiteChart({ kind: 'bars', title: 't', measure: 'm', bars: [{ label: 'a', value: 2 }] }, 'DejaVu Sans');
    expect(JSON.stringify(chart.template)).not.toMatch(/"url"/);
    expect(chart.values).toEqual([{ label: 'a', value: 1 }]);
  });

  it('compiles a template once and still draws each chart from its own rows and title', async () => {
    const bars = (n: number, title: string) =>
      renderer.render({ kind: 'bars', title, measure: 'Accuracy', bars: Array.from({ length: n }, (_, i) => ({ label: `Topic ${i}`, value: i / n })) });
    const two = await bars(2, 'Two');
    const eight = await bars(8, 'Eight');
    const twoAgain = await bars(2, 'Two');
    // Step-sized bars: more rows, a taller picture, from the same cached template.
    expect(pngSize(eight).height).toBeGreaterThan(pngSize(two).height);
    expect(Buffer.from(twoAgain).equals(Buffer.from(two))).toBe(true);
    expect(Buffer.from(await bars(2, 'Another title')).equals(Buffer.from(two))).toBe(false);
    // A title is data, never code: quotes and braces are drawn as they are.
    expect([...(await bars(1, `it's "quoted" {datum} ' + 1`)).slice(0, 8)]).toEqual(PNG_MAGIC);
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

describe('chart render thread', () => {
  const resvg = { font: { loadSystemFonts: false }, fitTo: { mode: 'zoom' as const, value: 1 } };
  const job = { template: { data: { name: 'table' }, params: [{ name: 'chartTitle', value: '' }], title: { text: { expr: 'chartTitle' } }, mark: 'bar', encoding: { x: { field: 'n', type: 'quantitative' } } }, title: 't', values: [{ n: 1 }] };

  it('a chart the worker cannot draw rejects with its reason, and the next one is drawn', async () => {
    const thread = new RenderThread({ resvg });
    try {
      // No "chartTitle" parameter in this template: Vega refuses to set it.
      await expect(thread.render({ ...job, template: { data: { name: 'table' }, mark: 'bar' } })).rejects.toThrow(/chartTitle/);
      expect([...(await thread.render(job)).slice(0, 8)]).toEqual(PNG_MAGIC);
    } finally {
      await thread.close();
    }
  });

  it('close rejects what is pending and stops the thread; the next render starts a new one', async () => {
    const thread = new RenderThread({ resvg });
    const pending = expect(thread.render(job)).rejects.toThrow('the chart renderer was closed');
    expect(thread.running).toBe(true);
    await thread.close();
    await pending;
    expect(thread.running).toBe(false);
    expect([...(await thread.render(job)).slice(0, 8)]).toEqual(PNG_MAGIC);
    await thread.close();
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
