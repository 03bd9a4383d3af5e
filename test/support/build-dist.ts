/**
 * Vitest's global setup: brings dist/ up to date before any test runs, so tests that start the
 * real `allocheck` binary (which runs dist/) see the sources as they are now. A no-op when
 * nothing changed since the last build.
 */
import { build } from '../../scripts/build.mjs';

export default async function setup(): Promise<void> {
  await build();
}
