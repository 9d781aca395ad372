/**
 * ChartRenderer on Vega-Lite and resvg: the ChartSpec becomes a Vega-Lite template (named data,
 * title as a parameter) and its rows; a worker thread (render-thread.ts, render-worker.mjs)
 * compiles each template once, renders it to SVG with Vega headless (renderer 'none', no DOM, no
 * network: the data is inline) and rasterises the SVG to PNG with resvg. This module loads none
 * of those libraries: the bot's thread stays as small as it was without charts until the first
 * picture, and the worker's small heap keeps rendering's garbage from piling up.
 *
 * resvg needs a font file for the axis labels: {@link findChartFont} looks for DejaVu Sans (Debian's
 * fonts-dejavu-core, installed in the Docker image) or another sans font.
 */
import { existsSync } from 'node:fs';
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import type { TopLevelSpec } from 'vega-lite';
import type { ChartRenderer, ChartSpec } from '../core/ports/charts.js';
import { RenderThread, type RenderJob } from './render-thread.js';

/** Font files tried in order by {@link findChartFont}. */
const CHART_FONT_CANDIDATES: readonly string[] = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/System/Library/Fonts/Supplemental/Arial.ttf',
];

/** The first existing file of `candidates`, or undefined when there is none. */
function findChartFont(candidates: readonly string[] = CHART_FONT_CANDIDATES): string | undefined {
  return candidates.find((path) => existsSync(path));
}

const WIDTH = 480;
const BLUE = '#4c78a8';
const RED = '#e45756';

/** A render job whose template is a Vega-Lite spec. */
interface VegaLiteJob extends RenderJob {
  template: TopLevelSpec;
}

/**
 * The Vega-Lite template and rows of a ChartSpec (exported for tests). The template depends only
 * on the chart's kind, measure and font, so the worker compiles it once; the title and rows vary.
 */
export function vegaLiteChart(spec: ChartSpec, font: string): VegaLiteJob {
  const base = {
    background: 'white',
    padding: 12,
    width: WIDTH,
    params: [{ name: 'chartTitle', value: '' }],
    title: { text: { expr: 'chartTitle' }, anchor: 'start' as const, fontSize: 15 },
    config: { font, view: { stroke: null } },
    data: { name: 'table' },
  };
  if (spec.kind === 'bars') {
    const values = spec.bars.map((b) => ({ label: b.label, value: Math.max(0, Math.min(1, Number.isFinite(b.value) ? b.value : 0)) }));
    const template: TopLevelSpec = {
      ...base,
      height: { step: 26 },
      layer: [
        { mark: { type: 'bar', color: BLUE } },
        {
          mark: { type: 'text', align: 'left', dx: 4, fontSize: 12 },
          encoding: { text: { field: 'value', type: 'quantitative', format: '.0%' } },
        },
      ],
      encoding: {
        y: { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelFontSize: 12, labelLimit: 200 } },
        x: { field: 'value', type: 'quantitative', scale: { domain: [0, 1] }, axis: { format: '%', tickCount: 5 }, title: spec.measure },
      },
    };
    return { template, title: spec.title, values };
  }
  const values = spec.days.flatMap((d) => [
    { date: d.date, result: 'right', n: d.correct },
    { date: d.date, result: 'wrong', n: Math.max(0, d.answered - d.correct) },
  ]);
  const template: TopLevelSpec = {
    ...base,
    height: 180,
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'date', type: 'ordinal', sort: null, title: null, axis: { labelAngle: -60, labelExpr: 'slice(datum.value, 5)' } },
      y: { field: 'n', type: 'quantitative', stack: 'zero', title: 'Answers', axis: { tickMinStep: 1 } },
      color: { field: 'result', type: 'nominal', scale: { domain: ['right', 'wrong'], range: [BLUE, RED] }, legend: { title: null, orient: 'top' } },
      order: { field: 'result', sort: 'ascending' },
    },
  };
  return { template, title: spec.title, values };
}

/** Options of {@link vegaChartRenderer}. */
export interface VegaChartOptions {
  /** A TrueType/OpenType font file for the labels; default {@link findChartFont}(). */
  fontFile?: string;
  /** The font's family name as the SVG names it; default "DejaVu Sans". */
  fontFamily?: string;
  /** Pixel scale of the PNG (1.5 = 720 px wide for a 480-unit chart: sharp on high-density screens at the width Slack and Discord show pictures); default 1.5. */
  scale?: number;
  /** Stop the render thread after this many ms without a render; default 60,000. */
  idleMs?: number;
}

/** The ChartRenderer of {@link vegaChartRenderer}, with `close` to stop its worker thread at once. */
interface VegaChartRenderer extends ChartRenderer {
  /** Stop the render thread (pending renders reject); the next render starts it again. */
  close(): Promise<void>;
}

/** A ChartRenderer (see the module comment). Renders throw when no font file was found. */
export function vegaChartRenderer(options: VegaChartOptions = {}): VegaChartRenderer {
  // resvg draws no text at all (silently) without a font: a missing file means no charts.
  const fontFile = options.fontFile !== undefined ? findChartFont([options.fontFile]) : findChartFont();
  const family = options.fontFamily ?? 'DejaVu Sans';
  const resvg: ResvgRenderOptions | undefined = fontFile
    ? {
        font: { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: family, sansSerifFamily: family },
        fitTo: { mode: 'zoom', value: options.scale ?? 1.5 },
        background: 'white',
      }
    : undefined;
  const thread = resvg ? new RenderThread({ resvg, ...(options.idleMs !== undefined ? { idleMs: options.idleMs } : {}) }) : undefined;
  return {
    async render(spec: ChartSpec): Promise<Uint8Array> {
      if (!thread) throw new Error(`no font file for charts (looked for ${options.fontFile ?? CHART_FONT_CANDIDATES.join(', ')})`);
      return thread.render(vegaLiteChart(spec, family));
    },
    close: async () => thread?.close(),
  };
}
