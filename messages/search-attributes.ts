import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Search attributes the workflows set, so runs can be found in the Web UI and with
 * `temporal workflow list --query "MusicboxAsOf = '2017-05-20T00:00:00Z'"`. The local dev server
 * registers them at start (temporal/dev-server.ts); a cluster needs them registered once
 * (`temporal operator search-attribute create`, see README).
 */
export const SEARCH_ATTRIBUTES = {
  runId: defineSearchAttributeKey('MusicboxRunId', SearchAttributeType.KEYWORD),
  asOf: defineSearchAttributeKey('MusicboxAsOf', SearchAttributeType.DATETIME),
  kind: defineSearchAttributeKey('MusicboxKind', SearchAttributeType.KEYWORD),
} as const;

/** Name=Type pairs in the form `temporal server start-dev --search-attribute` and `temporal operator search-attribute create` take. */
export const SEARCH_ATTRIBUTE_TYPES: Record<string, 'Keyword' | 'Datetime'> = {
  MusicboxRunId: 'Keyword',
  MusicboxAsOf: 'Datetime',
  MusicboxKind: 'Keyword',
};

/** Set by Temporal on a workflow a schedule started: the schedule's id and the tick's nominal time. */
export const SCHEDULED_BY = defineSearchAttributeKey('TemporalScheduledById', SearchAttributeType.KEYWORD);
export const SCHEDULED_START_TIME = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);
