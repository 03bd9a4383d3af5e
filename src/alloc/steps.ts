/**
 * The building blocks of actor programs. Each carries the kernel's semantics (contexts, reclaim,
 * mempools, completion), so a model composes them instead of re-deriving them:
 * `dirtyPage('md0')`, `times(2, mempoolAlloc('raid1'))`, `submit('disk')`, `complete()`.
 */
import { allocate, type Attempt } from './allocate.js';
import { gfp } from './context.js';
import { memoized } from './context-memo.js';
import { anyCleanOrSlab, freeWithoutIo } from './reclaim.js';
import type { Exec } from './exec.js';
import { takenTo } from './inflight.js';
import { R_REQ, R_WO, R_WODEV, WO_START } from './layout.js';
import { writeOutDirtyPage } from './writeout.js';
import { named } from './validate/names.js';
import { preparedStep } from './per-exec.js';
import { overDirtyLimit, throttled } from './dirty-throttle.js';
import type { Instr, Step } from './world.js';

function deviceIndex(x: Exec, name: string): number {
  const d = x.world.deviceNamed.get(name);
  if (!d) throw new Error(`no device '${name}'`);
  return d.index;
}

/** Repeats a step n times (one mirror leg each): `times(2, mempoolAlloc('raid1'))`. */
export function times(n: number, step: Step): Instr {
  return { step, repeat: n };
}

/** A user task writes a shared mapping: a page at its own floor, left dirty on `device`. */
export function dirtyPage(device: string): Step {
  return preparedStep({ kind: 'dirty', refs: named('device', 'device', device), device, doing: () => `dirtying a page on ${device}` }, (x) => {
    const { world } = x;
    const dev = deviceIndex(x, device);
    const attempt = memoized<Attempt>(x, { purpose: 'dirty', to: world.layout.dirty(dev), what: `a page and dirties it on ${device}`, then: x.goOn });
    return (x) => {
      // The dirty-limit policy: a per-device cap, the task writing back in every era.
      if (!world.hooks.mayDirty(world, x.s, dev)) return throttled(x, dev, `over the dirty limit of ${device}`, true);
      if (overDirtyLimit(world, x.s, x.me, dev)) return throttled(x, dev, 'throttled in balance_dirty_pages');
      allocate(x, attempt);
    };
  });
}

/** A task writes a page through `device` itself: a request that is not PF_MEMALLOC. */
export function writeThrough(device: string): Step {
  return preparedStep({ kind: 'write-through', refs: named('device', 'device', device), doing: () => `writing a page through ${device}` }, (x) => {
    const dev = deviceIndex(x, device);
    const attempt = memoized<Attempt>(x, { purpose: 'dirty', to: x.world.layout.writeout(dev), what: `a page to write through ${device}`, then: startWriteout(x, dev) });
    return (x) => allocate(x, attempt);
  });
}

/** The continuation of writeThrough's allocation (made once per Exec: see Exec.goOn). */
function startWriteout(x: Exec, dev: number): (d: Uint8Array) => void {
  return (d) => {
    x.set(d, R_WO, WO_START);
    x.set(d, R_WODEV, dev);
  };
}

/**
 * kswapd's work: while free pages are at or below M, free a clean page or a shrinker's object,
 * or write out a dirty page of some device.
 */
export function reclaim(): Step {
  const low = (x: Exec): boolean => x.free <= x.world.watermarks.min;
  return {
    kind: 'reclaim',
    doing: () => 'reclaiming',
    rest: (x) => !x.world.stages.balancePgdat(x) && (!low(x) || (x.world.devices.every((d) => x.s[x.world.layout.dirty(d.index)] === 0) && !anyCleanOrSlab(x))),
    run(x) {
      x.world.stages.balancePgdat(x);
      if (!low(x)) return;
      freeWithoutIo(x, x.me.context | x.me.flags, 0, x.me.name);
      const devices = x.world.devices; // by index: see tryToFreePages
      for (let i = 0; i < devices.length; i++) {
        if (x.s[x.world.layout.dirty(i)] !== 0) writeOutDirtyPage(x, devices[i]!, 'writeout', x.quiet ? '' : `${x.me.name} picks a dirty page of ${devices[i]!.name} and starts writing it out`);
      }
    },
  };
}

/**
 * Takes a page into the actor's hand, from `pool` when a mempool policy is on (or always, for a
 * driver's own pool), in the actor's context or the gfp mask `context` names.
 */
export function alloc(opts: { pool?: string; what?: string; context?: string } = {}): Step {
  const mask = opts.context === undefined ? undefined : gfp(opts.context);
  const def = {
    kind: 'alloc',
    refs: named('pool', 'pool', opts.pool),
    doing: () => (opts.pool ? `allocating from the ${opts.pool} mempool` : 'allocating a page'),
    ...(opts.pool === undefined ? {} : { pool: opts.pool }),
  };
  return preparedStep(def, (x) => {
    const to = takenTo(x, opts.pool);
    const at = (what: string): Attempt => memoized<Attempt>(x, { purpose: 'page', pool: opts.pool, what: opts.what ?? what, then: x.goOn, ...(to === undefined ? {} : { to }), ...(mask === undefined ? {} : { mask }) });
    // Two attempts: the page is for the actor itself, or for the request it serves.
    const forSelf = at('a page');
    const forRequest = at('a page for its request');
    return (x) => allocate(x, x.reg(R_REQ) ? forRequest : forSelf);
  });
}

/** mempool_alloc from `pool` (a plain page allocation when no mempool policy is on). */
export function mempoolAlloc(pool: string): Step {
  return { ...alloc({ pool }), kind: 'mempool-alloc' };
}

/**
 * A custom step: `run` reads the state through the Exec, copies it with `x.draft()`, changes
 * the copy, calls `x.done(d)` to go on, and emits it with one plain sentence.
 *
 * @example
 * step({ kind: 'nap', run(x) { const d = x.draft(); x.done(d); x.emit(d, 'nap', `${x.me.name} naps`); } })
 */
export function step(def: Step): Step {
  return def;
}
