// Regenerates the README's matrix tables: `npm run readme:matrix`.
import { readFileSync, writeFileSync } from 'node:fs';
import { readmeUrl, regenerated } from './readme-matrix.js';

const before = readFileSync(readmeUrl, 'utf8');
const after = await regenerated(before);
writeFileSync(readmeUrl, after);
process.stdout.write(after === before ? 'README.md: matrix tables up to date\n' : 'README.md: matrix tables regenerated\n');
