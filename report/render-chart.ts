import type { TopLevelSpec } from 'vega-lite' with { 'resolution-mode': 'import' };

/** Vega and Vega-Lite are ES modules; this CommonJS project loads them once, on first use. */
let libraries: Promise<[typeof import('vega', { with: { 'resolution-mode': 'import' } }), typeof import('vega-lite', { with: { 'resolution-mode': 'import' } })]> | undefined;
const load = () => (libraries ??= Promise.all([import('vega'), import('vega-lite')]));

/**
 * Renders a Vega-Lite specification to an SVG string in Node, with no browser and no canvas: the
 * headless view lays out text with estimated widths, which is close enough for axis labels. The
 * SVG is what the report inlines, so the page needs no script to show its charts.
 */
export async function renderChartSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await load();
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
