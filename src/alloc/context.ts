/**
 * Allocation contexts as the kernel spells them: a gfp mask plus the task's flags. The floor an
 * allocation may take free pages down to, and what it does when it cannot, follow mm/page_alloc.c
 * (see the table in the domain notes); the floors are computed, never typed in, because integer
 * division decides the verdicts at the sizes we check.
 */

/** The kernel era whose rules apply: 2.6.9 (the 2004 mail) or today's. */
export type Kernel = '2.6' | 'modern';
export const kernels: readonly Kernel[] = ['2.6', 'modern'];

/** gfp bits and task flags, packed into one small number (a context mask). */
export const WAIT = 1;
export const IO = 2;
export const FS = 4;
export const HIGH = 8;
export const GFP_MEMALLOC = 16;
export const GFP_NOMEMALLOC = 32;
export const PF_MEMALLOC = 64;
export const PF_MEMALLOC_NOIO = 128;

export const GFP_KERNEL = WAIT | IO | FS;
export const GFP_NOFS = WAIT | IO;
export const GFP_NOIO = WAIT;
export const GFP_ATOMIC = HIGH;

const named: readonly [string, number][] = [
  ['GFP_KERNEL', GFP_KERNEL],
  ['GFP_NOFS', GFP_NOFS],
  ['GFP_NOIO', GFP_NOIO],
  ['GFP_ATOMIC', GFP_ATOMIC],
];

/** Parses 'GFP_KERNEL', 'GFP_NOIO', ... into a mask; throws on anything else. */
export function gfp(name: string): number {
  const hit = named.find(([n]) => n === name);
  if (!hit) throw new Error(`unknown allocation context '${name}'; known: ${named.map(([n]) => n).join(', ')}`);
  return hit[1];
}

/**
 * The floor of a watermark check that neither ignores the watermarks nor is __GFP_NOMEMALLOC'd
 * out of them, as the kernel era computes it: __GFP_HIGH halves M; a caller that cannot sleep
 * (can_try_harder in 2.6.9, ALLOC_NON_BLOCK today) takes a quarter off what is left. 2.6.9 halves
 * with `min /= 2` and lets every non-blocking caller try harder; today the quarter counts only
 * together with __GFP_HIGH and never under __GFP_NOMEMALLOC (gfp_to_alloc_flags).
 */
function reserveFloor(min: number, kernel: Kernel, high: boolean, nonBlock: boolean): number {
  if (kernel === '2.6') {
    const m = high ? Math.floor(min / 2) : min;
    return nonBlock ? m - Math.floor(m / 4) : m;
  }
  if (!high) return min;
  const m = min - Math.floor(min / 2);
  return nonBlock ? m - Math.floor(m / 4) : m;
}

/**
 * The atomic floor: ALLOC_HIGH halves the min watermark, ALLOC_HARDER takes a quarter off
 * what is left. 2.6.9 halves with `min /= 2` before subtracting; both round down, which is why
 * M=5 gives 2 there and 3 today.
 *
 * @example atomicFloor(8, 'modern') // 3
 */
export function atomicFloor(min: number, kernel: Kernel): number {
  return reserveFloor(min, kernel, true, true);
}

/** The rungs of the ladder as a renderer draws them, and the era whose rules compute the rest. */
export interface Watermarks {
  readonly min: number;
  readonly atomic: number;
  readonly memalloc: number;
  readonly kernel: Kernel;
}

export function watermarks(min: number, kernel: Kernel): Watermarks {
  return { min, atomic: atomicFloor(min, kernel), memalloc: 0, kernel };
}

/** The effective mask: PF_MEMALLOC_NOIO strips IO and FS, as memalloc_noio_flags() does. */
export function effective(mask: number): number {
  return mask & PF_MEMALLOC_NOIO ? mask & ~(IO | FS) : mask;
}

/**
 * How low free pages may go for one page taken in `mask`: the page is taken iff
 * free - 1 >= floor. __GFP_NOMEMALLOC overrides __GFP_MEMALLOC and PF_MEMALLOC. PF_MEMALLOC is
 * a task flag and counts even without __GFP_WAIT (2.6.9 mempool's first try dips into the
 * reserve this way); interrupt-context actors never carry it. A caller without __GFP_WAIT
 * (mempool_alloc's first try) may go deeper in 2.6.9 (can_try_harder).
 *
 * @example floorOf(GFP_KERNEL & ~(WAIT | IO), watermarks(4, '2.6')) // 3
 */
export function floorOf(mask: number, w: Watermarks): number {
  const nomemalloc = (mask & GFP_NOMEMALLOC) !== 0;
  if (!nomemalloc && mask & (GFP_MEMALLOC | PF_MEMALLOC)) return w.memalloc;
  const nonBlock = !(mask & WAIT) && !(nomemalloc && w.kernel === 'modern');
  return reserveFloor(w.min, w.kernel, (mask & HIGH) !== 0, nonBlock);
}

/** What an allocation does when the floor cannot be met. */
export type OnFailure = 'fail' | 'wait' | 'reclaim';

/**
 * Atomic allocations fail at once; a PF_MEMALLOC task may not recurse into reclaim and waits
 * for memory; any other task that may sleep enters direct reclaim, where its mask decides what
 * it can free (reclaim.ts): NOFS/NOIO reclaim frees only what needs no I/O, or finds nothing and
 * waits.
 */
export function onFailure(mask: number): OnFailure {
  const m = effective(mask);
  if (!(m & WAIT)) return 'fail';
  return m & PF_MEMALLOC ? 'wait' : 'reclaim';
}

/** Whether reclaim in `mask` may write out dirty pages (pageout needs __GFP_IO and __GFP_FS). */
export function mayWritePage(mask: number): boolean {
  const m = effective(mask);
  return (m & IO) !== 0 && (m & FS) !== 0;
}

/** The context as the kernel writes it: 'GFP_KERNEL', 'PF_MEMALLOC', 'GFP_NOIO|__GFP_NOMEMALLOC'. */
export function contextName(mask: number): string {
  // Every emitted move names its context: spell each of the 256 masks once, not per move.
  return contextNames[mask] ?? spell(mask);
}

function spell(mask: number): string {
  const base = mask & (WAIT | IO | FS | HIGH);
  const hit = named.find(([, m]) => m === base);
  const parts: string[] = [];
  if (mask & PF_MEMALLOC && !(mask & GFP_NOMEMALLOC)) parts.push('PF_MEMALLOC');
  else parts.push(hit ? hit[0] : `gfp(${base})`);
  if (mask & PF_MEMALLOC_NOIO) parts.push('PF_MEMALLOC_NOIO');
  if (mask & GFP_MEMALLOC) parts.push('__GFP_MEMALLOC');
  if (mask & GFP_NOMEMALLOC) parts.push('__GFP_NOMEMALLOC');
  return parts.join('|');
}

const contextNames: readonly string[] = Array.from({ length: 256 }, (_, mask) => spell(mask));
