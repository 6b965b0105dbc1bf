import fs from 'node:fs';
import path from 'node:path';
import { extractArchive } from '../../ingest/extract-archive';
import { parseLogFileName } from '../../ingest/file-name';
import type { CandidateFile } from '../../ingest/scan-folder';
import { oneLine, type FileOutcome } from './outcomes';

/** Replaces each `.tar.gz` by the raw logs inside it, unpacked into the temporary folder; what cannot be read goes to `outcomes`. */
export async function expandArchives(files: CandidateFile[], tmpDir: string, outcomes: FileOutcome[]): Promise<CandidateFile[]> {
  const out: CandidateFile[] = [];
  for (const file of files) {
    if (file.name.compression !== 'tar.gz') {
      out.push(file);
      continue;
    }
    try {
      const inner = await extractArchive(file.path, path.join(tmpDir, path.basename(file.path)));
      if (inner.length === 0) outcomes.push({ file: file.path, status: 'failed', message: 'the archive holds no file; recreate it with tar czf from the day\'s logs' });
      for (const p of inner) {
        const name = parseLogFileName(path.basename(p));
        if ('error' in name) outcomes.push({ file: `${file.path}:${path.basename(p)}`, status: 'failed', message: `skipped: ${name.error}` });
        else if (name.compression !== 'none') outcomes.push({ file: `${file.path}:${path.basename(p)}`, status: 'failed', message: 'skipped: nested archives are not read; unpack it first' });
        else {
          const stat = fs.statSync(p);
          out.push({ path: p, name, sizeBytes: stat.size, mtimeMs: stat.mtimeMs });
        }
      }
    } catch (err) {
      outcomes.push({ file: file.path, status: 'failed', message: `the archive cannot be read (${oneLine(err)}); recreate it with tar czf` });
    }
  }
  return out;
}
