import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { artifactsDir } from '../../config/settings';
import { formatCount, formatScore } from '../../format/numbers';
import { generateLogs } from '../../generator';
import type { PipelineResult } from '../../messages/pipeline';
import { TASK_QUEUES } from '../../messages/task-queues';
import { PROJECT_ROOT } from '../../temporal/binary';
import { churnPipeline, featureStage } from '../../workflows';
import { launchChromium } from '../support/browser';
import { tempHome } from '../support/engine';
import { useWorkflowStack } from '../support/stack';

let first: PipelineResult;
let second: PipelineResult;
let historyOfSecond: Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['fetchHistory']>>;

const musicbox = (...args: string[]) => execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'musicbox.js'), ...args], { encoding: 'utf8', env: { ...process.env, MUSICBOX_HOME: stack.settings.home } });

const stack = useWorkflowStack(async () => {
  const logs = tempHome('musicbox-report-logs-');
  await generateLogs({ outDir: logs, users: 300, days: 44, seed: 11 });
  const churn = { grid: [{ nTrees: 5, maxDepth: 4, minSamplesLeaf: 5, maxFeatures: 'sqrt' as const }, { nTrees: 5, maxDepth: 2, minSamplesLeaf: 5, maxFeatures: 'sqrt' as const }], folds: 2 };
  first = await stack.client.workflow.execute(churnPipeline, { taskQueue: TASK_QUEUES.workflows, workflowId: 'report-first', args: [{ runId: 'report-first', asOf: 'latest', logsDir: logs, churn }] });
  const handle = await stack.client.workflow.start(churnPipeline, { taskQueue: TASK_QUEUES.workflows, workflowId: 'report-second', args: [{ runId: 'report-second', asOf: 'latest', churn }] });
  second = await handle.result();
  historyOfSecond = await handle.fetchHistory();
  // A run that stops after its feature stage: listed, but not completed. Such a run is dated by its
  // table part's modification time, which has whole seconds: start it in the next second, so that
  // "newest first" has one answer.
  await new Promise((r) => setTimeout(r, 1100));
  await stack.client.workflow.execute(featureStage, { taskQueue: TASK_QUEUES.workflows, workflowId: 'report-partial', args: [{ params: { runId: 'report-partial' } }] });
});

test('the pipeline writes its report last, its path in the result and in the step summary', () => {
  assert.ok(second.report);
  assert.equal(second.report.report, 'report-second/report.html');
  assert.equal(second.report.path, path.join(artifactsDir(stack.settings), 'report-second', 'report.html'));
  assert.ok(fs.statSync(second.report.path).size > 0);
  const events = historyOfSecond.events ?? [];
  const scheduled = events.filter((e) => e.activityTaskScheduledEventAttributes);
  const last = scheduled[scheduled.length - 1];
  assert.equal(last.activityTaskScheduledEventAttributes?.activityType?.name, 'writeRunReport');
  const summary = last.userMetadata?.summary ? defaultPayloadConverter.fromPayload<string>(last.userMetadata.summary as never) : undefined;
  assert.equal(summary, 'HTML report: artifacts/report-second/report.html');
});

test('musicbox runs lists every run newest first, with the numbers of their results', () => {
  const all = JSON.parse(musicbox('runs', '--json')) as { runId: string; status: string; asOf: string; bestModel: string | null; bestTestAuc: number | null; blendNdcg: number | null; champion: boolean }[];
  assert.deepEqual(all.map((r) => r.runId), ['report-partial', 'report-second', 'report-first']);
  // As of the end of the label window: the seed's snapshot 2017-04-28 plus 14 days.
  assert.deepEqual(all[0], { ...all[0], status: 'incomplete', asOf: '2017-05-12', bestModel: null, bestTestAuc: null, blendNdcg: null, champion: false });
  const runs = all.slice(1);
  for (const [row, result] of [[runs[0], second], [runs[1], first]] as const) {
    assert.equal(row.status, 'completed');
    assert.equal(row.asOf, '2017-05-12');
    assert.equal(row.bestModel, result.churn?.best);
    assert.equal(row.bestTestAuc, result.churn?.models.find((m) => m.name === result.churn?.best)?.testAuc);
    assert.equal(row.blendNdcg, result.recommendations?.models.find((m) => m.name === 'blend')?.ranking.ndcg);
  }
  // The champion pointer: the first run became champion as there was none; a later pipeline run does not move it (only the service's guard, promote or rollback do).
  assert.deepEqual(runs.map((r) => r.champion), [false, true]);
  const table = musicbox('runs');
  assert.match(table.split('\n')[1], /^report-partial\s+2017-05-12\s+incomplete\s+–\s+–\s+–$/);
  assert.match(table.split('\n')[2], new RegExp(`^report-second\\s+2017-05-12\\s+completed\\s+${second.churn?.best}\\s+${formatScore(runs[0].bestTestAuc).replace('.', '\\.')}`));
});

