/** Rating-prediction errors over paired predictions and held-out ratings. */

function checkPaired(predicted: ArrayLike<number>, actual: ArrayLike<number>): void {
  if (predicted.length !== actual.length || actual.length === 0) {
    throw new RangeError(`need equally long, non-empty arrays (predicted ${predicted.length}, actual ${actual.length})`);
  }
}

/** sqrt(mean((p − a)²)). */
export function rmse(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  checkPaired(predicted, actual);
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += (predicted[i] - actual[i]) ** 2;
  return Math.sqrt(s / actual.length);
}

/** mean(|p − a|). */
export function mae(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  checkPaired(predicted, actual);
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += Math.abs(predicted[i] - actual[i]);
  return s / actual.length;
}
