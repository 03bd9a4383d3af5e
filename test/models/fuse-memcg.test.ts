import { describe, expect, it } from 'vitest';
import fuse from '../../models/fuse-memcg.js';
import { reachableTexts } from '../support/reachable-actions.js';
import { storyMarkdown } from '../../src/render/story.js';
import { traceOf } from '../../src/render/trace.js';
import { run } from './run.js';

describe('fuse-memcg: a FUSE server in its writer\'s v1 memory cgroup (e62e384e9da8, 3.6; fuse 2.6.26 and 6.16)', () => {
  it('without a fix the server waits in memcg reclaim on writeback only it can end', () => {
    const r = run(fuse, 'none');
    expect(r).toMatchObject({ verdict: 'violated', failure: 'deadlock', states: 19 });
    const last = r.counterexample!.actions.at(-1)!;
    expect(last).toMatchObject({ actor: 'fuse-server', name: 'memcg-writeback-wait', context: 'GFP_KERNEL' });
    expect(last.text).toBe('fuse-server is charged to group fuse at its limit of 4: reclaim in the group waits on writeback of a fuse page (wait_on_page_writeback, cgroup v1)');
    const end = r.counterexample!.states.at(-1)!;
    expect(end.charged('fuse')).toBe(4);
    expect(end.free).toBe(8); // the zone has memory to spare: the limit is the group's
    const view = r.model.describe(end);
    expect(view.actors.find((a) => a.name === 'fuse-server')!.status).toBe(
      'asleep in wait_on_page_writeback: charged to group fuse at its limit of 4: reclaim in the group waits on writeback of a fuse page, which fuse-server ends',
    );
    expect(view.waitsFor).toContainEqual(expect.objectContaining({ from: 'fuse-server', to: 'fuse-server' }));
  });

  it('reclaim in the group frees its clean page cache, whatever the zone has free', () => {
    const texts = reachableTexts(fuse.build({}, 'none'));
    expect(texts).toContain('fuse-server is charged to group fuse at its limit of 4: reclaim in the group frees a clean page-cache page');
  });

  it("2.6.26's temporary page: writeback of the page-cache page ends at once, and nothing waits on the server", () => {
    const r = run(fuse, 'fuse-tmp-page');
    expect(r).toMatchObject({ verdict: 'holds', states: 23 });
    const texts = reachableTexts(r.model);
    expect(texts).toContain('flush-fuse takes a temporary page, copies the fuse page into it, queues the copy to fuse-server and ends writeback on the page-cache page at once (9 free)');
    expect([...texts].some((t) => /waits on writeback/.test(t))).toBe(false);
  });

  it("6.16's mapping flag: reclaim in the group skips the FUSE mapping's writeback", () => {
    const r = run(fuse, 'writeback-may-deadlock');
    expect(r).toMatchObject({ verdict: 'holds', states: 18 });
    expect([...reachableTexts(r.model)].some((t) => /waits on writeback/.test(t))).toBe(false);
  });

  it('a server in a NOIO scope (PR_SET_IO_FLUSHER) never waits on writeback: its reclaim may not enter the fs', () => {
    const r = run(fuse, 'io-flusher');
    expect(r.verdict).toBe('holds');
    expect([...reachableTexts(r.model)].some((t) => /waits on writeback/.test(t))).toBe(false);
  });

  it('each fix holds only while dirty throttling leaves the group room: a group full of dirty pages ends at the memcg OOM killer', () => {
    // Over dirty_ratio 50 the writer may dirty the whole group; memcg reclaim does not write
    // file pages, so the server's charge finds nothing to free: the kernel would call the memcg
    // OOM killer there, which the model lacks, so the dead state is memcg-oom, not a deadlock.
    for (const policy of ['fuse-tmp-page', 'writeback-may-deadlock']) {
      const r = run(fuse, policy, { dirty_ratio: 50 });
      expect(r).toMatchObject({ verdict: 'violated', failure: 'memcg-oom' });
      const deadlock = r.result.properties.find((p) => p.name === 'no-deadlock')!;
      expect(storyMarkdown(traceOf(r.model, deadlock, { specs: fuse.params }))).toContain('A kernel would not hang here');
      const view = r.model.describe(r.counterexample!.states.at(-1)!);
      expect(view.waitsFor).toContainEqual(expect.objectContaining({ from: 'fuse-server', to: 'memcg fuse' }));
      expect(view.actors.find((a) => a.name === 'fuse-server')!.status).toMatch(/^at the limit of group fuse \(4 of 4 pages charged\), waiting for the charge to drop$/);
    }
    // A larger group has room for the server again under either fix, not without one.
    expect(run(fuse, 'fuse-tmp-page', { dirty_ratio: 50, limit: 6 }).verdict).toBe('holds');
    expect(run(fuse, 'writeback-may-deadlock', { dirty_ratio: 50, limit: 6 }).verdict).toBe('holds');
    expect(run(fuse, 'none', { dirty_ratio: 50, limit: 6 }).verdict).toBe('violated');
  });

  it('pages are conserved with the group\'s owners under every fix', () => {
    for (const policy of ['none', 'fuse-tmp-page', 'writeback-may-deadlock']) {
      const r = run(fuse, policy, { dirty_ratio: 100, limit: 6 });
      expect(r.result.properties.find((p) => p.name === 'pages-conserved')!.status).toBe('holds');
    }
    const owners = fuse.build({}, 'fuse-tmp-page').initialStates()[0]!.owners();
    expect(owners).toMatchObject({ 'clean page cache charged to fuse': 0, 'temporary pages under writeback on fuse': 0 });
  });

  it("tells a task waiting on writeback (a deadlock) from one at the limit with nothing to reclaim (the memcg OOM killer's case)", () => {
    // The v1 wait sleeps in wait_on_page_writeback before any OOM decision: a deadlock.
    expect(run(fuse, 'none')).toMatchObject({ failure: 'deadlock' });
    // A group of 2 pages fills with dirty pages the flusher can only write through the server.
    const r = run(fuse, 'fuse-tmp-page', { limit: 2 });
    expect(r).toMatchObject({ verdict: 'violated', failure: 'memcg-oom' });
    const view = r.model.describe(r.counterexample!.states.at(-1)!);
    expect(view.actors.find((a) => a.name === 'fuse-server')!.status).toMatch(/^at the limit of group fuse \(2 of 2 pages charged\)/);
  });
});
