import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { writeRunReportFile } from '../../services/run-report';
import { listRuns } from '../../clickhouse/report/runs';
import { LocalFolderStore, openArtifactStore } from '../../artifacts/store';
import { rowsOf } from '../../clickhouse/report/rows';
import { artifactsDir, resolveSettings } from '../../config/settings';
import { RunId } from '../../messages/run-id';
import { withEngineClient } from '../query';

/** Opens a file with the desktop's viewer; says where it is when there is none (a server, a container). */
function openFile(file: string): void {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(opener, [file], { detached: true, stdio: 'ignore' });
  child.once('error', () => console.error(`could not start ${opener} to open the report; open ${file} in a browser`));
  child.unref();
}

export function reportCommand(): Command {
  return new Command('report')
    .description("write a run's self-contained HTML report (charts, tables, comparison with earlier runs) and print its path")
    .option('--run-id <id>', 'run to report on (default: the newest run)')
    .option('--out <file>', 'also copy the report to this file')
    .option('--open', 'open the report in the default browser')
    .action(async (opts: { runId?: string; out?: string; open?: boolean }) => {
      const settings = resolveSettings();
      const written = await withEngineClient(settings, async (client) => {
        const rows = rowsOf(client);
        const store = openArtifactStore(settings, client);
        let runId = opts.runId;
        if (runId !== undefined) {
          const parsed = RunId.safeParse(runId);
          if (!parsed.success) throw new Error(`--run-id '${runId}': ${parsed.error.issues[0].message}`);
        } else {
          const [newest] = await listRuns(rows);
          if (!newest) throw new Error('no run to report on yet: run the pipeline first (musicbox quickstart, or musicbox run --logs DIR)');
          runId = newest.runId;
        }
        const result = await writeRunReportFile(rows, store, runId);
        if (store instanceof LocalFolderStore) return result;
        // Kept in the engine: a copy on this machine, to open.
        const local = new LocalFolderStore(artifactsDir(settings));
        await local.put(result.report, await store.get(result.report));
        return { ...result, path: local.pathOf(result.report) };
      });
      let file = written.path;
      if (opts.out) {
        file = path.resolve(opts.out);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.copyFileSync(written.path, file);
      }
      console.log(`report (${written.charts} charts): ${file}`);
      if (opts.open) openFile(file);
    });
}
