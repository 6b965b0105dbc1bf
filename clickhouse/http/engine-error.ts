/** What a ClickHouse error carries: the numeric code as text, the type name, the message. */
export interface EngineErrorFields {
  code: string;
  type: string;
  message: string;
}

/**
 * An error the engine reports, with ClickHouse's code and type. The embedded engine's connection
 * and `@clickhouse/client` each bundle their own `ClickHouseError` class, so errors are recognised
 * by shape, not by class.
 */
export class EngineError extends Error {
  readonly code: string;
  readonly type: string;
  constructor(fields: EngineErrorFields) {
    super(fields.message);
    this.name = 'EngineError';
    this.code = fields.code;
    this.type = fields.type;
  }
}

/** The code, type and message of a ClickHouse error from either client, else undefined. */
export function engineErrorOf(err: unknown): EngineErrorFields | undefined {
  if (!(err instanceof Error)) return undefined;
  const { code, type } = err as Error & { code?: unknown; type?: unknown };
  if (typeof code !== 'string' || !/^\d+$/.test(code) || typeof type !== 'string') return undefined;
  return { code, type, message: err.message };
}

/** ClickHouse's own one-line rendering: `Code: 62. DB::Exception: … (SYNTAX_ERROR)`, what its clients parse. */
export function formatEngineError(e: EngineErrorFields): string {
  return `Code: ${e.code}. DB::Exception: ${e.message.replace(/\s+/g, ' ').trim()} (${e.type})`;
}
