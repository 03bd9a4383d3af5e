import type { Io } from './io.js';

/** "[#####-----] 5/10 cells, 2 s, ETA 2 s" on stderr, rewritten in place, only on a terminal. */
export function progressBar(io: Io, quiet: boolean, unit: string): { update(done: number, total: number): void; done(): void } {
  if (quiet || !io.errIsTTY) return { update() {}, done() {} };
  const start = performance.now();
  let shown = false;
  return {
    update(done, total) {
      shown = true;
      const width = 24;
      const filled = total ? Math.round((width * done) / total) : width;
      const elapsed = (performance.now() - start) / 1000;
      const eta = done ? (elapsed / done) * (total - done) : NaN;
      const etaText = Number.isFinite(eta) ? `, ETA ${eta.toFixed(0)} s` : '';
      io.err(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${unit}, ${elapsed.toFixed(0)} s${etaText}   `);
    },
    done() {
      if (shown) io.err('\r\x1b[K');
    },
  };
}
