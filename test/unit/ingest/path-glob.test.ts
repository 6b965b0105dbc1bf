import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathGlob } from '../../../clickhouse/ingest/load-file';

test('one file is read by its own path, several of a folder through a brace list', () => {
  assert.equal(pathGlob(['/logs/20170330_1_play.log']), '/logs/20170330_1_play.log');
  assert.equal(pathGlob(['/logs/20170330_1_play.log', '/logs/20170331_1_play.log']), '/logs/{20170330_1_play.log,20170331_1_play.log}');
});

test('files of different folders are never read by one glob', () => {
  assert.throws(() => pathGlob(['/a/20170330_1_play.log', '/b/20170331_1_play.log']), /share a folder/);
});
