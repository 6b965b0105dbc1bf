import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { z } from 'zod';
import { CalendarDate } from '../../../messages/calendar-date';
import { describeInputIssues } from '../../../messages/input-issues';
import { IngestLogsInput } from '../../../messages/activities';
import { BuildRunFeaturesInput } from '../../../messages/features';
import { PipelineInput } from '../../../messages/pipeline';
import { ScoreRunInput } from '../../../messages/score-run';
import { ScheduledRetrainInput, ServiceInput } from '../../../messages/service';

test('a calendar date is a real day written YYYY-MM-DD', () => {
  for (const ok of ['2017-04-28', '2016-02-29', '2000-02-29', '1999-12-31']) assert.equal(CalendarDate.safeParse(ok).success, true, ok);
  for (const bad of ['2017-02-29', '1900-02-29', '2017-04-31', '2017-13-01', '2017-4-28', '20170428', '2017-04-28T00:00:00Z', ' 2017-04-28', '']) {
    assert.equal(CalendarDate.safeParse(bad).success, false, bad);
  }
});

const issues = (input: unknown) => {
  const r = PipelineInput.safeParse(input);
  assert.equal(r.success, false);
  return describeInputIssues(PipelineInput, r.error!.issues);
};

test('an unknown key is named with its path and the key it most likely meant', () => {
  assert.equal(issues({ runId: 'a', logdir: '/x' }), "unknown key 'logdir' (did you mean 'logsDir'?)");
  assert.equal(issues({ runId: 'a', features: { snapshotdate: '2017-04-28' } }), "unknown key 'features.snapshotdate' (did you mean 'snapshotDate'?)");
  // One letter changed, missing or extra.
  assert.match(issues({ runId: 'a', brenches: ['churn'] }), /did you mean 'branches'/);
  assert.match(issues({ runId: 'a', churn: { fold: 3 } }), /unknown key 'churn.fold' \(did you mean 'folds'\?\)/);
  // Nothing close: the known keys of that object are listed instead.
  assert.equal(
    issues({ runId: 'a', recommendations: { weights: { popularity: 0.2, itemItem: 0.2, matrixFactorisation: 0.6, svd: 0 } } }),
    "unknown key 'recommendations.weights.svd' (known keys: popularity, itemItem, matrixFactorisation)",
  );
  assert.equal(
    issues({ runId: 'a', churn: { grid: [{ nTrees: 1, maxDepth: 2, minSamplesLeaf: 3, depth: 4 }] } }),
    "unknown key 'churn.grid.0.depth' (known keys: nTrees, maxDepth, minSamplesLeaf, maxFeatures)",
  );
  // Other problems keep zod's message, with their path.
  assert.match(issues({ runId: 'a', features: { snapshotDate: '2017-02-30' } }), /^features\.snapshotDate: use a calendar date YYYY-MM-DD$/);
});

test('the inputs of every committed history are still accepted as they are', () => {
  const schemas: Record<string, z.ZodType> = {
    churnPipeline: PipelineInput,
    featureStage: BuildRunFeaturesInput,
    logIngest: IngestLogsInput,
    musicboxService: ServiceInput,
    scheduledRetrain: ScheduledRetrainInput,
    scoreCurrentUsers: ScoreRunInput,
  };
  const dir = path.resolve(__dirname, '../../histories');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
  assert.ok(files.length >= 5);
  for (const file of files) {
    const started = (JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as History).events[0].workflowExecutionStartedEventAttributes;
    const schema = schemas[started.workflowType.name];
    assert.ok(schema, `${file}: ${started.workflowType.name} has an input schema`);
    for (const p of started.input?.payloads ?? []) {
      const input = JSON.parse(Buffer.from(p.data, 'base64').toString('utf8')) as unknown;
      const r = schema.safeParse(input);
      assert.ok(r.success, `${file}: ${r.error ? describeInputIssues(schema, r.error.issues) : ''}`);
    }
  }
});

interface History {
  events: { workflowExecutionStartedEventAttributes: { workflowType: { name: string }; input?: { payloads: { data: string }[] } } }[];
}
