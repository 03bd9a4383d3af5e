import { readFileSync } from 'node:fs';
import { packageModule } from '../package-files.js';

let version: string | undefined;

/** allocheck's version, from its package.json (read once). */
export function allocheckVersion(): string {
  version ??= (JSON.parse(readFileSync(packageModule('package.json', '../package.json'), 'utf8')) as { version: string }).version;
  return version;
}
