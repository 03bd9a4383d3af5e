import { defineConfig } from 'vitest/config';

// No test asserts how fast the machine is: a test's time limit only catches a hang. On a busy
// machine (two copies of the suite on two cores) a check that takes 2 s alone takes 10 s or more,
// so the limits are far above any test's own duration.
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 240_000,
    // Tests that spawn bin/allocheck.js run dist/: rebuild it first when the sources changed.
    globalSetup: ['test/support/build-dist.ts'],
  },
});
