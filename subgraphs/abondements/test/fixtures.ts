// Facts of the contract's demo world, as the supergraph hands them to fundingPlan.
import type { CpfQuote, Dotation, Funder, FundingRule, ParticipationForfaitaire, PersonFacts, SessionFacts } from '../src/domain/types.ts';

export const regionPdl: Funder = { id: 'funder-region-pdl', name: 'Région Pays de la Loire', kind: 'REGION', identifier: '52' };
export const franceTravail: Funder = { id: 'funder-france-travail', name: 'France Travail', kind: 'FRANCE_TRAVAIL', identifier: '13000548100010' };
export const karimEmployer: Funder = { id: 'funder-employer-karim', name: 'Employeur de Karim Benali', kind: 'EMPLOYER', identifier: '41816609600069' };

export const camille: PersonFacts = {
  id: 'camille-martin',
  status: 'JOB_SEEKER',
  qualificationLevel: 3,
  homeRegion: '52',
  homeDepartement: '85',
  employerSiret: null,
  employerIdcc: null,
};

export const karim: PersonFacts = {
  id: 'karim-benali',
  status: 'EMPLOYEE',
  qualificationLevel: 5,
  homeRegion: '84',
  homeDepartement: '69',
  employerSiret: '41816609600069',
  employerIdcc: '1486',
};

export const warehouseSession: SessionFacts = {
  id: 'session-cariste-la-roche',
  price: 150_000,
  startDate: '2026-03-02',
  region: '52',
  departement: '85',
  formacodes: ['31815'],
  romeCodes: ['N1101', 'N1103'],
  nsfCodes: ['311'],
  certificationCode: 'RS5186',
};

export const webDeveloperSession: SessionFacts = {
  id: 'session-dwwm-lyon',
  price: 500_000,
  startDate: '2026-03-02',
  region: '84',
  departement: '69',
  formacodes: ['31054'],
  romeCodes: ['M1805'],
  nsfCodes: ['326'],
  certificationCode: 'RNCP37674',
};

// The 2026 participation as rights quotes it: the arrêté of 30 Dec 2025 is reported, not yet checked.
export const participation2026: ParticipationForfaitaire = {
  amount: 10_320,
  amountStatus: 'REPORTED',
  due: true,
  exemptionReason: null,
  exemptionCode: null,
  legalSource: 'L6323-4, arrêté du 30 décembre 2025',
  exemptWithTopUpFrom: ['EMPLOYER', 'OPCO'],
  exemptWithDotationFrom: ['EMPLOYER'],
};

// The legal orders as rights quotes them (rights dates them: the arrêté until 4 Dec 2025, the décret from 5 Dec 2025).
export const arrete2020Order = {
  spendingOrderCode: 'ARRETE_2020',
  spendingSteps: ['ACQUIRED_RIGHTS', 'SUPPLEMENTARY_RIGHTS', 'COMPLEMENTARY_TOP_UPS'],
  spendingOrderSource: 'arrêté du 30 juillet 2020',
} satisfies Partial<CpfQuote>;
export const decret2025Order = {
  spendingOrderCode: 'DECRET_2025_1156',
  spendingSteps: ['SUPPLEMENTARY_RIGHTS', 'ACQUIRED_RIGHTS', 'COMPLEMENTARY_TOP_UPS'],
  spendingOrderSource: 'décret n° 2025-1156 du 3 décembre 2025',
} satisfies Partial<CpfQuote>;

export function quote(overrides: Partial<CpfQuote> & { price: number; balance: number }): CpfQuote {
  return {
    date: '2026-03-02',
    eligible: true,
    ineligibilityReason: null,
    spendingCap: null,
    spendingCapSource: null,
    spendingCapStatus: null,
    ...decret2025Order,
    participation: participation2026,
    ...overrides,
  };
}

export const jobSeekerParticipation: ParticipationForfaitaire = {
  ...participation2026,
  due: false,
  exemptionReason: "demandeur d'emploi (L6323-4)",
  exemptionCode: 'JOB_SEEKER',
};

export const regionRule: FundingRule = {
  id: 'rule-region-pdl-logistics-85',
  label: 'Job seekers of Vendée with a low CPF balance, warehouse trainings: 50 % of the price',
  funder: regionPdl,
  conventionId: 'convention-region-pdl-2025',
  status: 'ACTIVE',
  conventionStatus: 'ACTIVE',
  validFrom: '2025-01-01',
  validTo: '2027-12-31',
  criteria: { holderStatuses: ['JOB_SEEKER'], residenceDepartements: ['85'], cpfBalanceBelow: 80_000, romeCodes: ['N1103', 'N1101'] },
  amount: { kind: 'PERCENT_OF_PRICE', value: 5000, capPerDossier: 200_000, rounding: 'DOWN' },
  granting: 'AUTOMATIC',
  envelopeRemaining: 50_000_000,
};

export const franceTravailRule: FundingRule = {
  id: 'rule-france-travail-shortage-jobs',
  label: 'Job seekers training for warehouse or care jobs: the whole remaining cost',
  funder: franceTravail,
  conventionId: 'convention-france-travail-2025',
  status: 'ACTIVE',
  conventionStatus: 'ACTIVE',
  validFrom: '2025-01-01',
  validTo: null,
  criteria: { holderStatuses: ['JOB_SEEKER'], romeCodes: ['N1103', 'N1101', 'J1501'] },
  amount: { kind: 'PERCENT_OF_REMAINING_COST', value: 10_000, capPerDossier: 300_000, rounding: 'DOWN' },
  // France Travail tops up on request (CGU Mon Compte Formation), as in the demo world.
  granting: 'FUNDER_DECISION',
  envelopeRemaining: 200_000_000,
};

export const karimDotation: Dotation = {
  id: 'dotation-karim-rncp37674',
  funder: karimEmployer,
  personId: 'karim-benali',
  amount: 100_000,
  spent: 0,
  restrictedToCertifications: ['RNCP37674'],
  deadline: '2026-12-31',
  refundIfUnused: true,
  grantedOn: '2026-01-15',
};
