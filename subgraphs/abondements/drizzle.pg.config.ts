import { defineConfig } from 'drizzle-kit';

// `npm run db:generate:pg`: the PostgreSQL migrations, from the PostgreSQL twin of the schema.
export default defineConfig({ dialect: 'postgresql', schema: './src/db/schema-pg.ts', out: './src/db/migrations-pg' });
