/**
 * Steps on the serving side of a request: submitting pages to a disk and waiting for the
 * interrupt, freeing pages (mempool_free under a mempool policy), completing the request.
 */
import { advance, type Exec } from './exec.js';
import { F_INFLIGHT, R_FLAGS, R_HELD, R_REQ, R_REQF } from './layout.js';
import { issueAsync, requestDone } from './inflight.js';
import { mempoolFree, returnPool } from './mempool.js';
import { finishWriteout } from './writeout.js';
import { named } from './validate/names.js';
import { perExec } from './per-exec.js';
import type { ActorInfo, PoolInfo, Step } from './world.js';

/**
 * The pool each actor's pages go back to when it frees them naming `pool` (mempool_free under a
 * mempool policy, else none), by actor index. Hooks are functions of the site, and this site
 * (the actor, 'page', not serving, the pool) is fixed per actor: worked out once per world, it
 * costs no site object and no hook call per move.
 */
export function freedTo(x: Exec, pool: string | undefined): readonly (PoolInfo | undefined)[] {
  return x.world.actors.map((actor) => freedFrom(x, actor, pool));
}

/** One actor's entry of {@link freedTo}. */
export function freedFrom(x: Exec, actor: ActorInfo, pool: string | undefined): PoolInfo | undefined {
  return returnPool(x, { actor, purpose: 'page', serving: false, request: 0, pool });
}

/** A step's {@link freedTo} table, made once per Exec. */
function freedToOnce(pool: string | undefined): (x: Exec) => readonly (PoolInfo | undefined)[] {
  return perExec((x) => freedTo(x, pool));
}

function freeHeld(x: Exec, d: Uint8Array, to: readonly (PoolInfo | undefined)[]): void {
  mempoolFree(x, d, x.a + R_HELD, to[x.me.index], x.reg(R_HELD));
}

/** Submits the pages in hand as I/O to a local disk and waits; the interrupt frees them. */
export function submit(disk: string, opts: { pool?: string } = {}): Step {
  return {
    kind: 'submit',
    device: disk,
    refs: [...named('disk', 'disk', disk), ...named('pool', 'pool', opts.pool)],
    doing: (x) => (x.reg(R_FLAGS) & F_INFLIGHT ? `waiting for ${disk}` : `submitting to ${disk}`),
    run(x) {
      if (x.me.inflight > 1 && x.reg(R_REQ) !== 0) return issueAsync(x, disk);
      if (x.reg(R_FLAGS) & F_INFLIGHT) return;
      const d = x.draft();
      x.set(d, R_FLAGS, x.reg(R_FLAGS) | F_INFLIGHT);
      x.emit(d, 'submit', x.quiet ? '' : `${x.me.name} submits ${x.reg(R_HELD)} page(s) to ${disk} and waits for the interrupt`);
    },
    ...(opts.pool === undefined ? {} : { pool: opts.pool }),
  };
}

/**
 * The interrupt's side of `submit`: frees the pages (mempool_free to `pool`, the {@link freedTo}
 * of the submit step's pool) and lets the actor go on.
 */
export function completeSubmit(x: Exec, d: Uint8Array, actor: number, pool: PoolInfo | undefined): void {
  const a = x.world.layout.actor(actor);
  mempoolFree(x, d, a + R_HELD, pool, d[a + R_HELD]!);
  d[a + R_FLAGS] = d[a + R_FLAGS]! & ~F_INFLIGHT;
  advance(x.world, d, actor);
}

/** Frees the pages in hand (to `pool` first under a mempool policy). */
export function free(opts: { pool?: string } = {}): Step {
  const to = freedToOnce(opts.pool);
  return {
    kind: 'free',
    refs: named('pool', 'pool', opts.pool),
    doing: () => 'freeing its pages',
    run(x) {
      const d = x.draft();
      freeHeld(x, d, to(x));
      x.done(d);
      x.emit(d, 'free', x.quiet ? '' : `${x.me.name} frees the pages it holds (${x.reg(R_HELD)})`);
    },
  };
}

/** A daemon finishes the request it serves: frees what it holds and completes the writeout. */
export function complete(opts: { pool?: string } = {}): Step {
  const to = freedToOnce(opts.pool);
  return {
    kind: 'complete',
    refs: named('pool', 'pool', opts.pool),
    doing: () => 'completing its request',
    run(x) {
      const from = x.reg(R_REQ) - 1;
      const d = x.draft();
      freeHeld(x, d, to(x));
      // The request's flags die with it: kept, they would split one idle daemon into several states.
      x.set(d, R_REQ, 0);
      x.set(d, R_REQF, 0);
      if (from >= 0) {
        finishWriteout(x.world, d, from);
        requestDone(x.world, d, x.me);
      }
      x.done(d);
      const who = from >= 0 ? x.world.actors[from]!.name : 'nobody';
      x.emit(d, 'complete', x.quiet ? '' : `${x.me.name} completes the request; ${who}'s page is written and ${x.world.pageCache ? 'clean' : 'free'}`);
    },
  };
}
