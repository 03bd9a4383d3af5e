// The language and the properties it is checked against meet only through the registry. This file
// imports the language alone (never properties/ or src/language.ts) until a test loads them, so
// its first test sees the registry empty.
import { describe, expect, it } from 'vitest';
import { dirtier, kswapd, localDisk, scenario } from '../../src/alloc/index.js';
import { registeredProperties, registerProperties } from '../../src/alloc/property-registry.js';
import { check } from '../../src/core/check.js';

const mini = scenario({
  name: 'mini',
  summary: 'a dirtier and kswapd on a local disk',
  description: 'The smallest world with writeout.',
  params: {},
  world: () => ({ kernel: '2.6', memory: { pages: 4, min: 1 }, devices: { sda: localDisk() }, actors: [dirtier('sda'), kswapd()] }),
});

const names = ['no-deadlock', 'reserve-integrity', 'pages-conserved', 'writeout-progress', 'recoverable'];

/** What a refusal of the registry looks like: a CheckError 'bad-model' whose message matches. */
const badModel = (message: RegExp) => expect.objectContaining({ name: 'CheckError', code: 'bad-model', message: expect.stringMatching(message) });

describe('the property registry', () => {
  it('refuses to build a model while no property is registered, in one line', () => {
    expect(() => mini.build({})).toThrow(badModel(/^no properties are registered for allocation models: [^\n]*'allocheck'[^\n]*$/));
  });

  it('importing properties/ registers them, and models built afterwards are checked against them', async () => {
    const { allocProperties } = await import('../../properties/index.js');
    const model = mini.build({});
    expect(model.properties).toEqual(allocProperties);
    expect(model.properties.map((p) => p.name)).toEqual(names);
    expect(check(model, { properties: ['no-deadlock', 'pages-conserved'] }).verdict).toBe('holds');
  });

  it('a property registered again, or a copy of its definition, is kept once and in place', async () => {
    const { allocProperties } = await import('../../properties/index.js');
    registerProperties(allocProperties);
    registerProperties(allocProperties.map((p) => ({ ...p })));
    expect(registeredProperties().map((p) => p.name)).toEqual(names);
    expect(registeredProperties()[0]).toBe(allocProperties[0]);
  });

  it('another property under a registered name is refused, and nothing of its list is added', async () => {
    const { allocProperties } = await import('../../properties/index.js');
    const fresh = { kind: 'invariant' as const, name: 'fresh', holds: () => true };
    const impostor = { ...allocProperties[1]!, description: 'something else' };
    expect(() => registerProperties([fresh, impostor])).toThrow(badModel(/^two different properties are named 'reserve-integrity'; rename one of them$/));
    const otherCode = { kind: 'invariant' as const, name: 'pages-conserved', description: allocProperties[2]!.description, holds: () => true };
    expect(() => registerProperties([otherCode])).toThrow(badModel(/'pages-conserved'/));
    expect(registeredProperties().map((p) => p.name)).toEqual(names);
  });

  it('the built package loaded beside the sources keeps its own properties, once each', async () => {
    const built = (await import(new URL('../../dist/index.js', import.meta.url).href)) as typeof import('../../src/index.js');
    const fromBuilt = built.models['dm-raid1'].build({}, 'mempool-only');
    expect(fromBuilt.properties.map((p) => p.name)).toEqual(names);
    expect(fromBuilt.properties).not.toContain(registeredProperties()[0]);
    expect(mini.build({}).properties.map((p) => p.name)).toEqual(names);
  });
});
