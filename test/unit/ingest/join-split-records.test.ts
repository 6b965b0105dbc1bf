import assert from 'node:assert/strict';
import { test } from 'node:test';
import { joinSplitRecords } from '../../../ingest/join-split-records';

test('a record broken inside a field is rebuilt from two adjacent lines', () => {
  // down lines have 6 fields: 4 on the first line + 3 on the second, sharing the broken field.
  const { joined, unjoined } = joinSplitRecords(
    [
      { lineNo: 7, line: '1\tar\t55\tname(part' },
      { lineNo: 8, line: '\tEXO\t0' },
    ],
    6,
  );
  assert.deepEqual(joined, [{ lineNo: 7, line: '1\tar\t55\tname(part\tEXO\t0' }]);
  assert.deepEqual(unjoined, []);
});

test('lines that are not adjacent, do not start with a tab, or do not add up stay unjoined', () => {
  const lines = [
    { lineNo: 1, line: '1\tar\t55\tx' },
    { lineNo: 3, line: '\tEXO\t0' }, // not adjacent to line 1
    { lineNo: 10, line: '2\tar\t56\ty' },
    { lineNo: 11, line: 'EXO\t0\t1' }, // no leading tab
    { lineNo: 20, line: '3\tar' },
    { lineNo: 21, line: '\tz' }, // 2 + 2 - 1 = 3 fields, not 6
  ];
  const { joined, unjoined } = joinSplitRecords(lines, 6);
  assert.deepEqual(joined, []);
  assert.deepEqual(unjoined.map((l) => l.lineNo), [1, 3, 10, 11, 20, 21]);
});
