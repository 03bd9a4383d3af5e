/**
 * Threshold search: the first value, in a given order, at which a predicate holds. Bisection
 * only when the caller declares the predicate monotone (once it holds it keeps holding along the
 * order); otherwise a scan. An undecided answer stops the search: it never guesses past it.
 */

/** What one probe found. `violated` and `incomplete` carry the caller's evidence. */
export type Probe<E> = { readonly status: 'holds' } | { readonly status: 'violated' | 'incomplete'; readonly evidence: E };

export interface ThresholdQuery<V, E> {
  /** Candidate values in search order: the answer is the first that holds. */
  readonly values: readonly V[];
  /** True when holding at `values[i]` implies holding at every later value. */
  readonly monotone: boolean;
  readonly test: (value: V) => Promise<Probe<E>>;
  /** Whether to stop early (Ctrl-C): the answer is then incomplete. */
  readonly aborted?: () => boolean;
}

/**
 * - `found`: `value` holds; `beyond` is the value just before it in the order with its evidence
 *   (absent when `value` is the first candidate).
 * - `none`: no candidate holds; `best` is the last candidate (the most permissive end of the
 *   order) with its evidence.
 * - `incomplete`: some probe that the answer depends on was undecided.
 */
export type ThresholdResult<V, E> =
  | { readonly kind: 'found'; readonly value: V; readonly beyond?: { readonly value: V; readonly evidence: E }; readonly probes: number }
  | { readonly kind: 'none'; readonly best: { readonly value: V; readonly evidence: E }; readonly probes: number }
  | { readonly kind: 'incomplete'; readonly at: V; readonly evidence?: E; readonly probes: number };

/**
 * Finds the first value that holds.
 *
 * @example
 * await findThreshold({ values: [0, 1, 2, 3], monotone: true, test: async (v) => (v >= 2 ? { status: 'holds' } : { status: 'violated', evidence: v }) })
 * // { kind: 'found', value: 2, beyond: { value: 1, evidence: 1 }, probes: 2 }
 */
export async function findThreshold<V, E>(q: ThresholdQuery<V, E>): Promise<ThresholdResult<V, E>> {
  if (q.values.length === 0) throw new Error('findThreshold needs at least one candidate value');
  return q.monotone ? bisect(q) : scan(q);
}

async function scan<V, E>(q: ThresholdQuery<V, E>): Promise<ThresholdResult<V, E>> {
  let last: { value: V; evidence: E } | undefined;
  let probes = 0;
  for (const value of q.values) {
    if (q.aborted?.()) return { kind: 'incomplete', at: value, probes };
    const p = await q.test(value);
    probes++;
    if (p.status === 'holds') return { kind: 'found', value, ...(last ? { beyond: last } : {}), probes };
    if (p.status === 'incomplete') return { kind: 'incomplete', at: value, evidence: p.evidence, probes };
    last = { value, evidence: p.evidence };
  }
  return { kind: 'none', best: last!, probes };
}

/**
 * Bisection for the first index that holds, over [lo, hi). Invariant: every index below `lo`
 * is known violated, every index from `hi` on known (or, at the end, assumed absent) to hold.
 */
async function bisect<V, E>(q: ThresholdQuery<V, E>): Promise<ThresholdResult<V, E>> {
  const { values } = q;
  const known = new Map<number, Probe<E>>();
  let probes = 0;
  const probe = async (i: number): Promise<Probe<E>> => {
    const hit = known.get(i);
    if (hit) return hit;
    const p = await q.test(values[i]!);
    probes++;
    known.set(i, p);
    return p;
  };
  // The last candidate first: if even it fails, no candidate holds.
  const top = values.length - 1;
  const atTop = await probe(top);
  if (atTop.status === 'incomplete') return { kind: 'incomplete', at: values[top]!, evidence: atTop.evidence, probes };
  if (atTop.status === 'violated') return { kind: 'none', best: { value: values[top]!, evidence: atTop.evidence }, probes };
  let lo = 0;
  let hi = top;
  while (lo < hi) {
    if (q.aborted?.()) return { kind: 'incomplete', at: values[lo]!, probes };
    const mid = (lo + hi) >> 1;
    const p = await probe(mid);
    if (p.status === 'incomplete') return { kind: 'incomplete', at: values[mid]!, evidence: p.evidence, probes };
    if (p.status === 'holds') hi = mid;
    else lo = mid + 1;
  }
  if (lo === 0) return { kind: 'found', value: values[0]!, probes };
  const before = await probe(lo - 1);
  // Below the answer every probe was a violation, so `before` is one (probed or by the search).
  if (before.status !== 'violated') throw new Error('bisection invariant broken: the value before the answer is not violated');
  return { kind: 'found', value: values[lo]!, beyond: { value: values[lo - 1]!, evidence: before.evidence }, probes };
}
