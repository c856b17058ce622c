import type { SessionFacts } from '../domain/types.ts';
import { builder } from './builder.ts';

/** The catalog's Session, as far as funding rules look at it. */
export const SessionRef = builder.externalRef('Session', builder.keyDirective(builder.selection<{ id: string }>('id'), false)).implement({
  externalFields: (t) => ({
    price: t.field({ type: 'Cents', nullable: true }),
    startDate: t.field({ type: 'Date', nullable: true }),
    region: t.string({ nullable: true }),
    formacodes: t.stringList(),
    romeCodes: t.stringList(),
    nsfCodes: t.stringList(),
    certificationCode: t.string({ nullable: true }),
  }),
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of the session (catalog).' }),
  }),
});

export type RequiredSession = Omit<SessionFacts, 'id'>;
