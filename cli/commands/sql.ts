import { Command } from 'commander';
import { resolveSettings } from '../../config/settings';
import { querySomehow } from '../query';

export function sqlCommand(): Command {
  return new Command('sql')
    .description('run a ClickHouse query on the configured engine and print the result')
    .argument('<query>', 'the SQL query')
    .option('-f, --format <format>', 'any ClickHouse output format (TSV, CSV, JSONEachRow, PrettyCompact, …)', 'PrettyCompact')
    .action(async (query: string, opts: { format: string }) => {
      const settings = resolveSettings();
      process.stdout.write(await querySomehow(settings, query, opts.format));
    });
}

