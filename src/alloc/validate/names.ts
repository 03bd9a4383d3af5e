/**
 * The kinds of names a step may refer to, and where a world declares them. A mechanism that adds
 * a kind of named thing (a lock, a cgroup) adds an entry here; its steps then list their names
 * in `Step.refs` and the world check below finds the ones that do not exist.
 */
import type { Ref, WorldSpec } from '../world.js';
import { listed, problem, type Problem } from './rules.js';

interface Namespace {
  /** How the kind reads in a message: 'device', 'local disk'. */
  readonly noun: string;
  /** The names of that kind the world declares. */
  names(spec: WorldSpec): readonly string[];
}

const devicesOf = (spec: WorldSpec, kind?: string): string[] =>
  Object.entries(spec.devices ?? {}).filter(([, d]) => kind === undefined || d.kind === kind).map(([name]) => name);

export const namespaces: Readonly<Record<string, Namespace>> = {
  device: { noun: 'device', names: (spec) => devicesOf(spec) },
  disk: { noun: 'local disk', names: (spec) => devicesOf(spec, 'disk') },
  queue: { noun: 'daemon queue', names: (spec) => devicesOf(spec, 'daemon') },
  pool: { noun: 'mempool', names: (spec) => [...Object.keys(spec.pools ?? {}), ...Object.keys(spec.biosets ?? {})] },
  bioset: { noun: 'bio_set', names: (spec) => Object.keys(spec.biosets ?? {}) },
};

/** The refs of a step option that may be absent: `named('pool', 'pool', opts.pool)`. */
export function named(kind: string, field: string, name: string | undefined): Ref[] {
  return name === undefined ? [] : [{ kind, name, field }];
}

/** The problem with one name `subject` refers to through `field`, or undefined when it exists. */
export function checkRef(spec: WorldSpec, subject: string, field: string, ref: Ref): Problem | undefined {
  const space = namespaces[ref.kind];
  if (!space) return problem(subject, field, `refers to a ${ref.kind}, a kind of name no mechanism declares; known: ${Object.keys(namespaces).join(', ')}`);
  const names = space.names(spec);
  if (names.includes(ref.name)) return undefined;
  return problem(subject, field, `'${ref.name}' is not a declared ${space.noun}; ${space.noun}s: ${listed(names)}`);
}
