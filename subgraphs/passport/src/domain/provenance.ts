// The holder edits only what he declared; guaranteed items come from certifiers, the DSN or the
// Caisse des Dépôts and are theirs to correct.
import type { Provenance } from './types.ts';

export function editableByHolder(provenance: Provenance): boolean {
  return provenance === 'DECLARED';
}

export const GUARANTEED_REFUSAL =
  'this item is GUARANTEED (sent by the certifier, the employer or the Caisse des Dépôts): only its issuer can change it; ask them to correct it';
