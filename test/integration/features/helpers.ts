import fs from 'node:fs';
import type { ClickHouseClient } from '../../../clickhouse';
import { openTestEngine as openMigratedEngine } from '../../support/engine';

/** A migrated engine on a fresh temp dir, removed again by `close`. */
export async function openTestEngine(): Promise<{ ch: ClickHouseClient; close: () => Promise<void> }> {
  const { ch, home } = await openMigratedEngine();
  return {
    ch,
    close: async () => {
      await ch.close();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

/** One hand-written event; play_time / song_length may be NaN to mimic a raw 'nan'. */
export interface Ev {
  date: string;
  uid: number;
  event: 'P' | 'D' | 'S';
  device?: 'ar' | 'ip';
  song_id?: number | null;
  play_time?: number | null;
  song_length?: number | null;
}

export async function insertEvents(ch: ClickHouseClient, rows: Ev[]): Promise<void> {
  const plain = rows.filter((r) => !Number.isNaN(r.play_time) && !Number.isNaN(r.song_length));
  await ch.insert({
    table: 'events',
    values: plain.map((r, i) => ({
      date: r.date,
      uid: r.uid,
      event: r.event,
      device: r.device ?? 'ar',
      song_id: r.song_id ?? null,
      play_time: r.play_time ?? null,
      song_length: r.song_length ?? null,
      file_key: `${r.date}_${r.event}`,
      line_no: i,
    })),
    format: 'JSONEachRow',
    clickhouse_settings: { max_partitions_per_insert_block: '0' },
  });
  // JSON cannot carry NaN; these rows go one by one with the NaN chosen in SQL.
  for (const r of rows.filter((x) => !plain.includes(x))) {
    await ch.command({
      query: `INSERT INTO events (date, uid, event, device, song_id, play_time, song_length, file_key)
              SELECT {date:Date}, {uid:UInt64}, {event:String}, {device:String}, {song_id:Nullable(Int64)},
                     if({pt_nan:UInt8}, nan, {pt:Nullable(Float64)}), if({len_nan:UInt8}, nan, {len:Nullable(Float64)}), 'nan'`,
      query_params: {
        date: r.date,
        uid: r.uid,
        event: r.event,
        device: r.device ?? 'ar',
        song_id: r.song_id ?? null,
        pt_nan: Number.isNaN(r.play_time) ? 1 : 0,
        pt: Number.isNaN(r.play_time) ? null : (r.play_time ?? null),
        len_nan: Number.isNaN(r.song_length) ? 1 : 0,
        len: Number.isNaN(r.song_length) ? null : (r.song_length ?? null),
      },
    });
  }
}

export async function rows<T>(ch: ClickHouseClient, query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const rs = await ch.query({
    query,
    query_params: params,
    format: 'JSONEachRow',
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
  });
  return rs.json<T>();
}
