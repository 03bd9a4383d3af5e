/**
 * A model author's check of the Model contract on a sample of reachable states (the first
 * `samples` states breadth-first, as the model generates them, not decoded, unless the model
 * emits a scratch object it reuses):
 *
 * - `encode` is deterministic: two calls give the same bytes;
 * - `decode(encode(s))` is `s`: it encodes to the same bytes, differs from `s` in no field, and
 *   has the same successors and property values (the search explores decoded states, so an
 *   encoding that drops a field explores states the model never reaches);
 * - `successors` is deterministic: two calls emit the same actions and states in the same order;
 * - `canonical`, when given, is deterministic and agrees on `s` and `decode(encode(s))`.
 *
 * The first break is reported with the state, the path to it (a replay token) and the field.
 */
import { guardModel } from './errors.js';
import type { Action, Model } from './model.js';
import { firstDifference } from './state-diff.js';

export type ContractRule = 'encode-deterministic' | 'decode-round-trip' | 'encode-lossy' | 'successors-deterministic' | 'canonical' | 'peek';

export interface ContractBreak<S> {
  readonly rule: ContractRule;
  readonly state: S;
  /** The replay token of a path to `state`: initial state index, then successor indices. */
  readonly choices: readonly number[];
  /** The field of the state where it shows ('.free', '[3]'), when one is named. */
  readonly field?: string;
  readonly message: string;
}

export interface SelfCheckResult<S> {
  /** States the contract was tested on. */
  readonly states: number;
  readonly broken?: ContractBreak<S>;
}

interface Sample<S> {
  readonly state: S;
  readonly choices: readonly number[];
}

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const bytesOf = (h: string): Uint8Array => Uint8Array.from({ length: h.length / 2 }, (_, i) => parseInt(h.slice(2 * i, 2 * i + 2), 16));
const label = (a: Action): string => `${a.actor}:${a.name}${a.fairnessGroup ? `/${a.fairnessGroup}` : ''}`;

function successorsOf<S, A extends Action>(model: Model<S, A>, s: S): { action: string; next: S; bytes: string }[] {
  const out: { action: string; next: S; bytes: string }[] = [];
  guardModel('successors', () => model.successors(s, (action, next) => out.push({ action: label(action), next, bytes: hex(model.encode(next)) })));
  return out;
}

function propertyValues<S>(model: Model<S, Action>, s: S): string {
  return model.properties.map((p) => (p.kind === 'invariant' ? p.holds(s) : p.kind === 'reachable' ? p.test(s) : '-')).join(',');
}

/** The first rule `s` breaks, with its field and message; undefined when it keeps them all. */
function test<S, A extends Action>(model: Model<S, A>, s: S): Omit<ContractBreak<S>, 'state' | 'choices'> | undefined {
  const once = hex(model.encode(s));
  const twice = hex(model.encode(s));
  if (once !== twice) return { rule: 'encode-deterministic', message: `encode gave ${once} and then ${twice} for the same state` };
  const back = guardModel('decode', () => model.decode(bytesOf(once)));
  const again = hex(model.encode(back));
  const field = firstDifference(s, back);
  if (again !== once) return { rule: 'decode-round-trip', ...(field ? { field } : {}), message: `decode(encode(s)) encodes as ${again}, not ${once}` };
  const [a, b, d] = [successorsOf(model, s), successorsOf(model, s), successorsOf(model, back)];
  const differ = (x: typeof a, y: typeof a) => x.length !== y.length || x.some((e, i) => e.action !== y[i]!.action || e.bytes !== y[i]!.bytes);
  if (differ(a, b)) {
    const i = a.findIndex((e, k) => e.action !== b[k]?.action || e.bytes !== b[k]?.bytes);
    return { rule: 'successors-deterministic', message: `two calls of successors differ at successor ${i < 0 ? a.length : i} (${a.length} and ${b.length} successors)` };
  }
  if (field !== undefined || differ(a, d) || propertyValues(model, s) !== propertyValues(model, back)) {
    return { rule: 'encode-lossy', ...(field ? { field } : {}), message: `decode(encode(s)) is not s${field ? `: they differ at ${field || 'the whole state'}` : ''}, so the search explores a state the model did not reach (encode loses that part)` };
  }
  if (model.peek) {
    // The search expands the state peek gives: it must be the state decode gives.
    const peeked = guardModel('peek', () => model.peek!(bytesOf(once)));
    if (hex(model.encode(peeked)) !== once || differ(a, successorsOf(model, peeked))) return { rule: 'peek', message: 'peek(encode(s)) is not decode(encode(s)): it encodes or steps differently, so the search would expand a state the model did not reach' };
  }
  if (model.canonical) {
    const c = hex(model.canonical(s));
    if (c !== hex(model.canonical(s))) return { rule: 'canonical', message: 'canonical gave two different encodings for the same state' };
    if (c !== hex(model.canonical(back))) return { rule: 'canonical', message: 'canonical differs on s and decode(encode(s)), which encode says are the same state' };
  }
  return undefined;
}

/**
 * Tests the Model contract on up to `samples` reachable states (default 1000).
 *
 * @example
 * const r = selfCheck(model);
 * if (r.broken) report(r.broken.rule, r.broken.field, r.broken.message);
 */
export function selfCheck<S, A extends Action>(model: Model<S, A>, options: { readonly samples?: number } = {}): SelfCheckResult<S> {
  const limit = options.samples ?? 1000;
  const inits = guardModel('initialStates', () => model.initialStates());
  const queue: Sample<S>[] = inits.map((state, i) => ({ state, choices: [i] }));
  const seen = new Set(queue.map((q) => hex(model.encode(q.state))));
  const kept = new WeakSet<object>();
  let tested = 0;
  for (let head = 0; head < queue.length && tested < limit; head++) {
    const { state, choices } = queue[head]!;
    const broken = test(model, state);
    tested++;
    if (broken) return { states: tested, broken: { ...broken, state, choices } };
    const next = successorsOf(model, state);
    // A model that emits one scratch object again and again must be copied (by decoding, which
    // then tests the round trip on its initial states only); fresh objects are kept as they are.
    const scratch = new Set(next.map((e) => e.next)).size < next.length || next.some((e) => typeof e.next === 'object' && e.next !== null && kept.has(e.next));
    next.forEach(({ next: state, bytes }, i) => {
      if (seen.has(bytes) || queue.length >= limit) return;
      seen.add(bytes);
      const own = scratch ? model.decode(bytesOf(bytes)) : state;
      if (typeof own === 'object' && own !== null) kept.add(own);
      queue.push({ state: own, choices: [...choices, i] });
    });
  }
  return { states: tested };
}
