import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { models } from '../../src/api/models.js';
import { check } from '../../src/core/check.js';
import { dirtyPage, free, mempoolAlloc, scenario, submit, WorldError, type ActorSpec, type Instr, type Scenario, type Step, type WorldSpec } from '../../src/language.js';

const scenarios = Object.values(models).filter((d): d is Scenario => (d as Partial<Scenario>).kind === 'scenario');

/** A value a field cannot take, typed as the field so the mutation compiles. */
const bad = <T>(v: unknown): T => v as T;

/** A malformed copy of a valid world, and the subject its error must name. */
interface Mutant {
  readonly spec: WorldSpec;
  readonly subject: string;
}

type Mutation = (w: WorldSpec, pick: number, value: number) => Mutant;

const withActor = (w: WorldSpec, i: number, change: (a: ActorSpec) => ActorSpec): Mutant => {
  const at = i % w.actors.length;
  const a = w.actors[at]!;
  return { spec: { ...w, actors: w.actors.map((b, k) => (k === at ? change(b) : b)) }, subject: `actor ${a.name}` };
};
const firstDaemon = (w: WorldSpec): number => Math.max(0, w.actors.findIndex((a) => a.kind === 'daemon'));
const withProgram = (w: WorldSpec, i: number, program: (p: readonly Instr[]) => readonly Instr[]): Mutant => withActor(w, i, (a) => ({ ...a, program: program(a.program) }));
const insert = (step: Step) => (p: readonly Instr[]): Instr[] => [...p, { step, repeat: 1 }];
const daemonDevice = (w: WorldSpec): string | undefined => Object.entries(w.devices).find(([, d]) => d.kind === 'daemon')?.[0];

/** Each mutation breaks one rule of the language in any valid world. */
const mutations: Record<string, Mutation> = {
  pages: (w, _, v) => ({ spec: { ...w, memory: { ...w.memory, pages: bad([-1, 0, 1.5, 201, NaN][v % 5]) } }, subject: 'memory' }),
  min: (w, _, v) => ({ spec: { ...w, memory: { ...w.memory, min: [-1, 1.5, w.memory.pages, w.memory.pages + 3][v % 4]! } }, subject: 'memory' }),
  dirtyLimit: (w, _, v) => ({ spec: { ...w, memory: { ...w.memory, dirtyLimit: [0, -2, 1.5][v % 3]! } }, subject: 'memory' }),
  clean: (w, _, v) => ({ spec: { ...w, memory: { ...w.memory, clean: [-1, 1.5, 201][v % 3]! } }, subject: 'memory' }),
  shrinker: (w, _, v) => ({ spec: { ...w, shrinkers: { ...w.shrinkers, icache: { objects: [-1, 1.5, 201][v % 3]! } } }, subject: 'shrinker icache' }),
  bioset: (w, _, v) => ({ spec: { ...w, biosets: { bs: [{ minNr: 0, device: Object.keys(w.devices)[0]! }, { minNr: 1, device: 'sdb' }][v % 2]! } }, subject: 'bio_set bs' }),
  kernel: (w) => ({ spec: { ...w, kernel: bad('2.7') }, subject: 'world' }),
  pool: (w, _, v) => {
    const name = Object.keys(w.pools ?? {})[0] ?? 'extra';
    return { spec: { ...w, pools: { ...w.pools, [name]: [-1, 1.5, 201][v % 3]! } }, subject: `mempool ${name}` };
  },
  count: (w, i, v) => withActor(w, i, (a) => ({ ...a, count: a.kind === 'daemon' ? [0, 2][v % 2]! : [-1, 1.5, 33][v % 3]! })),
  daemonCount: (w, _, v) => withActor(w, firstDaemon(w), (a) => ({ ...a, count: a.kind === 'daemon' ? 0 : [-1, 1.5][v % 2]! })),
  kind: (w, i, v) => withActor(w, i, (a) => ({ ...a, kind: bad(['demon', 'irq', ''][v % 3]) })),
  context: (w, i, v) => withActor(w, i, (a) => ({ ...a, context: [-1, 1.5, 256][v % 3]! })),
  fairness: (w, i) => withActor(w, i, (a) => ({ ...a, fairness: bad('sometimes') })),
  repeat: (w, i, v) => withProgram(w, i, (p) => p.map((instr, k) => (k === v % p.length ? { ...instr, repeat: [0, -1, 1.5, 256][v % 4]! } : instr))),
  emptyProgram: (w, i) => withProgram(w, i, () => []),
  unknownDevice: (w, i, v) => withProgram(w, i, insert([dirtyPage('sdb'), submit('sdb')][v % 2]!)),
  unknownPool: (w, i, v) => withProgram(w, i, insert([mempoolAlloc('nopool'), free({ pool: 'nopool' })][v % 2]!)),
  duplicate: (w, i) => {
    const a = w.actors[i % w.actors.length]!;
    return { spec: { ...w, actors: [...w.actors, a] }, subject: `actor ${a.name}` };
  },
  serves: (w, i) => withActor(w, i, (a) => ({ ...a, serves: a.kind === 'daemon' ? 'nodev' : daemonDevice(w) ?? Object.keys(w.devices)[0] ?? 'nodev' })),
  deviceDaemon: (w) => {
    const name = daemonDevice(w) ?? 'md9';
    return { spec: { ...w, devices: { ...w.devices, [name]: { kind: 'daemon', daemon: 'nobody', queue: 1 } } }, subject: `device ${name}` };
  },
  queue: (w, _, v) => {
    const name = daemonDevice(w);
    if (name === undefined) return { spec: { ...w, devices: { ...w.devices, tape: bad({ kind: 'tape' }) } }, subject: 'device tape' };
    const d = w.devices[name]!;
    return { spec: { ...w, devices: { ...w.devices, [name]: { ...d, queue: [0, -1, 1.5][v % 3]! } } }, subject: `device ${name}` };
  },
  diskPool: (w) => ({ spec: { ...w, devices: { ...w.devices, sdz: { kind: 'disk', bio: true, pool: 'nopool' } } }, subject: 'device sdz' }),
  cgroupLimit: (w, _, v) => ({ spec: { ...w, cgroups: { ...w.cgroups, memcg9: { limit: [0, -1, 1.5, 201][v % 4]! } } }, subject: 'cgroup memcg9' }),
  cgroupName: (w, i) => withActor(w, i, (a) => ({ ...a, cgroup: 'nogroup' })),
};

