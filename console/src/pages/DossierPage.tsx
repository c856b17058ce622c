// A person's dossiers (the holder's own, or a consenting person's for an adviser or a prescriber)
// and one dossier's page: its state and path, the holder's actions (request, accept, decline,
// cancel), the deadlines, the frozen plan and the history. One request for the dossiers (the list
// and each page share it); the acceptance adds one for the plan the holder accepts.
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery, type UseQueryExecute } from 'urql';
import type { CombinedError } from '@urql/core';
import type { DossierPlanInput, FundingPlanFieldsFragment } from '../gql/graphql.ts';
import { formatCents, formatDate } from '../format.ts';
import { DOSSIER_STATES, ROUTES, formatInstant, parisToday } from '../dossier-words.ts';
import {
  AcceptDossierMutation,
  CancelDossierMutation,
  DeclineDossierMutation,
  PersonDossiersQuery,
  RequestDossierMutation,
  RequestFunderReviewMutation,
  SessionForPersonQuery,
} from '../operations.ts';
import { Link, navigate, usePageTitle } from '../router.tsx';
import { useSession } from '../session-context.ts';
import { ConsentRefused } from '../components/ConsentRefused.tsx';
import { DossierDeadlines, DossierPlan, DossierProgress, DossierStateBadge, DossierTimeline, type DossierData } from '../components/Dossier.tsx';
import { GraphQLErrorAlert, RefusalAlert, errorCodes } from '../components/Errors.tsx';
import { FundingPlan } from '../components/FundingPlan.tsx';

export const dossiersPath = (personId: string) => `/personne/${encodeURIComponent(personId)}/dossiers`;
export const dossierPath = (personId: string, dossierId: string) => `${dossiersPath(personId)}/${encodeURIComponent(dossierId)}`;

function useDossiers(personId: string) {
  const [result, reexecute] = useQuery({ query: PersonDossiersQuery, variables: { id: personId } });
  return { ...result, dossiers: result.data?.person?.dossiers ?? null, reexecute };
}

function Refused({ error, personId }: { error: CombinedError | undefined; personId: string }) {
  if (errorCodes(error).includes('FORBIDDEN') || errorCodes(error).includes('UNAUTHENTICATED')) return <ConsentRefused personId={personId} />;
  if (error) return <GraphQLErrorAlert error={error} />;
  return (
    <>
      <h1>Personne introuvable</h1>
      <p>Aucun passeport ne porte l’identifiant « {personId} ».</p>
    </>
  );
}

export function DossiersPage({ personId }: { personId: string }) {
  const { session } = useSession();
  const own = session?.role === 'holder' && session.sub === personId;
  const title = own ? 'Mes dossiers' : `Dossiers de ${personId}`;
  usePageTitle(title);
  const { dossiers, fetching, error, data } = useDossiers(personId);
  if (fetching && !data) return <p role="status">Chargement des dossiers…</p>;
  if (!dossiers) return <Refused error={error} personId={personId} />;
  return (
    <>
      <Breadcrumb
        currentPageLabel={title}
        segments={[
          { label: 'Accueil', linkProps: { href: '/' } },
          { label: own ? 'Mon passeport' : 'Personne accompagnée', linkProps: { href: `/personne/${encodeURIComponent(personId)}` } },
        ]}
      />
      <h1>{title}</h1>
      <p>
        {own
          ? 'Vos demandes de formation, les propositions des prescripteurs et les commandes en cours : leur état, ce qu’il vous reste à faire et avant quand.'
          : 'Les dossiers de la personne, qu’elle vous a ouverts avec ses financements : leur état, qui doit agir et avant quand.'}
      </p>
      {dossiers.length === 0 ? (
        <p>
          Aucun dossier. {own ? <Link href={`/personne/${encodeURIComponent(personId)}#recommandations`}>Demander une des formations recommandées</Link> : null}
        </p>
      ) : (
        <DossierList personId={personId} dossiers={dossiers} />
      )}
    </>
  );
}

