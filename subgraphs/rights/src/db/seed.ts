// `npm run seed`: loads the demo world's CPF history into an empty database. Balances are never
// typed in: activity years and dossiers are replayed in date order through the ledger's rules.
import { pathToFileURL } from 'node:url';
import { clockFromEnv } from '@formations/schema/clock';
import type { ActivityYear } from '../domain/acquisition.ts';
import { loadParameters, type Parameters } from '../domain/parameters.ts';
import { openRightsStore } from './client.ts';
import { debit, postDueAcquisitions, recordActivityYear, refund } from './ledger.ts';
import type { RightsStore } from './store.ts';

const fullYear = (year: number, workingTimePercent = 100) => [{ from: `${year}-01-01`, to: `${year}-12-31`, workingTimePercent }];
const years = (from: number, to: number, facts: (year: number) => Omit<ActivityYear, 'year'>) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ year: from + i, ...facts(from + i) }));
const salaried =
  (qualificationLevel: number, workingTimePercent = 100) =>
  (year: number) => ({
    employmentPeriods: fullYear(year, workingTimePercent),
    declarations: [],
    selfEmployedPeriods: [],
    qualificationLevel,
    oeth: false,
    esatAdmission: false,
    selfEmployed: false,
    trainingContributionPaid: false,
  });
const jobSeeker = (qualificationLevel: number) => () => ({ ...salaried(qualificationLevel)(0), employmentPeriods: [] });

export const DEMO_ACTIVITY: Record<string, ActivityYear[]> = {
  // Job seeker since 2024 after two years at 30 % part time: a low balance.
  'camille-martin': [...years(2022, 2023, salaried(3, 30)), ...years(2024, 2025, jobSeeker(3))],
  // Full-time developer since 2019.
  'karim-benali': years(2019, 2025, salaried(5)),
  // Care assistant without a level-3 diploma: 800 € a year, ceiling 8,000 €.
  'lucie-moreau': years(2019, 2025, salaried(2)),
};

/** Karim bought a training in 2023 and cancelled it: the ledger shows the debit and the refund. */
const DEMO_DOSSIERS = [{ personId: 'karim-benali', date: '2023-10-02', cancelledOn: '2023-10-20', amount: 149_000, reason: 'dossier demo-2023-001 (annulé)' }];

export async function seedDemoWorld(db: RightsStore, params: Parameters, today: string): Promise<boolean> {
  if (!(await db.isEmpty())) return false;
  // Years are recorded before any is due, then the clock advances dossier by dossier.
  for (const [personId, activity] of Object.entries(DEMO_ACTIVITY)) {
    for (const year of activity) await recordActivityYear(db, personId, year, params, '2019-01-01');
  }
  for (const d of DEMO_DOSSIERS) {
    const key = `demo:${d.personId}:${d.date}`;
    await debit(db, { personId: d.personId, amount: d.amount, date: d.date, reason: d.reason, idempotencyKey: key }, params, d.date);
    await refund(db, { debitKey: key, amount: d.amount, date: d.cancelledOn, idempotencyKey: `${key}:refund` });
  }
  await postDueAcquisitions(db, Object.keys(DEMO_ACTIVITY), params, today);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const store = await openRightsStore();
  const seeded = await seedDemoWorld(store, loadParameters(), clockFromEnv().today());
  console.log(seeded ? 'rights: demo world loaded' : 'rights: database not empty, nothing seeded');
  await store.close();
}
