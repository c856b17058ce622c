// `npm run gen:people -- --persons 1000000 --out DIR [--seed N]`: people at national scale for
// benchmarks, as the passport and rights subgraphs store them (DIR/passport.sqlite, DIR/rights.sqlite):
// passports with ROME 4.0 competences, target jobs and employment histories drawn from the committed
// ROME extract (jobs held, their competences, the mobility between jobs), consents to a few advisers,
// and CPF ledgers of about ten entries each — the activity years and their yearly credits computed by
// rights' own rules and law parameters, a few debits and refunds — plus the demo world, so the demo
// flagship still answers. Deterministic from the seed (each person from its own stream); no NIR, names
// from a short list. Written in constant memory: batches of persons, one transaction per batch per file.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type Database from 'better-sqlite3';
import { getTableColumns, getTableName, type Table } from 'drizzle-orm';
import { clockFromEnv } from '../schema/src/clock.ts';
import { Prng } from '../catalog-indexer/src/generator/prng.ts';
import { loadReference } from '../catalog-indexer/src/generator/reference.ts';
import { openPassportDatabase } from '../subgraphs/passport/src/db/client.ts';
import { seed as seedPassport } from '../subgraphs/passport/src/db/seed.ts';
import { sqliteStore as passportSqliteStore } from '../subgraphs/passport/src/db/sqlite-store.ts';
import * as passport from '../subgraphs/passport/src/db/schema.ts';
import type { HolderStatus } from '../subgraphs/passport/src/domain/types.ts';
import { openRightsDatabase } from '../subgraphs/rights/src/db/client.ts';
import { acquisitionEntry, canonical, debitEntry, refundEntry, type EntryFacts } from '../subgraphs/rights/src/db/ledger.ts';
import * as rights from '../subgraphs/rights/src/db/schema.ts';
import { seedDemoWorld } from '../subgraphs/rights/src/db/seed.ts';
import { sqliteStore } from '../subgraphs/rights/src/db/sqlite-store.ts';
import { creditDateOf, yearEntitlement, type ActivityYear } from '../subgraphs/rights/src/domain/acquisition.ts';
import { apply, capToCeiling, EMPTY } from '../subgraphs/rights/src/domain/ledger.ts';
import { loadParameters } from '../subgraphs/rights/src/domain/parameters.ts';

export interface PeopleOptions {
  persons: number;
  out: string;
  seed?: number;
  /** The day the ledgers are brought up to (credits and debits dated later are left out); the clock's by default. */
  today?: string;
  /** Progress lines on stderr. */
  progress?: boolean;
}

export interface PeopleManifest {
  persons: number;
  seed: number;
  today: string;
  /** The advisers generated people consented to (their `sub`). */
  advisers: string[];
  rows: { passport: number; rights: number };
  seconds: number;
  bytes: { passport: number; rights: number };
}

export const MANIFEST = 'people.json';
export const personId = (i: number) => `gen-${String(i).padStart(7, '0')}`;
export const ADVISERS = Array.from({ length: 20 }, (_, i) => `conseiller-${String(i + 1).padStart(2, '0')}`);

const GIVEN = [
  'Camille',
  'Dominique',
  'Claude',
  'Alex',
  'Sacha',
  'Morgan',
  'Lou',
  'Noa',
  'Charlie',
  'Eden',
  'Maxime',
  'Yanis',
  'Inès',
  'Léa',
  'Hugo',
  'Nora',
  'Sofia',
  'Adam',
  'Jade',
  'Louis',
];
const FAMILY = [
  'Martin',
  'Bernard',
  'Thomas',
  'Petit',
  'Robert',
  'Richard',
  'Durand',
  'Dubois',
  'Moreau',
  'Laurent',
  'Simon',
  'Michel',
  'Lefebvre',
  'Leroy',
  'Roux',
  'David',
  'Bertrand',
  'Morel',
  'Fournier',
  'Girard',
];
const EMPLOYERS = ['PME', 'Association', 'Collectivité territoriale', 'Grande entreprise', 'Entreprise artisanale', 'Établissement de santé'];
const IDCC = ['1486', '2264', '1979', '3248', '1597'];
const BATCH = 2000;

