import type { Policy } from '../policy.js';
import { fuseMapping, writepageWithTmpPage } from '../tmp-page.js';
import type { WorldSpec } from '../world.js';

/** Why a FUSE writeback fix does not apply: it needs a memory cgroup and a userspace-served daemon device. */
export function fuseMemcgApplies(spec: WorldSpec): string | undefined {
  if (Object.keys(spec.cgroups ?? {}).length === 0) return 'it declares no memory cgroups';
  const servers = new Set(spec.actors.filter((a) => a.kind === 'daemon' && !a.kthread).map((a) => a.name));
  if (!Object.values(spec.devices).some((d) => d.kind === 'daemon' && servers.has(d.daemon))) return 'no device is served by a userspace daemon (a FUSE server)';
  return undefined;
}

/**
 * FUSE's temporary page (fs/fuse/file.c fuse_writepage_locked; "fuse: support writable mmap",
 * 3be5a52b30aa, Linux 2.6.26; removed in 6.16 by 0c58a97f919c): writeback copies the page into a temporary page and ends
 * writeback on the page-cache page at once, so memcg reclaim never waits on the server (tmp-page.ts).
 */
export const fuseTmpPage: Policy<'fuse-tmp-page'> = {
  name: 'fuse-tmp-page',
  summary: "FUSE writeback copies each page to a temporary page and ends the page-cache page's writeback at once (2.6.26)",
  doesNot: 'does not make the copy free: the temporary page comes from the zone (GFP_NOFS) and a full request queue still holds the page under writeback',
  notApplicable: fuseMemcgApplies,
  hooks: {},
  stages: { writepage: writepageWithTmpPage },
};
