/* counter: the SPIN side of allocheck's domain-free benchmark (models/counter.ts).
   PROCS processes share cnt in 0..MAX; each has a local t and loops over three atomic steps:
   read t := cnt; inc (t < MAX) or dec (t > 0); write cnt := t. The state counts equal
   allocheck's: 1,305,246 at PROCS=4 MAX=7 and 7,667,362 at PROCS=5 MAX=5. */
#ifndef PROCS
#define PROCS 4
#endif
#ifndef MAX
#define MAX 7
#endif
byte cnt = 0;
active [PROCS] proctype P() {
  byte t = 0;
L1: t = cnt;
  if
  :: d_step { t < MAX -> t = t + 1 }
  :: d_step { t > 0 -> t = t - 1 }
  fi;
  cnt = t;
  goto L1
}