/** Prepared INSERT of these properties of a drizzle table: column names and value mapping come from the table's definition. */
function inserter<T extends Table>(sqlite: Database.Database, table: T, keys: readonly (keyof T['$inferInsert'] & string)[]) {
  const columns = getTableColumns(table);
  const cols = keys.map((k) => columns[k]!);
  const statement = sqlite.prepare(
    `INSERT INTO "${getTableName(table)}" (${cols.map((c) => `"${c.name}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
  );
  // Text and numbers go to the driver as they are; booleans and JSON through their column's mapping.
  const mapped = cols.map((c) => !['SQLiteText', 'SQLiteInteger', 'SQLiteReal'].includes(c.columnType));
  const values: unknown[] = new Array(keys.length);
  return (row: T['$inferInsert']): number => {
    for (let i = 0; i < keys.length; i++) {
      const v = (row as Record<string, unknown>)[keys[i]!];
      values[i] = v === null || v === undefined ? null : mapped[i] ? cols[i]!.mapToDriverValue(v) : v;
    }
    return Number(statement.run(values).lastInsertRowid);
  };
}

interface Rome {
  jobs: string[];
  competencesOf: Map<string, string[]>;
  titlesOf: Map<string, string[]>;
  /** Where people of a job move to, best-ranked first. */
  movesOf: Map<string, string[]>;
}

/** The ROME 4.0 referential as passport's seed loaded it (one copy of the extract: the database's). */
function readRome(sqlite: Database.Database): Rome {
  const group = (rows: { k: string; v: string }[]) => {
    const map = new Map<string, string[]>();
    for (const { k, v } of rows) (map.get(k) ?? map.set(k, []).get(k)!).push(v);
    return map;
  };
  const jobs = (sqlite.prepare('SELECT code FROM rome_jobs ORDER BY code').all() as { code: string }[]).map((r) => r.code);
  const competencesOf = group(
    sqlite.prepare('SELECT rome_code AS k, code AS v FROM rome_job_competences ORDER BY rome_code, code').all() as { k: string; v: string }[],
  );
  const titlesOf = group(
    sqlite.prepare('SELECT rome_code AS k, label AS v FROM rome_appellations ORDER BY rome_code, code').all() as { k: string; v: string }[],
  );
  const movesOf = group(
    sqlite.prepare('SELECT rome_code AS k, target_rome_code AS v FROM rome_mobility ORDER BY rome_code, rank').all() as { k: string; v: string }[],
  );
  // Only jobs with competences: a person's competences come from the jobs held.
  return { jobs: jobs.filter((j) => competencesOf.has(j)), competencesOf, titlesOf, movesOf };
}

const pad = (n: number) => String(n).padStart(2, '0');
const dayIn = (r: Prng, year: number, fromMonth = 1, toMonth = 12) => `${year}-${pad(r.int(fromMonth, toMonth))}-${pad(r.int(1, 28))}`;

interface Person {
  row: typeof passport.persons.$inferInsert;
  targets: string[];
  competences: { code: string; provenance: 'GUARANTEED' | 'DECLARED' }[];
  experiences: Omit<typeof passport.experiences.$inferInsert, 'id' | 'personId'>[];
  consent: string | null;
  activity: ActivityYear[];
  /** Debits as (date, euro cents wanted), each maybe refunded `refundAfterDays` later. */
  spending: { date: string; amount: number; refund: boolean }[];
}

