// Each shipped model lists its actors (Model.actors), so fairness names are checked before the
// search: the list must contain every actor that moves, or a valid name would be rejected.
import { describe, expect, it } from 'vitest';
import { models } from '../../src/api/models.js';
import { GraphBuilder } from '../../src/core/graph-builder.js';
import { resolveParams } from '../../src/core/params.js';
import { actorOfUnit } from '../../src/core/model.js';

describe('Model.actors', () => {
  for (const [name, def] of Object.entries(models)) {
    for (const policy of def.policies ?? [undefined]) {
      it(`${name}${policy ? ` under ${policy}` : ''}: every actor that moves is listed`, () => {
        const model = def.build(resolveParams(def.params, {}), policy);
        expect(model.actors).toBeDefined();
        const builder = new GraphBuilder(model, [], { maxStates: 20000, maxDepth: Infinity });
        builder.run(() => false);
        const moving = new Set(builder.graph().actorNames.map(actorOfUnit));
        expect(moving.size).toBeGreaterThan(0);
        for (const actor of moving) expect(model.actors).toContain(actor);
      });
    }
  }
});
