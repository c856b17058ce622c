// The demo dossiers are played through the real rules, whatever day `npm start` first runs.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { dossiers, outbox } from '../src/db/schema.ts';
import { DEMO_DOSSIERS } from '../src/db/demo-world.ts';
import { seedDemo } from '../src/db/seed.ts';
import { at, tempDatabase } from './helpers.ts';

describe('demo dossiers', () => {
  it.each(['2026-11-25', '2026-12-03', '2027-02-15'])('seed on %s: every dossier in its state, no money to move', (day) => {
    const { db } = tempDatabase();
    seedDemo(db, at(day));
    const states = Object.fromEntries(
      db
        .select({ id: dossiers.id, state: dossiers.state })
        .from(dossiers)
        .all()
        .map((d) => [d.id, d.state]),
    );
    expect(states).toEqual({
      'dos-demo-camille-proposed': 'proposed',
      'dos-demo-camille-not-processed': 'notProcessed',
      'dos-demo-camille-aif-quote': 'AWAITING_BENEFICIARY',
      'dos-demo-karim-validated': 'validated',
      'dos-demo-karim-refused': 'refusedByOrganism',
      'dos-demo-karim-paid': 'paid',
      'dos-demo-karim-cancelled': 'canceledByAttendee',
      'dos-demo-lucie-in-training': 'inTraining',
      'dos-demo-lucie-accepted': 'accepted',
      'dos-demo-lucie-declined': 'refusedByAttendee',
    });
    expect(Object.keys(states)).toEqual(expect.arrayContaining(DEMO_DOSSIERS.map((d) => d.id)));
    expect(db.select().from(outbox).all()).toEqual([]);
    expect(db.select().from(dossiers).where(eq(dossiers.id, 'dos-demo-karim-paid')).get()!.frozenAt).toBe('2026-04-29T11:00:00.000Z');
  });
});
