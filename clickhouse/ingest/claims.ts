import { randomUUID } from 'node:crypto';
import type { ClickHouseClient, ClickHouseSettings } from '@clickhouse/client';

/** A claim not renewed for this long belonged to a process that died: another ingest may take it over. */
export const CLAIM_STALE_MS = 30_000;
/** How often a loader renews its claims (several renewals fit in CLAIM_STALE_MS). */
export const CLAIM_RENEW_MS = 5_000;

/** Someone else's live claim on a file key. */
export interface HeldClaim {
  fileKey: string;
  holder: string;
  since: string;
}

interface ChainRow {
  file_key: string;
  after: string;
  claim_id: string;
  action: 'claim' | 'release';
  holder: string;
  at: string;
  /** Milliseconds since the claim was made or last renewed, on the engine's clock. */
  idle_ms: string;
}

/**
 * One ingest's claims on file keys (see migration 0006). `holder` names the ingest for the
 * messages of the others (`ingest workflow X`, `musicbox ingest --direct, pid N`); a claim whose
 * holder is the same (the previous attempt of a retried activity, which Temporal gave up on) is
 * taken over at once instead of after CLAIM_STALE_MS.
 */
export class FileClaims {
  private readonly held = new Map<string, string>();
  private renewTimer?: NodeJS.Timeout;

  constructor(
    private readonly ch: ClickHouseClient,
    readonly holder: string,
  ) {}

  /** Claims what it can of `fileKeys`; returns the keys others hold live claims on. */
  async claim(fileKeys: string[]): Promise<HeldClaim[]> {
    const heads = await chainHeads(this.ch, fileKeys.filter((k) => !this.held.has(k)));
    const others: HeldClaim[] = [];
    for (const key of new Set(fileKeys)) {
      if (this.held.has(key)) continue;
      const head = heads.get(key);
      const free = !head || head.action === 'release' || head.holder === this.holder || Number(head.idle_ms) > CLAIM_STALE_MS;
      if (free && (await this.link(key, head?.claim_id ?? '', 'claim'))) continue;
      const now = (await chainHeads(this.ch, [key])).get(key);
      others.push({ fileKey: key, holder: now?.holder ?? head?.holder ?? 'another ingest', since: now?.at ?? head?.at ?? '' });
    }
    this.startRenewing();
    return others;
  }

  /** Gives up the claims on `fileKeys` (all held ones by default). */
  async release(fileKeys: string[] = [...this.held.keys()]): Promise<void> {
    for (const key of fileKeys) {
      const id = this.held.get(key);
      if (id === undefined) continue;
      this.held.delete(key);
      // Losing this race means another ingest took the claim over as stale: nothing left to give up.
      await this.link(key, id, 'release');
    }
    if (this.held.size === 0) this.stopRenewing();
  }

  /** Inserts the chain's next row after `after`; true when this row is the one that landed. */
  private async link(fileKey: string, after: string, action: 'claim' | 'release'): Promise<boolean> {
    const claimId = await insertLink(this.ch, { fileKey, after, action, holder: this.holder });
    if (claimId && action === 'claim') this.held.set(fileKey, claimId);
    return claimId !== undefined;
  }

  private startRenewing(): void {
    if (this.renewTimer || this.held.size === 0) return;
    this.renewTimer = setInterval(() => {
      const rows = [...this.held].map(([fileKey, claimId]) => ({ file_key: fileKey, after: claimId, claim_id: claimId, action: 'renew', holder: this.holder }));
      // A failed renewal is retried by the next tick; the claim only goes stale after several.
      this.ch
        .insert({ table: 'ingest_claims (file_key, after, claim_id, action, holder)', values: rows, format: 'JSONEachRow', clickhouse_settings: { insert_deduplication_token: randomUUID() } as ClickHouseSettings })
        .catch(() => undefined);
    }, CLAIM_RENEW_MS);
    this.renewTimer.unref();
  }

  private stopRenewing(): void {
    clearInterval(this.renewTimer);
    this.renewTimer = undefined;
  }
}

/** Inserts a chain's next row after `after`; returns its claim id when this row is the one that landed. */
async function insertLink(ch: ClickHouseClient, link: { fileKey: string; after: string; action: 'claim' | 'release'; holder: string }): Promise<string | undefined> {
  const claimId = randomUUID();
  await ch.insert({
    table: 'ingest_claims (file_key, after, claim_id, action, holder)',
    values: [{ file_key: link.fileKey, after: link.after, claim_id: claimId, action: link.action, holder: link.holder }],
    format: 'JSONEachRow',
    clickhouse_settings: { insert_deduplication_token: `${link.fileKey}|${link.after}`, insert_deduplicate: 1 } as ClickHouseSettings,
  });
  const [landed] = await (
    await ch.query({
      query: "SELECT claim_id FROM ingest_claims WHERE file_key = {key:String} AND after = {after:String} AND action != 'renew' LIMIT 1",
      query_params: { key: link.fileKey, after: link.after },
      format: 'JSONEachRow',
    })
  ).json<{ claim_id: string }>();
  return landed?.claim_id === claimId ? claimId : undefined;
}

/** The last link of each key's chain, with how long its claim has gone unrenewed. */
async function chainHeads(ch: ClickHouseClient, fileKeys: string[]): Promise<Map<string, ChainRow>> {
  if (fileKeys.length === 0) return new Map();
  const rows = await (
    await ch.query({
      query: `WITH links AS (SELECT * FROM ingest_claims WHERE file_key IN {keys:Array(String)} AND action != 'renew'),
                   renewed AS (SELECT claim_id, max(at) AS last FROM ingest_claims WHERE file_key IN {keys:Array(String)} GROUP BY claim_id)
              SELECT l.file_key, l.after, l.claim_id, toString(l.action) AS action, l.holder, toString(l.at) AS at,
                     dateDiff('millisecond', greatest(l.at, r.last), now64(3)) AS idle_ms
              FROM links AS l LEFT JOIN renewed AS r ON r.claim_id = l.claim_id
              WHERE l.claim_id NOT IN (SELECT after FROM links)`,
      query_params: { keys: fileKeys },
      format: 'JSONEachRow',
    })
  ).json<ChainRow>();
  return new Map(rows.map((r) => [r.file_key, r]));
}

/**
 * Releases every live claim: with the embedded engine, the process that opens it is the only one
 * that can load into it, so any claim found at its start belonged to a process that died.
 */
export async function releaseAbandonedClaims(ch: ClickHouseClient): Promise<number> {
  const keys = (await (await ch.query({ query: 'SELECT DISTINCT file_key FROM ingest_claims', format: 'JSONEachRow' })).json<{ file_key: string }>()).map((r) => r.file_key);
  const heads = [...(await chainHeads(ch, keys)).values()].filter((h) => h.action === 'claim');
  for (const h of heads) await insertLink(ch, { fileKey: h.file_key, after: h.claim_id, action: 'release', holder: 'sql worker start' });
  return heads.length;
}
