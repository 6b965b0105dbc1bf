import crypto from 'node:crypto';
import { Command } from 'commander';
import { resolveSettings, type Settings } from '../../config/settings';
import { migrate, openClickHouse } from '../../clickhouse';
import { BuildRunFeaturesInput, type BuildRunFeaturesResult } from '../../messages/features';
import { buildRunFeatures } from '../../services/feature-stage';
import { featureStage } from '../../workflows';
import { deprecatedRunOption, runIdOf, runIdOption } from '../run-id-option';
import { newRunId } from '../run-ids';
import { startAndFollow } from '../start-and-follow';

const num = (v: string) => Number(v);

export function featuresCommand(): Command {
  return new Command('features')
    .description('run the feature stage alone on ingested data (cleaning, labels, features, ratings, scoring snapshot) and print the cleaning report')
    .addOption(runIdOption('run id keying the tables (default: a new one)'))
    .addOption(deprecatedRunOption())
    .option('--snapshot <date>', 'last day of the feature window, YYYY-MM-DD (default: the latest date whose label window the ingested data completes)')
    .option('--feature-days <n>', 'feature window length', num, 30)
    .option('--label-days <n>', 'label window length', num, 14)
    .option('--sample <ratio>', 'keep this share of users, in (0, 1]', num, 1)
    .option('--sample-seed <n>', 'seed of the user sample', num, 0)
    .option('--direct', 'run in this process instead of as a workflow (the embedded engine must not be held by a worker)', false)
    .action(async (opts: { runId?: string; run?: string; snapshot?: string; featureDays: number; labelDays: number; sample: number; sampleSeed: number; direct: boolean }) => {
      const settings = resolveSettings();
      const input: BuildRunFeaturesInput = {
        params: { runId: runIdOf(opts) ?? newRunId(), snapshotDate: opts.snapshot, featureDays: opts.featureDays, labelDays: opts.labelDays, sampleRatio: opts.sample, sampleSeed: opts.sampleSeed },
      };
      const result = opts.direct ? await direct(settings, input) : (await throughWorkflow(settings, input)).features;
      printCleaningReport(result);
    });
}

async function direct(settings: Settings, input: BuildRunFeaturesInput): Promise<BuildRunFeaturesResult> {
  const ch = await openClickHouse(settings);
  try {
    await migrate(ch);
    return await buildRunFeatures({ ch }, BuildRunFeaturesInput.parse(input));
  } finally {
    await ch.close();
  }
}

async function throughWorkflow(settings: Settings, input: BuildRunFeaturesInput) {
  const workflowId = `features-${input.params.runId}-${crypto.randomBytes(3).toString('hex')}`;
  return startAndFollow(settings, featureStage, { workflowId, args: [input], what: `the feature stage of run ${input.params.runId}` });
}

function printCleaningReport(r: BuildRunFeaturesResult): void {
  console.log(`run ${r.runId}: features at ${r.snapshotDate}`);
  console.log(`  ${r.labelled} labelled users, ${r.churned} churned; ${r.featureRows} feature rows; ${r.ratingRows} ratings (${r.matrixUsers} users with enough rated songs)`);
  if (r.scoringSnapshotDate) console.log(`  scoring snapshot at ${r.scoringSnapshotDate}: ${r.scoringRows} users`);
  console.log('  cleaning report:');
  for (const [k, v] of Object.entries(r.cleaning)) console.log(`    ${k.padEnd(22)} ${v}`);
  console.log(`  step ms: ${Object.entries(r.stepMs).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`  tables: run_features, run_labels, run_ratings, run_scoring_features, run_cleaning_report (run_id = '${r.runId}')`);
}
