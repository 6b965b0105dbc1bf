import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Prng } from '../../../generator/prng';

describe('Prng', () => {
  it('repeats its sequence for a seed and differs across seeds', () => {
    const a = new Prng(1);
    const b = new Prng(1);
    const c = new Prng(2);
    const sa = Array.from({ length: 100 }, () => a.nextUint32());
    assert.deepEqual(Array.from({ length: 100 }, () => b.nextUint32()), sa);
    assert.notDeepEqual(Array.from({ length: 100 }, () => c.nextUint32()), sa);
  });

  it('draws uniform floats in [0, 1)', () => {
    const r = new Prng(3);
    let sum = 0;
    const bins = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const x = r.float();
      assert.ok(x >= 0 && x < 1);
      sum += x;
      bins[Math.floor(x * 10)]++;
    }
    assert.ok(Math.abs(sum / 100_000 - 0.5) < 0.01);
    for (const b of bins) assert.ok(Math.abs(b - 10_000) < 600);
  });

  it('draws Poisson counts with the requested mean, small and large', () => {
    const r = new Prng(4);
    for (const mean of [0.5, 3, 200]) {
      let s = 0;
      for (let i = 0; i < 20_000; i++) s += r.poisson(mean);
      assert.ok(Math.abs(s / 20_000 - mean) < mean * 0.05 + 0.05, `mean ${mean}: ${s / 20_000}`);
    }
  });

  it('draws Zipf ranks with a long tail: rank 0 about ln(n+1) times rarer than all', () => {
    const r = new Prng(5);
    const n = 1000;
    const hits = new Array(n).fill(0);
    for (let i = 0; i < 100_000; i++) hits[r.zipf(n)]++;
    // P(rank 0) = ln 2 / ln 1001 ≈ 0.100; P(rank < 10) = ln 11 / ln 1001 ≈ 0.347.
    assert.ok(Math.abs(hits[0] / 100_000 - Math.log(2) / Math.log(1001)) < 0.01);
    const top10 = hits.slice(0, 10).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(top10 / 100_000 - Math.log(11) / Math.log(1001)) < 0.01);
  });
});
