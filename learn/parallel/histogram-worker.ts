import { parentPort, workerData } from 'node:worker_threads';
import { accumulateBlocks, type RowBuild } from '../trees/histogram-blocks';
import type { HistogramLayout } from '../trees/histogram-layout';

/** Slots of the shared control block; BOUNDS starts the build's row-block boundaries. */
export const CONTROL = { SEQ: 0, DONE: 1, READY: 2, HIST: 3, START: 4, FEATURES: 5, BLOCKS: 6, BOUNDS: 7 } as const;

/** workerData of a histogram helper; its shared memory follows as the first message. */
export const HELPER_KIND = 'musicbox-histogram';

/** Shared memory every histogram helper attaches to, once, when its engine starts. */
export interface HistogramWorkerInit {
  /** 1-based: the main thread is share 0. */
  share: number;
  threads: number;
  control: SharedArrayBuffer;
  features: SharedArrayBuffer;
  rows: SharedArrayBuffer;
  g: SharedArrayBuffer;
  h: SharedArrayBuffer;
  rowCodes: SharedArrayBuffer;
  stride: number;
  histograms: SharedArrayBuffer[];
  blockSums: SharedArrayBuffer[];
  offsets: number[];
  nBins: number[];
  totalBins: number;
}

/** Row blocks [first, last) that thread `share` of `threads` sums; the main thread (share 0) takes the first. */
export function blocksOf(share: number, threads: number, nBlocks: number): { first: number; last: number } {
  return { first: Math.ceil((share * nBlocks) / threads), last: Math.ceil(((share + 1) * nBlocks) / threads) };
}

if (workerData === HELPER_KIND) parentPort?.once('message', (init: HistogramWorkerInit) => serve(init));

/**
 * Waits for a job number, sums its share of the build's row blocks, reports done, and
 * repeats; a negative job number ends the loop and the thread. Blocking waits are
 * deliberate: a job takes milliseconds, and a message round trip through the event
 * loop would cost as much as the work.
 */
function serve(init: HistogramWorkerInit): void {
  const control = new Int32Array(init.control);
  const features = new Int32Array(init.features);
  const rows = new Int32Array(init.rows);
  const g = new Float64Array(init.g);
  const h = new Float64Array(init.h);
  const rowCodes = new Uint8Array(init.rowCodes);
  const histograms = init.histograms.map((buffer) => new Float64Array(buffer));
  const blockSums = init.blockSums.map((buffer) => new Float64Array(buffer));
  const layout: HistogramLayout = {
    offsets: Int32Array.from(init.offsets),
    nBins: Int32Array.from(init.nBins),
    totalBins: init.totalBins,
  };
  Atomics.add(control, CONTROL.READY, 1);
  Atomics.notify(control, CONTROL.READY);
  let seen = 0;
  for (;;) {
    Atomics.wait(control, CONTROL.SEQ, seen);
    const seq = Atomics.load(control, CONTROL.SEQ);
    if (seq < 0) return;
    if (seq === seen) continue;
    seen = seq;
    const nBlocks = control[CONTROL.BLOCKS];
    const { first, last } = blocksOf(init.share, init.threads, nBlocks);
    if (last > first) {
      const start = control[CONTROL.START];
      const build: RowBuild = {
        layout,
        features: features.subarray(0, control[CONTROL.FEATURES]),
        rowCodes,
        stride: init.stride,
        rows,
        start,
        g,
        h,
      };
      const bounds = control.subarray(CONTROL.BOUNDS, CONTROL.BOUNDS + nBlocks + 1);
      accumulateBlocks(histograms[control[CONTROL.HIST]], blockSums, build, bounds, first, last);
    }
    Atomics.add(control, CONTROL.DONE, 1);
    Atomics.notify(control, CONTROL.DONE);
  }
}
