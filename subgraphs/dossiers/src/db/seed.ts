// `npm run seed`: the demo dossiers (demo-world.ts) played through the real transitions into an
// empty database, at the shared clock's time.
import { pathToFileURL } from 'node:url';
import { clockFromEnv } from '@formations/schema/clock';
import { openDossiersDatabase, type DossiersDatabase } from './client.ts';
import { DEMO_DOSSIERS, DEMO_SESSIONS } from './demo-world.ts';
import { applyTransition } from './store.ts';

export function seedDemo(db: DossiersDatabase, now: Date): void {
  for (const demo of DEMO_DOSSIERS) {
    demo.steps.forEach((step, i) => {
      applyTransition(db, {
        actor: { role: step.actor, sub: step.sub },
        transition: step.transition,
        ...(i === 0
          ? { create: { id: demo.id, personId: demo.personId, sessionId: demo.sessionId, route: demo.route, session: DEMO_SESSIONS[demo.sessionId]! } }
          : { dossierId: demo.id }),
        reasonCode: step.reasonCode ?? null,
        plan: step.plan ?? null,
        completionRate: step.completionRate ?? null,
        now: step.on ? new Date(`${step.on}T11:00:00Z`) : now,
      });
    });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { db, sqlite } = openDossiersDatabase();
  seedDemo(db, clockFromEnv().now());
  console.log(`seeded ${DEMO_DOSSIERS.length} demo dossiers`);
  sqlite.close();
}
