import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { FundingPlanFieldsFragment, TrainingOptionFieldsFragment } from '../gql/graphql.ts';
import { CERTAINTY_LEVELS, LINE_KINDS, formatCents, formatDate } from '../format.ts';

type Quote = TrainingOptionFieldsFragment['cpfQuote'];

/** Every euro of a funding plan: who pays, under which rule or article, and what is left. */
export function FundingPlan({ plan, quote, title, id }: { plan: FundingPlanFieldsFragment; quote?: Quote; title: string; id: string }) {
  const total = plan.lines.reduce((sum, line) => sum + line.amount, 0);
  const rulesApplied = plan.ruleDecisions.filter((d) => d.applies);
  const rulesRefused = plan.ruleDecisions.filter((d) => !d.applies);
  const held = plan.lines.some((line) => line.certainty?.level === 'RESERVED' || line.certainty?.level === 'COMMITTED');
  return (
    <div className="console-plan" data-testid="funding-plan" data-price={plan.price}>
      <div className="fr-table fr-table--no-caption fr-mb-1w">
        <div className="fr-table__wrapper">
          <div className="fr-table__container">
            <div className="fr-table__content">
              <table>
                <caption>Plan de financement de « {title} »</caption>
                <thead>
                  <tr>
                    <th scope="col">Qui paie</th>
                    <th scope="col">Détail</th>
                    <th scope="col" className="console-amount">
                      Montant
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {plan.lines.map((line, i) => (
                    <tr key={`${line.kind}-${i}`} data-testid="funding-line">
                      <th scope="row">{LINE_KINDS[line.kind] ?? line.kind}</th>
                      <td>
                        {line.label}
                        {line.funder && !line.label.includes(line.funder.name) ? ` — ${line.funder.name}` : ''}
                        {line.certainty && (
                          <span className="console-certainty" data-testid="part-certainty" data-level={line.certainty.level}>
                            <br />
                            <Badge small noIcon severity={CERTAINTY_LEVELS[line.certainty.level]?.severity ?? 'info'}>
                              {CERTAINTY_LEVELS[line.certainty.level]?.words ?? line.certainty.level}
                            </Badge>{' '}
                            <span className="fr-text--xs" title={line.certainty.source}>
                              {line.certainty.label}
                            </span>
                          </span>
                        )}
                      </td>
                      <td className="console-amount" data-cents={line.amount}>
                        {formatCents(line.amount)}
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={2}>
                      Prix de la session
                    </th>
                    <td className="console-amount" data-testid="plan-price" data-cents={plan.price}>
                      <strong>{formatCents(plan.price)}</strong>
                    </td>
                  </tr>
                  <tr>
                    <th scope="row" colSpan={2}>
                      Reste à la charge de la personne
                    </th>
                    <td className="console-amount" data-testid="plan-remaining" data-cents={plan.remainingCost}>
                      <strong>{formatCents(plan.remainingCost)}</strong>
                    </td>
                  </tr>
                </tfoot>
              </table>
            </div>
          </div>
        </div>
      </div>
      <p className="fr-text--sm fr-mb-1w">
        {total === plan.price ? (
          <>
            <span className="fr-icon-check-line fr-icon--sm" aria-hidden="true" /> Les parts additionnées font exactement le prix ({formatCents(total)}).
          </>
        ) : (
          <>Attention : les parts additionnées ({formatCents(total)}) diffèrent du prix.</>
        )}{' '}
        Simulation au {formatDate(plan.date)}
        {held ? ' : les parts réservées ou engagées le sont pour cette session.' : ' : rien n’est réservé.'}
      </p>
      <details className="fr-mb-2w" id={id}>
        <summary>Pourquoi ces montants</summary>
        <dl className="fr-text--sm fr-mt-1w">
          <dt className="fr-text--bold">Ordre des dépenses</dt>
          <dd>
            {plan.spendingOrder}
            {plan.spendingOrderSource ? ` (${plan.spendingOrderSource})` : ''}
          </dd>
          <dt className="fr-text--bold">Droits CPF</dt>
          <dd>
            {formatCents(plan.cpfRights)} pris sur le compte
            {quote ? (
              <>
                {' '}
                (solde {formatCents(quote.balance)}
                {quote.spendingCap !== null && quote.spendingCap !== undefined
                  ? `, plafond ${formatCents(quote.spendingCap)}${quote.spendingCapSource ? ` — ${quote.spendingCapSource}` : ''}`
                  : ''}
                ){!quote.eligible && <> ; non mobilisables : {quote.ineligibilityReason ?? 'formation non éligible'}</>}
              </>
            ) : null}
            .
          </dd>
          <dt className="fr-text--bold">Participation forfaitaire</dt>
          <dd>
            {plan.participation.due ? (
              <>
                Due : {formatCents(plan.participation.amount)}, comprise dans le reste à charge
                {plan.participation.legalSource ? ` (${plan.participation.legalSource})` : ''}.
              </>
            ) : (
              <>
                Non due{plan.participation.exemptionReason ? ` : ${plan.participation.exemptionReason}` : ''}
                {plan.participation.legalSource ? ` (${plan.participation.legalSource})` : ''}.
              </>
            )}
          </dd>
          {plan.abondements.length > 0 && (
            <>
              <dt className="fr-text--bold">Abondements</dt>
              <dd>
                <ul>
                  {plan.abondements.map((a, i) => (
                    <li key={i}>
                      {a.funder.name} : {formatCents(a.amount)}{' '}
                      {a.kind === 'DOTATION'
                        ? `— dotation (droits supplémentaires, L6323-4 III)${a.dotation?.deadline ? `, utilisable jusqu’au ${formatDate(a.dotation.deadline)}` : ''}`
                        : `— abondement complémentaire (L6323-4 II)${a.rule ? `, règle « ${a.rule.label} »` : ''}`}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          {plan.ruleDecisions.length > 0 && (
            <>
              <dt className="fr-text--bold">Règles des financeurs examinées</dt>
              <dd>
                <ul>
                  {[...rulesApplied, ...rulesRefused].map((d) => (
                    <li key={d.rule.id}>
                      <Badge small noIcon severity={d.applies ? 'success' : 'new'}>
                        {d.applies ? 'S’applique' : 'Ne s’applique pas'}
                      </Badge>{' '}
                      {d.rule.funder.name}, « {d.rule.label} » : {d.reason}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          {plan.notes.length > 0 && (
            <>
              <dt className="fr-text--bold">À savoir</dt>
              <dd>
                <ul>
                  {plan.notes.map((note) => (
                    <li key={note}>{note}</li>
                  ))}
                </ul>
              </dd>
            </>
          )}
        </dl>
      </details>
    </div>
  );
}
