import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { accumulateRows, SLOTS, type HistogramLayout } from '../trees/histogram';
import { localHistogramEngine, type HistogramEngine } from '../trees/histogram-engine';
import { CONTROL, type HistogramWorkerInit } from './histogram-worker';

/** Helpers that fail to attach within this time are abandoned for in-process work. */
const START_TIMEOUT_MS = 30_000;

/** A histogram engine that can be shut down. */
export interface ClosableHistogramEngine extends HistogramEngine {
  close(): void;
}

/**
 * Splits each full-histogram build by feature between this thread and `threads − 1`
 * helper threads over shared memory. Each feature is summed by exactly one thread in
 * row order, so results are bit-identical to the single-threaded engine. Falls back
 * to in-process work when threads <= 1 or helpers cannot start.
 *
 * `rowCodes` must live in a SharedArrayBuffer; `maxLive` bounds the histograms held at
 * once (depth + 2 for a depth-first builder), beyond which builds run in-process.
 */
export function startHistogramEngine(
  layout: HistogramLayout,
  codes: Uint8Array[],
  rowCodes: Uint8Array,
  capacity: number,
  threads: number,
  maxLive: number,
): ClosableHistogramEngine {
  const helpers = Math.floor(threads) - 1;
  const local = localHistogramEngine(layout, codes, capacity, rowCodes);
  if (helpers < 1 || !(rowCodes.buffer instanceof SharedArrayBuffer)) return { ...local, close: () => undefined };
  const shared = (bytes: number) => new SharedArrayBuffer(Math.max(8, bytes));
  const control = new Int32Array(shared(4 * (CONTROL.BOUNDS + helpers + 2)));
  const features = new Int32Array(shared(4 * codes.length));
  const rows = new Int32Array(shared(4 * capacity));
  const g = new Float64Array(shared(8 * capacity));
  const h = new Float64Array(shared(8 * capacity));
  const histograms: Float64Array[] = Array.from({ length: maxLive }, () => new Float64Array(shared(8 * layout.totalBins * SLOTS)));
  const free = histograms.slice().reverse();
  const workers: Worker[] = [];
  for (let share = 1; share <= helpers; share++) {
    const init: HistogramWorkerInit = {
      kind: 'musicbox-histogram',
      share,
      control: control.buffer as SharedArrayBuffer,
      features: features.buffer as SharedArrayBuffer,
      rows: rows.buffer as SharedArrayBuffer,
      g: g.buffer as SharedArrayBuffer,
      h: h.buffer as SharedArrayBuffer,
      rowCodes: rowCodes.buffer,
      stride: codes.length,
      histograms: histograms.map((hist) => hist.buffer as SharedArrayBuffer),
      offsets: Array.from(layout.offsets),
      nBins: Array.from(layout.nBins),
      totalBins: layout.totalBins,
    };
    const worker = spawn(init);
    worker.unref();
    workers.push(worker);
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
    for (const worker of workers) void worker.terminate();
  };
  if (ready < helpers) {
    close();
    return { ...local, close: () => undefined };
  }
  const parts = helpers + 1;
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
      const index = histograms.indexOf(hist);
      if (index < 0) {
        accumulateRows(hist, layout, list, rowCodes, codes.length, rows, start, end, g, h);
        return;
      }
      features.set(list);
      for (let p = 0; p <= parts; p++) control[CONTROL.BOUNDS + p] = Math.round((p * list.length) / parts);
      control[CONTROL.HIST] = index;
      control[CONTROL.START] = start;
      control[CONTROL.END] = end;
      Atomics.store(control, CONTROL.DONE, 0);
      Atomics.add(control, CONTROL.SEQ, 1);
      Atomics.notify(control, CONTROL.SEQ);
      const mine = features.subarray(control[CONTROL.BOUNDS], control[CONTROL.BOUNDS + 1]);
      accumulateRows(hist, layout, mine, rowCodes, codes.length, rows, start, end, g, h);
      let done = Atomics.load(control, CONTROL.DONE);
      while (done < helpers) {
        Atomics.wait(control, CONTROL.DONE, done);
        done = Atomics.load(control, CONTROL.DONE);
      }
    },
    close,
  };
}

function spawn(init: HistogramWorkerInit): Worker {
  const extension = path.extname(__filename);
  const file = path.join(__dirname, `histogram-worker${extension}`);
  if (extension === '.ts') {
    const bootstrap = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(file)});`;
    return new Worker(bootstrap, { eval: true, workerData: init });
  }
  return new Worker(file, { workerData: init });
}
