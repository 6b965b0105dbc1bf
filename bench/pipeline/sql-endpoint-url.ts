/**
 * Prints the ClickHouse URL (token included) a training worker on another machine needs, from the
 * SQL worker's state folder: `CLICKHOUSE_URL=$(node --import tsx bench/pipeline/sql-endpoint-url.ts <home>)`.
 */
import { clickHouseUrlOf, readSqlEndpoint } from '../../clickhouse/http/endpoint-file';

const home = process.argv[2];
if (!home) throw new Error('usage: sql-endpoint-url.ts <MUSICBOX_HOME of the SQL worker>');
const endpoint = readSqlEndpoint(home);
if (!endpoint) throw new Error(`no SQL worker endpoint in ${home}: start the SQL worker with MUSICBOX_SQL_HTTP set`);
console.log(clickHouseUrlOf(endpoint));
