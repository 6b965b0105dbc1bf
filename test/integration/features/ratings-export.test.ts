import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { readRatings } from '../../../artifacts/ratings';
import { LocalFolderStore } from '../../../artifacts/store';
import { exportRatings } from '../../../clickhouse/features';
import { openTestEngine } from './helpers';

test('the ratings export is ordered by (uid, song_id) however the rows were written', async () => {
  const { ch, close } = await openTestEngine();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'musicbox-ratings-export-'));
  try {
    // Three inserts, three parts, each covering the whole uid range, so a plain read of the parts
    // returns the rows out of order. Another run's rows must stay out of the file.
    const triples: [number, number, number][] = [];
    for (let part = 0; part < 3; part++) {
      const values = [];
      for (let uid = 1; uid <= 4000; uid++) {
        const song = 10 * uid + part;
        triples.push([uid, song, 1 + ((uid + part) % 5)]);
        values.push({ run_id: 'ordered', uid, song_id: song, rating: 1 + ((uid + part) % 5) });
      }
      await ch.insert({ table: 'run_ratings', values, format: 'JSONEachRow' });
    }
    await ch.insert({ table: 'run_ratings', values: [{ run_id: 'other', uid: 2, song_id: 5, rating: 3 }], format: 'JSONEachRow' });
    const store = new LocalFolderStore(dir);
    await exportRatings(ch, 'ordered', store, 'ordered/ratings.arrows');
    const r = await readRatings(store, 'ordered/ratings.arrows');
    triples.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    assert.deepEqual(Array.from(r.uid), triples.map((t) => t[0]));
    assert.deepEqual(Array.from(r.songId), triples.map((t) => t[1]));
    assert.deepEqual(Array.from(r.rating), triples.map((t) => t[2]));
  } finally {
    await close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
