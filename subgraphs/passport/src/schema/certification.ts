import { builder } from './builder.ts';
import { CertificationKindEnum, ProvenanceEnum } from './enums.ts';
import type { CertificationRow } from '../db/store.ts';

/** Catalog's certification entity: passport only knows its code and cannot resolve it. */
export const CertificationRef = builder.externalRef('Certification', builder.keyDirective(builder.selection<{ code: string }>('code'), false)).implement({
  description: 'A certification of the RNCP or the RS, owned by the catalog (title, level, trainings leading to it).',
  externalFields: (t) => ({ code: t.string({ description: 'Code of the certification: "RNCP35340", "RS6962"…' }) }),
  fields: () => ({}),
});

export const PersonCertificationRef = builder.objectRef<CertificationRow>('PersonCertification').implement({
  description: 'A certification the person holds, with where that fact comes from.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of this item of the passport.' }),
    code: t.exposeString('code', { description: 'Code of the certification: "RNCP35340", "RS6962"…' }),
    kind: t.expose('kind', { type: CertificationKindEnum, description: 'RNCP (diploma or title) or RS (specific certification).' }),
    title: t.exposeString('title', { description: 'Title of the certification as recorded in the passport.' }),
    level: t.exposeInt('level', { nullable: true, description: 'Qualification level (3 CAP/BEP … 8 doctorate); null for RS certifications, which have none.' }),
    obtainedOn: t.expose('obtainedOn', { type: 'Date', nullable: true, description: 'Date the certification was obtained, when known.' }),
    provenance: t.expose('provenance', { type: ProvenanceEnum, description: 'GUARANTEED when the certifier sent it, DECLARED when the holder typed it in.' }),
    validUntil: t.expose('validUntil', {
      type: 'Date',
      nullable: true,
      description: 'Last day the certification is valid, for those that expire (some RS habilitations); null: no end known.',
    }),
    mention: t.exposeString('mention', { nullable: true, description: 'Mention or score obtained, as the certifier sent it.' }),
    issuerName: t.exposeString('issuerName', {
      nullable: true,
      description: 'The certifier who sent this result (GUARANTEED items from a certification feed); null otherwise.',
    }),
    certification: t.field({
      type: CertificationRef,
      description: 'The certification in the catalog (title, level, trainings leading to it).',
      resolve: (c) => ({ code: c.code }),
    }),
  }),
});
