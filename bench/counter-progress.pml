/*
 * The counter model (models/counter.ts) with its two leads-to properties, for SPIN.
 * N processes share cnt in 0..MAX; each loops over three atomic steps: read t := cnt, then
 * t := t+1 (if t < MAX) or t := t-1 (if t > 0), then write cnt := t.
 *
 *   spin -DN=2 -DMAX=2 -a counter-progress.pml && gcc -O2 -o pan pan.c
 *   ./pan -a -N p0_writes       # no fairness
 *   ./pan -a -f -N p0_writes    # weak fairness per process
 *
 * p0_writes:    process 0, having read, eventually writes back (pc[0] = 1 ~> pc[0] = 0)
 * back_to_zero: cnt = MAX ~> cnt = 0
 */
#ifndef N
#define N 2
#endif
#ifndef MAX
#define MAX 2
#endif

byte cnt;
byte pc[N];
byte t[N];

active [N] proctype P() {
  do
  :: atomic { pc[_pid] == 0 -> t[_pid] = cnt; pc[_pid] = 1 }
  :: atomic { pc[_pid] == 1 && t[_pid] < MAX -> t[_pid]++; pc[_pid] = 2 }
  :: atomic { pc[_pid] == 1 && t[_pid] > 0 -> t[_pid]--; pc[_pid] = 2 }
  :: atomic { pc[_pid] == 2 -> cnt = t[_pid]; pc[_pid] = 0 }
  od
}

ltl p0_writes { [] (pc[0] == 1 -> <> (pc[0] == 0)) }
ltl back_to_zero { [] (cnt == MAX -> <> (cnt == 0)) }
