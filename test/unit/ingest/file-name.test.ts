import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLogFileName } from '../../../ingest/file-name';

test('raw log names give date, part, kind and a key shared by every compression', () => {
  assert.deepEqual(parseLogFileName('20170330_1_play.log'), { date: '2017-03-30', part: 1, kind: 'P', fileKey: '20170330_1_play.log', compression: 'none' });
  assert.deepEqual(parseLogFileName('20170401_12_down.log.gz'), { date: '2017-04-01', part: 12, kind: 'D', fileKey: '20170401_12_down.log', compression: 'gzip' });
  assert.deepEqual(parseLogFileName('20170512_2_search.log.tar.gz'), { date: '2017-05-12', part: 2, kind: 'S', fileKey: '20170512_2_search.log', compression: 'tar.gz' });
});

test('names without a real date or with an unknown kind are refused with a reason', () => {
  assert.match((parseLogFileName('20170230_1_play.log') as { error: string }).error, /20170230 is not a valid date/);
  assert.match((parseLogFileName('play.log') as { error: string }).error, /YYYYMMDD_N/);
  assert.match((parseLogFileName('20170330_1_stream.log') as { error: string }).error, /YYYYMMDD_N/);
  assert.match((parseLogFileName('20170330_1_play.log.zip') as { error: string }).error, /YYYYMMDD_N/);
});
