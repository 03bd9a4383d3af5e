import type { Progress } from '../core/result.js';
import type { Io } from './io.js';

function short(x: number): string {
  return x >= 1e6 ? `${(x / 1e6).toFixed(1)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)}k` : String(Math.round(x));
}

/** A progress line on stderr, rewritten in place, only when stderr is a terminal. */
export function progressReporter(io: Io, quiet: boolean): { onProgress?: (p: Progress) => void; done(): void } {
  if (quiet || !io.errIsTTY) return { done() {} };
  let shown = false;
  return {
    onProgress(p) {
      shown = true;
      io.err(`\r${short(p.states)} states, depth ${p.depth}, frontier ${short(p.frontier)}, ${short(p.statesPerSecond)} states/s, ${p.seconds.toFixed(0)} s   `);
    },
    done() {
      if (shown) io.err('\r\x1b[K');
    },
  };
}
