import { defineConfig } from 'vitest/config';

// One run over every package and the end-to-end tests. A JSON report is always written so
// `.ci/run` can print its `N passed, N failed` line.
export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      { test: { name: 'core', root: 'packages/core', include: ['src/**/*.test.ts'] } },
      { test: { name: 'report', root: 'packages/report', include: ['src/**/*.test.ts'] } },
      { test: { name: 'dockerfile', root: 'packages/dockerfile', include: ['src/**/*.test.ts'] } },
      { test: { name: 'secrets', root: 'packages/secrets', include: ['src/**/*.test.ts'] } },
      { test: { name: 'sbom', root: 'packages/sbom', include: ['src/**/*.test.ts'] } },
      { test: { name: 'vulns', root: 'packages/vulns', include: ['src/**/*.test.ts'] } },
      { test: { name: 'workloads', root: 'packages/workloads', include: ['src/**/*.test.ts'] } },
      { test: { name: 'cli', root: 'apps/cli', include: ['src/**/*.test.ts'] } },
      { test: { name: 'e2e', root: 'test', include: ['**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 } },
    ],
  },
});
