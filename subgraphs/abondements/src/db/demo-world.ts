// The contract's demo world, as the funders would have entered it (in French: advisers read these labels).
import type { conventions, dotations, envelopes, funders, rules } from './schema.ts';

type Row<T extends { $inferInsert: unknown }> = T['$inferInsert'];

export const demoFunders: Row<typeof funders>[] = [
  { id: 'funder-region-pdl', name: 'Région Pays de la Loire', kind: 'REGION', identifier: '52' },
  { id: 'funder-france-travail', name: 'France Travail', kind: 'FRANCE_TRAVAIL', identifier: '13000548100010' },
  { id: 'funder-employer-karim', name: 'Employeur de Karim Benali', kind: 'EMPLOYER', identifier: '41816609600069' },
];

export const demoConventions: Row<typeof conventions>[] = [
  {
    id: 'convention-region-pdl-2025',
    funderId: 'funder-region-pdl',
    label: 'Convention CPF Région Pays de la Loire – Caisse des Dépôts',
    validFrom: '2025-01-01',
    validTo: '2027-12-31',
  },
  {
    id: 'convention-france-travail-2025',
    funderId: 'funder-france-travail',
    label: 'Convention CPF France Travail – Caisse des Dépôts',
    validFrom: '2025-01-01',
    validTo: null,
  },
];

export const demoRules: Row<typeof rules>[] = [
  {
    id: 'rule-region-pdl-logistics-85',
    conventionId: 'convention-region-pdl-2025',
    label: "Demandeurs d'emploi de Vendée au solde CPF inférieur à 800 €, métiers de l'entrepôt : 50 % du prix (plafond 2 000 €)",
    criteria: { holderStatuses: ['JOB_SEEKER'], residenceDepartements: ['85'], cpfBalanceBelow: 80_000, romeCodes: ['N1103', 'N1101'] },
    amountKind: 'PERCENT_OF_PRICE',
    amountValue: 5000,
    capPerDossier: 200_000,
    rounding: 'DOWN',
    validFrom: '2025-01-01',
    validTo: '2027-12-31',
  },
  {
    id: 'rule-france-travail-shortage-jobs',
    conventionId: 'convention-france-travail-2025',
    label: "Demandeurs d'emploi visant un métier en tension (entrepôt, soin) : tout le reste à payer (plafond 3 000 €)",
    criteria: { holderStatuses: ['JOB_SEEKER'], romeCodes: ['N1103', 'N1101', 'J1501'] },
    amountKind: 'PERCENT_OF_REMAINING_COST',
    amountValue: 10_000,
    capPerDossier: 300_000,
    rounding: 'DOWN',
    // France Travail tops up a job seeker's order on request, case by case (abondements.md flow 1).
    granting: 'FUNDER_DECISION',
    validFrom: '2025-01-01',
    validTo: null,
  },
];

export const demoEnvelopes: Row<typeof envelopes>[] = [
  { id: 'envelope-region-pdl-logistics-85', ruleId: 'rule-region-pdl-logistics-85', budget: 50_000_000 },
  { id: 'envelope-france-travail-shortage-jobs', ruleId: 'rule-france-travail-shortage-jobs', budget: 200_000_000 },
];

export const demoDotations: Row<typeof dotations>[] = [
  {
    id: 'dotation-karim-rncp37674',
    funderId: 'funder-employer-karim',
    personId: 'karim-benali',
    amount: 100_000,
    restrictedToCertifications: ['RNCP37674'],
    deadline: '2026-12-31',
    refundIfUnused: true,
    grantedOn: '2026-01-15',
  },
];
