import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Tests that spawn bin/allocheck.js run dist/: rebuild it first when the sources changed.
    globalSetup: ['test/support/build-dist.ts'],
  },
});