test('musicbox report writes the same report again for an earlier run, and a copy where asked', () => {
  const out = path.join(tempHome('musicbox-report-out-'), 'first.html');
  const printed = musicbox('report', '--run-id', 'report-first', '--out', out);
  assert.match(printed, /report \(12 charts\): .*first\.html/);
  assert.match(fs.readFileSync(out, 'utf8'), /<h1>musicbox run <code>report-first<\/code><\/h1>/);
  // A run that never finished reports what its tables hold.
  const partial = musicbox('report', '--run-id', 'report-partial');
  const html = fs.readFileSync(path.join(artifactsDir(stack.settings), 'report-partial', 'report.html'), 'utf8');
  // Data accounting, reject reasons and cleaning: nothing past the feature stage.
  assert.match(partial, /report \(3 charts\)/);
  assert.match(html, /This run has no stored result/);
  assert.match(html, /No churn model was trained in this run\./);
});

test('in a real browser the report opens from disk offline, every chart drawn, its numbers the run\'s', async () => {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(second.report!.path).href);
    assert.deepEqual(requests, [], 'no request leaves the page');
    assert.deepEqual(errors, [], 'no console error');

    // Every chart has drawn marks: some mark group of its SVG holds at least one shape.
    const marks = await page.$$eval('figure.chart', (figures) =>
      figures.map((f) => ({ id: f.id, shapes: f.querySelectorAll('svg g.role-mark > path, svg g.role-mark > line, svg g.role-mark > text, svg g.role-mark > g').length })),
    );
    assert.deepEqual(marks.map((m) => m.id).sort(), ['chart-cleaning', 'chart-cold-start', 'chart-drift', 'chart-grid', 'chart-importance', 'chart-ingest', 'chart-overlap', 'chart-probabilities', 'chart-recsys', 'chart-rejects', 'chart-roc', 'chart-trend'].sort());
    for (const m of marks) assert.ok(m.shapes > 0, `${m.id} has drawn marks`);

    // One ROC line per trained model.
    const lines = await page.$$eval('#chart-roc g.mark-line.role-mark > path', (paths) => paths.length);
    assert.equal(lines, second.churn!.models.length);

    // The headline table holds this run's numbers, as printed and as raw values, and the previous run beside it.
    const headline = await page.$$eval('#table-headline tbody tr', (rows) => rows.map((r) => Array.from(r.querySelectorAll('td'), (td: { textContent: string | null; getAttribute(name: string): string | null }) => ({ text: td.textContent, value: td.getAttribute('data-value') }))));
    const row = (label: string) => headline.find((cells) => cells[0].text === label)!;
    const best = second.churn!.models.find((m) => m.name === second.churn!.best)!;
    const blend = second.recommendations!.models.find((m) => m.name === 'blend')!;
    assert.deepEqual(row('best test AUC').slice(1).map((c) => c.text), [formatScore(best.testAuc), formatScore(first.churn!.models.find((m) => m.name === first.churn!.best)!.testAuc)]);
    assert.equal(Number(row('best test AUC')[1].value), best.testAuc);
    assert.equal(Number(row('blend NDCG@10')[1].value), blend.ranking.ndcg);
    assert.equal(row('users scored')[1].text, formatCount(second.churn!.scored));
    assert.equal(row('users at risk')[1].text, formatCount(second.churn!.atRisk));
    const headers = await page.$$eval('#table-headline thead th', (ths) => ths.map((th) => th.textContent));
    assert.deepEqual(headers, ['', 'this run: report-second', 'previous run (champion): report-first']);
    // The first run ingested the logs; the second read the same days: the accounting adds up to the ingest step's counts.
    assert.match((await page.textContent('#data .intro')) ?? '', new RegExp(`${formatCount(first.ingest!.loaded)} rows loaded \\(${formatCount(first.ingest!.repaired)} of them repaired\\), ${formatCount(first.ingest!.rejected)} lines rejected`));

    const shot = path.join(tempHome('musicbox-report-screenshot-'), 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    assert.ok(fs.statSync(shot).size > 10_000);
    console.log(`# report screenshot: ${shot}`);
  } finally {
    await browser.close();
  }
});

test('a report that cannot be written leaves the run completed, its result saying why', async () => {
  // A folder where the report file goes: every attempt's rename fails the same way.
  fs.mkdirSync(path.join(artifactsDir(stack.settings), 'report-blocked', 'report.html'), { recursive: true });
  const blocked = await stack.client.workflow.execute(churnPipeline, { taskQueue: TASK_QUEUES.workflows, workflowId: 'report-blocked', args: [{ runId: 'report-blocked', asOf: 'latest', branches: ['recommendations'] }] });
  assert.equal(blocked.report, undefined);
  assert.match(blocked.reportError ?? '', /report\.html/);
  assert.ok(blocked.recommendations && blocked.recommendations.rows > 0, 'the published lists stand');
  const runs = JSON.parse(musicbox('runs', '--json')) as { runId: string; status: string }[];
  assert.equal(runs.find((r) => r.runId === 'report-blocked')?.status, 'completed');
});
