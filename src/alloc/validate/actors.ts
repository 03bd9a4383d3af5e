/** Checks of the declared actors: kinds, counts, contexts, what they serve, and their programs. */
import type { ActorSpec, WorldSpec } from '../world.js';
import { checkRef } from './names.js';
import { listed, notWhole, problem, show, type Problem } from './rules.js';

/**
 * The kinds a world declares (irq, receiver and server come with their devices). A mechanism
 * that brings a kind of actor of its own adds it here.
 */
export const declaredKinds: readonly string[] = ['dirtier', 'kswapd', 'flusher', 'daemon', 'traffic', 'task', 'rescuer'];

/** The kinds that take requests from a daemon device's queue. */
const serving = ['daemon', 'rescuer'];

/** An actor's index and a request's flags share a byte in a queue entry (see layout.ts). */
export const MAX_ACTORS = 64;
/** A program counter and a repeat counter are one byte each. */
const MAX_STEPS = 255;
const MAX_COUNT = 32;
const fairnesses = ['weak', 'strong', 'none'];

export function* actorChecks(spec: WorldSpec): Iterable<Problem> {
  if (!Array.isArray(spec.actors)) return yield problem('world', 'actors', 'must be a list of actors');
  const seen = new Set<string>();
  for (const a of spec.actors) {
    if (typeof a?.name !== 'string' || a.name === '') {
      yield problem('an actor', 'name', `must be a non-empty string, got ${show(a?.name)}`);
      continue;
    }
    const subject = `actor ${a.name}`;
    if (seen.has(a.name)) yield problem(subject, 'name', 'is declared twice');
    seen.add(a.name);
    yield* fieldChecks(spec, subject, a);
    yield* programChecks(spec, subject, a);
  }
  const brought = Object.values(spec.devices ?? {}).reduce((n, d) => n + (d?.kind === 'disk' ? 1 : d?.kind === 'network' ? 1 + Number(d.retransmit === true) : 0), 0);
  const total = spec.actors.reduce((n, a) => n + (Number.isInteger(a?.count) ? a.count : 0), brought);
  if (total > MAX_ACTORS) yield problem('world', 'actors', `are ${total} in all, with those the devices bring; at most ${MAX_ACTORS} fit a state`);
}

function* fieldChecks(spec: WorldSpec, subject: string, a: ActorSpec): Iterable<Problem> {
  if (!declaredKinds.includes(a.kind)) yield problem(subject, 'kind', `must be one of ${declaredKinds.join(', ')}, got ${show(a.kind)}`);
  const daemon = a.kind === 'daemon';
  const count = daemon ? notWhole(a.count, 1, 1) : notWhole(a.count, 0, MAX_COUNT);
  if (count) yield problem(subject, 'count', daemon ? `must be 1 (a daemon serves its device's queue alone), got ${show(a.count)}` : count);
  for (const field of ['context', 'flags'] as const) {
    const bad = notWhole(a[field], 0, 255);
    if (bad) yield problem(subject, field, `${bad} (a context mask: use the GFP_* and PF_* constants)`);
  }
  if (a.fairness !== undefined && !fairnesses.includes(a.fairness)) yield problem(subject, 'fairness', `must be one of ${fairnesses.join(', ')}, got ${show(a.fairness)}`);
  if (daemon && a.serves === undefined) yield problem(subject, 'serves', "is missing: a daemon serves a daemon device's queue");
  if (!serving.includes(a.kind) && a.serves !== undefined) yield problem(subject, 'serves', `is for daemons only (this actor is a ${a.kind})`);
  if (a.serves !== undefined) {
    const bad = checkRef(spec, subject, 'serves', { kind: 'queue', name: a.serves, field: 'serves' });
    if (bad) yield bad;
  }
  if (a.rescues !== undefined && !spec.actors.some((b) => b.name === a.rescues && b.kind === 'daemon')) {
    yield problem(subject, 'rescues', `names '${a.rescues}', which is not a declared daemon`);
  }
}

/** ' #2' for the second step of its kind in a program, '' for the only one. */
function sameKind(kinds: readonly unknown[], i: number): string {
  if (kinds.filter((k) => k === kinds[i]).length < 2) return '';
  return ` #${kinds.slice(0, i + 1).filter((k) => k === kinds[i]).length}`;
}

function* programChecks(spec: WorldSpec, subject: string, a: ActorSpec): Iterable<Problem> {
  if (!Array.isArray(a.program) || a.program.length === 0) return yield problem(subject, 'program', 'has no steps');
  if (a.program.length > MAX_STEPS) yield problem(subject, 'program', `has ${a.program.length} steps; at most ${MAX_STEPS}`);
  const kinds = a.program.map((instr) => instr?.step?.kind);
  for (const [i, instr] of a.program.entries()) {
    const step = instr?.step;
    if (typeof step?.kind !== 'string' || typeof step.run !== 'function') {
      yield problem(subject, `program[${i}]`, 'is not a step (make one with the step functions or step({ kind, run }))');
      continue;
    }
    const where = `${step.kind} step${sameKind(kinds, i)}`;
    if (notWhole(instr.repeat, 1, MAX_STEPS)) yield problem(subject, where, `repeats ${show(instr.repeat)} times: times(n) takes a whole number n in 1..${MAX_STEPS}`);
    for (const ref of step.refs ?? []) {
      const bad = checkRef(spec, subject, `${where}'s ${ref.field}`, ref);
      if (bad) yield bad;
    }
  }
}
