import type { AccessScope } from '@formations/schema/auth';

export type HolderStatus = 'JOB_SEEKER' | 'EMPLOYEE' | 'SELF_EMPLOYED';

/** GUARANTEED: pushed by a certifier, the DSN or the Caisse des Dépôts; DECLARED: typed in by the holder. */
export const PROVENANCES = ['GUARANTEED', 'DECLARED'] as const;
export type Provenance = (typeof PROVENANCES)[number];

export type CertificationKind = 'RNCP' | 'RS';

export const COMPETENCE_CATEGORIES = ['SAVOIR_FAIRE', 'SAVOIR_ETRE_PROFESSIONNEL'] as const;
export type CompetenceCategory = (typeof COMPETENCE_CATEGORIES)[number];

export interface Consent {
  id: string;
  personId: string;
  viewerSub: string;
  scopes: AccessScope[];
  grantedAt: string;
  expiresAt: string;
  revokedAt: string | null;
}
