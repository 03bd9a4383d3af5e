// oom-lock (the OOM lockups that led to the oom_reaper: Michal Hocko, "mm, oom: introduce oom
// reaper", Linux 4.6, commit aac453635549; mm/oom_kill.c). A task, the hog, has taken most of
// memory as anonymous pages and then sleeps in mutex_lock on a mutex (i_mutex, say) that another
// task holds. The holder allocates with GFP_KERNEL; reclaim finds nothing to free (anonymous
// memory and no swap), so out_of_memory kills the task with the most memory: the hog. The hog
// frees its memory only by running to exit, but it sleeps uninterruptibly on the holder's mutex,
// and the holder waits for memory: nothing else is killed while the victim lives. The
// oom_reaper frees the victim's anonymous memory without it running. Where the hog sleeps (on the
// mutex, uninterruptibly, or in pause(), which SIGKILL ends), and whether the holder may enter
// the fs (GFP_NOFS never calls the OOM killer), are parameters.
import { alloc, free, lock, scenario, step, task, times, unlock } from '../src/language.js';

/** pause(): the task keeps its memory and sleeps until a signal; only SIGKILL will come. */
const pause = step({ kind: 'pause', doing: () => 'asleep in pause() until a signal', run() {} });
import { choice, param } from '../src/core/params.js';

export default scenario({
  name: 'oom-lock',
  summary: "the OOM killer's victim sleeps on a mutex whose holder waits for memory",
  description:
    'A hog holds most of memory and sleeps on a mutex another task holds while that task allocates. Reclaim ' +
    'frees nothing, so the OOM killer kills the hog, which cannot exit: it sleeps on the mutex, the holder waits ' +
    'for memory, and nothing else is killed while the victim lives. The oom_reaper frees its memory anyway.',
  params: {
    pages: param(6, [4, 10], 'pages in the zone'),
    min: param(1, [0, 3], 'min watermark M'),
    hog: param(4, [1, 8], 'anonymous pages the hog takes'),
    need: param(2, [1, 4], 'pages the holder allocates while it holds the mutex'),
    hog_sleeps: choice('mutex', ['mutex', 'pause'], "where the hog sleeps with its memory: in mutex_lock on the holder's mutex (uninterruptible), or in pause() (a signal ends it)", { assumption: true }),
    holder_context: choice('GFP_KERNEL', ['GFP_KERNEL', 'GFP_NOFS'], "the holder's allocation context: GFP_NOFS never calls the OOM killer"),
  },
  world: (p) => ({
    kernel: 'modern',
    memory: { pages: p.num('pages'), min: p.num('min') },
    devices: {},
    locks: ['i_mutex'],
    actors: [
      task('hog', {}, [times(p.num('hog'), alloc({ what: 'an anonymous page' })), ...(p.str('hog_sleeps') === 'mutex' ? [lock('i_mutex'), unlock('i_mutex')] : [pause]), free()]),
      task('holder', { context: p.str('holder_context') }, [lock('i_mutex'), times(p.num('need'), alloc()), free(), unlock('i_mutex')]),
    ],
  }),
});
