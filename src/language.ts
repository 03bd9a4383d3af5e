/**
 * What a model file imports: the allocation language (src/alloc) with the properties every
 * allocation model is checked against (properties/) registered, so a model built from here is
 * checked against them without knowing where they come from. 'allocheck' exports the same.
 *
 * @example
 * import { dirtier, kswapd, localDisk, param, scenario } from '../src/language.js';
 * export default scenario({ name: 'mini', params: { pages: param(6, [4, 8], 'pages') }, world: (p) => ({
 *   kernel: '2.6', memory: { pages: p.num('pages'), min: 2 }, devices: { sda: localDisk() }, actors: [dirtier('sda'), kswapd()],
 * }) });
 */
import '../properties/index.js';

export * from './alloc/index.js';
