import fs from 'node:fs';
import path from 'node:path';
import { parseLogFileName, type LogFileName } from './file-name';

export interface CandidateFile {
  path: string;
  name: LogFileName;
  sizeBytes: number;
  mtimeMs: number;
}

/** A file that will not be loaded, and what the user should do about it. */
export interface FileProblem {
  file: string;
  message: string;
}

/** The raw-log folder named by the user does not exist or is not a folder. */
export class InvalidLogFolderError extends Error {
  readonly type = 'InvalidLogFolder';
  constructor(readonly folder: string, detail: string) {
    super(`${folder}: ${detail}`);
    this.name = 'InvalidLogFolderError';
  }
}

/**
 * Lists the raw logs of a folder (not recursive), in date order. Nothing is passed over in silence:
 * a name that is not a log's, an empty file, a folder or a broken link named like a log are each
 * reported instead of loaded. A link to a log is loaded (as the file it points to). Hidden files
 * and the generator's manifest.json are the only entries ignored.
 */
export function scanFolder(folder: string): { files: CandidateFile[]; problems: FileProblem[] } {
  let entries: fs.Dirent[];
  try {
    if (!fs.statSync(folder).isDirectory()) throw new InvalidLogFolderError(folder, 'is not a folder; pass the folder that holds the YYYYMMDD_N_kind.log files');
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch (err) {
    if (err instanceof InvalidLogFolderError) throw err;
    throw new InvalidLogFolderError(folder, 'no such folder; check the path (it must hold YYYYMMDD_N_{play,down,search}.log files)');
  }
  const files: CandidateFile[] = [];
  const problems: FileProblem[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'manifest.json') continue;
    const file = path.join(folder, entry.name);
    const name = parseLogFileName(entry.name);
    // A folder of other things (an archive of old logs, say) is not a log and not ours to judge.
    if (entry.isDirectory() && 'error' in name) continue;
    if ('error' in name) {
      problems.push({ file, message: `skipped: ${name.error}; rename it to the day it holds, e.g. 20170330_1_play.log` });
      continue;
    }
    const stat = statOf(file);
    if (!stat) {
      problems.push({ file, message: `skipped: a link to ${readLink(file)}, which does not exist; point it at the day's log or delete it` });
      continue;
    }
    if (stat.isDirectory()) {
      problems.push({ file, message: 'skipped: a folder named like a log; folders are not searched: move its logs up into this folder, or rename it' });
      continue;
    }
    if (!stat.isFile()) {
      problems.push({ file, message: 'skipped: not a regular file (a device, pipe or socket); copy the day\'s log here instead' });
      continue;
    }
    if (stat.size === 0) {
      problems.push({ file, message: 'skipped: the file is empty; replace it with the day\'s log or delete it' });
      continue;
    }
    files.push({ path: file, name, sizeBytes: stat.size, mtimeMs: stat.mtimeMs });
  }
  files.sort((a, b) => a.name.date.localeCompare(b.name.date) || a.name.fileKey.localeCompare(b.name.fileKey));
  return { files, problems };
}

/** The entry's own status, following links; undefined for a broken link. */
function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

function readLink(file: string): string {
  try {
    return fs.readlinkSync(file);
  } catch {
    return 'nothing';
  }
}
