import assert from 'node:assert/strict';
import { test } from 'node:test';
import { printPipelineResult } from '../../../cli/print-pipeline';
import { result } from '../report/hand-made-run';

test('the run summary prints thresholds and counts as people write them, and where the report is', () => {
  const lines: string[] = [];
  const hand = { ...result, features: { ...result.features, cleaning: { l99: 20724.139999999315, meanLen: 240.5, t99: 1000, meanPlay: 120.25, bots: 1234, botThreshold: 350.123456789012 } }, report: { report: 'hand/report.html', path: '/tmp/a/hand/report.html', charts: 12 } };
  printPipelineResult(hand, (l) => lines.push(l));
  const text = lines.join('\n');
  assert.match(text, /cleaning: L99 20,724, mean_len 240\.5, T99 1,000, mean_play 120\.3; 1,234 bots \(at or above 350\.1 plays\)/);
  assert.match(text, /10 labelled users, 2 churned \(20\.0 %\)/);
  assert.match(text, /gradient_boosting\s+0\.9000 {2}0\.600 {2}3\.0 s {3}← best/);
  assert.match(text, /scored 12 users, 3 at risk \(p ≥ 0\.5, 25\.0 %\)/);
  assert.match(text, /report \(12 charts\): \/tmp\/a\/hand\/report\.html/);
  assert.doesNotMatch(text, /\d\.\d{6,}/, 'no number with float noise');
});
