import type { NativeConnection } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTE_TYPES } from '../messages/search-attributes';

const INDEXED: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  Keyword: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Datetime: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
};

/**
 * Registers the search attributes the workflows set, when the server lacks them. Without them a
 * workflow's upsert fails its task over and over, so the run would hang instead of failing. The
 * local dev server has them from its start; on a cluster this is the first worker's job, and where
 * it may not (no operator rights), the warning says what to run.
 */
export async function ensureSearchAttributes(connection: NativeConnection, namespace: string, warn: (line: string) => void): Promise<void> {
  try {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = Object.entries(SEARCH_ATTRIBUTE_TYPES).filter(([name]) => !customAttributes?.[name]);
    if (missing.length === 0) return;
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: Object.fromEntries(missing.map(([name, type]) => [name, INDEXED[type]])) });
  } catch (err) {
    const commands = Object.entries(SEARCH_ATTRIBUTE_TYPES).map(([name, type]) => `temporal operator search-attribute create --name ${name} --type ${type}`);
    warn(`could not register the search attributes runs set (${String((err as Error).message ?? err).split('\n')[0]}); register them once with: ${commands.join('; ')}`);
  }
}
