import { ResolveRunWindowInput, type RunWindow } from '../../messages/run-window';
import { resolveRunWindow } from '../../services/run-window';
import { adapt } from '../adapter';
import type { SqlDeps } from '../deps';

/** Places a run in time from its as-of date, checking its windows against the ingested dates (services/run-window.ts). */
export function createResolveRunWindowActivity(deps: SqlDeps) {
  return (raw: ResolveRunWindowInput): Promise<RunWindow> => adapt(ResolveRunWindowInput, raw, (input) => resolveRunWindow(deps, input));
}
