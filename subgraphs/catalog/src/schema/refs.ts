// Object refs declared first, so the type files can point at each other.
import type { ActionRow, CertificationRow, FormationRow, OrganismeRow, SessionRow } from '../db/queries.ts';
import type { Evaluation } from '../domain/recommend.ts';
import type { Extra } from '../db/schema.ts';
import { builder } from './builder.ts';

export const SessionRef = builder.objectRef<SessionRow>('Session');
export const TrainingRef = builder.objectRef<FormationRow>('Training');
export const ActionRef = builder.objectRef<ActionRow>('Action');
export const PlaceRef = builder.objectRef<ActionRow>('Place');
export const ProviderRef = builder.objectRef<OrganismeRow>('Provider');
export const CertificationRef = builder.objectRef<CertificationRow>('Certification');
export const ExtraRef = builder.objectRef<Extra>('Extra');
export type TrainingOptionShape = Evaluation & { personId: string };
export const TrainingOptionRef = builder.objectRef<TrainingOptionShape>('TrainingOption');
