/* dm-raid1: the SPIN twin of models/dm-raid1.ts, move for move as allocheck's interpreter
   (src/alloc) runs it. Tasks dirty pages of md0; kswapd and tasks in direct reclaim queue their
   writeout to kmirrord, which takes a request, allocates one page per mirror leg (from its
   mempool under MEMPOOL=1), submits the legs to the disk and completes the request when the
   disk interrupt has freed them. INHERIT=1 is memalloc-inheritance, FLUSHER=1 io-flusher; RECLAIM_IO, BACKGROUND and
   INHERIT_NOIO are the model's assumption parameters (1 = yes). */
#ifndef LEGS
#define LEGS 2
#endif
#ifndef QUEUE
#define QUEUE 1
#endif
#ifndef RECLAIM_IO
#define RECLAIM_IO 1
#endif
#ifndef BACKGROUND
#define BACKGROUND 0
#endif
#ifndef INHERIT_NOIO
#define INHERIT_NOIO 1
#endif
#ifndef INHERIT
#define INHERIT 0
#endif
#ifndef FLUSHER
#define FLUSHER 0
#endif
#define KSWAPD DIRTIERS
#define KMIRRORD (DIRTIERS + 1)
#define NA (DIRTIERS + 3)
#include "alloc-common.pml"

/* md0's request queue: entries are submitter * 4 + RQ flags, as allocheck stores them. */
byte qn;
byte q[QUEUE];

/* The writeout a task started goes to kmirrord's queue, PF_MEMALLOC if the task is. */
inline enqueue(i) {
  q[qn] = i * 4 + (TASKF(i) != 0 -> RQ_MEMALLOC : 0);
  qn++;
  wo[i] = WO_INFLIGHT
}

/* Direct reclaim of a task: a GFP_KERNEL allocation that failed, with a dirty page to write. */
#define TASK_RECLAIMS(i) (wo[i] == 0 && !FITS(GFP_KERNEL) && dirty > 0)

active [DIRTIERS] proctype Dirtier() {
end:
  do
  :: d_step { wo[_pid] == 0 && FITS(GFP_KERNEL) -> free--; dirty++ }
  :: d_step { BACKGROUND && wo[_pid] == 0 && FITS(GFP_KERNEL) -> free--; wout++; wo[_pid] = WO_START }
  :: d_step { TASK_RECLAIMS(_pid) -> reclaimOne(_pid, 0) }
  :: d_step { wo[_pid] == WO_START && qn < QUEUE -> enqueue(_pid) }
  od
}

active proctype Kswapd() {
end:
  do
  :: d_step { wo[KSWAPD] == 0 && free <= MINW && dirty > 0 -> dirty--; wout++; wo[KSWAPD] = WO_START }
  :: d_step { wo[KSWAPD] == WO_START && qn < QUEUE -> enqueue(KSWAPD) }
  od
}

#define D KMIRRORD
#define CTXD (RECLAIM_IO -> GFP_KERNEL : GFP_NOIO)
/* The daemon's mask for a leg: its own, plus what memalloc-inheritance passes with the request. */
#define INHERITED ((INHERIT && req[D] != 0) -> (((reqf[D] & RQ_MEMALLOC) != 0 -> PF_MEMALLOC : 0) | ((INHERIT_NOIO || (reqf[D] & 2) != 0) -> PF_NOIO : 0)) : 0)
#define M (CTXD | TASKF(D) | INHERITED | (FLUSHER -> PF_NOIO : 0))
/* What the allocation is entitled to (the leak check), for a base context `c`. */
#define RIGHTS(c) ((c) | TASKF(D) | ((reqf[D] & RQ_MEMALLOC) != 0 -> PF_MEMALLOC : 0))
#define LEG (wo[D] == 0 && pc[D] == 1 && (fl[D] & F_SLEEPING) == 0)
#define NOWAIT (M & ~(WAIT | IO))
/* 2.6.9 mempool_alloc: full-mask reclaim while the pool is at most half full */
#define RECL26 ((M & FS) != 0 && RECLAIMS(M) && pool <= POOL / 2)
#define FULL (M | G_NOMEMALLOC)
#define FIRST (FULL & ~(WAIT | IO))

/* The end of a `times(LEGS, ...)` instruction: the next leg, or on to submit. */
inline nextLeg() {
  if
  :: rn[D] + 1 < LEGS -> rn[D]++
  :: else -> rn[D] = 0; pc[D] = 2
  fi
}

inline takeLeg(c) {
  free--;
  held[D]++;
  took(RIGHTS(c));
  nextLeg()
}

