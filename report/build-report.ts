import { formatCount } from '../format/numbers';
import type { ReportData } from './report-data';
import { renderChartSvg } from './render-chart';
import type { Block, Section } from './section';
import { churnSection } from './sections/churn-sections';
import { dataSections } from './sections/data-sections';
import { driftSection, headlineTable, historySection } from './sections/history-sections';
import { recsysSection } from './sections/recsys-sections';
import { REPORT_CSS } from './report-style';

/** The report's sections in reading order; sections the run left out (a branch not run) are absent. */
export function reportSections(data: ReportData): Section[] {
  const r = data.result;
  const sections: Section[] = [...dataSections(data.ingest, data.rejectReasons, data.cleaning, data.labels)];
  if (!r || r.churn || data.models.length > 0) sections.push(churnSection(data.models, data.grid, data.probabilities, r?.churn?.best));
  if (r?.recommendations) sections.push(recsysSection(r.recommendations));
  sections.push(historySection(data));
  sections.push(driftSection(data.drift, data.cleaning?.snapshotDate, r?.features.scoringSnapshotDate));
  return sections;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

async function blockHtml(block: Block): Promise<string> {
  switch (block.kind) {
    case 'note':
      return `<p class="note">${escape(block.text)}</p>`;
    case 'chart':
      return `<figure class="chart" id="chart-${block.id}"><figcaption><strong>${escape(block.title)}</strong></figcaption>${await renderChartSvg(block.spec)}<p class="read">${escape(block.caption)}</p></figure>`;
    case 'table': {
      const head = `<tr>${block.headers.map((h) => `<th>${escape(h)}</th>`).join('')}</tr>`;
      const body = block.rows
        .map((row) => `<tr${row.emphasis ? ' class="emphasis"' : ''}>${row.cells.map((c, i) => `<td${row.values?.[i] != null ? ` data-value="${row.values[i]}"` : ''}>${escape(c)}</td>`).join('')}</tr>`)
        .join('');
      return `<table id="table-${block.id}">${block.caption ? `<caption>${escape(block.caption)}</caption>` : ''}<thead>${head}</thead><tbody>${body}</tbody></table>`;
    }
  }
}

/**
 * The whole report as one HTML file: styles inline, every chart an inline SVG rendered here, no
 * script, font or image fetched when it is opened, so it reads the same from disk, mailed, or printed.
 */
export async function buildReportHtml(data: ReportData): Promise<{ html: string; charts: number }> {
  const sections = reportSections(data);
  const charts = sections.flatMap((s) => s.blocks).filter((b) => b.kind === 'chart').length;
  const parts: string[] = [];
  for (const s of sections) {
    const blocks: string[] = [];
    for (const b of s.blocks) blocks.push(await blockHtml(b));
    parts.push(`<section id="${s.id}"><h2>${escape(s.title)}</h2><p class="intro">${escape(s.intro)}</p>${blocks.join('\n')}</section>`);
  }
  const f = data.result?.features;
  const subtitle = f
    ? `Features as of ${f.snapshotDate}: ${formatCount(f.labelled)} labelled users${f.scoringSnapshotDate ? `; scored at ${f.scoringSnapshotDate}` : ''}.`
    : 'This run has no stored result (it did not finish, or finished before reports were written): the report shows what its tables hold.';
  const headline = data.comparison.length > 0 ? (await blockHtml(headlineTable(data.comparison.slice(0, 1)))).replace('id="table-headline"', 'id="table-summary"') : '';
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>musicbox run ${escape(data.runId)}</title><style>${REPORT_CSS}</style></head>
<body><header><h1>musicbox run <code>${escape(data.runId)}</code></h1><p>${escape(subtitle)}</p><p class="generated">Written ${escape(data.generatedAt)}.</p>${headline}
<nav><ol>${sections.map((s) => `<li><a href="#${s.id}">${escape(s.title)}</a></li>`).join('')}</ol></nav></header>
<main>${parts.join('\n')}</main></body></html>
`;
  return { html, charts };
}
