import { Command } from 'commander';
import { resolveSettings } from '../../config/settings';
import { queryEngine } from '../query';

export function sqlCommand(): Command {
  return new Command('sql')
    .description(
      'run one ClickHouse query on the configured engine and print the result; read-only unless --write ' +
        '(while the stack runs, the query goes to the SQL worker over ClickHouse\'s HTTP interface)',
    )
    .argument('<query>', 'the SQL query')
    .option('-f, --format <format>', 'any ClickHouse output format (TSV, CSV, JSONEachRow, PrettyCompact, …)', 'PrettyCompact')
    .option('--write', 'allow writes (INSERT, ALTER, CREATE, …), SET, INTO OUTFILE and table functions that reach files, URLs or other servers')
    .action(async (query: string, opts: { format: string; write?: boolean }) => {
      process.stdout.write(await queryEngine(resolveSettings(), query, opts.format, { write: opts.write ?? false }));
    });
}
