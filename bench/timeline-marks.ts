// The pure part of bench/parallel-timeline.ts: when a search reached a given state count.

/** Shares of the final state count a timeline is cut at. */
export const MARKS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1];

/**
 * The seconds at which `points` (seconds and states stored, both rising) first reach `states`,
 * interpolated linearly between two reports; the last report's seconds when it is never reached.
 *
 * @example secondsAt([[0, 0], [1, 100]], 25); // 0.25
 */
export function secondsAt(points: readonly (readonly [number, number])[], states: number): number {
  let [t0, s0] = [0, 0];
  for (const [t, s] of points) {
    if (s >= states) return s === s0 ? t : t0 + ((t - t0) * (states - s0)) / (s - s0);
    [t0, s0] = [t, s];
  }
  return t0;
}
