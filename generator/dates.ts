/** Calendar arithmetic on UTC dates, so results never depend on the host time zone. */
const DAY_MS = 86_400_000;

export function parseDate(iso: string): number {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`invalid date '${iso}': expected YYYY-MM-DD`);
  return ms;
}

/** `YYYY-MM-DD` of the day `offset` days after `startIso`. */
export function isoDay(startIso: string, offset: number): string {
  return new Date(parseDate(startIso) + offset * DAY_MS).toISOString().slice(0, 10);
}

/** `YYYYMMDD`, as used in file names. */
export function compactDay(iso: string): string {
  return iso.replace(/-/g, '');
}

/** `HH:MM:SS` for every second of a day, built once and shared. */
export function clockTable(): string[] {
  const t: string[] = new Array(86_400);
  for (let s = 0; s < 86_400; s++) {
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const x = s % 60;
    t[s] = `${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}:${x < 10 ? '0' : ''}${x}`;
  }
  return t;
}
