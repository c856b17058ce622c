import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// The repository's tests run on SQLite and on a real PostgreSQL (TEST_DATABASE_URL, else a throwaway server).
export default mergeConfig(shared, defineConfig({ test: { globalSetup: ['../../schema/src/postgres-test.ts'] } }));
