import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildReportHtml } from '../../../report/build-report';
import { headlineOf } from '../../../report/sections/history-sections';
import { data, result } from './hand-made-run';

const CHARTS = ['ingest', 'rejects', 'cleaning', 'roc', 'grid', 'importance', 'probabilities', 'recsys', 'overlap', 'cold-start', 'trend', 'drift'];

test('the report of a hand-made run has every chart as inline SVG and nothing to fetch', async () => {
  const h = headlineOf(result, '2017-04-28');
  const { html, charts } = await buildReportHtml({ ...data, comparison: [{ role: 'this run', headline: h }], trend: [h] });
  assert.equal(charts, CHARTS.length);
  for (const id of CHARTS) {
    const start = html.indexOf(`<figure class="chart" id="chart-${id}">`);
    assert.ok(start >= 0, `chart ${id} is in the page`);
    const figure = html.slice(start, html.indexOf('</figure>', start));
    assert.match(figure, /<svg[^>]*class="marks"/, `chart ${id} is an inline SVG`);
    assert.match(figure, /<p class="read">[^<]+<\/p>$/, `chart ${id} says what to read from it`);
  }
  // No script, stylesheet, image or font comes from elsewhere: nothing that loads has a URL.
  assert.doesNotMatch(html, /<script|<link|<img|@import|url\((?!#)|src=/i, "only in-page references (url(#clip…))");
  // The thresholds read as people write them.
  assert.match(html, /<td data-value="20724.139999999315">20,724<\/td>/);
  assert.match(html, /<td data-value="350.123456789">350.1<\/td>/);
});

test('a run that left out recommendations has no recommendation section, and one without rejects says so', async () => {
  const { html } = await buildReportHtml({ ...data, result: { ...result, recommendations: undefined }, rejectReasons: [] });
  assert.doesNotMatch(html, /id="chart-recsys"/);
  assert.match(html, /No line was rejected\./);
  assert.match(html, /id="chart-roc"/);
});

test('a run without a stored result shows its tables and says what it cannot compare', async () => {
  const { html, charts } = await buildReportHtml({ ...data, result: undefined, models: [], grid: undefined, probabilities: [], drift: [] });
  // Only the feature stage's charts: lines per day, reject reasons, cleaning.
  assert.equal(charts, 3);
  assert.match(html, /This run has no stored result to compare\./);
  assert.match(html, /No churn model was trained in this run\./);
  assert.doesNotMatch(html, /id="table-headline"/);
});
