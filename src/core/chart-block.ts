/**
 * A chart as a Reply image block, or nothing: core asks the ChartRenderer (CoreDeps.charts) for a
 * PNG and puts it beside its text bars. No renderer, or a failed render (logged), gives no block,
 * so the reply still says everything in text.
 */
import type { Logger } from './ports/logger.js';
import type { ChartRenderer, ChartSpec } from './ports/charts.js';
import type { ReplyImage } from './reply.js';

/** What chartBlock needs. */
export interface ChartTools {
  charts?: ChartRenderer;
  logger: Logger;
}

/** The PNG of `spec` as an image block named `name` ("stats-topics.png") with `alt` text; undefined on no renderer or failure. */
export async function chartBlock(tools: ChartTools, spec: ChartSpec, name: string, alt: string): Promise<ReplyImage | undefined> {
  if (!tools.charts) return undefined;
  try {
    return { type: 'image', name, png: await tools.charts.render(spec), alt };
  } catch (err) {
    tools.logger.warn({ err, chart: name }, 'could not render a chart; the reply keeps its text bars');
    return undefined;
  }
}
