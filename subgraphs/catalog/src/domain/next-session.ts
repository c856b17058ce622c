// The next open session of a training: what a person could still join. Not started yet on `today`
// (the Paris day of the one clock) and taking applications (etat-recrutement open or not given), the
// earliest start first; a session with no start date (entries all year round) comes after the dated ones.
export interface SessionDates {
  id: string;
  debut: string | null;
  etatRecrutement: 'OPEN' | 'CLOSED' | 'SUSPENDED' | null;
}

export function nextOpenSession<S extends SessionDates>(sessions: readonly S[], today: string): S | null {
  let best: S | null = null;
  const rank = (s: S) => `${s.debut === null ? 1 : 0}|${s.debut ?? ''}|${s.id}`;
  for (const s of sessions) {
    if (s.etatRecrutement !== null && s.etatRecrutement !== 'OPEN') continue;
    if (s.debut !== null && s.debut < today) continue;
    if (best === null || rank(s) < rank(best)) best = s;
  }
  return best;
}
