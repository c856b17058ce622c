import { FACTS, type FactDef } from '../domain/criteria.ts';
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

/** One @external field per fact of domain/criteria.ts FACTS, typed as declared there. */
function externalFacts<Shape extends object>(t: FactsFieldBuilder<Shape>, facts: Record<string, FactDef>) {
  return Object.fromEntries(
    Object.entries(facts).map(([name, fact]) => {
      const nullable = fact.nullable === true;
      const resolve = (parent: Shape) => (parent as Record<string, unknown>)[name] as never;
      const field =
        fact.type === 'HolderStatus'
          ? t.field({ type: HolderStatusEnum, nullable, directives: external, resolve })
          : fact.type === 'Int'
            ? t.int({ nullable, directives: external, resolve })
            : fact.list
              ? t.stringList({ directives: external, resolve })
              : t.field({ type: fact.type, nullable, directives: external, resolve });
      return [name, field];
    }),
  );
}
type FactsFieldBuilder<Shape extends object> = Parameters<NonNullable<Parameters<ReturnType<typeof builder.objectRef<Shape>>['implement']>[0]['fields']>>[0];

/** The person's facts as catalog passes them on with an option (catalog's HolderFacts). */
export const HolderFactsRef = builder.objectRef<HolderFacts>('HolderFacts').implement({
  fields: (t) => ({
    accessGrant: t.exposeString('accessGrant', { nullable: true, directives: external }),
    ...externalFacts(t, FACTS.holder),
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
  fields: (t) => externalFacts(t, FACTS.sessionFacts),
});

/** What Person.fundableTrainings gives back of each session, so the gateway need not ask catalog again. */
export const SESSION_CARD = 'price startDate training { title certification { code } }';
export type SessionCard = { id: string; price: number | null; startDate: string | null; training: TrainingCard };
export const ProvidedSessionRef = SessionRef.provides<Omit<SessionCard, 'id'>>(SESSION_CARD);
