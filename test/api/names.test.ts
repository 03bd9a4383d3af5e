import { describe, expect, it } from 'vitest';
import { checkPolicy, models, POLICY_NAMES, policyList, PROPERTY_NAMES, propertyList, type ModelName, type PolicySpec, type PropertyName } from '../../src/index.js';

describe('the catalogue as string literal types', () => {
  it('POLICY_NAMES is the policy catalogue and PROPERTY_NAMES the properties (add a new property to names.ts too)', () => {
    expect([...POLICY_NAMES]).toEqual(policyList.map((p) => p.name));
    expect([...PROPERTY_NAMES]).toEqual(propertyList.map((p) => p.name));
  });

  it('a misspelt policy, property or model is a compile error', () => {
    const spec: PolicySpec = 'mempool-only+memalloc-inheritance';
    const property: PropertyName = 'no-deadlock';
    // @ts-expect-error: not a policy
    const badPolicy: PolicySpec = 'mempol';
    // @ts-expect-error: not a property
    const badProperty: PropertyName = 'no-deadlocks';
    const model: ModelName = 'dm-raid1';
    // @ts-expect-error: not a shipped model
    const badModel: ModelName = 'dm-raid2';
    expect([spec, property, badPolicy, badProperty, model, badModel]).toHaveLength(6);
    expect(checkPolicy(models['bio-mempool'], spec.split('+')[0] as PolicySpec, { property, numRuns: 1, seed: 1 }).ok).toBe(true);
  });
});
