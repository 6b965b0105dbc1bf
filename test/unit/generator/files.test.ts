import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { GenerateSummary } from '../../../generator/index';
import { classify, generateSmall, logFiles, parseName, readLog, removeDir } from './helpers';

describe('generated files', () => {
  let dir = '';
  let summary: GenerateSummary;
  before(async () => ({ dir, summary } = await generateSmall({ startDate: '2017-04-27', days: 5 })));
  after(() => removeDir(dir));

  it('names one file per kind and day, across a month boundary', () => {
    const expected = ['20170427', '20170428', '20170429', '20170430', '20170501'].flatMap((d) =>
      ['down', 'play', 'search'].map((k) => `${d}_1_${k}.log`),
    );
    assert.deepEqual(logFiles(dir), expected);
    assert.equal(summary.files, 15);
  });

  it('stamps every search with its file date, in time order', () => {
    for (const name of logFiles(dir).filter((n) => n.endsWith('_search.log'))) {
      const { date } = parseName(name);
      let prev = '';
      for (const line of readLog(dir, name).split('\n')) {
        const f = line.split('\t').filter((x) => x !== '');
        if (f.length !== 4 || !/^\d+$/.test(f[0])) continue;
        assert.match(f[2], /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
        assert.equal(f[2].slice(0, 10), date);
        assert.ok(f[2] >= prev, `${name}: ${f[2]} after ${prev}`);
        prev = f[2];
        assert.doesNotThrow(() => decodeURIComponent(f[3].replace(/\+/g, ' ')));
      }
    }
  });

  it('writes play lines with integer seconds and devices ar/ip', () => {
    const c = classify('play', readLog(dir, '20170427_1_play.log'));
    assert.ok(c.clean > 1000);
    const lines = readLog(dir, '20170427_1_play.log').split('\n');
    const clean = lines.map((l) => l.split('\t')).filter((f) => f.length === 9 && /^\d+$/.test(f[0]));
    const sane = clean.filter((f) => /^\d+$/.test(f[6]) && /^\d+$/.test(f[7]) && Number(f[7]) > 0);
    assert.ok(sane.length / clean.length > 0.9);
    assert.ok(clean.every((f) => f[1] === 'ar' || f[1] === 'ip'));
  });
});
