import { defineConfig } from 'vitest/config';

// Real Debian servers (orthanc, postgresql, redis, ...) started by the suite itself.
export default defineConfig({
  test: {
    include: ['test/peers/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