inline takeElement() {
  pool--;
  held[D]++;
  fl[D] = fl[D] & ~(F_ROUND2 | F_FULLMASK);
  nextLeg()
}

active proctype Kmirrord() {
end:
  do
  /* serve: take the request at the head of the queue */
  :: d_step { wo[D] == 0 && pc[D] == 0 && qn > 0 ->
       req[D] = q[0] / 4 + 1; reqf[D] = q[0] & 3;
       k = 0;
       do
       :: k + 1 < qn -> q[k] = q[k + 1]; k++
       :: else -> break
       od;
       q[qn - 1] = 0; qn--; pc[D] = 1 }
  /* a leg from the page allocator (no mempool policy) */
  :: d_step { !MEMPOOL && LEG && FITS(M) -> takeLeg(CTXD) }
  :: d_step { !MEMPOOL && LEG && !FITS(M) && RECLAIMS(M) && dirty > 0 -> reclaimOne(D, 0) }
  /* mempool_alloc: a sleeper wakes when an element is back */
  :: d_step { MEMPOOL && wo[D] == 0 && pc[D] == 1 && (fl[D] & F_SLEEPING) != 0 && pool > 0 -> fl[D] = fl[D] & ~F_SLEEPING }
  /* 2.6.9: the full-mask allocation loops through reclaim until it succeeds */
  :: d_step { MEMPOOL && !MODERN && LEG && (fl[D] & F_FULLMASK) != 0 && FITS(M) -> takeLeg(CTXD); fl[D] = fl[D] & ~F_FULLMASK }
  :: d_step { MEMPOOL && !MODERN && LEG && (fl[D] & F_FULLMASK) != 0 && !FITS(M) && RECLAIMS(M) && dirty > 0 -> reclaimOne(D, 0) }
  /* 2.6.9: first without WAIT/IO, then full-mask reclaim, then an element, then sleep */
  :: d_step { MEMPOOL && !MODERN && LEG && (fl[D] & F_FULLMASK) == 0 && FITS(NOWAIT) -> takeLeg(CTXD & ~(WAIT | IO)) }
  :: d_step { MEMPOOL && !MODERN && LEG && (fl[D] & F_FULLMASK) == 0 && !FITS(NOWAIT) && RECL26 && dirty > 0 -> reclaimOne(D, F_FULLMASK) }
  :: d_step { MEMPOOL && !MODERN && LEG && (fl[D] & F_FULLMASK) == 0 && !FITS(NOWAIT) && !RECL26 && pool > 0 -> takeElement() }
  :: d_step { MEMPOOL && !MODERN && LEG && (fl[D] & F_FULLMASK) == 0 && !FITS(NOWAIT) && !RECL26 && pool == 0 && (M & WAIT) != 0 -> fl[D] = fl[D] | F_SLEEPING }
  /* modern: __GFP_NOMEMALLOC without reclaim, then an element, then one round of reclaim */
  :: d_step { MEMPOOL && MODERN && LEG && FITS(FIRST) -> takeLeg(CTXD); fl[D] = fl[D] & ~F_ROUND2 }
  :: d_step { MEMPOOL && MODERN && LEG && !FITS(FIRST) && pool > 0 -> takeElement() }
  :: d_step { MEMPOOL && MODERN && LEG && !FITS(FIRST) && pool == 0 && (fl[D] & F_ROUND2) == 0 && RECLAIMS(FULL) && dirty > 0 -> reclaimOne(D, F_ROUND2) }
  /* submit the legs to the disk and wait for the interrupt */
  :: d_step { wo[D] == 0 && pc[D] == 2 && (fl[D] & F_INFLIGHT) == 0 -> fl[D] = fl[D] | F_INFLIGHT }
  /* complete: the submitter's page is written and free */
  :: d_step { wo[D] == 0 && pc[D] == 3 ->
       poolFree(D, held[D]);
       k = req[D] - 1; req[D] = 0; reqf[D] = 0;
       finish(k);
       pc[D] = 0 }
  /* kmirrord's own direct reclaim queues its writeout to itself */
  :: d_step { wo[D] == WO_START && qn < QUEUE -> enqueue(D) }
  od
}

/* The disk interrupt completes the legs kmirrord submitted. */
active proctype DiskIrq() {
end:
  do
  :: d_step { (fl[D] & F_INFLIGHT) != 0 && pc[D] == 2 -> poolFree(D, held[D]); fl[D] = fl[D] & ~F_INFLIGHT; pc[D] = 3 }
  od
}
