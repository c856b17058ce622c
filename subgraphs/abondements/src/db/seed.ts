// `npm run seed`: loads the demo world into an empty database; does nothing on a seeded one.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openAbondementsDatabase, type Db } from './client.ts';
import { demoConventions, demoDotations, demoEnvelopes, demoFunders, demoRules } from './demo-world.ts';
import { conventions, dotations, envelopes, funders, rules } from './schema.ts';

/** Inserts the demo world unless funders already exist; returns whether it seeded. */
export function seedDemoWorld(db: Db): boolean {
  return db.transaction((tx) => {
    if (tx.select({ id: funders.id }).from(funders).limit(1).all().length > 0) return false;
    tx.insert(funders).values(demoFunders).run();
    tx.insert(conventions).values(demoConventions).run();
    tx.insert(rules).values(demoRules).run();
    tx.insert(envelopes).values(demoEnvelopes).run();
    tx.insert(dotations).values(demoDotations).run();
    return true;
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { db, sqlite } = openAbondementsDatabase();
  const seeded = seedDemoWorld(db);
  sqlite.close();
  console.log(JSON.stringify({ level: 'info', msg: seeded ? 'abondements seeded with the demo world' : 'abondements already seeded' }));
}
