import { describe, expect, it } from 'vitest';
import breaker from '../support/fixtures/contract-breaker.js';
import { check } from '../../src/core/check.js';
import { resolveParams } from '../../src/core/params.js';
import { selfCheck } from '../../src/core/self-check.js';
import { firstDifference } from '../../src/core/state-diff.js';
import { models } from '../../src/api/models.js';
import { cli } from '../support/cli.js';

const fixture = new URL('../support/fixtures/contract-breaker.ts', import.meta.url).pathname;
const built = (bug: string) => breaker.build({ bug });

describe('self-check: the Model contract on sampled reachable states', () => {
  it('a lossy encode: the search wrongly says holds; the self-check names the state and the field it drops', () => {
    expect(check(built('lossy')).verdict).toBe('holds'); // the bug it guards against
    expect(check(built('none')).verdict).toBe('violated');
    const r = selfCheck(built('lossy'));
    expect(r.broken).toMatchObject({ rule: 'encode-lossy', field: '.alarm', state: { n: 3, alarm: true }, choices: [0, 0, 0, 0] });
  });

  it('a non-deterministic encode is named at the first state', () => {
    expect(selfCheck(built('random')).broken).toMatchObject({ rule: 'encode-deterministic', state: { n: 0, alarm: false }, choices: [0] });
  });

  it('successors that change from call to call are named', () => {
    let flip = 0;
    const model = { ...built('none'), successors: (s: { n: number; alarm: boolean }, emit: (a: { actor: string; name: string }, n: { n: number; alarm: boolean }) => void) => {
      emit({ actor: 'p', name: flip++ % 2 ? 'b' : 'a' }, { n: s.n, alarm: s.alarm });
    } };
    expect(selfCheck(model).broken).toMatchObject({ rule: 'successors-deterministic', choices: [0] });
  });

  it('a peek that is not the state decode gives is named', () => {
    const model = { ...built('none'), peek: (b: Uint8Array) => ({ n: b[0]! + 1, alarm: b[1] === 1 }) };
    expect(selfCheck(model).broken).toMatchObject({ rule: 'peek' });
    expect(selfCheck(built('none')).broken).toBeUndefined();
  });

  it('holds on a correct model and on every shipped model under every policy', () => {
    expect(selfCheck(built('none'))).toEqual({ states: 6 });
    for (const def of Object.values(models)) {
      for (const policy of def.policies ?? [undefined]) {
        const r = selfCheck(def.build(resolveParams(def.params, {}), policy), { samples: 200 });
        expect(r.broken, `${def.name} ${policy}`).toBeUndefined();
        expect(r.states).toBeGreaterThan(0);
      }
    }
  });

  it('firstDifference names nested fields and indices', () => {
    expect(firstDifference({ pc: 1, t: [0, 2] }, { pc: 1, t: [0, 3] })).toBe('.t[1]');
    expect(firstDifference(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe('[1]');
    expect(firstDifference({ a: 1 }, { a: 1, b: 2 })).toBe('.b');
    expect(firstDifference({ a: 1 }, { a: 1 })).toBeUndefined();
  });

  it('check --self-check: exit 1 with the rule, field, state and replay token; exit 0 when the contract holds', async () => {
    const lossy = await cli(['check', fixture, '--self-check']);
    expect(lossy.code).toBe(1);
    expect(lossy.out).toBe(
      'contract-breaker: the Model contract is broken (encode-lossy) at field .alarm: decode(encode(s)) is not s: they differ at .alarm, so the search explores a state the model did not reach (encode loses that part)\n' +
        '  state 4 sampled, reached by the replay token [0, 0, 0, 0]: {"n":3,"alarm":true}\n',
    );
    const ok = await cli(['check', fixture, '--param', 'bug=none', '--self-check']);
    expect([ok.code, ok.out]).toEqual([0, 'contract-breaker: the Model contract held on 6 reachable states (encode deterministic and lossless, successors deterministic)\n']);
  });
});
