import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ingestFolder } from '../../../clickhouse/ingest/ingest-folder';
import type { ClickHouseClient } from '../../../clickhouse';
import { openTestEngine, RAW_SAMPLES, rows, tempHome } from '../../support/engine';

let ch: ClickHouseClient;
let tmpDir: string;
before(async () => {
  ({ ch } = await openTestEngine());
  tmpDir = tempHome();
});
after(() => ch.close());

/** An independent count of the samples: field counts per physical line, as a person reads them. */
function classify(file: string, expected: number) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop(); // the final newline ends the last line
  const fields = lines.map((l) => (l === '' ? 0 : l.split('\t').length));
  return { lines: lines.length, blank: fields.filter((n) => n === 0).length, exact: fields.filter((n) => n === expected).length };
}

test('every line of the real samples is loaded, repaired or rejected with a reason', async () => {
  const summary = await ingestFolder(ch, RAW_SAMPLES, { via: 'path', tmpDir });
  const byKey = Object.fromEntries(summary.outcomes.map((o) => [o.fileKey, o.counts!]));

  // play: 1001 lines. Line 1001 is blank; lines 804 and 805 start with an extra tab and line 836
  // carries five extra empty fields (all three repaired); lines 23, 200 and 244 hold text such as
  // "7>(123.138.230.80)TM" where play_time should be (rejected); the other 994 lines are clean.
  assert.deepEqual(byKey['20170330_1_play.log'], { lines: 1001, blank: 1, loaded: 997, repaired: 3, splitRecords: 0, rejected: 3 });
  // down: 1000 lines; four records are broken over two lines (275-276, 284-285, 415-416, 571-572).
  assert.deepEqual(byKey['20170330_1_down.log'], { lines: 1000, blank: 0, loaded: 996, repaired: 4, splitRecords: 4, rejected: 0 });
  assert.deepEqual(byKey['20170330_1_search.log'], { lines: 1000, blank: 0, loaded: 1000, repaired: 0, splitRecords: 0, rejected: 0 });

  // Cross-check against the independent field count: clean lines = exact field count minus rejects.
  const play = classify(path.join(RAW_SAMPLES, '20170330_1_play.log'), 9);
  assert.equal(play.lines, 1001);
  assert.equal(play.blank, 1);
  assert.equal(play.exact - 3 + 3, byKey['20170330_1_play.log'].loaded); // 994 clean + 3 repaired
  const down = classify(path.join(RAW_SAMPLES, '20170330_1_down.log'), 6);
  assert.equal(down.exact + 4, 996);

  const rejects = await rows<{ line_no: number; reason: string }>(ch, 'SELECT line_no, reason FROM rejects ORDER BY line_no');
  assert.deepEqual(rejects, [
    { line_no: 23, reason: 'bad_play_time' },
    { line_no: 200, reason: 'bad_play_time' },
    { line_no: 244, reason: 'bad_play_time' },
  ]);
});

test('repaired rows carry the right values and the repair they needed', async () => {
  const repaired = await rows(ch, "SELECT line_no, uid, song_id, play_time, song_length, singer, repaired FROM events WHERE repaired != '' ORDER BY file_key, line_no");
  assert.deepEqual(repaired.map((r) => [r.line_no, r.repaired]), [
    [275, 'split_record'], [284, 'split_record'], [415, 'split_record'], [571, 'split_record'],
    [804, 'extra_empty_fields'], [805, 'extra_empty_fields'], [836, 'extra_empty_fields'],
  ]);
  // line 275 + 276: "168529862 ar 5886730 初雪(29秒铃声版)" then "<tab>EXO<tab>0"
  assert.deepEqual(repaired[0], { line_no: 275, uid: 168529862, song_id: 5886730, play_time: null, song_length: null, singer: 'EXO', repaired: 'split_record' });
  // line 836: "168551270 ar 23497506 0 画心(Live) 张靓颖 0 365 <5 empty> 0"
  assert.deepEqual(repaired[6], { line_no: 836, uid: 168551270, song_id: 23497506, play_time: 0, song_length: 365, singer: '张靓颖', repaired: 'extra_empty_fields' });
});

test('ingesting the same folder again loads nothing and duplicates nothing', async () => {
  const again = await ingestFolder(ch, RAW_SAMPLES, { via: 'path', tmpDir });
  assert.equal(again.loadedFiles, 0);
  assert.equal(again.unchangedFiles, 3);
  const [count] = await rows<{ n: string }>(ch, 'SELECT count() AS n FROM events');
  assert.equal(Number(count.n), 997 + 996 + 1000);
});

test('the client path produces exactly the tables the file path produced', async () => {
  const snapshot = async () => ({
    events: await rows(ch, 'SELECT * EXCEPT (file_key), toString(file_key) AS fk FROM events ORDER BY fk, line_no'),
    rejects: await rows(ch, 'SELECT * FROM rejects ORDER BY file_key, line_no'),
  });
  const viaPath = await snapshot();
  for (const t of ['events', 'rejects', 'ingested_files']) await ch.command({ query: `TRUNCATE TABLE ${t}` });
  const summary = await ingestFolder(ch, RAW_SAMPLES, { via: 'client', tmpDir });
  assert.equal(summary.loadedFiles, 3);
  const viaClient = await snapshot();
  assert.equal(viaClient.events.length, 2993);
  assert.deepEqual(viaClient, viaPath);
});
