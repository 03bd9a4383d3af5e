import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { traceToJson } from '../../src/render/trace-json.js';
import { validate } from '../support/json-schema.js';
import { lassoTrace, seedCases, seedTrace } from './seed-traces.js';

const schema = JSON.parse(readFileSync(new URL('../../docs/trace.schema.json', import.meta.url), 'utf8'));

describe('docs/trace.schema.json', () => {
  it.each([...seedCases.map((c) => [c.name, () => seedTrace(c.def, c.policy)] as const), ['lasso', () => lassoTrace()] as const])('%s: the written trace.json satisfies the schema', (_, make) => {
    expect(validate(schema, JSON.parse(traceToJson(make())))).toBeUndefined();
  });

  it('and the schema is not vacuous: it rejects a step without its state, and unknown fields', () => {
    const t = JSON.parse(traceToJson(seedTrace(seedCases[0]!.def, 'mempool-only')));
    delete t.steps[2].state;
    expect(validate(schema, t)).toBe('$.steps[2].state: required');
    expect(validate(schema, { ...JSON.parse(traceToJson(lassoTrace())), extra: 1 })).toBe('$.extra: not allowed');
    expect(validate(schema, { ...JSON.parse(traceToJson(lassoTrace())), version: 3 })).toBe('$.version: not one of 1, 2');
    expect(validate(schema, { ...JSON.parse(traceToJson(lassoTrace())), fairness: { kswapd: 'Weak' } })).toBe('$.fairness.kswapd: not one of weak, strong, none');
  });
});
