import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ingestFolder } from '../../../clickhouse/ingest/ingest-folder';
import { useTestEngine, RAW_SAMPLES, rows } from '../../support/engine';

const engine = useTestEngine();

/** Fields per record of each kind (docs/FEATURES.md §1). */
const FIELDS = { play: 9, down: 6, search: 4 } as const;
type Kind = keyof typeof FIELDS;

interface ReadRecord {
  line: number;
  repaired: '' | 'extra_empty_fields' | 'split_record';
  fields: string[];
}

/**
 * A second reading of a sample, written here as a person reads the file, not as the engine parses
 * it: blank lines; a record with surplus empty fields (stray tabs) has them dropped; a record cut
 * short whose next line completes it is one record, at the first line's number.
 */
function readSample(kind: Kind): { lines: number; blank: number; records: ReadRecord[] } {
  const text = fs.readFileSync(path.join(RAW_SAMPLES, `20170330_1_${kind}.log`), 'utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop(); // the final newline ends the last line
  const n = FIELDS[kind];
  const records: ReadRecord[] = [];
  let blank = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === '') {
      blank++;
      continue;
    }
    let fields = lines[i].split('\t');
    if (fields.length < n && i + 1 < lines.length && (lines[i] + lines[i + 1]).split('\t').length === n) {
      records.push({ line: i + 1, repaired: 'split_record', fields: (lines[i] + lines[i + 1]).split('\t') });
      i++;
      continue;
    }
    let repaired: ReadRecord['repaired'] = '';
    // Leading stray tabs first, then surplus empties from the right, keeping the last field.
    while (fields.length > n && fields[0] === '') [repaired, fields] = ['extra_empty_fields', fields.slice(1)];
    for (let j = fields.length - 2; fields.length > n && j > 0; j--) if (fields[j] === '') [repaired, fields] = ['extra_empty_fields', fields.filter((_, k) => k !== j)];
    records.push({ line: i + 1, repaired, fields });
  }
  return { lines: lines.length, blank, records };
}

/** A number field as the seed reads it: empty or nan is missing, anything else not a number is bad. */
function numberField(raw: string): number | null | 'bad' {
  if (raw === '' || raw.toLowerCase() === 'nan') return null;
  return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : 'bad';
}

test('every line of the real samples is loaded, repaired or rejected with a reason', async () => {
  const summary = await ingestFolder(engine.ch, RAW_SAMPLES, { via: 'path', tmpDir: engine.tmpDir });
  const byKey = Object.fromEntries(summary.outcomes.map((o) => [o.fileKey, o.counts!]));

  // play: 1001 lines. Line 1001 is blank; lines 804 and 805 start with an extra tab and line 836
  // carries five extra empty fields (all three repaired); lines 23, 200 and 244 hold text such as
  // "7>(123.138.230.80)TM" where play_time should be (rejected); the other 994 lines are clean.
  assert.deepEqual(byKey['20170330_1_play.log'], { lines: 1001, blank: 1, loaded: 997, repaired: 3, splitRecords: 0, rejected: 3 });
  // down: 1000 lines; four records are broken over two lines (275-276, 284-285, 415-416, 571-572).
  assert.deepEqual(byKey['20170330_1_down.log'], { lines: 1000, blank: 0, loaded: 996, repaired: 4, splitRecords: 4, rejected: 0 });
  assert.deepEqual(byKey['20170330_1_search.log'], { lines: 1000, blank: 0, loaded: 1000, repaired: 0, splitRecords: 0, rejected: 0 });

  const rejects = await rows<{ line_no: number; reason: string }>(engine.ch, 'SELECT line_no, reason FROM rejects ORDER BY line_no');
  assert.deepEqual(rejects, [
    { line_no: 23, reason: 'bad_play_time' },
    { line_no: 200, reason: 'bad_play_time' },
    { line_no: 244, reason: 'bad_play_time' },
  ]);
});

