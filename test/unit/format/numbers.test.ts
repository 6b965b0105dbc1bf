import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatCount, formatDelta, formatMeasure, formatPercent, formatScore, formatSeconds, formatShare, MISSING } from '../../../format/numbers';

test('a threshold measured with float noise reads as four significant digits, grouped', () => {
  // The run summary used to print these two as they came out of ClickHouse.
  assert.equal(formatMeasure(20724.139999999315), '20,724');
  assert.equal(formatMeasure(350.123456789012), '350.1');
  assert.equal(formatMeasure(3.14159), '3.142');
  assert.equal(formatMeasure(0.012345), '0.01235');
  assert.equal(formatMeasure(-1234.5), '-1,235');
  assert.equal(formatMeasure(12.5), '12.5');
  assert.equal(formatMeasure(200), '200');
  assert.equal(formatMeasure(0), '0');
});

test('counts are rounded and grouped; scores keep fixed decimals so columns line up', () => {
  assert.equal(formatCount(1234567), '1,234,567');
  assert.equal(formatCount(999.6), '1,000');
  assert.equal(formatScore(0.87349), '0.873');
  assert.equal(formatScore(0.87351, 4), '0.8735');
  assert.equal(formatScore(1), '1.000');
  assert.equal(formatScore(-0.0001), '0.000');
});

test('shares, durations and signed changes', () => {
  assert.equal(formatPercent(0.1234), '12.3 %');
  assert.equal(formatShare(1, 3), '33.3 %');
  assert.equal(formatShare(1, 0), MISSING);
  assert.equal(formatSeconds(12.34), '12.3 s');
  assert.equal(formatSeconds(500), '8 min 20 s');
  assert.equal(formatDelta(0.0123), '+0.012');
  assert.equal(formatDelta(-0.0041), '−0.004');
  assert.equal(formatDelta(0.0001), '±0.000');
});

test('a value that does not exist is a dash, never NaN or null', () => {
  for (const f of [formatCount, formatScore, formatMeasure, formatPercent, formatSeconds, formatDelta]) {
    assert.equal(f(null), MISSING);
    assert.equal(f(undefined), MISSING);
    assert.equal(f(Number.NaN), MISSING);
  }
});
