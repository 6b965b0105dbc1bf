import type { z } from 'zod';

/**
 * Readable description of why a workflow input failed its schema: each issue with its path, and an
 * unknown key with the known key it most likely meant (`logdir` → `logsDir`), so a typo in a JSON
 * input given to `temporal workflow start` is an error that says what to write instead.
 */
export function describeInputIssues(schema: z.ZodType, issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const where = issue.path.map(String).join('.');
      if (issue.code !== 'unrecognized_keys') return `${where || '(input)'}: ${issue.message}`;
      const known = objectKeysAt(schema, issue.path);
      return issue.keys
        .map((key) => {
          const at = where ? `${where}.${key}` : key;
          const guess = known.find((k) => similar(k, key));
          return `unknown key '${at}'${guess ? ` (did you mean '${guess}'?)` : known.length > 0 ? ` (known keys: ${known.join(', ')})` : ''}`;
        })
        .join('; ');
    })
    .join('; ');
}

/** Keys of the object schema found by following `path` through objects, arrays and wrappers. */
function objectKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s: unknown = schema;
  const unwrap = () => {
    for (;;) {
      const def = (s as { _zod?: { def?: { innerType?: unknown; in?: unknown } } })._zod?.def;
      if (def?.innerType) s = def.innerType;
      else if (def?.in) s = def.in;
      else return;
    }
  };
  unwrap();
  for (const step of path) {
    const def = (s as { _zod: { def: { type: string; shape?: Record<string, unknown>; element?: unknown; options?: unknown[] } } })._zod.def;
    if (def.type === 'object' && def.shape) s = def.shape[String(step)];
    else if (def.type === 'array') s = def.element;
    // A union of a keyword and a list (`grid: 'seed' | GridCell[]`): an index steps into the list.
    else if (def.type === 'union') s = (def.options?.find((o) => (o as { _zod: { def: { type: string } } })._zod.def.type === 'array') as { _zod: { def: { element?: unknown } } } | undefined)?._zod.def.element;
    else return [];
    if (!s) return [];
    unwrap();
  }
  const def = (s as { _zod: { def: { type: string; shape?: Record<string, unknown> } } })._zod.def;
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/** Same letters ignoring case, or one edit apart (a letter missing, extra or changed). */
function similar(known: string, typed: string): boolean {
  const a = known.toLowerCase();
  const b = typed.toLowerCase();
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return a.slice(i + 1) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i) || a.slice(i) === b.slice(i + 1);
}
