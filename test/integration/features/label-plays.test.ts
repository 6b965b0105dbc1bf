import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { readLabelPlays } from '../../../artifacts/label-plays';
import { LocalFolderStore } from '../../../artifacts/store';
import { buildFeatures, exportLabelPlays, trainingContextOf } from '../../../clickhouse/features';
import { insertEvents, openTestEngine, type Ev } from './helpers';

// end = 2017-04-28, F = [03-30, 04-28], L = [04-29, 05-12].
const play = (uid: number, date: string, song_id: number | null): Ev => ({ date, uid, event: 'P', device: 'ar', song_id, song_length: 100, play_time: 90 });
const events: Ev[] = [
  // A (1) rates 10 and 11 in F; in L plays 11 again (rated), 12 twice, and songs that are no songs.
  play(1, '2017-04-10', 10),
  play(1, '2017-04-11', 11),
  play(1, '2017-05-01', 11),
  play(1, '2017-05-02', 12),
  play(1, '2017-05-03', 12),
  play(1, '2017-05-05', null),
  play(1, '2017-05-05', 0),
  { date: '2017-05-04', uid: 1, event: 'D', device: 'ar', song_id: 13 }, // a download is not a play
  { date: '2017-05-03', uid: 1, event: 'S', device: 'ar' },
  // B (2) is active only in L: no ratings, so not judged.
  play(2, '2017-05-06', 14),
  // C (3) rates 20 by downloading it; in L plays 20 (rated), 21, and 22 on the last day.
  { date: '2017-04-20', uid: 3, event: 'D', device: 'ip', song_id: 20 },
  play(3, '2017-05-07', 20),
  play(3, '2017-05-08', 21),
  play(3, '2017-05-12', 22),
  // D (4) searches on the first day; a heavy player (9) is the bot, so nobody above is one.
  { date: '2017-03-30', uid: 4, event: 'S', device: 'ar' },
  ...Array.from({ length: 50 }, (): Ev => play(9, '2017-04-20', 30)),
];

test('label plays: songs each rated user newly plays in the label window, once each', async () => {
  const { ch, close } = await openTestEngine();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'musicbox-label-plays-'));
  try {
    await insertEvents(ch, events);
    await buildFeatures(ch, await trainingContextOf(ch, { runId: 'lp', snapshotDate: '2017-04-28' }), { scoring: false });
    const store = new LocalFolderStore(dir);
    await exportLabelPlays(ch, 'lp', store, 'lp/label-plays.arrows');
    const plays = await readLabelPlays(store, 'lp/label-plays.arrows');
    // The export promises no order: compare as a sorted list of pairs.
    const pairs = Array.from(plays.uid, (uid, i) => [uid, plays.songId[i]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    assert.deepEqual(pairs, [
      [1, 12],
      [3, 21],
      [3, 22],
    ]);
  } finally {
    await close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
