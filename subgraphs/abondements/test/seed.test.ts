import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAbondementsDatabase } from '../src/db/client.ts';
import { funders, rules } from '../src/db/schema.ts';
import { seedDemoWorld } from '../src/db/seed.ts';

describe('seeding the demo world', () => {
  it('loads the contract funders once, and does nothing the second time', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abondements-seed-'));
    const { db, sqlite } = openAbondementsDatabase(path.join(dir, 'abondements.sqlite'));
    expect(seedDemoWorld(db)).toBe(true);
    expect(seedDemoWorld(db)).toBe(false);
    expect(
      db
        .select({ id: funders.id })
        .from(funders)
        .all()
        .map((f) => f.id)
        .sort(),
    ).toEqual(['funder-employer-karim', 'funder-france-travail', 'funder-region-pdl']);
    expect(db.select().from(rules).all()).toHaveLength(2);
    sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
