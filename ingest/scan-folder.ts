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
 * Lists the raw logs of a folder (not recursive), in date order. Files whose names do not carry a
 * valid date, and empty files, are reported instead of loaded; hidden files are ignored.
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
    if (!entry.isFile() || entry.name.startsWith('.') || entry.name === 'manifest.json') continue;
    const file = path.join(folder, entry.name);
    const name = parseLogFileName(entry.name);
    if ('error' in name) {
      problems.push({ file, message: `skipped: ${name.error}; rename it to the day it holds, e.g. 20170330_1_play.log` });
      continue;
    }
    const stat = fs.statSync(file);
    if (stat.size === 0) {
      problems.push({ file, message: 'skipped: the file is empty; replace it with the day\'s log or delete it' });
      continue;
    }
    files.push({ path: file, name, sizeBytes: stat.size, mtimeMs: stat.mtimeMs });
  }
  files.sort((a, b) => a.name.date.localeCompare(b.name.date) || a.name.fileKey.localeCompare(b.name.fileKey));
  return { files, problems };
}
