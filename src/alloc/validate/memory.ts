/** Checks of the zone: the kernel era, the sizes of memory, of the mempools, page cache and shrinkers. */
import { kernels } from '../context.js';
import type { WorldSpec } from '../world.js';
import { notWhole, problem, show, type Problem } from './rules.js';

/** Page counts live in one byte of a state, with room for every owner to hold them all. */
export const MAX_PAGES = 200;

export function* memoryChecks(spec: WorldSpec): Iterable<Problem> {
  if (!kernels.includes(spec.kernel)) yield problem('world', 'kernel', `must be one of ${kernels.join(', ')}, got ${show(spec.kernel)}`);
  const memory = spec.memory as Partial<WorldSpec['memory']> | undefined;
  if (typeof memory !== 'object' || memory === null) return yield problem('world', 'memory', 'must be { pages, min }');
  const { pages, min, dirtyLimit } = memory;
  if (notWhole(pages, 1, MAX_PAGES)) return yield { subject: 'memory', field: 'pages', message: `pages=${show(pages)} must be a whole number within 1..${MAX_PAGES}` };
  const p = pages as number;
  const bad = notWhole(min, 0, MAX_PAGES);
  if (bad) yield problem('memory', 'min', bad);
  else if ((min as number) >= p) yield { subject: 'memory', field: 'min', message: `the min watermark ${min} must be below pages=${p}` };
  if (dirtyLimit !== undefined && notWhole(dirtyLimit, 1, p)) yield problem('memory', 'dirtyLimit', notWhole(dirtyLimit, 1, p)!);
}

export function* poolChecks(spec: WorldSpec): Iterable<Problem> {
  let pooled = 0;
  for (const [name, pool] of Object.entries(spec.pools ?? {})) {
    const minNr = typeof pool === 'number' ? pool : pool?.minNr;
    const bad = notWhole(minNr, 0, MAX_PAGES);
    if (bad) yield problem(`mempool ${name}`, 'min_nr', bad);
    else pooled += minNr as number;
  }
  const cached = (yield* cacheChecks(spec)) + (yield* biosetChecks(spec));
  const pages = spec.memory?.pages;
  if (typeof pages !== 'number' || pooled + cached <= pages) return;
  const message = cached === 0
    ? `the mempools (${pooled} pages) do not fit in ${pages} pages`
    : `the mempools, clean pages and shrinker objects (${pooled + cached} pages) do not fit in ${pages} pages`;
  yield { subject: 'memory', field: 'pools', message };
}

/** bio_sets: mempools of at least one bio, each for a declared device; returns their bios in all. */
function* biosetChecks(spec: WorldSpec): Generator<Problem, number> {
  let bios = 0;
  for (const [name, bs] of Object.entries(spec.biosets ?? {})) {
    const bad = notWhole(bs?.minNr, 1, MAX_PAGES);
    if (bad) yield problem(`bio_set ${name}`, 'minNr', bad);
    else bios += bs.minNr;
    if (!Object.hasOwn(spec.devices ?? {}, bs?.device)) yield problem(`bio_set ${name}`, 'device', `'${String(bs?.device)}' is not a declared device; devices: ${Object.keys(spec.devices ?? {}).join(', ')}`);
  }
  return bios;
}

/** Clean page cache and shrinkers' objects: whole numbers of pages; returns how many in all. */
function* cacheChecks(spec: WorldSpec): Generator<Problem, number> {
  let cached = 0;
  const clean = spec.memory?.clean;
  if (clean !== undefined && notWhole(clean, 0, MAX_PAGES)) yield problem('memory', 'clean', notWhole(clean, 0, MAX_PAGES)!);
  else cached += clean ?? 0;
  for (const [name, sh] of Object.entries(spec.shrinkers ?? {})) {
    const bad = notWhole(sh?.objects, 0, MAX_PAGES);
    if (bad) yield problem(`shrinker ${name}`, 'objects', bad);
    else cached += sh.objects;
    if (sh?.stopsWithout !== undefined && sh.stopsWithout !== 'IO' && sh.stopsWithout !== 'FS') yield problem(`shrinker ${name}`, 'stopsWithout', `must be 'IO' or 'FS', got ${show(sh.stopsWithout)}`);
  }
  return cached;
}
