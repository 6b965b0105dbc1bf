/** Prints the grid benchmark's comparison: times, ratios, best cells, and each cell's AUC on both sides. */
import { readFileSync } from 'node:fs';

interface Cell { nTrees: number; maxDepth: number; minSamplesLeaf: number; meanAuc: number }
interface Side { side: string; wall: number; cpu: number; cells: Cell[]; best: Cell }

const [ours, peer] = process.argv.slice(2).map((f) => JSON.parse(readFileSync(f, 'utf8').trim().split('\n').pop() as string) as Side);
const key = (c: Cell) => `${c.nTrees}/${c.maxDepth}/${c.minSamplesLeaf}`;
console.log(`| | wall s | CPU s | best cell (trees/depth/leaf) | best CV AUC |`);
console.log(`|---|---:|---:|---|---:|`);
for (const s of [ours, peer]) console.log(`| ${s.side} | ${s.wall.toFixed(1)} | ${s.cpu.toFixed(1)} | ${key(s.best)} | ${s.best.meanAuc.toFixed(4)} |`);
console.log(`\nours / scikit-learn: wall ${(ours.wall / peer.wall).toFixed(3)}, CPU ${(ours.cpu / peer.cpu).toFixed(3)}; same best cell: ${key(ours.best) === key(peer.best) ? 'yes' : 'no'}`);
const theirs = new Map(peer.cells.map((c) => [key(c), c.meanAuc]));
console.log('\n| cell | ours CV AUC | scikit-learn CV AUC |');
console.log('|---|---:|---:|');
for (const c of ours.cells) console.log(`| ${key(c)} | ${c.meanAuc.toFixed(4)} | ${(theirs.get(key(c)) ?? NaN).toFixed(4)} |`);
