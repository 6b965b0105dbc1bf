import { CholeskyDecomposition, LuDecomposition, Matrix } from 'ml-matrix';
import type { Labels } from '../types';

/** Objective value and derivatives at one point. */
export interface Evaluation {
  objective: number;
  gradient: Float64Array;
  hessian: Matrix | null;
}

/** Objective C·Σ logloss + ½‖w_{1..}‖², its gradient and (optionally) its Hessian. */
export function evaluateObjective(
  z: Float64Array,
  y: Labels,
  w: Float64Array,
  C: number,
  n: number,
  width: number,
  withHessian: boolean,
): Evaluation {
  const gradient = new Float64Array(width);
  const h = withHessian ? new Float64Array(width * width) : null;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const base = i * width;
    let s = 0;
    for (let k = 0; k < width; k++) s += z[base + k] * w[k];
    // Stable softplus: log(1 + e^s) − y·s.
    loss += (s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s))) - y[i] * s;
    const p = sigmoid(s);
    const r = p - y[i];
    for (let k = 0; k < width; k++) gradient[k] += r * z[base + k];
    if (h) {
      const d = p * (1 - p);
      for (let a = 0; a < width; a++) {
        const da = d * z[base + a];
        const row = a * width;
        for (let b = 0; b <= a; b++) h[row + b] += da * z[base + b];
      }
    }
  }
  let penalty = 0;
  for (let k = 0; k < width; k++) {
    gradient[k] *= C;
    if (k > 0) {
      gradient[k] += w[k];
      penalty += w[k] * w[k];
    }
  }
  let hessian: Matrix | null = null;
  if (h) {
    hessian = new Matrix(width, width);
    for (let a = 0; a < width; a++) {
      for (let b = 0; b <= a; b++) {
        const v = C * h[a * width + b] + (a === b && a > 0 ? 1 : 0);
        hessian.set(a, b, v);
        hessian.set(b, a, v);
      }
    }
  }
  return { objective: C * loss + penalty / 2, gradient, hessian };
}

/** Solves H·Δ = ∇; Cholesky when H is positive definite, LU otherwise. */
export function newtonStep(hessian: Matrix | null, gradient: Float64Array): Float64Array {
  if (!hessian) throw new Error('newtonStep needs the Hessian');
  const rhs = Matrix.columnVector(Array.from(gradient));
  const cholesky = new CholeskyDecomposition(hessian);
  const solution = cholesky.isPositiveDefinite() ? cholesky.solve(rhs) : new LuDecomposition(hessian).solve(rhs);
  return Float64Array.from(solution.getColumn(0));
}

export function sigmoid(s: number): number {
  return s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s));
}

export function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let k = 0; k < v.length; k++) m = Math.max(m, Math.abs(v[k]));
  return m;
}

export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k] * b[k];
  return s;
}
