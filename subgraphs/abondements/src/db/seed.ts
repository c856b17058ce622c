// `npm run seed`: loads the demo world into an empty database (ABONDEMENTS_DATABASE_URL's, else the
// SQLite file); does nothing on a seeded one.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openAbondementsStore } from './client.ts';
import { demoConventions, demoDotations, demoEnvelopes, demoFunders, demoRules } from './demo-world.ts';
import type { AbondementsStore } from './store.ts';

/** Inserts the demo world unless funders already exist; returns whether it seeded. */
export function seedDemoWorld(store: AbondementsStore): Promise<boolean> {
  const { funders, conventions, rules, envelopes, dotations } = store.t;
  return store.transaction(async (tx) => {
    if ((await tx.select({ id: funders.id }).from(funders).limit(1)).length > 0) return false;
    await tx.insert(funders).values(demoFunders);
    await tx.insert(conventions).values(demoConventions);
    await tx.insert(rules).values(demoRules);
    await tx.insert(envelopes).values(demoEnvelopes);
    await tx.insert(dotations).values(demoDotations);
    return true;
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const store = await openAbondementsStore();
  const seeded = await seedDemoWorld(store);
  await store.close();
  console.log(
    JSON.stringify({ level: 'info', msg: seeded ? 'abondements seeded with the demo world' : 'abondements already seeded', database: store.dialect }),
  );
}
