// CpfTrainingKind of a training, from the data table src/data/cpf-kinds.json (with its sources),
// then from the kind of certification it prepares.
import table from '../data/cpf-kinds.json' with { type: 'json' };

export const CPF_TRAINING_KINDS = ['RNCP', 'RNCP_BLOCK', 'RS', 'CLEA', 'BILAN_COMPETENCES', 'DRIVING_LICENCE_B', 'VAE', 'BUSINESS_CREATION', 'OTHER'] as const;
export type CpfTrainingKind = (typeof CPF_TRAINING_KINDS)[number];

interface Rule {
  kind: CpfTrainingKind;
  certificationCodes?: string[];
  cpfCodes?: string[];
  formacodes?: string[];
}

const RULES = table.rules as Rule[];

export interface TrainingFacts {
  /** RNCP12345, RNCP12345BC01 or RS1234. */
  certificationCode: string | null;
  /** code-CPF of the Caisse des dépôts, e.g. CPF202. */
  cpfCode: string | null;
  principalFormacode: string | null;
}

export function cpfKind(facts: TrainingFacts): CpfTrainingKind {
  for (const rule of RULES) {
    if (facts.certificationCode && rule.certificationCodes?.includes(facts.certificationCode)) return rule.kind;
    if (facts.cpfCode && rule.cpfCodes?.includes(facts.cpfCode)) return rule.kind;
    if (facts.principalFormacode && rule.formacodes?.includes(facts.principalFormacode)) return rule.kind;
  }
  const code = facts.certificationCode ?? '';
  if (/^RNCP\d+BC\d+$/.test(code)) return 'RNCP_BLOCK';
  if (/^RNCP\d+$/.test(code)) return 'RNCP';
  if (/^RS\d+$/.test(code)) return 'RS';
  return 'OTHER';
}
