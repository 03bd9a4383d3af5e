import { describe, expect, it } from 'vitest';
import counter from '../../models/counter.js';
import { startedWithCheck, threadedProperties } from '../../src/parallel/threaded.js';

describe('which checks start their threads with the check', () => {
  const model = counter.build({ procs: 2, max: 2 });
  const safety = model.properties.filter((p) => p.kind === 'invariant').map((p) => p.name);

  it('only when asked for: by default the threads wait for the probe, so a small check pays for none', () => {
    expect(threadedProperties(model, { workers: 2, properties: safety })).toEqual(safety);
    expect(startedWithCheck(model, { workers: 2, properties: safety })).toBeUndefined();
    expect(startedWithCheck(model, { workers: 2, properties: safety, workersAtStart: false })).toBeUndefined();
    expect(startedWithCheck(model, { workers: 2, properties: safety, workersAtStart: true })).toEqual(safety);
  });

  it('never for a check that runs on one thread', () => {
    expect(startedWithCheck(model, { workers: 1, properties: safety, workersAtStart: true })).toBeUndefined();
    expect(startedWithCheck(model, { workers: 2, properties: safety, workersAtStart: true, por: true })).toBeUndefined();
  });
});