/** The dossiers as a list of cards: the session, the state, the next deadline. */
export function DossierList({ personId, dossiers, headingLevel = 2 }: { personId: string; dossiers: readonly DossierData[]; headingLevel?: 2 | 3 }) {
  const Heading = `h${headingLevel}` as 'h2' | 'h3';
  return (
    <ul className="console-results" data-testid="dossiers">
      {dossiers.map((d) => {
        const next = d.deadlines.find((x) => x.kind !== 'FREE_CANCELLATION') ?? d.deadlines[0];
        return (
          <li key={d.id} data-testid="dossier" data-id={d.id} data-state={d.state}>
            <div className="console-card">
              <Heading className="fr-h6">
                <Link href={dossierPath(personId, d.id)}>{d.session.training.title}</Link>
              </Heading>
              <p className="fr-mb-1w">
                <DossierStateBadge state={d.state} small /> <span className="fr-text--sm">{ROUTES[d.route]}</span>
              </p>
              <p className="fr-text--sm fr-mb-0">
                {d.session.training.provider?.name ?? 'Organisme non communiqué'}
                {d.session.place?.city ? `, ${d.session.place.city}` : ''} — du {formatDate(d.session.startDate)} au {formatDate(d.session.endDate)}. Dossier{' '}
                {d.id}, mis à jour le {formatInstant(d.updatedAt)}.{next ? ` À faire avant le ${formatDate(next.dueOn)}.` : ''}
              </p>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

export function DossierPage({ personId, dossierId }: { personId: string; dossierId: string }) {
  const { session } = useSession();
  const own = session?.role === 'holder' && session.sub === personId;
  const { dossiers, fetching, error, data, reexecute } = useDossiers(personId);
  const dossier = dossiers?.find((d) => d.id === dossierId);
  usePageTitle(dossier ? `Dossier : ${dossier.session.training.title}` : 'Dossier');
  if (fetching && !data) return <p role="status">Chargement du dossier…</p>;
  if (!dossiers) return <Refused error={error} personId={personId} />;
  if (!dossier) {
    return (
      <>
        <h1>Dossier introuvable</h1>
        <p>
          Aucun dossier « {dossierId} » parmi ceux de la personne. <Link href={dossiersPath(personId)}>Voir ses dossiers</Link>
        </p>
      </>
    );
  }
  const s = dossier.session;
  // What the viewer may do now, as the API's rules say (Dossier.nextSteps); the console offers the holder's steps.
  const allowed = new Set(dossier.nextSteps.map((step) => step.transition));
  const steps = [
    allowed.has('requestDossier') && 'request',
    (allowed.has('acceptDossier') || allowed.has('requestFunderReview')) && 'accept',
    allowed.has('declineDossier') && 'decline',
    allowed.has('cancelDossier') && 'cancel',
  ].filter(Boolean);
  return (
    <>
      <Breadcrumb
        currentPageLabel={s.training.title}
        segments={[
          { label: 'Accueil', linkProps: { href: '/' } },
          { label: own ? 'Mes dossiers' : `Dossiers de ${personId}`, linkProps: { href: dossiersPath(personId) } },
        ]}
      />
      <h1>{s.training.title}</h1>
      <p className="fr-text--lead fr-mb-1w">
        <DossierStateBadge state={dossier.state} />
      </p>
      <p>
        {ROUTES[dossier.route]}. {s.training.provider?.name ?? 'Organisme non communiqué'}
        {s.place?.city ? `, ${s.place.city}${s.place.postalCode ? ` (${s.place.postalCode})` : ''}` : ''}, du {formatDate(s.startDate)} au{' '}
        {formatDate(s.endDate)}, {formatCents(s.price)}.{' '}
        <Link href={`/session/${encodeURIComponent(s.id)}?personne=${encodeURIComponent(personId)}`}>La session en détail</Link>
        <br />
        <span className="fr-text--sm">
          Dossier {dossier.id}, créé le {formatInstant(dossier.createdAt)}.
        </span>
      </p>
      <DossierProgress dossier={dossier} />

      {steps.length > 0 && (
        <section aria-labelledby="agir" className="fr-mb-6w">
          <h2 id="agir">Ce que vous pouvez faire</h2>
          {steps.includes('request') && <RequestFromProposal dossier={dossier} refresh={reexecute} />}
          {steps.includes('accept') && <Acceptance dossier={dossier} personId={personId} refresh={reexecute} />}
          {steps.includes('decline') && <Decline dossier={dossier} refresh={reexecute} />}
          {steps.includes('cancel') && <Cancellation dossier={dossier} refresh={reexecute} />}
        </section>
      )}

      <section aria-labelledby="delais" className="fr-mb-6w">
        <h2 id="delais">Délais en cours</h2>
        <DossierDeadlines dossier={dossier} />
      </section>

      <section aria-labelledby="plan-enregistre" className="fr-mb-6w">
        <h2 id="plan-enregistre">Plan de financement du dossier</h2>
        {dossier.fundingPlan ? (
          <DossierPlan plan={dossier.fundingPlan} settled={dossier.moneySettled} />
        ) : (
          <p>
            Aucun plan enregistré : il l’est quand le titulaire accepte la commande (ou demande l’abondement de France Travail), avec les montants qu’il a vus.
          </p>
        )}
      </section>

      <section aria-labelledby="historique">
        <h2 id="historique">Historique</h2>
        <DossierTimeline dossier={dossier} />
      </section>
    </>
  );
}

/** One idempotency key per action on screen: a double click or a retry after a lost answer acts once. */
function useIdempotencyKey(...parts: string[]) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: one key per set of parts, which are the dependencies
  return useMemo(() => `console:${parts.join(':')}:${crypto.randomUUID()}`, parts);
}

/** After a refusal the dossier may have moved (a deadline passed, another party acted): read it again on demand. */
const reread = (refresh: UseQueryExecute) => () => refresh({ requestPolicy: 'network-only' });

function RequestFromProposal({ dossier, refresh }: { dossier: DossierData; refresh: UseQueryExecute }) {
  const key = useIdempotencyKey('request', dossier.id);
  const [result, request] = useMutation(RequestDossierMutation);
  return (
    <div className="fr-mb-4w" data-testid="action-request">
      <h3 className="fr-h6">Faire la demande</h3>
      <p>
        Un prescripteur vous a proposé cette session. En la demandant, vous envoyez votre demande à l’organisme, qui a 2 jours ouvrés pour la valider ou la
        refuser.
      </p>
      <Button type="button" disabled={result.fetching} onClick={() => void request({ dossierId: dossier.id, idempotencyKey: key })}>
        Demander cette formation
      </Button>
      {result.error && <RefusalAlert error={result.error} title="La demande n’a pas été envoyée" onRefresh={reread(refresh)} />}
    </div>
  );
}

/** The plan as the dossier takes it: what the holder saw, part by part. */
export function planInput(plan: FundingPlanFieldsFragment): DossierPlanInput {
  return {
    cpfRights: plan.cpfRights,
    dotations: plan.abondements.filter((a) => a.kind === 'DOTATION' && a.dotation).map((a) => ({ dotationId: a.dotation!.id, amount: a.amount })),
    topUps: plan.abondements.filter((a) => a.kind === 'TOP_UP' && a.rule).map((a) => ({ ruleId: a.rule!.id, amount: a.amount })),
    remainingCost: plan.remainingCost,
  };
}

function Acceptance({ dossier, personId, refresh }: { dossier: DossierData; personId: string; refresh: UseQueryExecute }) {
  const aif = dossier.route === 'FRANCE_TRAVAIL_AIF';
  const [{ data, fetching, error }] = useQuery({ query: SessionForPersonQuery, variables: { personId, sessionIds: [dossier.sessionId] } });
  const option = data?.person?.trainingOptions?.[0];
  const plan = option?.fundingPlan ?? null;
  const input = plan ? planInput(plan) : null;
  // A part its funder has still to decide (France Travail's top-up: certainty FUNDER_DECISION) is asked for by a review, not accepted.
  const review = !aif && !!plan?.lines.some((line) => line.certainty?.level === 'FUNDER_DECISION');
  const key = useIdempotencyKey(review ? 'review' : 'accept', dossier.id, JSON.stringify(input));
  const [accepted, accept] = useMutation(AcceptDossierMutation);
  const [reviewed, askReview] = useMutation(RequestFunderReviewMutation);
  const sent = review ? reviewed : accepted;
  const heading = aif ? 'Valider le devis' : review ? 'Demander l’abondement de France Travail' : 'Accepter la commande';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!input) return;
    if (review) await askReview({ id: dossier.id, plan: input, idempotencyKey: key });
    else await accept({ id: dossier.id, plan: input, idempotencyKey: key });
  };

  return (
    <div className="fr-mb-4w" data-testid="action-accept">
      <h3 className="fr-h6">{heading}</h3>
      {fetching && !data && <p role="status">Calcul du plan de financement…</p>}
      {error && !plan && <RefusalAlert error={error} title="Le plan de financement n’a pas pu être calculé" />}
      {data && !plan && !error && <p>Pas de plan de financement : le prix de la session est inconnu, la commande ne peut pas être acceptée ici.</p>}
      {plan && input && (
        <form onSubmit={(e) => void submit(e)}>
          <p>
            {aif
              ? 'En validant le devis, vous l’envoyez à France Travail, qui décide. Rien n’est débité avant sa décision ; s’il accorde l’aide, ces montants sont engagés :'
              : review
                ? 'France Travail doit décider de son abondement. Le plan ci-dessous est enregistré tel quel ; à l’accord de France Travail (ou à son silence), ces montants sont engagés :'
                : 'En acceptant, le plan ci-dessous est gelé et ces montants sont engagés, une seule fois :'}
          </p>
          {/* In the legal spending order the dossier moves them in: dotations, then the CPF rights, then top-ups. */}
          <ul data-testid="debits">
            {plan.abondements
              .filter((a) => a.kind === 'DOTATION')
              .map((a) => (
                <li key={`DOTATION:${a.dotation?.id ?? a.funder.id}`} data-testid="debit" data-kind={a.kind} data-cents={a.amount}>
                  <strong>{formatCents(a.amount)}</strong> pris sur votre dotation de {a.funder.name}
                </li>
              ))}
            {input.cpfRights > 0 && (
              <li data-testid="debit" data-kind="CPF_RIGHTS" data-cents={input.cpfRights}>
                <strong>{formatCents(input.cpfRights)}</strong> débités de vos droits CPF
                {option?.cpfQuote
                  ? ` (solde : ${formatCents(option.cpfQuote.balance)} aujourd’hui, ${formatCents(option.cpfQuote.balance - input.cpfRights)} ensuite)`
                  : ''}
              </li>
            )}
            {plan.abondements
              .filter((a) => a.kind === 'TOP_UP')
              .map((a) => (
                <li key={`TOP_UP:${a.rule?.id ?? a.funder.id}`} data-testid="debit" data-kind={a.kind} data-cents={a.amount}>
                  <strong>{formatCents(a.amount)}</strong> d’abondement de {a.funder.name}
                  {a.rule ? ` (${a.rule.label})` : ''}, réservé pour cette session
                </li>
              ))}
            <li data-testid="debit" data-kind="REMAINING" data-cents={input.remainingCost}>
              <strong>{formatCents(input.remainingCost)}</strong> restent à votre charge
            </li>
          </ul>
          {review && (
            <p className="fr-text--sm">
              France Travail a 10 jours ouvrés pour répondre ; sans réponse, son silence vaut accord et la commande est acceptée. S’il refuse, rien n’est
              débité.
            </p>
          )}
          <details className="fr-mb-2w">
            <summary>Le plan de financement en détail, euro par euro</summary>
            <FundingPlan plan={plan} quote={option?.cpfQuote} title={dossier.session.training.title} id={`pourquoi-${dossier.id}`} />
          </details>
          <Button type="submit" disabled={sent.fetching} iconId="fr-icon-check-line">
            {aif
              ? 'Valider le devis et l’envoyer à France Travail'
              : review
                ? 'Envoyer la demande à France Travail'
                : 'Accepter la commande et engager ces montants'}
          </Button>
          {sent.error && (
            <RefusalAlert error={sent.error} title={aif ? 'Le devis n’a pas été validé' : 'La commande n’a pas été acceptée'} onRefresh={reread(refresh)} />
          )}
        </form>
      )}
    </div>
  );
}

function ReasonInput({ id, value, onChange }: { id: string; value: string; onChange: (value: string) => void }) {
  return (
    <Input
      label="Motif (facultatif)"
      hintText="Il figure dans l’historique du dossier, que l’organisme voit aussi."
      nativeInputProps={{ id, value, onChange: (e) => onChange(e.target.value), maxLength: 500, autoComplete: 'off' }}
    />
  );
}

function Decline({ dossier, refresh }: { dossier: DossierData; refresh: UseQueryExecute }) {
  const [reason, setReason] = useState('');
  const key = useIdempotencyKey('decline', dossier.id, reason);
  const [result, decline] = useMutation(DeclineDossierMutation);
  const proposal = dossier.state === 'proposed';
  return (
    <form
      className="fr-mb-4w"
      data-testid="action-decline"
      onSubmit={(event) => {
        event.preventDefault();
        void decline({ id: dossier.id, reason: reason.trim() || null, idempotencyKey: key });
      }}
    >
      <h3 className="fr-h6">{proposal ? 'Refuser la proposition' : 'Refuser la commande'}</h3>
      <p>Rien n’a été débité : le dossier est clos sans frais.</p>
      <ReasonInput id={`motif-refus-${dossier.id}`} value={reason} onChange={setReason} />
      <Button type="submit" priority="secondary" disabled={result.fetching}>
        {proposal ? 'Refuser la proposition' : 'Refuser la commande'}
      </Button>
      {result.error && <RefusalAlert error={result.error} title="Le refus n’a pas été enregistré" onRefresh={reread(refresh)} />}
    </form>
  );
}

/** What a cancellation gives back, said before it is asked: as the API says it (Dossier.cancellation, by the rule cancelDossier applies). */
function CancellationEffect({ dossier }: { dossier: DossierData }) {
  const c = dossier.cancellation;
  if (!c) return null;
  const sum = (parts: readonly { amount: number }[]) => parts.reduce((s, p) => s + p.amount, 0);
  if (c.givesBack.length === 0 && c.staysSpent.length === 0 && c.remainingCostRefunded === 0) {
    return (
      <p data-testid="cancel-effect" data-free="true">
        Rien n’a encore été débité ni réservé pour ce dossier : l’annuler ne coûte rien et il n’y a rien à rendre.
      </p>
    );
  }
  const rightsBack = sum(c.givesBack.filter((p) => p.kind === 'CPF_RIGHTS'));
  const othersBack = sum(c.givesBack.filter((p) => p.kind !== 'CPF_RIGHTS'));
  const spent = sum(c.staysSpent);
  const paid = c.remainingCostRefunded > 0 ? ` et ${formatCents(c.remainingCostRefunded)} de votre reste à charge vous sont remboursés` : '';
  return c.free ? (
    <p data-testid="cancel-effect" data-free="true">
      Vous êtes dans le délai d’annulation sans frais{c.freeUntil ? ` (jusqu’au ${formatDate(c.freeUntil)} inclus)` : ''} : tout est rendu,{' '}
      {formatCents(rightsBack)} à vos droits CPF
      {othersBack > 0 ? ` et ${formatCents(othersBack)} aux financeurs (dotations, abondements)` : ''}
      {paid}.
    </p>
  ) : (
    <p data-testid="cancel-effect" data-free="false">
      Le délai d’annulation sans frais est passé{c.freeUntil ? ` (il courait jusqu’au ${formatDate(c.freeUntil)})` : ''} : vos droits CPF dépensés (
      {formatCents(spent)}) ne vous sont pas rendus
      {othersBack > 0 ? ` ; ${formatCents(othersBack)} de dotations et d’abondements retournent aux financeurs` : ''}.
    </p>
  );
}

function Cancellation({ dossier, refresh }: { dossier: DossierData; refresh: UseQueryExecute }) {
  const [reason, setReason] = useState('');
  const key = useIdempotencyKey('cancel', dossier.id, reason);
  const [result, cancel] = useMutation(CancelDossierMutation);
  return (
    <form
      className="fr-mb-4w"
      data-testid="action-cancel"
      onSubmit={(event) => {
        event.preventDefault();
        void cancel({ id: dossier.id, reason: reason.trim() || null, idempotencyKey: key });
      }}
    >
      <h3 className="fr-h6">Annuler</h3>
      <CancellationEffect dossier={dossier} />
      <ReasonInput id={`motif-annulation-${dossier.id}`} value={reason} onChange={setReason} />
      <Button type="submit" priority="secondary" disabled={result.fetching} iconId="fr-icon-close-circle-line">
        Annuler ce dossier
      </Button>
      {result.error && <RefusalAlert error={result.error} title="L’annulation n’a pas été enregistrée" onRefresh={reread(refresh)} />}
    </form>
  );
}

/**
 * "Demander cette formation" on a recommendation or a session page: a CPF request from the plan on
 * screen; the holder lands on the new dossier. A refusal (too late, too many open requests) stays
 * under the button.
 */
export function RequestButton({
  personId,
  sessionId,
  existing,
}: {
  personId: string;
  sessionId: string;
  existing?: DossierData | { id: string; state: string } | null;
}) {
  const key = useIdempotencyKey('request', personId, sessionId);
  const [result, request] = useMutation(RequestDossierMutation);
  if (existing && DOSSIER_STATES[existing.state as DossierData['state']] && existing.state !== 'proposed') {
    return (
      <p className="fr-text--sm" data-testid="existing-dossier">
        Vous avez un dossier sur cette session (« {DOSSIER_STATES[existing.state as DossierData['state']].words} ») :{' '}
        <Link href={dossierPath(personId, existing.id)}>voir le dossier</Link>
      </p>
    );
  }
  return (
    <div className="fr-mt-2w" data-testid="action-request">
      <Button
        type="button"
        iconId="fr-icon-send-plane-line"
        disabled={result.fetching}
        onClick={() =>
          // A prescriber's proposal on this session becomes the request; otherwise a direct CPF request.
          void request(
            existing?.state === 'proposed' ? { dossierId: existing.id, idempotencyKey: key } : { sessionId, route: 'CPF', idempotencyKey: key },
          ).then((answer) => {
            const id = answer.data?.requestDossier.dossier.id;
            if (id) navigate(dossierPath(personId, id));
          })
        }
      >
        Demander cette formation
      </Button>
      {result.error && <RefusalAlert error={result.error} title="La demande n’a pas été envoyée" />}
    </div>
  );
}
