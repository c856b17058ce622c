// Object refs declared first, so the type files can point at each other.
import type { ActionRow, CertificationRow, FormationRow, OrganismeRow, SessionRow } from '../db/queries.ts';
import type { Evaluation } from '../domain/recommend.ts';
import type { Extra, StaleFlag } from '../db/schema.ts';
import { builder } from './builder.ts';

export const SessionRef = builder.objectRef<SessionRow>('Session');
export const TrainingRef = builder.objectRef<FormationRow>('Training');
export const ActionRef = builder.objectRef<ActionRow>('Action');
export const PlaceRef = builder.objectRef<ActionRow>('Place');
export const ProviderRef = builder.objectRef<OrganismeRow>('Provider');
export const CertificationRef = builder.objectRef<CertificationRow>('Certification');
export const ExtraRef = builder.objectRef<Extra>('Extra');
export const StaleFlagRef = builder.objectRef<StaleFlag>('StaleFlag');
export interface CatalogueSourceShape {
  source: string;
  file: string;
  exportedAt: string;
  importedAt: string;
  stale: StaleFlag | null;
  extras: Extra[];
  informationDates: string[];
}
export const CatalogueSourceRef = builder.objectRef<CatalogueSourceShape>('CatalogueSource');
/** What catalog passes on of the person with an option it made (null when it has none). */
export interface HolderFactsShape {
  accessGrant: string | null;
  status: 'JOB_SEEKER' | 'EMPLOYEE' | 'SELF_EMPLOYED';
  hasDrivingLicence: boolean;
  qualificationLevel: number | null;
  homeRegion: string | null;
  homeDepartement: string | null;
  employerSiret: string | null;
  employerIdcc: string | null;
}
export type TrainingOptionShape = Evaluation & { personId: string; holder: HolderFactsShape | null };
export const TrainingOptionRef = builder.objectRef<TrainingOptionShape>('TrainingOption');
