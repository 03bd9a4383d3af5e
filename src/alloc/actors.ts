/**
 * Actor declarations for scenarios: who runs which program in which context. The devices bring
 * their own actors (the disk interrupt, the network receiver), added when the model is built.
 */
import { CheckError } from '../core/errors.js';
import type { Fairness } from '../core/model.js';
import { GFP_KERNEL, PF_MEMALLOC, gfp } from './context.js';
import { otherTraffic, serve } from './handlers.js';
import { complete } from './request-steps.js';
import { dirtyPage, reclaim } from './steps.js';
import { flush } from './dirty-throttle.js';
import type { Exec } from './exec.js';
import { preparedStep, runOf } from './per-exec.js';
import type { ActorKind, ActorSpec, DirtyThrottle, Instr, Step } from './world.js';

function instr(s: Step | Instr): Instr {
  return 'step' in s ? s : { step: s, repeat: 1 };
}

/** Runs whichever of the steps can move: `either(dirtyPage('md0'), writeThrough('md0'))`. */
export function either(...steps: Step[]): Step {
  const def = { kind: 'either', refs: steps.flatMap((s) => s.refs ?? []), doing: (x: Exec) => steps.map((s) => s.doing?.(x) ?? s.kind).join(' or ') };
  return preparedStep(def, (x) => {
    const runs = steps.map((s) => runOf(s, x));
    const [first, second] = runs;
    if (runs.length === 2 && first && second) {
      return (x) => {
        first(x);
        second(x);
      };
    }
    return (x) => {
      for (let i = 0; i < runs.length; i++) runs[i]!(x);
    };
  });
}

export interface TaskOptions {
  readonly count?: number;
  /** Instances are interchangeable (recorded for symmetry reduction). Default: count > 1. */
  readonly symmetric?: boolean;
  /** 'GFP_KERNEL' (default), 'GFP_NOFS', 'GFP_NOIO', 'GFP_ATOMIC'. */
  readonly context?: string;
  /** Always PF_MEMALLOC (as kswapd is). */
  readonly memalloc?: boolean;
  /** A kernel thread (PF_KTHREAD), not a userspace task: direct-reclaim throttling skips it. */
  readonly kthread?: boolean;
  readonly fairness?: Fairness;
  /** PF_LESS_THROTTLE ('less') or PF_LOCAL_THROTTLE ('local') under global dirty throttling. */
  readonly throttle?: DirtyThrottle;
  /** The memory cgroup (declared in the world's `cgroups`) its pages are charged to. */
  readonly cgroup?: string;
}

function contextOf(actor: string, name: string): number {
  try {
    return gfp(name);
  } catch (e) {
    throw new CheckError('bad-option', `actor ${actor}: context ${e instanceof Error ? e.message : String(e)}`);
  }
}

function actor(kind: ActorKind, name: string, o: TaskOptions, program: readonly (Step | Instr)[], extra: Partial<ActorSpec> = {}): ActorSpec {
  // Counts, programs and names are checked with the whole world when it is built (validate/).
  const count = o.count ?? 1;
  return {
    kind,
    name,
    count,
    symmetric: o.symmetric ?? count > 1,
    context: o.context === undefined ? GFP_KERNEL : contextOf(name, o.context),
    flags: o.memalloc ? PF_MEMALLOC : 0,
    ...(o.kthread ? { kthread: true } : {}),
    program: program.map(instr),
    ...(o.fairness === undefined ? {} : { fairness: o.fairness }),
    ...(o.throttle === undefined ? {} : { throttle: o.throttle }),
    ...(o.cgroup === undefined ? {} : { cgroup: o.cgroup }),
    ...extra,
  };
}

/** User tasks dirtying pages on `device` through a shared mapping, at the normal floor. */
export function dirtier(device: string, o: TaskOptions & { name?: string; steps?: readonly (Step | Instr)[] } = {}): ActorSpec {
  return actor('dirtier', o.name ?? 'dirtier', o, o.steps ?? [dirtyPage(device)]);
}

/** kswapd: always PF_MEMALLOC; while memory is low it writes out dirty pages one at a time. */
export function kswapd(o: TaskOptions = {}): ActorSpec {
  return actor('kswapd', 'kswapd', { ...o, memalloc: true, kthread: true }, [reclaim()]);
}

/**
 * The flusher of `device` (per-bdi writeback): over the background threshold it writes the
 * device's dirty pages, as an ordinary task (not PF_MEMALLOC). Named `flush-<device>`.
 */
export function flusher(device: string, o: TaskOptions = {}): ActorSpec {
  return actor('flusher', `flush-${device}`, o, [flush(device)]);
}

export interface DaemonOptions extends TaskOptions {
  /** The daemon device whose queue it serves. */
  readonly serves: string;
  /** Under memalloc-inheritance, whether NOIO travels with MEMALLOC (default true). */
  readonly inheritNoio?: boolean;
  /** Requests whose I/O it keeps in flight (default 1: it waits for the disk after each); see inflight.ts. */
  readonly inflight?: number;
}

/**
 * A kernel thread (`kthread: true`, as kmirrord) or userspace server serving a device's queue. Its program runs once
 * per request, after it takes the request; `complete()` is added at the end when missing.
 */
export function daemon(name: string, o: DaemonOptions, body: readonly (Step | Instr)[]): ActorSpec {
  const steps = [serve(), ...body];
  const last = steps[steps.length - 1]!;
  if (('step' in last ? last.step : last).kind !== 'complete') steps.push(complete());
  const inflight = o.inflight ?? 1;
  if (!Number.isInteger(inflight) || inflight < 1) throw new Error(`daemon ${name}: inflight must be a whole number >= 1, got ${inflight}`);
  return actor('daemon', name, o, steps, { serves: o.serves, inheritNoio: o.inheritNoio ?? true, inflight });
}

/** Packets for other sockets, competing for atomic memory; each reader reads its own. */
export function traffic(o: TaskOptions = {}): ActorSpec {
  return actor('traffic', 'traffic', { fairness: 'none', ...o }, [otherTraffic()]);
}

/** A custom actor: a program of steps (built-in or made with `step()`), run in a loop. */
export function task(name: string, o: TaskOptions, program: readonly (Step | Instr)[]): ActorSpec {
  return actor('task', name, o, program);
}
