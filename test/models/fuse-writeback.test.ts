import { describe, expect, it } from 'vitest';
import fuse from '../../models/fuse-writeback.js';
import { run } from './run.js';

describe('fuse-writeback', () => {
  it.each([
    ['none', 'violated', 84],
    ['memalloc-inheritance', 'holds', 183],
    ['dirty-limit', 'holds', 30],
    ['io-flusher', 'violated', 48],
    ['reclaim-throttle', 'violated', 84],
  ])('under %s: %s, %i states', (policy, verdict, states) => {
    const r = run(fuse, policy);
    expect(r.verdict).toBe(verdict);
    expect(r.states).toBe(states);
  });

  it('deadlocks under none: the server allocates at the normal floor and reclaims into its own queue', () => {
    const r = run(fuse, 'none');
    expect(r.failure).toBe('deadlock');
    const server = r.counterexample!.actions.filter((a) => a.actor === 'fuse-server' && a.context);
    expect(server.at(-1)?.context).toBe('GFP_KERNEL');
    expect(server.at(-1)?.text).toMatch(/direct reclaim/);
  });

  it('has no mempool, so mempool-only does not apply', () => {
    expect(() => fuse.build({}, 'mempool-only')).toThrow("policy 'mempool-only' does not apply to fuse-writeback: it declares no mempool");
  });
});
