/**
 * The models shipped in models/, by name: a synchronous registry for library users and the CLI.
 * A new file under models/ is listed here too (a test compares this list with the directory).
 */
import bioMempool from '../../models/bio-mempool.js';
import bioSplit from '../../models/bio-split.js';
import counter from '../../models/counter.js';
import dmRaid1 from '../../models/dm-raid1.js';
import fuseMemcg from '../../models/fuse-memcg.js';
import fuseWriteback from '../../models/fuse-writeback.js';
import loopWriteback from '../../models/loop-writeback.js';
import ioFlusher from '../../models/io-flusher.js';
import nfsAck from '../../models/nfs-ack.js';
import oomLock from '../../models/oom-lock.js';
import swapOverNfs from '../../models/swap-over-nfs.js';
import wqCompletion from '../../models/wq-completion.js';
import { CheckError } from '../core/errors.js';
import type { Definition } from './definition.js';

const shipped = {
  'bio-mempool': bioMempool,
  'bio-split': bioSplit,
  counter,
  'dm-raid1': dmRaid1,
  'fuse-memcg': fuseMemcg,
  'fuse-writeback': fuseWriteback,
  'loop-writeback': loopWriteback,
  'io-flusher': ioFlusher,
  'nfs-ack': nfsAck,
  'oom-lock': oomLock,
  'swap-over-nfs': swapOverNfs,
  'wq-completion': wqCompletion,
} satisfies Record<string, Definition>;

/** A shipped model's name. */
export type ModelName = keyof typeof shipped;

/**
 * The shipped model definitions by name.
 *
 * @example
 * import { check, models } from 'allocheck';
 * check(models['dm-raid1'].build({}, 'mempool-only'), { properties: ['no-deadlock'] }).verdict; // 'violated'
 */
export const models: Readonly<Record<ModelName, Definition>> & Readonly<Record<string, Definition>> = Object.freeze(shipped);

const byName: Readonly<Record<string, Definition | undefined>> = models;

/** Names of the shipped models, sorted. */
export function modelNames(): ModelName[] {
  return (Object.keys(models) as ModelName[]).sort();
}

/** A shipped model by name; an unknown name is a `bad-option` error listing the known ones. */
export function modelNamed(name: string): Definition {
  const def = Object.hasOwn(byName, name) ? byName[name] : undefined;
  if (!def) throw new CheckError('bad-option', `unknown model '${name}'; known: ${modelNames().join(', ')}`);
  return def;
}
