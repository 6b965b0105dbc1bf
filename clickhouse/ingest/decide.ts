import type { ClickHouseClient } from '@clickhouse/client';
import { contentHash, inspectFile } from '../../ingest/inspect-file';
import type { CandidateFile } from '../../ingest/scan-folder';
import { recordIngestedFiles, type IngestedFile } from './ingested-files';
import { noGoodLine, type FileOutcome } from './outcomes';

/**
 * Whether a file needs loading, or its outcome when it does not (unchanged, changed, unreadable).
 * `drift` says how the stored rows of an already recorded file disagree with its record: such a
 * file, unchanged, is loaded again (through staging, so the rows are replaced) to repair them.
 */
export async function decide(
  ch: ClickHouseClient,
  file: CandidateFile,
  prior: IngestedFile | undefined,
  replaceChanged: boolean,
  drift?: string,
): Promise<{ outcome: FileOutcome } | { hash?: string; note?: string }> {
  const base: FileOutcome = { file: file.path, fileKey: file.name.fileKey, status: 'unchanged' };
  const unchanged = (p: IngestedFile): FileOutcome => (p.counts.loaded === 0 ? noGoodLine(base, p.counts) : { ...base, status: 'unchanged' });
  if (prior && prior.path === file.path && prior.sizeBytes === file.sizeBytes && prior.mtimeMs === file.mtimeMs) {
    return drift ? { hash: prior.contentHash, note: `reloaded to repair its rows: ${drift}` } : { outcome: unchanged(prior) };
  }
  const problem = await inspectFile(file.path, file.name.compression === 'gzip');
  if (problem) return { outcome: { ...base, status: 'failed', message: problem } };
  if (!prior) return {};
  const hash = await contentHash(file.path);
  if (hash === prior.contentHash) {
    // Re-sent with identical content (touched, copied): remember its new mtime so the next run skips it cheaply.
    if (drift) return { hash, note: `reloaded to repair its rows: ${drift}` };
    await recordIngestedFiles(ch, [{ file, contentHash: hash, counts: prior.counts }]);
    return { outcome: unchanged(prior) };
  }
  if (!replaceChanged) {
    return {
      outcome: {
        ...base,
        status: 'changed',
        message: `content differs from the ${file.name.fileKey} ingested at ${prior.ingestedAt} (from ${prior.path}); not loaded: re-run with --replace-changed to replace that day's rows with this file`,
      },
    };
  }
  return { hash };
}
