import crypto from 'node:crypto';
import path from 'node:path';

/**
 * Workflow id of the ingest of a folder, derived from its absolute path: Temporal then refuses a
 * second ingest of the folder while one runs, and the second command follows the first instead.
 * The folder's name keeps the id readable; the hash keeps it unique and free of odd characters.
 */
export function ingestWorkflowId(dir: string): string {
  const resolved = path.resolve(dir);
  const readable = path.basename(resolved).replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 40);
  return `ingest-${readable}-${crypto.createHash('sha256').update(resolved).digest('hex').slice(0, 16)}`;
}
