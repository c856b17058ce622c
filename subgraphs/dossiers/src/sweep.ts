// The deadline sweep: at start and then periodically, applies every deadline whose last day has
// passed (lapses, acceptance by France Travail's silence). The deadlines are columns of the
// dossiers, so a restart loses none; reads apply them too, so nobody sees a stale state.
import type { Clock } from '@formations/schema/clock';
import type { DossiersDatabase } from './db/client.ts';
import { applyDueDeadlines } from './db/store.ts';

export function startSweep(db: DossiersDatabase, clock: Clock, onChange: () => void, intervalMs = Number(process.env.DEADLINE_SWEEP_MS ?? 60_000)) {
  const sweep = () => {
    try {
      const changed = applyDueDeadlines(db, clock.now());
      if (changed.length > 0) {
        console.log(JSON.stringify({ level: 'info', msg: 'deadlines applied', dossiers: changed.length }));
        onChange();
      }
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', msg: 'deadline sweep failed', error: (error as Error).message }));
    }
  };
  sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
