import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Renders a Vega-Lite spec to an SVG string in Node, with no browser and no
 * network: the data must be inline (`data.values`).
 *
 * @example
 * const svg = await renderChart({ data: { values: [{ day: 1, n: 3 }] }, mark: 'line',
 *   encoding: { x: { field: 'day', type: 'quantitative' }, y: { field: 'n', type: 'quantitative' } } });
 */
export async function renderChart(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
