import type { TopLevelSpec } from 'vega-lite';

/**
 * Renders a Vega-Lite spec to an SVG string in Node, with no browser and no
 * network: the data must be inline (`data.values`).
 *
 * @example
 * const svg = await renderChart({ data: { values: [{ day: 1, n: 3 }] }, mark: 'line',
 *   encoding: { x: { field: 'day', type: 'quantitative' }, y: { field: 'n', type: 'quantitative' } } });
 */
export async function renderChart(spec: TopLevelSpec): Promise<string> {
  // Loaded here, not at the top: vega's canvas loader uses top-level await, which
  // would make `require('@quanzi/simulate')` fail with ERR_REQUIRE_ASYNC_MODULE.
  const [{ parse, View }, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
