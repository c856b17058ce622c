import type { EntryRow } from '../db/ledger.ts';
import { builder } from './builder.ts';
import { CpfLedgerEntryKindEnum } from './enums.ts';

export const CpfLedgerEntryRef = builder.objectRef<EntryRow>('CpfLedgerEntry').implement({
  description: 'One line of a CPF account. Lines are never changed or removed: a correction is a new line.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of the line.' }),
    kind: t.field({ type: CpfLedgerEntryKindEnum, description: 'Why the money moved.', resolve: (e) => e.kind }),
    amount: t.field({ type: 'Cents', description: 'Signed amount in cents: credits positive, debits negative.', resolve: (e) => e.amount }),
    effectiveDate: t.field({ type: 'Date', description: 'The day the line takes effect on the balance.', resolve: (e) => e.effectiveDate }),
    year: t.exposeInt('year', { nullable: true, description: 'For an acquisition, the year of activity it credits.' }),
    explanation: t.exposeString('explanation', { description: 'The rule and the figures behind the amount, in words an adviser can repeat.' }),
    legalSource: t.exposeString('legalSource', { description: 'The articles the amount comes from.' }),
    recordedAt: t.field({ type: 'DateTime', description: 'When the line was written.', resolve: (e) => e.recordedAt }),
  }),
});
