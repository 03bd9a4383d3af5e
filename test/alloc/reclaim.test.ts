import { describe, expect, it } from 'vitest';
import { alloc, free, localDisk, scenario, task, type WorldSpec } from '../../src/language.js';
import { check } from '../../src/core/check.js';

/** One GFP_NOFS task that takes a page and frees it, in a zone whose only spare memory is slab. */
function slabOnly(stopsWithout: 'IO' | 'FS' | undefined) {
  return scenario({
    name: 'slab-only',
    summary: 'a NOFS task and a shrinker',
    description: 'A GFP_NOFS task needs a page; the only memory above M is behind a shrinker.',
    params: {},
    world: (): WorldSpec => ({
      kernel: 'modern',
      memory: { pages: 4, min: 2 },
      shrinkers: { 'inode-cache': { objects: 2, ...(stopsWithout ? { stopsWithout } : {}) } },
      devices: {},
      actors: [task('fs-task', { context: 'GFP_NOFS' }, [alloc(), free()])],
    }),
  }).build({});
}

describe('shrink_slab frees what the gfp mask allows', () => {
  it('a shrinker that stops without __GFP_FS frees nothing for a GFP_NOFS task', () => {
    const r = check(slabOnly('FS'), { properties: ['no-deadlock'] });
    expect(r.verdict).toBe('violated');
  });

  it('a shrinker that needs only __GFP_IO, or nothing, frees an object for it', () => {
    for (const needs of ['IO', undefined] as const) {
      const model = slabOnly(needs);
      expect(check(model, { properties: ['no-deadlock', 'pages-conserved'] }).verdict).toBe('holds');
      const texts: string[] = [];
      model.successors(model.initialStates()[0]!, (a) => texts.push(a.text));
      expect(texts).toEqual(['fs-task cannot get a page above its floor, enters direct reclaim and frees an object through the inode-cache shrinker']);
    }
  });
});

describe('declared owners are checked when the world is built', () => {
  const world = (extra: Partial<WorldSpec>, memory: Partial<WorldSpec['memory']> = {}) =>
    scenario({
      name: 'owners', summary: 'x', description: 'x', params: {},
      world: (): WorldSpec => ({ kernel: 'modern', memory: { pages: 6, min: 2, ...memory }, devices: { disk: localDisk() }, actors: [task('t', {}, [alloc(), free()])], ...extra }),
    });

  it.each([
    [{}, { clean: -1 }, 'owners: memory: clean must be a whole number in 0..200, got -1'],
    [{}, { clean: 1.5 }, 'owners: memory: clean must be a whole number in 0..200, got 1.5'],
    [{ shrinkers: { icache: { objects: 2, stopsWithout: 'fs' as 'FS' } } }, {}, "owners: shrinker icache: stopsWithout must be 'IO' or 'FS', got 'fs'"],
    [{ biosets: { bs: { minNr: 0, device: 'disk' } } }, {}, 'owners: bio_set bs: minNr must be a whole number in 1..200, got 0'],
    [{ biosets: { bs: { minNr: 1, device: 'sdb' } } }, {}, "owners: bio_set bs: device 'sdb' is not a declared device; devices: disk"],
    [{}, { clean: 7 }, 'owners: the mempools, clean pages and shrinker objects (7 pages) do not fit in 6 pages'],
  ])('%j %j: %s', (extra, memory, message) => {
    expect(() => world(extra, memory).build({})).toThrow(message);
  });
});