function drawPerson(i: number, seed: number, rome: Rome, communes: ReturnType<typeof loadReference>['communes'], today: string): Person {
  const r = Prng.derive(seed, i);
  const id = personId(i);
  const birthYear = r.int(1960, 2005);
  const status = r.weighted<HolderStatus>([
    ['EMPLOYEE', 72],
    ['JOB_SEEKER', 20],
    ['SELF_EMPLOYED', 8],
  ]);
  const educationLevel = r.weighted([
    [0, 4],
    [2, 8],
    [3, 25],
    [4, 25],
    [5, 15],
    [6, 13],
    [7, 8],
    [8, 2],
  ] as const);
  const home = r.pick(communes);
  // A career: one to three jobs, each next one a move the ROME lists from the previous (else any job).
  const jobs = [r.pick(rome.jobs)];
  for (let n = r.int(0, 2); n > 0; n--) {
    const moves = (rome.movesOf.get(jobs.at(-1)!) ?? []).filter((j) => rome.competencesOf.has(j));
    jobs.push(moves.length > 0 ? r.pick(moves.slice(0, 5)) : r.pick(rome.jobs));
  }
  const firstYear = Math.min(Math.max(birthYear + 19, 2005), 2024);
  const lastYear = Number(today.slice(0, 4));
  const stints = jobs.map((_, k) => firstYear + Math.floor(((lastYear - firstYear) * k) / jobs.length));
  const experiences = jobs.map((job, k) => {
    const current = k === jobs.length - 1 && status !== 'JOB_SEEKER';
    const endYear = k < jobs.length - 1 ? stints[k + 1]! : Math.min(lastYear, Math.max(stints[k]! + 1, lastYear - r.int(0, 2)));
    return {
      jobTitle: r.pick(rome.titlesOf.get(job) ?? [job]),
      romeCode: job,
      employer: `${r.pick(EMPLOYERS)}, ${r.pick(communes).nom}`,
      startDate: dayIn(r, stints[k]!, 1, 6),
      endDate: current ? null : `${endYear}-${pad(r.int(7, 12))}-28`,
      provenance: r.chance(0.6) ? ('GUARANTEED' as const) : ('DECLARED' as const),
    };
  });
  const held = [...new Set(jobs.flatMap((j) => r.sample(rome.competencesOf.get(j)!, r.int(3, 6))))];
  const competences = held.map((code) => ({ code, provenance: r.chance(0.3) ? ('GUARANTEED' as const) : ('DECLARED' as const) }));
  const moves = (rome.movesOf.get(jobs.at(-1)!) ?? []).filter((j) => !jobs.includes(j));
  const targets = moves.length > 0 ? r.sample(moves.slice(0, 6), r.int(1, 2)) : [r.pick(rome.jobs)];

  // CPF years since euros (2019), or since the first job: salaried full or part time, a year of job
  // seeking now and then, the last ones for a job seeker; the self-employed pay their contribution or not.
  const activity: ActivityYear[] = [];
  const oeth = r.chance(0.03);
  for (let year = Math.max(2019, firstYear); year < lastYear; year++) {
    const seeking = (status === 'JOB_SEEKER' && year >= lastYear - r.int(1, 2)) || r.chance(0.05);
    const percent = r.chance(0.15) ? r.pick([30, 40, 50, 60, 80]) : 100;
    const selfEmployed = status === 'SELF_EMPLOYED' && !seeking;
    activity.push({
      year,
      employmentPeriods: seeking || selfEmployed ? [] : [{ from: `${year}-01-01`, to: `${year}-12-31`, workingTimePercent: percent }],
      declarations: [],
      selfEmployedPeriods: [],
      qualificationLevel: educationLevel,
      oeth,
      esatAdmission: false,
      selfEmployed,
      trainingContributionPaid: selfEmployed && r.chance(0.9),
    });
  }
  const spending = activity.flatMap(({ year }) =>
    r.chance(0.35) ? [{ date: dayIn(r, year + 1, 7, 11), amount: r.int(10, 250) * 1000, refund: r.chance(0.2) }] : [],
  );
  return {
    row: {
      id,
      givenName: r.pick(GIVEN),
      familyName: r.pick(FAMILY),
      nir: null,
      birthDate: `${birthYear}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`,
      status,
      educationLevel,
      homeInseeCode: home.insee,
      homeName: home.nom,
      homePostalCode: home.codepostal,
      homeDepartement: home.departement,
      homeRegion: home.region,
      homeLatitude: home.latitude,
      homeLongitude: home.longitude,
      employerSiret: null,
      employerIdcc: status === 'EMPLOYEE' && r.chance(0.5) ? r.pick(IDCC) : null,
      hasDrivingLicence: r.chance(0.7),
    },
    targets,
    competences,
    experiences,
    consent: r.chance(0.3) ? r.pick(ADVISERS) : null,
    activity,
    spending,
  };
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The person's ledger in date order, by rights' rules: each year's credit against the acquired rights of its day, debits within the balance. */
function ledgerOf(person: Person, params: ReturnType<typeof loadParameters>, today: string, insert: (entry: EntryFacts) => number): number {
  const id = person.row.id;
  type Event = { date: string; run: () => void };
  let balances = EMPTY;
  let written = 0;
  const write = (entry: EntryFacts) => {
    balances = apply(balances, entry, params);
    written++;
    return insert(entry);
  };
  const events: Event[] = [];
  for (const year of person.activity) {
    const entitlement = yearEntitlement(year, params);
    events.push({ date: entitlement.creditDate, run: () => void write(acquisitionEntry(id, capToCeiling(entitlement, balances.acquired))) });
  }
  for (const s of person.spending) {
    events.push({
      date: s.date,
      run: () => {
        const amount = Math.min(s.amount, balances.balance - (balances.balance % 1000));
        if (amount <= 0) return;
        const key = `gen:${id}:${s.date}`;
        const entry = debitEntry({ personId: id, amount, date: s.date, reason: `dossier ${key.slice(4)}`, idempotencyKey: key });
        const debitId = write(entry);
        const back = addDays(s.date, 20);
        if (s.refund && back <= today)
          write(refundEntry({ id: debitId, personId: id, amount: entry.amount }, { amount, date: back, idempotencyKey: `${key}:refund` }));
      },
    });
  }
  for (const e of events.filter((e) => e.date <= today).sort((a, b) => a.date.localeCompare(b.date))) e.run();
  return written;
}

const fileSize = (file: string) => ['', '-wal', '-shm'].reduce((sum, ext) => sum + (fs.existsSync(file + ext) ? fs.statSync(file + ext).size : 0), 0);

export async function generatePeople(options: PeopleOptions): Promise<PeopleManifest> {
  const seed = options.seed ?? 1;
  const today = options.today ?? clockFromEnv().today();
  const out = path.resolve(options.out);
  fs.mkdirSync(out, { recursive: true });
  const passportFile = path.join(out, 'passport.sqlite');
  const rightsFile = path.join(out, 'rights.sqlite');
  for (const file of [passportFile, rightsFile, path.join(out, MANIFEST)]) {
    for (const ext of ['', '-wal', '-shm']) fs.rmSync(file + ext, { force: true });
  }
  const started = performance.now();
  const params = loadParameters();

  // The schemas, the ROME referential and the demo world, by the subgraphs' own seeds.
  const p = openPassportDatabase(passportFile);
  await seedPassport(passportSqliteStore(p));
  const r = openRightsDatabase(rightsFile);
  await seedDemoWorld(sqliteStore(r), params, today);
  // A file written from scratch: a crash means running again, so no sync per commit.
  for (const db of [p.sqlite, r.sqlite]) {
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -200000');
  }

  const rome = readRome(p.sqlite);
  const { communes } = loadReference();
  const insertPerson = inserter(
    p.sqlite,
    passport.persons,
    Object.keys(getTableColumns(passport.persons)) as (keyof typeof passport.persons.$inferInsert & string)[],
  );
  const insertTarget = inserter(p.sqlite, passport.targetJobs, ['personId', 'romeCode', 'rank']);
  const insertCompetence = inserter(p.sqlite, passport.personCompetences, ['id', 'personId', 'code', 'provenance']);
  const insertExperience = inserter(p.sqlite, passport.experiences, [
    'id',
    'personId',
    'jobTitle',
    'romeCode',
    'employer',
    'startDate',
    'endDate',
    'provenance',
  ]);
  const insertConsent = inserter(p.sqlite, passport.consents, ['id', 'personId', 'viewerSub', 'scopes', 'grantedAt', 'expiresAt']);
  const insertYear = inserter(r.sqlite, rights.activityYears, ['personId', 'year', 'facts', 'recordedAt']);
  const insertEntry = inserter(r.sqlite, rights.ledgerEntries, [
    'personId',
    'kind',
    'amount',
    'effectiveDate',
    'year',
    'refundOf',
    'explanation',
    'legalSource',
    'idempotencyKey',
    'recordedAt',
  ]);
  const grantedAt = `${today}T09:00:00.000Z`;
  const expiresAt = `${Number(today.slice(0, 4)) + 2}-12-31T23:59:59.000Z`;

  const rows = { passport: 0, rights: 0 };
  for (let from = 1; from <= options.persons; from += BATCH) {
    const to = Math.min(options.persons, from + BATCH - 1);
    const people = Array.from({ length: to - from + 1 }, (_, k) => drawPerson(from + k, seed, rome, communes, today));
    p.sqlite.transaction(() => {
      for (const person of people) {
        const id = person.row.id;
        insertPerson(person.row);
        person.targets.forEach((romeCode, k) => insertTarget({ personId: id, romeCode, rank: k + 1 }));
        for (const c of person.competences) insertCompetence({ id: `${id}-competence-${c.code}`, personId: id, ...c });
        person.experiences.forEach((e, k) => insertExperience({ id: `${id}-experience-${k + 1}`, personId: id, ...e }));
        if (person.consent)
          insertConsent({
            id: `consent-${id}-${person.consent}`,
            personId: id,
            viewerSub: person.consent,
            scopes: ['passport', 'rights', 'funding', 'recommendations'],
            grantedAt,
            expiresAt,
          });
        rows.passport += 1 + person.targets.length + person.competences.length + person.experiences.length + (person.consent ? 1 : 0);
      }
    })();
    r.sqlite.transaction(() => {
      for (const person of people) {
        const id = person.row.id;
        for (const year of person.activity)
          insertYear({ personId: id, year: year.year, facts: canonical(year), recordedAt: `${creditDateOf(year.year, params)}T00:00:00.000Z` });
        rows.rights += person.activity.length;
        rows.rights += ledgerOf(person, params, today, (entry) => insertEntry({ ...entry, recordedAt: `${entry.effectiveDate}T12:00:00.000Z` }));
      }
    })();
    if (options.progress && (to % 50_000 < BATCH || to === options.persons)) {
      const s = (performance.now() - started) / 1000;
      process.stderr.write(
        `gen:people ${to.toLocaleString('en')} / ${options.persons.toLocaleString('en')} persons, ${Math.round((rows.passport + rows.rights) / s).toLocaleString('en')} rows/s\n`,
      );
    }
  }
  for (const db of [p.sqlite, r.sqlite]) {
    db.exec('ANALYZE');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }
  const manifest: PeopleManifest = {
    persons: options.persons,
    seed,
    today,
    advisers: ADVISERS,
    rows,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    bytes: { passport: fileSize(passportFile), rights: fileSize(rightsFile) },
  };
  fs.writeFileSync(path.join(out, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { persons: { type: 'string', default: '10000' }, out: { type: 'string' }, seed: { type: 'string', default: '1' } } });
  if (!values.out || !/^\d+$/.test(values.persons) || !/^\d+$/.test(values.seed)) {
    console.error('usage: npm run gen:people -- --persons N --out DIR [--seed N]');
    process.exit(2);
  }
  // npm runs scripts at the root: a relative --out is read from where the command was typed.
  const out = path.resolve(process.env.INIT_CWD ?? process.cwd(), values.out);
  const m = await generatePeople({ persons: Number(values.persons), out, seed: Number(values.seed), progress: true });
  const total = m.rows.passport + m.rows.rights;
  console.log(
    `${m.persons.toLocaleString('en')} persons (+ the demo world) in ${m.seconds} s: ${total.toLocaleString('en')} rows, ${Math.round(total / m.seconds).toLocaleString('en')} rows/s\n` +
      `  ${path.join(out, 'passport.sqlite')}: ${m.rows.passport.toLocaleString('en')} rows, ${megabytes(m.bytes.passport)}\n` +
      `  ${path.join(out, 'rights.sqlite')}: ${m.rows.rights.toLocaleString('en')} rows (ledger + activity years), ${megabytes(m.bytes.rights)}`,
  );
}
