/**
 * A stacking block driver's bios (block/bio.c, block/blk-core.c). Inside its make_request a
 * driver (dm, md, bcache) allocates clones from its bio_set (bio_alloc_bioset: mempool_alloc on
 * bs->bio_pool) and submits them; submit_bio_noacct turns recursion into iteration, so they wait
 * on the task's current->bio_list and are issued only when the outer make_request returns. A
 * bio the task already took cannot come back to the pool before then; a further allocation from
 * the emptied pool sleeps in mempool_alloc forever. The bioset-rescuer policy is the fix.
 */
import { siteOf, ownMask } from './site.js';
import type { Exec } from './exec.js';
import { R_HELD } from './layout.js';
import { mempoolAlloc, mempoolFree } from './mempool.js';
import { named } from './validate/names.js';
import type { PoolInfo, Step } from './world.js';

function biosetOf(x: Exec, name: string): PoolInfo {
  const p = x.world.poolNamed.get(name);
  if (!p || p.device === undefined) throw new Error(`no bio_set '${name}'`);
  return p;
}

/** bio_alloc_bioset: a clone from `bioset`, into the task's hand. */
export function bioAllocBioset(bioset: string): Step {
  return {
    kind: 'bio-alloc',
    pool: bioset,
    refs: named('bioset', 'bioset', bioset),
    doing: () => `allocating a bio from the ${bioset} bio_set`,
    run(x) {
      const bs = biosetOf(x, bioset);
      const at = { purpose: 'bio' as const, pool: bioset, what: 'a clone bio', then: x.goOn };
      const site = siteOf(x, at);
      const mask = x.world.hooks.context(site, ownMask(x, at));
      if (x.s[x.world.layout.bioList(x.me.index)]! > 0 && x.world.stages.puntBiosToRescuer(x, bs, mask)) return;
      mempoolAlloc(x, at, site, mask);
    },
  };
}

/** submit_bio inside make_request: the bios in hand go onto current->bio_list, not to the disk. */
export function submitBioNoacct(bioset: string): Step {
  return {
    kind: 'submit-bio',
    pool: bioset,
    refs: named('bioset', 'bioset', bioset),
    doing: () => 'submitting a bio inside make_request',
    run(x) {
      const d = x.draft();
      const list = x.world.layout.bioList(x.me.index);
      x.move(d, x.heldAt, list, x.reg(R_HELD));
      x.done(d);
      x.emit(d, 'submit-bio', (n, who) => `${who} submits a ${bioset} bio inside make_request: it waits on ${who}'s bio_list until make_request returns (${n.bytes[list]} there)`);
    },
  };
}

/** The outer make_request returns: submit_bio_noacct issues the bios on current->bio_list. */
export function makeRequestReturns(bioset: string): Step {
  return {
    kind: 'make-request-return',
    pool: bioset,
    refs: named('bioset', 'bioset', bioset),
    doing: () => 'returning from make_request',
    run(x) {
      const bs = biosetOf(x, bioset);
      const list = x.world.layout.bioList(x.me.index);
      const n = x.s[list]!;
      const d = x.draft();
      x.move(d, list, x.world.layout.issued(bs.index), n);
      x.done(d);
      x.emit(d, 'issue-bios', x.quiet ? '' : `${x.me.name}'s make_request returns and issues the ${n} bio(s) on its bio_list to ${x.world.devices[bs.device!]!.name}`);
    },
  };
}

/** The lower device completes one issued bio of each bio_set on it: bio_put returns it to the pool. */
export function completeBios(x: Exec, device: number): void {
  for (const p of x.world.pools) {
    if (p.device !== device) continue;
    const at = x.world.layout.issued(p.index);
    if (x.s[at] === 0) continue;
    x.serving = p.name;
    const d = x.draft();
    mempoolFree(x, d, at, p, 1);
    x.emit(d, 'complete-bio', (n) => `${x.world.devices[device]!.name} completes a ${p.name} bio; it goes back to the bio_set (${n.pool(p.name)} there)`);
  }
}
