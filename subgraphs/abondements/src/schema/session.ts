import type { PersonFacts, SessionFacts } from '../domain/types.ts';
import { builder } from './builder.ts';
import { HolderStatusEnum } from './enums.ts';

const external = [{ name: 'external', args: {} }];

/** What a fundable training shows of its training; catalog's, provided back from what was required. */
export interface TrainingCard {
  title: string;
  certification: { code: string } | null;
}

const CertificationRef = builder.externalRef('Certification', builder.keyDirective(builder.selection<{ code: string }>('code'), false)).implement({
  fields: (t) => ({ code: t.exposeString('code', { description: 'Register code (catalog).' }) }),
});

const TrainingRef = builder.objectRef<TrainingCard>('Training').implement({
  description: "catalog's Training, as far as a fundable training shows it.",
  fields: (t) => ({
    title: t.exposeString('title', { directives: external }),
    certification: t.field({ type: CertificationRef, nullable: true, directives: external, resolve: (c) => c.certification }),
  }),
});

export type HolderFacts = Omit<PersonFacts, 'id'> & { accessGrant: string | null };

/** The person's facts as catalog passes them on with an option (catalog's HolderFacts). */
export const HolderFactsRef = builder.objectRef<HolderFacts>('HolderFacts').implement({
  fields: (t) => ({
    accessGrant: t.exposeString('accessGrant', { nullable: true, directives: external }),
    status: t.expose('status', { type: HolderStatusEnum, directives: external }),
    qualificationLevel: t.exposeInt('qualificationLevel', { nullable: true, directives: external }),
    homeRegion: t.exposeString('homeRegion', { nullable: true, directives: external }),
    homeDepartement: t.exposeString('homeDepartement', { nullable: true, directives: external }),
    employerSiret: t.exposeString('employerSiret', { nullable: true, directives: external }),
    employerIdcc: t.exposeString('employerIdcc', { nullable: true, directives: external }),
  }),
});

/** The catalog's Session, as far as a fundable training shows it. */
export const SessionRef = builder.externalRef('Session', builder.keyDirective(builder.selection<{ id: string }>('id'), false)).implement({
  externalFields: (t) => ({
    price: t.field({ type: 'Cents', nullable: true }),
    startDate: t.field({ type: 'Date', nullable: true }),
    training: t.field({ type: TrainingRef }),
  }),
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of the session (catalog).' }),
  }),
});

export type RequiredSession = Omit<SessionFacts, 'id'>;

/** The session's facts funding rules read, as catalog gives them with the option (its SessionFacts). */
export const SessionFactsRef = builder.objectRef<RequiredSession>('SessionFacts').implement({
  fields: (t) => ({
    price: t.expose('price', { type: 'Cents', nullable: true, directives: external }),
    startDate: t.expose('startDate', { type: 'Date', nullable: true, directives: external }),
    region: t.exposeString('region', { nullable: true, directives: external }),
    formacodes: t.exposeStringList('formacodes', { directives: external }),
    romeCodes: t.exposeStringList('romeCodes', { directives: external }),
    nsfCodes: t.exposeStringList('nsfCodes', { directives: external }),
    certificationCode: t.exposeString('certificationCode', { nullable: true, directives: external }),
  }),
});

/** What Person.fundableTrainings gives back of each session, so the gateway need not ask catalog again. */
export const SESSION_CARD = 'price startDate training { title certification { code } }';
export type SessionCard = { id: string; price: number | null; startDate: string | null; training: TrainingCard };
export const ProvidedSessionRef = SessionRef.provides<Omit<SessionCard, 'id'>>(SESSION_CARD);
