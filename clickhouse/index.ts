export { openClickHouse, describeEngine, isEmbedded, type ClickHouseClient } from './client';
export { migrate } from './migrate';
export { ClickHouseUnavailableError, EmbeddedEngineLockedError } from './errors';
