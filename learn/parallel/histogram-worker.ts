import { workerData } from 'node:worker_threads';
import { accumulateRows, type HistogramLayout } from '../trees/histogram';

/** Slots of the shared control block. */
export const CONTROL = { SEQ: 0, DONE: 1, READY: 2, HIST: 3, START: 4, END: 5, BOUNDS: 6 } as const;

/** Shared memory every histogram helper attaches to, once, at start-up. */
export interface HistogramWorkerInit {
  kind: 'musicbox-histogram';
  /** 1-based: the main thread takes feature share 0. */
  share: number;
  control: SharedArrayBuffer;
  features: SharedArrayBuffer;
  rows: SharedArrayBuffer;
  g: SharedArrayBuffer;
  h: SharedArrayBuffer;
  rowCodes: SharedArrayBuffer;
  stride: number;
  histograms: SharedArrayBuffer[];
  offsets: number[];
  nBins: number[];
  totalBins: number;
}

const init = workerData as HistogramWorkerInit | undefined;
if (init?.kind === 'musicbox-histogram') serve(init);

/**
 * Waits for a job number, adds its share of the features into the named histogram,
 * reports done, and repeats; a negative job number ends the loop and the thread.
 * Blocking waits are deliberate: a job takes milliseconds, and a message round trip
 * through the event loop would cost as much as the work.
 */
function serve(init: HistogramWorkerInit): void {
  const control = new Int32Array(init.control);
  const features = new Int32Array(init.features);
  const rows = new Int32Array(init.rows);
  const g = new Float64Array(init.g);
  const h = new Float64Array(init.h);
  const rowCodes = new Uint8Array(init.rowCodes);
  const histograms = init.histograms.map((buffer) => new Float64Array(buffer));
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
    const from = control[CONTROL.BOUNDS + init.share];
    const to = control[CONTROL.BOUNDS + init.share + 1];
    if (to > from) {
      const hist = histograms[control[CONTROL.HIST]];
      const mine = features.subarray(from, to);
      accumulateRows(hist, layout, mine, rowCodes, init.stride, rows, control[CONTROL.START], control[CONTROL.END], g, h);
    }
    Atomics.add(control, CONTROL.DONE, 1);
    Atomics.notify(control, CONTROL.DONE);
  }
}
