// The check worker's entry. Node 20 does not apply `--import tsx` hooks to a worker's entry
// module, so this plain-JS bootstrap registers tsx first and then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
