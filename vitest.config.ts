import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', '.tmp/**'],
    globalSetup: ['src/server/testing/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 60_000,
    // Two cores: more workers than that only make the browser and database tests contend.
    maxWorkers: 2,
  },
});
