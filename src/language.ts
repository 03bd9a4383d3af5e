/**
 * What a model file imports: the allocation language (src/alloc) with the properties every
 * allocation model is checked against (properties/) registered, so a model built from here is
 * checked against them without knowing where they come from. 'allocheck' exports the same.
 *
 * @example
 * import { dirtier, kswapd, localDisk, scenario } from '../src/language.js';
 * const mini = scenario({ name: 'mini', summary: 'writeout', description: 'A dirtier and kswapd.', params: {},
 *   world: () => ({ kernel: '2.6', memory: { pages: 4, min: 1 }, devices: { sda: localDisk() }, actors: [dirtier('sda'), kswapd()] }) });
 * mini.build({}).properties.map((p) => p.name); // ['no-deadlock', 'reserve-integrity', ...]
 */
import '../properties/index.js';

export * from './alloc/index.js';