/** The world with every step's `run` counted: a count above zero means a state was expanded. */
function counted(w: WorldSpec, runs: { n: number }): WorldSpec {
  const wrap = (s: Step): Step => ({ ...s, run: (x) => void (runs.n++, s.run(x)) });
  return { ...w, actors: w.actors.map((a) => (Array.isArray(a?.program) ? { ...a, program: a.program.map((i) => (i?.step ? { ...i, step: wrap(i.step) } : i)) } : a)) };
}

function rebuilt(def: Scenario, spec: WorldSpec): Scenario {
  return scenario({ name: def.name, summary: def.summary, description: def.description, params: def.params, world: () => spec });
}

describe('a malformed world is refused when it is built, before any search', () => {
  it('the counted steps do count a search (the control for the property below)', () => {
    for (const def of scenarios) {
      const runs = { n: 0 };
      check(rebuilt(def, counted(def.spec(), runs)).build({}, def.policies[0]), { maxStates: 50 });
      expect(runs.n, def.name).toBeGreaterThan(0);
    }
  });

  it('every mutation of a shipped world is a WorldError of one line naming the subject and field; no step ever runs', () => {
    const arb = fc.record({
      def: fc.constantFrom(...scenarios),
      mutation: fc.constantFrom(...Object.keys(mutations)),
      pick: fc.nat(20),
      value: fc.nat(20),
      policy: fc.nat(10),
    });
    fc.assert(
      fc.property(arb, ({ def, mutation, pick, value, policy }) => {
        const mutant = mutations[mutation]!(def.spec(), pick, value);
        const runs = { n: 0 };
        const model = rebuilt(def, counted(mutant.spec, runs));
        let error: unknown;
        try {
          check(model.build({}, def.policies[policy % def.policies.length]), { maxStates: 1000 });
        } catch (e) {
          error = e;
        }
        expect(error, `${def.name} ${mutation}`).toBeInstanceOf(WorldError);
        const e = error as WorldError;
        expect(e.code).toBe('bad-option');
        expect(e.message).not.toContain('\n');
        expect(e.message.startsWith(`${def.name}: `)).toBe(true);
        expect(e.subject).toBe(mutant.subject);
        expect(e.message).toContain(e.field);
        expect(runs.n).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
