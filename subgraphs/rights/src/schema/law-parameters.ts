import { builder } from './builder.ts';
import type { Parameter } from '../domain/parameters.ts';
import { LawStatusEnum } from './enums.ts';

const CpfLawParameterRef = builder.objectRef<Parameter>('CpfLawParameter').implement({
  description: 'One amount, ceiling, rate, date or rule of the CPF law, with the period it is in force and its source.',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'Stable name, e.g. participation.amount or spendingCap.RS.' }),
    value: t.string({ description: 'The value as JSON (cents for amounts, percent for rates).', resolve: (p) => JSON.stringify(p.value) }),
    validFrom: t.field({ type: 'Date', description: 'Entry into force (for a draft: the day it was made public).', resolve: (p) => p.validFrom }),
    validUntil: t.field({ type: 'Date', nullable: true, description: 'Last day in force; null while in force.', resolve: (p) => p.validUntil }),
    legalSource: t.exposeString('source', { description: 'The article, decree or practice it comes from.' }),
    status: t.field({ type: LawStatusEnum, description: 'IN_FORCE, REPORTED (to be confirmed) or DRAFT (never applied).', resolve: (p) => p.status }),
    text: t.exposeString('text', { description: "The article's own words (a bracketed text is a summary)." }),
    note: t.exposeString('note', { nullable: true, description: 'Why the entry is reported or a draft.' }),
  }),
});

builder.queryFields((t) => ({
  cpfLawParameters: t.field({
    type: [CpfLawParameterRef],
    description: 'The CPF law parameters, all of them or only those in force on a day (with the drafts pending that day). Public.',
    args: { on: t.arg({ type: 'Date', description: 'Only the parameters in force that day, and the drafts made public by then.' }) },
    resolve: (_root, { on }, ctx) => ctx.params.all().filter((p) => !on || (p.validFrom <= on && (p.validUntil === null || on <= p.validUntil))),
  }),
}));
