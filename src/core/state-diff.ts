/**
 * Where two states differ, as a field path ('.actors[1].pc', '[3]'), for reports that name
 * the part of a state a broken encoding loses. Compares values structurally: typed arrays and
 * arrays by element, Maps and Sets by entries, Immutable.js values through `toJS()`, other
 * objects by their own enumerable keys; functions are ignored.
 */

type Indexed = ArrayLike<unknown>;

function isIndexed(v: unknown): v is Indexed {
  return Array.isArray(v) || ArrayBuffer.isView(v);
}

function entriesOf(v: object): [string, unknown][] {
  if (v instanceof Map) return [...v.entries()].map(([k, x]) => [`.get(${String(k)})`, x]);
  if (v instanceof Set) return [...v].map((x, i) => [`{${i}}`, x]);
  return Object.keys(v)
    .filter((k) => typeof (v as Record<string, unknown>)[k] !== 'function')
    .sort()
    .map((k) => [`.${k}`, (v as Record<string, unknown>)[k]]);
}

function plain(v: unknown): unknown {
  const toJS = (v as { toJS?: unknown } | null)?.toJS;
  return typeof toJS === 'function' ? (toJS as () => unknown).call(v) : v;
}

/**
 * The path of the first field where `a` and `b` differ, '' when they differ as wholes, or
 * undefined when they are equal.
 *
 * @example
 * firstDifference({ pc: 1, t: [0, 2] }, { pc: 1, t: [0, 3] }); // '.t[1]'
 */
export function firstDifference(a: unknown, b: unknown, depth = 0): string | undefined {
  if (Object.is(a, b)) return undefined;
  const x = plain(a);
  const y = plain(b);
  if (Object.is(x, y)) return undefined;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null || depth > 32) return '';
  if (isIndexed(x) || isIndexed(y)) {
    if (!isIndexed(x) || !isIndexed(y)) return '';
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
      const d = i < x.length && i < y.length ? firstDifference(x[i], y[i], depth + 1) : '';
      if (d !== undefined) return `[${i}]${d}`;
    }
    return undefined;
  }
  const ex = entriesOf(x);
  const ey = new Map(entriesOf(y));
  for (const [k, v] of ex) {
    const d = ey.has(k) ? firstDifference(v, ey.get(k), depth + 1) : '';
    if (d !== undefined) return `${k}${d}`;
    ey.delete(k);
  }
  const extra = ey.keys().next();
  return extra.done ? undefined : extra.value;
}
