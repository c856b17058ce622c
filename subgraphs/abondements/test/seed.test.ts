import { describe, expect, it } from 'vitest';
import { seedDemoWorld } from '../src/db/seed.ts';
import { DIALECTS, testDatabase } from './store.ts';

describe.each(DIALECTS)('seeding the demo world in %s', (dialect) => {
  it('loads the contract funders once, and does nothing the second time', async () => {
    const database = await testDatabase(dialect, { seed: false });
    try {
      expect(await database.store.isEmpty()).toBe(true);
      expect(await seedDemoWorld(database.store)).toBe(true);
      expect(await seedDemoWorld(database.store)).toBe(false);
      expect((await database.query<{ id: string }>('SELECT id FROM funders ORDER BY id')).map((f) => f.id)).toEqual([
        'funder-employer-karim',
        'funder-france-travail',
        'funder-region-pdl',
      ]);
      expect(await database.query('SELECT id FROM rules')).toHaveLength(2);
      expect(await database.store.health()).toEqual({ database: dialect, rules: 2 });
    } finally {
      await database.close();
    }
  });
});
