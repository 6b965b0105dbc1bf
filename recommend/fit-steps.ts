/**
 * A long fit as a generator: it yields after each unit of work (a coordinate-descent pass, a
 * block of songs) and returns the model. The library stays synchronous and free of I/O; a caller
 * that must stay responsive while it fits (an activity that heartbeats) resumes it step by step
 * and does its own work in between, and {@link runToEnd} runs it in one go.
 */
export interface FitProgress {
  done: number;
  of: number;
  /** What `done` counts: `passes`, `songs`. */
  unit: string;
}

export type FitSteps<T> = Generator<FitProgress, T, void>;

/** Runs a fit to its end without pausing. */
export function runToEnd<T>(steps: FitSteps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
