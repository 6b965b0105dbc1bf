import { z } from 'zod';
import { RunId } from './run-id';

export const SummariseActivityInput = z.object({ runId: RunId });
export type SummariseActivityInput = z.infer<typeof SummariseActivityInput>;
export const SummariseActivityResult = z.object({
  table: z.string(),
  /** Artifact key (path relative to the artifacts folder) of the Arrow export. */
  artifact: z.string(),
  users: z.number().int(),
  events: z.number().int(),
});
export type SummariseActivityResult = z.infer<typeof SummariseActivityResult>;

export const ProfileActivityInput = z.object({ runId: RunId, artifact: z.string() });
export type ProfileActivityInput = z.infer<typeof ProfileActivityInput>;

export const RunQueryInput = z.object({ query: z.string().min(1), format: z.string().min(1).default('PrettyCompact') });
export type RunQueryInput = z.infer<typeof RunQueryInput>;
export const RunQueryResult = z.object({ text: z.string(), truncated: z.boolean() });
export type RunQueryResult = z.infer<typeof RunQueryResult>;
