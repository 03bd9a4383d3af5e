import { describe, expect, it } from 'vitest';
import { cli, spawnCli } from '../support/cli.js';

describe('memory cgroups from the command line: fuse-memcg', () => {
  it('check: the v1 wait on writeback deadlocks, and the story names the group, its limit and whom the server waits for', async () => {
    const r = await spawnCli(['check', 'fuse-memcg']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^verdict: VIOLATED$/m);
    expect(r.out).toMatch(/^19 states, 19 transitions, depth 18/m);
    expect(r.out).toContain('18. fuse-server is charged to group fuse at its limit of 4: reclaim in the group waits on writeback of a fuse page (wait_on_page_writeback, cgroup v1) [GFP_KERNEL]');
    expect(r.out).toContain('The wait-for cycle: fuse-server waits for fuse-server (charged to group fuse at its limit of 4: reclaim in the group waits on writeback of a fuse page, which fuse-server ends).');
    expect(r.err).toBe('');
  }, 60_000);

  it.each([
    ['fuse-tmp-page', 23],
    ['writeback-may-deadlock', 18],
  ])('check --policy %s holds (%i states)', async (policy, states) => {
    const r = await cli(['check', 'fuse-memcg', '--policy', policy]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^verdict: HOLDS$/m);
    expect(r.out).toContain(`${states} states`);
  });

  it('list shows the scenario, its limit parameter and both fixes', async () => {
    const r = await cli(['list']);
    expect(r.out).toMatch(/^ {2}fuse-memcg {7}a FUSE server charged to the writer's v1 memory cgroup/m);
    expect(r.out).toMatch(/policies: none, .*fuse-tmp-page, writeback-may-deadlock$/m);
    expect(r.out).toMatch(/^ {6}limit=4 +2\.\.8 +the memory cgroup's limit, in pages/m);
    expect(r.out).toMatch(/^ {2}fuse-tmp-page +FUSE writeback copies each page to a temporary page/m);
  });

  it('bad input is one line, exit 2: a limit out of range, a fix where there is no cgroup', async () => {
    const limit = await cli(['check', 'fuse-memcg', '--param', 'limit=0']);
    expect([limit.code, limit.err]).toEqual([2, 'allocheck: parameter limit=0 is out of range 2..8\n']);
    const fix = await cli(['check', 'fuse-writeback', '--policy', 'fuse-tmp-page']);
    expect([fix.code, fix.err]).toEqual([2, "allocheck: policy 'fuse-tmp-page' does not apply to fuse-writeback: it declares no memory cgroups\n"]);
  });
});
