/* bio-mempool: the SPIN twin of models/bio-mempool.ts, move for move as allocheck's interpreter
   (src/alloc) runs it. Tasks dirty pages on a local disk; kswapd and tasks in direct reclaim
   (as PF_MEMALLOC) write one out at a time, each with a bio allocated in GFP_NOIO (from the bio
   mempool under MEMPOOL=1); the disk interrupt completes the write without memory and frees the
   bio (mempool_free) and the page. */
#define KSWAPD DIRTIERS
#define NA (DIRTIERS + 2)
#include "alloc-common.pml"

/* The bio's mask: GFP_NOIO plus the writer's PF_MEMALLOC. */
#define B(i) (GFP_NOIO | TASKF(i))
#define BIO(i) (wo[i] == WO_START && (fl[i] & F_SLEEPING) == 0)
#define BIO_FULL(i) (B(i) | G_NOMEMALLOC)
#define BIO_FIRST(i) (BIO_FULL(i) & ~(WAIT | IO))

inline takeBio(i, c) {
  free--;
  held[i]++;
  took((c) | TASKF(i));
  wo[i] = WO_INFLIGHT
}

inline bioElement(i) {
  pool--;
  held[i]++;
  fl[i] = fl[i] & ~(F_ROUND2 | F_FULLMASK);
  wo[i] = WO_INFLIGHT
}

/* The writeout of actor i: its bio, from the page allocator or mempool_alloc of the era. 2.6.9's
   full-mask step never applies (GFP_NOIO has no __GFP_FS), nor modern's reclaim round (the
   writer is PF_MEMALLOC). */
#define WRITEOUT(i) \
  :: d_step { !MEMPOOL && BIO(i) && FITS(B(i)) -> takeBio(i, GFP_NOIO) } \
  :: d_step { MEMPOOL && wo[i] == WO_START && (fl[i] & F_SLEEPING) != 0 && pool > 0 -> fl[i] = fl[i] & ~F_SLEEPING } \
  :: d_step { MEMPOOL && !MODERN && BIO(i) && FITS(B(i) & ~(WAIT | IO)) -> takeBio(i, GFP_NOIO & ~(WAIT | IO)) } \
  :: d_step { MEMPOOL && !MODERN && BIO(i) && !FITS(B(i) & ~(WAIT | IO)) && pool > 0 -> bioElement(i) } \
  :: d_step { MEMPOOL && !MODERN && BIO(i) && !FITS(B(i) & ~(WAIT | IO)) && pool == 0 -> fl[i] = fl[i] | F_SLEEPING } \
  :: d_step { MEMPOOL && MODERN && BIO(i) && FITS(BIO_FIRST(i)) -> takeBio(i, GFP_NOIO); fl[i] = fl[i] & ~F_ROUND2 } \
  :: d_step { MEMPOOL && MODERN && BIO(i) && !FITS(BIO_FIRST(i)) && pool > 0 -> bioElement(i) }

active [DIRTIERS] proctype Dirtier() {
end:
  do
  :: d_step { wo[_pid] == 0 && FITS(GFP_KERNEL) -> free--; dirty++ }
  :: d_step { wo[_pid] == 0 && !FITS(GFP_KERNEL) && dirty > 0 -> reclaimOne(_pid, 0) }
  WRITEOUT(_pid)
  od
}

active proctype Kswapd() {
end:
  do
  :: d_step { wo[KSWAPD] == 0 && free <= MINW && dirty > 0 -> dirty--; wout++; wo[KSWAPD] = WO_START }
  WRITEOUT(KSWAPD)
  od
}

/* The disk interrupt completes any writer's I/O, in any order: the bio goes back, the page is free. */
#define IRQ_DONE(i) :: d_step { (i) < NA && wo[i] == WO_INFLIGHT -> poolFree(i, 1); finish(i) }

active proctype DiskIrq() {
end:
  do
  IRQ_DONE(0)
  IRQ_DONE(1)
  IRQ_DONE(2)
  od
}
