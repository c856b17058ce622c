// The read-only parts of a dossier: its state, where it stands on its path (DSFR stepper), the
// deadlines running (who acts by when, what silence means), the frozen plan, and its history.
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Stepper } from '@codegouvfr/react-dsfr/Stepper';
import type { DossierFieldsFragment } from '../gql/graphql.ts';
import { formatCents, formatDate } from '../format.ts';
import {
  ACTORS,
  DEADLINES,
  DOSSIER_STATES,
  PART_KINDS,
  PART_STATUSES,
  REASON_CODES,
  TRANSITIONS,
  formatInstant,
  parisToday,
  pathOf,
} from '../dossier-words.ts';

export type DossierData = DossierFieldsFragment;

export function DossierStateBadge({ state, small = false }: { state: DossierData['state']; small?: boolean }) {
  const words = DOSSIER_STATES[state];
  return (
    <span data-testid="dossier-state" data-state={state}>
      <Badge as="span" small={small} noIcon severity={words?.severity ?? 'info'}>
        {words?.words ?? state}
      </Badge>
    </span>
  );
}

/** Where the dossier stands on its route's main path; an ended dossier (refused, cancelled, lapsed) is said in words. */
export function DossierProgress({ dossier, headingLevel = 2 }: { dossier: DossierData; headingLevel?: 2 | 3 }) {
  const path = pathOf(dossier.route);
  const index = path.findIndex((step) => step.states.includes(dossier.state));
  if (index < 0) {
    const Heading = `h${headingLevel}` as 'h2' | 'h3';
    return (
      <div className="fr-mb-3w" data-testid="dossier-ended">
        <Heading className="fr-h6">Dossier clos : {DOSSIER_STATES[dossier.state]?.words ?? dossier.state}</Heading>
        <p className="fr-text--sm">Aucune autre étape ne suit : l’historique ci-dessous dit qui l’a clos, quand et pourquoi.</p>
      </div>
    );
  }
  return <Stepper className="fr-mb-3w" currentStep={index + 1} stepCount={path.length} title={path[index]!.title} nextTitle={path[index + 1]?.title} />;
}

/** The delays running: who must act by when, and what happens if they do not. */
export function DossierDeadlines({ dossier }: { dossier: DossierData }) {
  const today = parisToday();
  if (dossier.deadlines.length === 0) return <p className="fr-text--sm">Aucun délai ne court dans cet état.</p>;
  return (
    <ul className="console-deadlines" data-testid="deadlines">
      {dossier.deadlines.map((d) => {
        const words = DEADLINES[d.kind];
        const past = today > d.dueOn;
        return (
          <li key={d.kind} data-testid="deadline" data-kind={d.kind} data-due={d.dueOn}>
            <p className="fr-mb-1v">
              <strong>
                {words.who} {words.what} au plus tard le <time dateTime={d.dueOn}>{formatDate(d.dueOn)}</time>
              </strong>
              {d.workingDays !== null && d.workingDays !== undefined ? ` (${d.workingDays} jours ouvrés)` : ''}.{' '}
              {past ? (
                <Badge as="span" small severity="warning">
                  Délai passé
                </Badge>
              ) : null}
            </p>
            <p className="fr-text--sm fr-mb-1v">
              {d.effect ? 'Sans réponse à cette date' : 'Après cette date'} : {words.after}.
            </p>
            <p className="fr-text--xs fr-mb-2w">Source : {d.source}</p>
          </li>
        );
      })}
    </ul>
  );
}

/** The plan the dossier recorded, and frozen when its money was committed: each part and what became of it. */
export function DossierPlan({ plan, settled }: { plan: NonNullable<DossierData['fundingPlan']>; settled: boolean }) {
  const total = plan.parts.reduce((sum, p) => sum + p.amount, 0) + plan.remainingCost;
  return (
    <div data-testid="dossier-plan" data-price={plan.price}>
      <div className="fr-table fr-table--no-caption">
        <div className="fr-table__wrapper">
          <div className="fr-table__container">
            <div className="fr-table__content">
              <table>
                <caption>Plan de financement enregistré par le dossier</caption>
                <thead>
                  <tr>
                    <th scope="col">Part</th>
                    <th scope="col">Montant</th>
                    <th scope="col">Où en est cet argent</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.parts.map((p) => (
                    <tr key={`${p.kind}:${p.reference ?? ''}`} data-testid="dossier-part" data-kind={p.kind} data-status={p.status}>
                      <td>
                        {PART_KINDS[p.kind]}
                        {p.reference ? <span className="fr-text--xs"> ({p.reference})</span> : null}
                      </td>
                      <td className="console-amount">{formatCents(p.amount)}</td>
                      <td>
                        {PART_STATUSES[p.status]}
                        {p.refusal ? ` : ${p.refusal}` : ''}
                      </td>
                    </tr>
                  ))}
                  <tr>
                    <td>Reste à payer par le titulaire</td>
                    <td className="console-amount">{formatCents(plan.remainingCost)}</td>
                    <td>payé à l’organisme</td>
                  </tr>
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </div>
      <p className="fr-text--sm">
        {total === plan.price
          ? `Les parts font exactement le prix de la session, ${formatCents(plan.price)}.`
          : `Attention : les parts (${formatCents(total)}) diffèrent du prix (${formatCents(plan.price)}).`}{' '}
        Enregistré le {formatInstant(plan.recordedAt)} ;{' '}
        {plan.frozenAt
          ? `gelé le ${formatInstant(plan.frozenAt)} : ce sont les montants réellement débités, dépensés ou réservés.`
          : 'pas encore engagé : rien n’a bougé.'}
        {settled ? '' : ' Des mouvements sont en cours auprès du compte CPF et des financeurs : ils s’affichent dès leur réponse.'}
      </p>
    </div>
  );
}

/** Every step of the dossier, oldest first: what was done, by whom, when, why, and the state it led to. */
export function DossierTimeline({ dossier }: { dossier: DossierData }) {
  return (
    <ol className="console-timeline" data-testid="timeline">
      {dossier.transitions.map((t) => (
        <li key={t.id} data-testid="timeline-step" data-transition={t.transition} data-to={t.toState} data-actor={t.actorRole}>
          <p className="fr-mb-1v">
            <time dateTime={t.at} className="fr-text--bold">
              {formatInstant(t.at)}
            </time>{' '}
            — {TRANSITIONS[t.transition] ?? t.transition}, par {ACTORS[t.actorRole] ?? t.actorRole}
          </p>
          <p className="fr-mb-1v">
            État : <DossierStateBadge state={t.toState} small />
            {t.fromState ? <span className="fr-text--xs"> (avant : {DOSSIER_STATES[t.fromState]?.words ?? t.fromState})</span> : null}
          </p>
          {(t.reasonCode || t.reason) && (
            <p className="fr-text--sm fr-mb-0">
              Motif : {t.reasonCode ? (REASON_CODES[t.reasonCode] ?? t.reasonCode) : ''}
              {t.reason ? `${t.reasonCode ? ' — ' : ''}« ${t.reason} »` : ''}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
