/* What the two allocation twins (dm-raid1.pml, bio-mempool.pml) share: allocheck's allocation
   contexts (src/alloc/context.ts), its per-actor registers (src/alloc/layout.ts) and its page
   allocator's decisions, written again in Promela. Every global below is one byte of
   allocheck's state (or stays constant), and every process loops at one control location over
   d_steps, one d_step per move allocheck emits, so SPIN's "states, stored" is allocheck's
   state count. Parameters come as -D defines; MODERN=1 is kernel=modern, MEMPOOL=1 the
   mempool-only policy. */
#ifndef PAGES
#define PAGES 7
#endif
#ifndef MINW
#define MINW 2
#endif
#ifndef POOL
#define POOL 1
#endif
#ifndef DIRTIERS
#define DIRTIERS 2
#endif
#ifndef MODERN
#define MODERN 0
#endif
#ifndef MEMPOOL
#define MEMPOOL 0
#endif

/* gfp bits and task flags, as context.ts packs them */
#define WAIT 1
#define IO 2
#define FS 4
#define HIGH 8
#define G_MEMALLOC 16
#define G_NOMEMALLOC 32
#define PF_MEMALLOC 64
#define PF_NOIO 128
#define GFP_KERNEL 7
#define GFP_NOIO 1

/* R_FLAGS bits (layout.ts, mempool.ts) */
#define F_MEMALLOC 1
#define F_RECLAIM 2
#define F_FULLMASK 4
#define F_ROUND2 8
#define F_INFLIGHT 16
#define F_SLEEPING 32

#define WO_START 1
#define WO_INFLIGHT 2
#define RQ_MEMALLOC 1

/* The floor of a watermark check (floorOf): __GFP_NOMEMALLOC beats the reserve; __GFP_HIGH
   halves M (2.6.9 with min/2, modern with min - min/2); a caller that cannot sleep takes a
   quarter off (in modern only with __GFP_HIGH, never under __GFP_NOMEMALLOC). */
#define NOMEM(m) (((m) & G_NOMEMALLOC) != 0)
#define HIGHM(m) (((m) & HIGH) != 0)
#define NONBLOCK(m) (((m) & WAIT) == 0 && !(NOMEM(m) && MODERN))
#define HALVED(m) (HIGHM(m) -> (MODERN -> MINW - MINW / 2 : MINW / 2) : MINW)
#define RESERVE(m) ((MODERN && !HIGHM(m)) -> MINW : (NONBLOCK(m) -> HALVED(m) - HALVED(m) / 4 : HALVED(m)))
#define FLOOR(m) ((!NOMEM(m) && ((m) & (G_MEMALLOC | PF_MEMALLOC)) != 0) -> 0 : RESERVE(m))

/* onFailure: PF_MEMALLOC_NOIO strips IO and FS; a task with WAIT, not PF_MEMALLOC, with IO and
   FS enters direct reclaim. */
#define EFF(m) (((m) & PF_NOIO) != 0 -> (m) & ~(IO | FS) : (m))
#define RECLAIMS(m) ((EFF(m) & WAIT) != 0 && (EFF(m) & PF_MEMALLOC) == 0 && (EFF(m) & IO) != 0 && (EFF(m) & FS) != 0)
#define FITS(m) (free - 1 >= FLOOR(m))

byte free = PAGES - MEMPOOL * POOL;
bit leak;
byte pool = MEMPOOL * POOL;
byte dirty, wout;

/* Per actor, allocheck's registers R_PC .. R_HELD (R_WODEV is always the one device written). */
byte pc[NA], fl[NA], wo[NA], req[NA], reqf[NA], rn[NA], held[NA];

/* The task flags an actor has now: kswapd's PF_MEMALLOC, or direct reclaim's. */
#define TASKF(i) (((i) == KSWAPD || (fl[i] & F_MEMALLOC) != 0) -> PF_MEMALLOC : 0)

/* takePage's leak mark: a page taken below M without the right (`rights`) to go there. */
inline took(rights) {
  if
  :: free < MINW && free < FLOOR(rights) -> leak = 1
  :: else
  fi
}

/* mempool_free of n pages from an actor's hand: refill the pool to POOL, the rest to free. */
inline poolFree(i, n) {
  k = n;
  do
  :: k > 0 && MEMPOOL && pool < POOL -> pool++; held[i]--; k--
  :: k > 0 && !(MEMPOOL && pool < POOL) -> free++; held[i]--; k--
  :: k == 0 -> break
  od
}

/* finishWriteout: the page is free, the writer resumes (a direct reclaimer clears its flags). */
inline finish(w) {
  wout--;
  free++;
  wo[w] = 0;
  fl[w] = fl[w] & ~(F_RECLAIM | F_MEMALLOC)
}

/* Direct reclaim: PF_MEMALLOC, one dirty page under writeout, `set` kept for the retry. */
inline reclaimOne(i, set) {
  fl[i] = fl[i] | F_RECLAIM | F_MEMALLOC | set;
  wo[i] = WO_START;
  dirty--;
  wout++
}

hidden byte k;
