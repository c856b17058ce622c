// Shared by every package's vitest config: these 2-core machines run several packages'
// tests at once (Turborepo), so the default 5 s timeouts would flake under load.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
