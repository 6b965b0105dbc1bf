import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { accumulateBlocks, accumulateInBlocks, MAX_ROW_BLOCKS, mergeBlocks, rowBlocks, type RowBuild } from '../trees/histogram-blocks';
import { SLOTS, type HistogramLayout } from '../trees/histogram-layout';
import { localHistogramEngine, type HistogramEngine } from '../trees/histogram-engine';
import { blocksOf, CONTROL, HELPER_KIND, type HistogramWorkerInit } from './histogram-worker';

/** Helpers that fail to attach within this time are abandoned for in-process work. */
const START_TIMEOUT_MS = 30_000;

/** A histogram engine that can be shut down. */
export interface ClosableHistogramEngine extends HistogramEngine {
  close(): void;
}

/** Helper threads started ahead of their engine; pass them to {@link startHistogramEngine} or close them. */
export interface HistogramHelpers {
  workers: Worker[];
  close(): void;
}

/**
 * Starts the helper threads of a `threads`-thread engine (none when threads <= 1).
 * Starting a thread takes tens of milliseconds, so callers start them before binning
 * and attach them once the binned data exists.
 */
export function startHistogramHelpers(threads: number): HistogramHelpers {
  // A build has at most MAX_ROW_BLOCKS blocks, so more threads would sit idle.
  const count = Math.min(Math.floor(threads), MAX_ROW_BLOCKS) - 1;
  const workers = Array.from({ length: Math.max(0, count) }, spawn);
  for (const worker of workers) worker.unref();
  let closed = false;
  return {
    workers,
    close: () => {
      if (closed) return;
      closed = true;
      for (const worker of workers) void worker.terminate();
    },
  };
}

/**
 * Splits each full-histogram build by row blocks (see rowBlocks) between this thread
 * and `threads − 1` helper threads over shared memory. Blocks are summed separately
 * and added in block order whichever thread summed them, so results are bit-identical
 * to the single-threaded engine. Falls back to in-process work when threads <= 1 or
 * helpers cannot start.
 *
 * `rowCodes` must live in a SharedArrayBuffer; `maxLive` bounds the histograms held at
 * once (depth + 2 for a depth-first builder), beyond which builds run in-process.
 */
export function startHistogramEngine(
  layout: HistogramLayout,
  codes: Uint8Array[],
  rowCodes: Uint8Array,
  capacity: number,
  maxLive: number,
  started: HistogramHelpers,
): ClosableHistogramEngine {
  const helpers = started.workers.length;
  const local = localHistogramEngine(layout, codes, capacity, rowCodes);
  if (helpers < 1 || !(rowCodes.buffer instanceof SharedArrayBuffer)) {
    started.close();
    return { ...local, close: () => undefined };
  }
  const shared = (bytes: number) => new SharedArrayBuffer(Math.max(8, bytes));
  const control = new Int32Array(shared(4 * (CONTROL.BOUNDS + MAX_ROW_BLOCKS + 1)));
  const features = new Int32Array(shared(4 * codes.length));
  const rows = new Int32Array(shared(4 * capacity));
  const g = new Float64Array(shared(8 * capacity));
  const h = new Float64Array(shared(8 * capacity));
  const histogram = () => new Float64Array(shared(8 * layout.totalBins * SLOTS));
  const histograms: Float64Array[] = Array.from({ length: maxLive }, histogram);
  // Block 0 sums straight into the histogram being built.
  const blockSums: Float64Array[] = Array.from({ length: MAX_ROW_BLOCKS }, (_, b) => (b > 0 ? histogram() : new Float64Array(0)));
  const free = histograms.slice().reverse();
  const workers = started.workers;
  for (let share = 1; share <= helpers; share++) {
    const init: HistogramWorkerInit = {
      share,
      threads: helpers + 1,
      control: control.buffer as SharedArrayBuffer,
      features: features.buffer as SharedArrayBuffer,
      rows: rows.buffer as SharedArrayBuffer,
      g: g.buffer as SharedArrayBuffer,
      h: h.buffer as SharedArrayBuffer,
      rowCodes: rowCodes.buffer,
      stride: codes.length,
      histograms: histograms.map((hist) => hist.buffer as SharedArrayBuffer),
      blockSums: blockSums.map((sum) => sum.buffer as SharedArrayBuffer),
      offsets: Array.from(layout.offsets),
      nBins: Array.from(layout.nBins),
      totalBins: layout.totalBins,
    };
    workers[share - 1].postMessage(init);
  }
  const deadline = Date.now() + START_TIMEOUT_MS;
  let ready = Atomics.load(control, CONTROL.READY);
  while (ready < helpers && Date.now() < deadline) {
    Atomics.wait(control, CONTROL.READY, ready, 100);
    ready = Atomics.load(control, CONTROL.READY);
  }
  const close = (): void => {
    Atomics.store(control, CONTROL.SEQ, -1);
    Atomics.notify(control, CONTROL.SEQ);
    started.close();
  };
  if (ready < helpers) {
    close();
    return { ...local, close: () => undefined };
  }
  return {
    capacity,
    rows,
    g,
    h,
    acquire: () => free.pop()?.fill(0) ?? new Float64Array(layout.totalBins * SLOTS),
    release: (hist) => {
      if (histograms.includes(hist)) free.push(hist);
    },
    build(hist, start, end, list) {
      const build: RowBuild = { layout, features: list, rowCodes, stride: codes.length, rows, start, g, h };
      const bounds = rowBlocks(start, end);
      const nBlocks = bounds.length - 1;
      const index = histograms.indexOf(hist);
      const mine = blocksOf(0, helpers + 1, nBlocks);
      if (index < 0 || mine.last === nBlocks) {
        accumulateInBlocks(hist, blockSums, build, end);
        return;
      }
      features.set(list);
      control.set(bounds, CONTROL.BOUNDS);
      control[CONTROL.HIST] = index;
      control[CONTROL.START] = start;
      control[CONTROL.FEATURES] = list.length;
      control[CONTROL.BLOCKS] = nBlocks;
      Atomics.store(control, CONTROL.DONE, 0);
      Atomics.add(control, CONTROL.SEQ, 1);
      Atomics.notify(control, CONTROL.SEQ);
      accumulateBlocks(hist, blockSums, build, bounds, mine.first, mine.last);
      let done = Atomics.load(control, CONTROL.DONE);
      while (done < helpers) {
        Atomics.wait(control, CONTROL.DONE, done);
        done = Atomics.load(control, CONTROL.DONE);
      }
      mergeBlocks(hist, blockSums, nBlocks, layout, list);
    },
    close,
  };
}

function spawn(): Worker {
  const extension = path.extname(__filename);
  const file = path.join(__dirname, `histogram-worker${extension}`);
  if (extension === '.ts') {
    const bootstrap = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(file)});`;
    return new Worker(bootstrap, { eval: true, workerData: HELPER_KIND });
  }
  return new Worker(file, { workerData: HELPER_KIND });
}
