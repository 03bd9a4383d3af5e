// The state panel of the explorer and a trace's page: memory cgroups' charges against their limits.
import { describe, expect, it } from 'vitest';
import fuseMemcg from '../../models/fuse-memcg.js';
import dm from '../../models/dm-raid1.js';
import { check } from '../../src/core/check.js';
import { statePanel } from '../../src/render/state-panel.js';

describe('statePanel', () => {
  it('shows each memory cgroup\'s charge against its limit: none at first, the whole limit at the fuse-memcg deadlock', () => {
    const model = fuseMemcg.build({}, 'none');
    expect(statePanel(model, model.initialStates()[0]!, true).groups).toEqual([{ name: 'fuse', charged: 0, limit: 4 }]);
    const last = check(model, { properties: ['no-deadlock'] }).properties[0]!.counterexample!.states.at(-1)!;
    const panel = statePanel(model, last, false);
    expect(panel.groups).toEqual([{ name: 'fuse', charged: 4, limit: 4 }]);
    // The charge is the sum of the owners charged to the group, which the panel lists beside it.
    expect(model.world.groups.map((g) => last.charged(g.name))).toEqual([4]);
  });

  it('has no groups for a model without memory cgroups', () => {
    const model = dm.build({}, 'none');
    expect(statePanel(model, model.initialStates()[0]!, true).groups).toEqual([]);
  });
});
