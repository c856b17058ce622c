import { DEADLINE_KINDS } from '../domain/deadlines.ts';
import { PART_KINDS } from '../domain/money.ts';
import { ACTORS, DOSSIER_STATES, FUNDING_ROUTES, TRANSITIONS } from '../domain/states.ts';
import { builder } from './builder.ts';

export const FundingRouteEnum = builder.enumType('FundingRoute', {
  description: 'How a dossier is funded.',
  values: {
    CPF: { description: "A CPF order on Mon Compte Formation (the holder's rights, dotations, top-ups)." },
    FRANCE_TRAVAIL_AIF: { description: "France Travail's individual training aid (AIF) through a quote." },
    EMPLOYER_OPCO: { description: 'A CPF order co-funded by the employer or its OPCO.' },
  } satisfies Record<(typeof FUNDING_ROUTES)[number], unknown>,
});
export const DossierStateEnum = builder.enumType('DossierState', {
  description: "A dossier's state: `proposed` (a prescriber's proposal), EDOF's names for CPF orders, the quote flow's for the AIF.",
  values: DOSSIER_STATES,
});
export const TransitionEnum = builder.enumType('DossierTransitionKind', {
  description: 'A step of a dossier (the mutation that makes it, or lapse).',
  values: TRANSITIONS,
});
export const ActorEnum = builder.enumType('DossierActor', { description: 'Who made a step.', values: ACTORS });
export const DeadlineKindEnum = builder.enumType('DossierDeadlineKind', { description: 'Which delay.', values: DEADLINE_KINDS });
export const PartKindEnum = builder.enumType('FundingPartKind', { description: 'Kind of money.', values: PART_KINDS });
export const PartWantedEnum = builder.enumType('FundingPartWanted', {
  description: 'What the state of the dossier wants of a part.',
  values: {
    none: { description: 'Nothing moved yet (before acceptance).' },
    held: { description: 'Taken for the dossier.' },
    returned: { description: 'Given back.' },
  },
});
export const PartStatusEnum = builder.enumType('FundingPartStatus', {
  description: 'What the paying subgraph acknowledged.',
  values: {
    recorded: { description: 'In the plan, not moved.' },
    committed: { description: 'Debited, spent or reserved.' },
    refused: { description: 'The payer refused it.' },
    skipped: { description: 'Not asked: an earlier part was refused.' },
    returned: { description: 'Given back.' },
  },
});
