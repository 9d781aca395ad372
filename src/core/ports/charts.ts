/**
 * The chart port: core describes a chart as plain data (ChartSpec) and a ChartRenderer turns it
 * into PNG bytes (src/charts/ renders it with Vega-Lite and resvg, server-side, with no browser or
 * network). Core puts the PNG in a Reply `image` block beside the text bars, which stay.
 */

/** One bar: a label and a fraction in [0, 1] (shown as a percentage). */
interface ChartBar {
  label: string;
  /** 0..1; values outside are clamped by the renderer. */
  value: number;
}

/** One day's answers for the answers-per-day chart. */
export interface ChartDay {
  /** Local date "YYYY-MM-DD". */
  date: string;
  answered: number;
  correct: number;
}

/** What a chart shows. */
export type ChartSpec =
  /** Horizontal bars of fractions, e.g. accuracy or readiness per exam domain, in the given order. */
  | { kind: 'bars'; title: string; /** The value axis' title, e.g. "Accuracy". */ measure: string; bars: ChartBar[] }
  /** Answers per day (right and wrong stacked), one column per date in the given order. */
  | { kind: 'daily'; title: string; days: ChartDay[] };

/** Renders charts to PNG. */
export interface ChartRenderer {
  /**
   * Render `spec` as a PNG image (about 720 px wide).
   * @throws when rendering fails (a missing font, a bug): callers keep their text bars and log it.
   */
  render(spec: ChartSpec): Promise<Uint8Array>;
}
