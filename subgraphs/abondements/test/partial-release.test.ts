// A dossier completed in part (dossiers' domain/completion.ts): the funder pays only its share, so a
// reservation or a dotation spending is given back but for what it keeps; the same call again changes nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAbondementsDatabase, type AbondementsDatabase } from '../src/db/client.ts';
import { releaseDotationUse, spendDotation } from '../src/db/dotation-uses.ts';
import { release, reserve } from '../src/db/reservations.ts';
import { dotations, envelopes } from '../src/db/schema.ts';
import { seedDemoWorld } from '../src/db/seed.ts';

const RULE = 'rule-region-pdl-logistics-85';
let dir: string;
let database: AbondementsDatabase;
const consumed = () => database.db.select().from(envelopes).where(eq(envelopes.ruleId, RULE)).get()!.consumed;
const spent = () => database.db.select().from(dotations).where(eq(dotations.id, 'dotation-karim-rncp37674')).get()!.spent;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abondements-partial-'));
  database = openAbondementsDatabase(path.join(dir, 'abondements.sqlite'));
  seedDemoWorld(database.db);
});
afterAll(() => {
  database.sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('giving back all but what a partial completion keeps', () => {
  it('a reservation of 1,000 € keeping 400 €: 600 € back to the envelope, once; then a full release gives back the 400 €', () => {
    const before = consumed();
    reserve(database.db, { key: 'dos-p:reserve-top-up', ruleId: RULE, personId: 'camille-martin', sessionId: 'S', amount: 100_000, now: 't0' });
    expect(consumed()).toBe(before + 100_000);
    expect(release(database.db, 'dos-p:reserve-top-up', 't1', 40_000)).toMatchObject({ status: 'GRANTED', amount: 40_000 });
    expect(consumed()).toBe(before + 40_000);
    expect(release(database.db, 'dos-p:reserve-top-up', 't2', 40_000)).toMatchObject({ status: 'GRANTED', amount: 40_000 });
    expect(consumed()).toBe(before + 40_000);
    expect(release(database.db, 'dos-p:reserve-top-up', 't3')).toMatchObject({ status: 'RELEASED', amount: 40_000 });
    expect(consumed()).toBe(before);
    expect(() => release(database.db, 'dos-p:reserve-top-up', 't4', -1)).toThrow(/≥ 0/);
  });

  it('a dotation spending of 500 € keeping 125 €: 375 € back to the dotation, once', () => {
    const before = spent();
    spendDotation(database.db, {
      key: 'dos-p:spend-dotation',
      dotationId: 'dotation-karim-rncp37674',
      personId: 'karim-benali',
      sessionId: 'S',
      certificationCode: 'RNCP37674',
      amount: 50_000,
      today: '2026-11-25',
      now: 't0',
    });
    expect(spent()).toBe(before + 50_000);
    expect(releaseDotationUse(database.db, 'dos-p:spend-dotation', 't1', 12_500)).toMatchObject({ status: 'SPENT', amount: 12_500 });
    expect(releaseDotationUse(database.db, 'dos-p:spend-dotation', 't2', 12_500)).toMatchObject({ status: 'SPENT', amount: 12_500 });
    expect(spent()).toBe(before + 12_500);
  });
});
