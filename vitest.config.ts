import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/**/*.test.ts'],
    // Build and browser tests run whole Astro builds; give them room on a 2-core machine.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    globalSetup: ['tests/helpers/global-setup.ts'],
  },
});
