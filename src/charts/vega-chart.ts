/**
 * ChartRenderer on Vega-Lite and resvg: the ChartSpec becomes a Vega-Lite spec, Vega renders it to
 * SVG headless (renderer 'none', no DOM, no network: the data is inline), and resvg rasterises the
 * SVG to PNG off the main thread (renderAsync frees its native memory per call; the synchronous
 * Resvg object keeps it until a GC that native memory does not trigger).
 *
 * resvg needs a font file for the axis labels: {@link findChartFont} looks for DejaVu Sans (Debian's
 * fonts-dejavu-core, installed in the Docker image) or another sans font.
 */
import { existsSync } from 'node:fs';
import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ChartRenderer, ChartSpec } from '../core/ports/charts.js';

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

/** Vega-Lite for a ChartSpec (exported for tests). */
export function vegaLiteSpec(spec: ChartSpec, font: string): TopLevelSpec {
  const base = {
    background: 'white',
    padding: 12,
    width: WIDTH,
    title: { text: spec.title, anchor: 'start' as const, fontSize: 15 },
    config: { font, view: { stroke: null } },
  };
  if (spec.kind === 'bars') {
    const values = spec.bars.map((b) => ({ label: b.label, value: Math.max(0, Math.min(1, Number.isFinite(b.value) ? b.value : 0)) }));
    return {
      ...base,
      height: { step: 26 },
      data: { values },
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
  }
  const values = spec.days.flatMap((d) => [
    { date: d.date, result: 'right', n: d.correct },
    { date: d.date, result: 'wrong', n: Math.max(0, d.answered - d.correct) },
  ]);
  return {
    ...base,
    height: 180,
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'date', type: 'ordinal', sort: null, title: null, axis: { labelAngle: -60, labelExpr: 'slice(datum.value, 5)' } },
      y: { field: 'n', type: 'quantitative', stack: 'zero', title: 'Answers', axis: { tickMinStep: 1 } },
      color: { field: 'result', type: 'nominal', scale: { domain: ['right', 'wrong'], range: [BLUE, RED] }, legend: { title: null, orient: 'top' } },
      order: { field: 'result', sort: 'ascending' },
    },
  };
}

/** Options of {@link vegaChartRenderer}. */
export interface VegaChartOptions {
  /** A TrueType/OpenType font file for the labels; default {@link findChartFont}(). */
  fontFile?: string;
  /** The font's family name as the SVG names it; default "DejaVu Sans". */
  fontFamily?: string;
  /** Pixel scale of the PNG (2 = 960 px wide for a 480-unit chart); default 2. */
  scale?: number;
}

/** A ChartRenderer (see the module comment). Renders throw when no font file was found. */
export function vegaChartRenderer(options: VegaChartOptions = {}): ChartRenderer {
  // resvg draws no text at all (silently) without a font: a missing file means no charts.
  const fontFile = options.fontFile !== undefined ? findChartFont([options.fontFile]) : findChartFont();
  const family = options.fontFamily ?? 'DejaVu Sans';
  const resvg: ResvgRenderOptions | undefined = fontFile
    ? {
        font: { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: family, sansSerifFamily: family },
        fitTo: { mode: 'zoom', value: options.scale ?? 2 },
        background: 'white',
      }
    : undefined;
  return {
    async render(spec: ChartSpec): Promise<Uint8Array> {
      if (!resvg) throw new Error(`no font file for charts (looked for ${options.fontFile ?? CHART_FONT_CANDIDATES.join(', ')})`);
      const view = new vega.View(vega.parse(compile(vegaLiteSpec(spec, family)).spec), { renderer: 'none' });
      let svg: string;
      try {
        svg = await view.toSVG();
      } finally {
        view.finalize();
      }
      const image = await renderAsync(svg, resvg);
      return new Uint8Array(image.asPng());
    },
  };
}
