import * as path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import {
  trainForestTree,
  type ForestTreeData,
  type ForestTreeResult,
  type ForestTreeSettings,
} from '../trees/forest-tree';
import type { ForestWorkerInit, ForestWorkerReply } from './forest-worker';

/**
 * Trains trees 0..nTrees-1 on `threads` worker threads (in-process, yielding between trees, when threads <= 1)
 * and returns them in index order. Binned columns live in SharedArrayBuffers, so each
 * worker reads the same memory instead of a copy.
 */
export async function trainForestTrees(
  data: ForestTreeData,
  nTrees: number,
  settings: ForestTreeSettings,
  threads: number,
): Promise<ForestTreeResult[]> {
  const workers = Math.min(Math.floor(threads), nTrees);
  if (workers <= 1) {
    const trees: ForestTreeResult[] = [];
    for (let t = 0; t < nTrees; t++) {
      trees.push(trainForestTree(data, t, settings));
      // Between trees the event loop runs, so a caller's timers (an activity's heartbeat) keep firing.
      await yieldToEventLoop();
    }
    return trees;
  }
  const shared = toShared(data);
  const results: ForestTreeResult[] = new Array(nTrees);
  let next = 0;
  const pool: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let finished = 0;
      const init: ForestWorkerInit = { kind: 'musicbox-forest', data: shared, settings };
      for (let w = 0; w < workers; w++) {
        const worker = spawnWorker(init);
        pool.push(worker);
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (code !== 0) reject(new Error(`forest worker exited with code ${code}`));
        });
        worker.on('message', (reply: ForestWorkerReply) => {
          const { treeIndex, importance, ...tree } = reply;
          results[treeIndex] = { tree, importance };
          finished++;
          if (finished === nTrees) resolve();
          else if (next < nTrees) worker.postMessage(next++);
        });
        worker.postMessage(next++);
      }
    });
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return results;
}

function spawnWorker(init: ForestWorkerInit): Worker {
  const extension = path.extname(__filename);
  const file = path.join(__dirname, `forest-worker${extension}`);
  if (extension === '.ts') {
    // Running from TypeScript sources: the worker needs the same on-the-fly compiler.
    const bootstrap = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(file)});`;
    return new Worker(bootstrap, { eval: true, workerData: init });
  }
  return new Worker(file, { workerData: init });
}

function toShared(data: ForestTreeData): ForestTreeData {
  const codes = data.codes.map((column) => {
    if (column.buffer instanceof SharedArrayBuffer) return column;
    const copy = new Uint8Array(new SharedArrayBuffer(Math.max(1, column.length)), 0, column.length);
    copy.set(column);
    return copy;
  });
  const labels = new Uint8Array(new SharedArrayBuffer(Math.max(1, data.labels.length)), 0, data.labels.length);
  labels.set(data.labels);
  return { codes, nBins: data.nBins, thresholds: data.thresholds, labels };
}