test('every stored row and reject matches a second reading of the samples, field by field', async () => {
  for (const kind of Object.keys(FIELDS) as Kind[]) {
    const file = `20170330_1_${kind}.log`;
    const read = readSample(kind);
    const expectedRows: Record<string, unknown>[] = [];
    const expectedRejects: { line_no: number; reason: string }[] = [];
    for (const r of read.records) {
      assert.equal(r.fields.length, FIELDS[kind], `${file}:${r.line} reads as ${r.fields.length} fields`);
      const uid = Number(r.fields[0]);
      if (kind === 'search') {
        expectedRows.push({ line_no: r.line, uid, event: 'S', device: r.fields[1], song_id: null, play_time: null, song_length: null, search_time: r.fields[2], search_query: r.fields[3], repaired: r.repaired });
        continue;
      }
      const songId = Number(r.fields[2]);
      const [playTime, songLength] = kind === 'play' ? [numberField(r.fields[6]), numberField(r.fields[7])] : [null, null];
      if (playTime === 'bad') expectedRejects.push({ line_no: r.line, reason: 'bad_play_time' });
      else if (songLength === 'bad') expectedRejects.push({ line_no: r.line, reason: 'bad_song_length' });
      else expectedRows.push({ line_no: r.line, uid, event: kind === 'play' ? 'P' : 'D', device: r.fields[1], song_id: songId, play_time: playTime, song_length: songLength, search_time: '', search_query: '', repaired: r.repaired });
    }
    const stored = await rows(
      engine.ch,
      'SELECT line_no, uid, toString(event) AS event, toString(device) AS device, song_id, play_time, song_length, search_time, search_query, toString(repaired) AS repaired FROM events WHERE file_key = {file:String} ORDER BY line_no',
      { file },
    );
    assert.deepEqual(stored, expectedRows, file);
    assert.deepEqual(await rows(engine.ch, 'SELECT line_no, reason FROM rejects WHERE file_key = {file:String} ORDER BY line_no', { file }), expectedRejects, file);
    const [counts] = await rows<{ lines: number; blank: number }>(engine.ch, 'SELECT lines_read AS lines, blank FROM ingested_files FINAL WHERE file_key = {file:String}', { file });
    assert.deepEqual({ lines: Number(counts.lines), blank: Number(counts.blank) }, { lines: read.lines, blank: read.blank }, file);
  }
});

test('repaired rows carry the right values and the repair they needed', async () => {
  const repaired = await rows(engine.ch, "SELECT line_no, uid, song_id, play_time, song_length, singer, repaired FROM events WHERE repaired != '' ORDER BY file_key, line_no");
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
  const again = await ingestFolder(engine.ch, RAW_SAMPLES, { via: 'path', tmpDir: engine.tmpDir });
  assert.equal(again.loadedFiles, 0);
  assert.equal(again.unchangedFiles, 3);
  const [count] = await rows<{ n: string }>(engine.ch, 'SELECT count() AS n FROM events');
  assert.equal(Number(count.n), 997 + 996 + 1000);
});

test('the client path produces exactly the tables the file path produced', async () => {
  const snapshot = async () => ({
    events: await rows(engine.ch, 'SELECT * EXCEPT (file_key), toString(file_key) AS fk FROM events ORDER BY fk, line_no'),
    rejects: await rows(engine.ch, 'SELECT * FROM rejects ORDER BY file_key, line_no'),
  });
  const viaPath = await snapshot();
  for (const t of ['events', 'rejects', 'ingested_files']) await engine.ch.command({ query: `TRUNCATE TABLE ${t}` });
  const summary = await ingestFolder(engine.ch, RAW_SAMPLES, { via: 'client', tmpDir: engine.tmpDir });
  assert.equal(summary.loadedFiles, 3);
  const viaClient = await snapshot();
  assert.equal(viaClient.events.length, 2993);
  assert.deepEqual(viaClient, viaPath);
});
