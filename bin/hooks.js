// Module hooks for a thread that runs the TypeScript sources: tsx, and 'allocheck' resolving to
// this package. A worker thread of a parallel check imports this first (hooks are per thread).
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

register('./resolve-self.js', import.meta.url);
registerTsx();
