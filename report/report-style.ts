/**
 * The report's only style sheet, inlined: system fonts (nothing to fetch), tables that line
 * numbers up, and print rules that keep each chart whole on a page and drop the navigation.
 */
export const REPORT_CSS = `
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #222; max-width: 980px; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.25rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; margin-top: 2.5rem; }
code { font-size: .95em; } .generated { color: #777; font-size: .85rem; margin-top: 0; }
nav ol { columns: 2; padding-left: 1.2rem; } .intro { color: #444; } .note { color: #777; font-style: italic; }
figure.chart { margin: 1.5rem 0; } figure.chart svg { max-width: 100%; height: auto; display: block; }
figcaption { margin-bottom: .4rem; } .read { color: #444; font-size: .9rem; margin-top: .3rem; }
table { border-collapse: collapse; margin: 1rem 0; font-size: .9rem; } caption { caption-side: bottom; text-align: left; color: #555; font-size: .85rem; padding-top: .3rem; }
th, td { padding: .25rem .6rem; border-bottom: 1px solid #eee; text-align: left; } td[data-value] { text-align: right; font-variant-numeric: tabular-nums; }
tr.emphasis td { font-weight: 600; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; } nav { display: none; }
  figure.chart, table { break-inside: avoid; } h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;
