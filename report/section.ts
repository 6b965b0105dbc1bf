import type { TopLevelSpec } from 'vega-lite' with { 'resolution-mode': 'import' };

/** A chart: its Vega-Lite specification and the sentence that says what to read from it. */
export interface ChartBlock {
  kind: 'chart';
  /** Element id in the page (`chart-<id>`), stable for tests and links. */
  id: string;
  title: string;
  caption: string;
  spec: TopLevelSpec;
}

/** A table of already formatted cells; `values` keeps the raw numbers for readers that check them. */
export interface TableBlock {
  kind: 'table';
  id: string;
  caption?: string;
  headers: string[];
  rows: { cells: string[]; values?: (number | null)[]; emphasis?: boolean }[];
}

/** A sentence instead of a chart, when the run has nothing to draw (e.g. no line was rejected). */
export interface NoteBlock {
  kind: 'note';
  text: string;
}

export type Block = ChartBlock | TableBlock | NoteBlock;

export interface Section {
  id: string;
  title: string;
  /** One or two sentences on what the section is for. */
  intro: string;
  blocks: Block[];
}

/** Sizes and fonts every chart shares, so the page reads as one document (and prints on A4). */
const BASE = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  background: 'white',
  config: {
    font: 'Helvetica, Arial, sans-serif',
    view: { stroke: '#ddd' },
    // Feature and step names are long; the default limits cut them to an ellipsis.
    axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#eee', labelLimit: 400 },
    legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 320 },
    header: { labelFontSize: 12, titleFontSize: 12, labelLimit: 500 },
  },
} as const;

export function chart(id: string, title: string, caption: string, spec: Record<string, unknown>): ChartBlock {
  return { kind: 'chart', id, title, caption, spec: { ...BASE, ...spec } as TopLevelSpec };
}

export function note(text: string): NoteBlock {
  return { kind: 'note', text };
}
