// Lint: type-aware rules for all TypeScript, and the workflow sandbox enforced on workflows/.
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'http', 'http2', 'https', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'timers', 'tls', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib'];

export default tseslint.config(
  { ignores: ['node_modules/', '.venv/', '.musicbox/', 'bench/.venv/', 'bench/out/', 'scratch/', 'bin/', '**/*.mjs', '**/*.py'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test registers tests through calls whose promises the runner itself awaits.
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] },
      ],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      'no-restricted-syntax': [
        'error',
        // In the workflow bundle, webpack resolves zod's iso.date to z.date(): every date string fails there.
        { selector: "MemberExpression[object.name='z'][property.name='iso']", message: 'z.iso.* misbehaves in the workflow bundle; use CalendarDate from messages/calendar-date' },
      ],
    },
  },
  {
    // Configuration is read once, in config/settings.ts, and handed on as a Settings value; code that
    // reads the environment itself escapes validation and the documented list of variables.
    // Tests and benchmarks set up environments for the processes they start, so they may read it.
    files: ['**/*.ts'],
    ignores: ['config/settings.ts', 'test/**', 'bench/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'read configuration through resolveSettings() (config/settings.ts), the one place that reads process.env' }],
    },
  },
  {
    // Workflow code is replayed in a deterministic sandbox: no Node built-ins, no I/O modules,
    // activities only as types (called through proxyActivities).
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.flatMap((m) => [m, `node:${m}`]).map((name) => ({ name, message: 'workflow code must be deterministic: no Node built-ins (move this into an activity)' })),
          patterns: [
            { group: ['node:*'], message: 'workflow code must be deterministic: no Node built-ins' },
            { group: ['../activities', '../activities/*', '../activities/**'], allowTypeImports: true, message: 'workflows import activities as types only (import type) and call them through proxyActivities' },
            { group: ['../clickhouse/**', '../clickhouse', '../ingest/**', '../generator/**', '../cli/**', '../workers/**', '../temporal/**', '../config/**', '@clickhouse/*', 'chdb', 'chdb/*', 'apache-arrow', '@temporalio/worker', '@temporalio/client', '@temporalio/activity'], message: 'workflow code may import only @temporalio/workflow, messages/ schemas and activity types' },
          ],
        },
      ],
    },
  },
);
