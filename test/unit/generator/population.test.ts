import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Manifest } from '../../../generator/index';
import { classify, generateSmall, logFiles, parseName, readLog, removeDir } from './helpers';

describe('simulated population', () => {
  let dir = '';
  let manifest: Manifest;
  const plays = new Map<string, number>();
  const lastDay = new Map<string, string>();
  const firstDay = new Map<string, string>();
  before(async () => {
    ({ dir, summary: { manifest } } = await generateSmall({ users: 600, days: 20 }));
    for (const name of logFiles(dir)) {
      const { kind, date } = parseName(name);
      for (const uid of classify(kind, readLog(dir, name)).uids) {
        if (kind === 'play') plays.set(uid, (plays.get(uid) ?? 0) + 1);
        if (!firstDay.has(uid)) firstDay.set(uid, date);
        lastDay.set(uid, date);
      }
    }
  });
  after(() => removeDir(dir));

  it('has bots with far more plays than anyone else', () => {
    assert.ok(manifest.bots.length >= 1);
    const human = [...plays.entries()].filter(([uid]) => !manifest.bots.includes(Number(uid))).map(([, n]) => n);
    const humanMax = Math.max(...human);
    for (const bot of manifest.bots) {
      const n = plays.get(String(bot)) ?? 0;
      // 10^4–10^5 plays over 44 days scales to at least ~4,500 over 20.
      assert.ok(n >= 4000, `bot ${bot} has only ${n} plays`);
      assert.ok(n > humanMax, `bot ${bot}: ${n} plays vs a human with ${humanMax}`);
    }
  });

  it('spreads activity over orders of magnitude', () => {
    const human = [...plays.entries()].filter(([uid]) => !manifest.bots.includes(Number(uid))).map(([, n]) => n).sort((a, b) => a - b);
    const median = human[Math.floor(human.length / 2)];
    const top = human[Math.floor(human.length * 0.99)];
    assert.ok(top / Math.max(1, median) >= 10, `median ${median}, 99th percentile ${top}`);
  });

  it('has churners who stop well before the end and users who join late', () => {
    const users = [...lastDay.keys()];
    const stopped = users.filter((u) => (lastDay.get(u) as string) < '2017-04-12' && (firstDay.get(u) as string) <= '2017-04-01');
    const joined = users.filter((u) => (firstDay.get(u) as string) >= '2017-04-08');
    assert.ok(stopped.length / users.length > 0.1, `${stopped.length} of ${users.length} stopped early`);
    assert.ok(joined.length > 0);
  });

  it('includes downloads mostly of songs the user played through', () => {
    const down = readLog(dir, '20170405_1_down.log').split('\n').map((l) => l.split('\t')).filter((f) => f.length === 6);
    const play = readLog(dir, '20170405_1_play.log').split('\n').map((l) => l.split('\t')).filter((f) => f.length === 9);
    const full = new Set(play.filter((f) => Number(f[6]) >= 0.8 * Number(f[7]) && Number(f[7]) > 0).map((f) => `${f[0]}:${f[2]}`));
    const matched = down.filter((f) => full.has(`${f[0]}:${f[2]}`)).length;
    assert.ok(down.length > 20 && matched / down.length > 0.6, `${matched} of ${down.length}`);
  });
});
