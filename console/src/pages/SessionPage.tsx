import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { LEVELS, MODALITIES, RECRUITMENT, formatCents, formatDate, regionName } from '../format.ts';
import { PositionOnSessionMutation, SessionForPersonQuery, SessionQuery } from '../operations.ts';
import type { FundingRoute } from '../gql/graphql.ts';
import { Link, navigate, useLocation, usePageTitle } from '../router.tsx';
import { useSession } from '../session-context.ts';
import { FundingPlan } from '../components/FundingPlan.tsx';
import { ConsentRefused } from '../components/ConsentRefused.tsx';
import { GraphQLErrorAlert, RefusalAlert, errorCodes } from '../components/Errors.tsx';
import { activePerson } from './PersonPage.tsx';
import { RequestButton, dossierPath } from './DossierPage.tsx';
import { ROUTES, stateWords } from '../dossier-words.ts';

function Html({ html }: { html: string | null | undefined }) {
  if (!html) return <p>Non communiqué par l’organisme.</p>;
  // biome-ignore lint/security/noDangerouslySetInnerHtml: the API sanitises these fields (formatting tags only), "safe to display as is"
  return <div className="console-html" dangerouslySetInnerHTML={{ __html: html }} />;
}

export function SessionPage({ sessionId }: { sessionId: string }) {
  const location = useLocation();
  const { session: viewer } = useSession();
  const [{ data, fetching, error }] = useQuery({ query: SessionQuery, variables: { id: sessionId } });
  const s = data?.session;
  usePageTitle(s ? s.training.title : 'Session de formation');
  const personFromUrl = location.params.get('personne');
  const defaultPerson = personFromUrl ?? (viewer?.role === 'holder' ? viewer.sub : activePerson());

  if (fetching && !data) return <p role="status">Chargement de la session…</p>;
  if (error && !s) return <GraphQLErrorAlert error={error} />;
  if (!s) {
    return (
      <>
        <h1>Session introuvable</h1>
        <p>Le catalogue ne connaît pas de session « {sessionId} ».</p>
        <Link href="/recherche">Retour à la recherche</Link>
      </>
    );
  }
  const t = s.training;
  const a = s.action;
  const accessibility = [...s.extras, ...a.extras, ...t.extras].filter((e) => /access|handicap|pmr/i.test(`${e.group ?? ''} ${e.key ?? ''}`));
  const otherExtras = [...t.extras, ...a.extras, ...s.extras].filter((e) => !accessibility.includes(e));
  const otherSessions = a.sessions.filter((o) => o.id !== s.id);

  return (
    <>
      <Breadcrumb
        currentPageLabel={t.title}
        segments={[
          { label: 'Accueil', linkProps: { href: '/' } },
          { label: 'Recherche', linkProps: { href: '/recherche' } },
        ]}
      />
      <h1>{t.title}</h1>
      <ul className="fr-badges-group fr-mb-2w">
        {s.modality && (
          <li>
            <Badge noIcon>{MODALITIES[s.modality] ?? s.modality}</Badge>
          </li>
        )}
        {s.cpfEligible !== null && s.cpfEligible !== undefined && (
          <li>
            <Badge noIcon severity={s.cpfEligible ? 'success' : 'warning'}>
              {s.cpfEligible ? 'Éligible CPF' : 'Non éligible CPF'}
            </Badge>
          </li>
        )}
        {s.recruitment && (
          <li>
            <Badge noIcon severity={s.recruitment === 'OPEN' ? 'info' : 'warning'}>
              {RECRUITMENT[s.recruitment] ?? s.recruitment}
            </Badge>
          </li>
        )}
      </ul>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-8">
          <section aria-labelledby="objectif">
            <h2 id="objectif">Objectif</h2>
            <Html html={t.objectiveHtml} />
          </section>
          <section aria-labelledby="programme">
            <h2 id="programme">Programme</h2>
            <Html html={t.contentHtml} />
          </section>
          <section aria-labelledby="resultats">
            <h2 id="resultats">Résultats attendus</h2>
            <Html html={t.expectedResultsHtml} />
          </section>
          <section aria-labelledby="prerequis">
            <h2 id="prerequis">Prérequis et conditions d’accès</h2>
            <p>{a.specificConditions ?? 'Aucune condition particulière communiquée.'}</p>
            <p>
              Niveau d’entrée : {t.entryLevel ? (LEVELS[String(t.entryLevel)] ?? `niveau ${t.entryLevel}`) : 'non communiqué'}. Niveau de sortie :{' '}
              {t.exitLevel ? (LEVELS[String(t.exitLevel)] ?? `niveau ${t.exitLevel}`) : 'non communiqué'}
              {t.certification?.level ? ` (certification de ${LEVELS[String(t.certification.level)] ?? `niveau ${t.certification.level}`})` : ''}.
            </p>
          </section>
          <section aria-labelledby="accessibilite">
            <h2 id="accessibilite">Accessibilité</h2>
            {accessibility.length > 0 ? (
              <ul>
                {accessibility.map((e, i) => (
                  <li key={i}>{e.value}</li>
                ))}
              </ul>
            ) : (
              <p>L’organisme n’a pas décrit l’accessibilité de cette action (lieu, handicap) dans son offre : demandez-la lui avant l’inscription.</p>
            )}
          </section>
          {t.certification && (
            <section aria-labelledby="certification">
              <h2 id="certification">Certification préparée</h2>
              <p>
                <strong>
                  {t.certification.code} — {t.certification.title}
                </strong>
                {t.certification.level ? `, ${LEVELS[String(t.certification.level)] ?? `niveau ${t.certification.level}`}` : ''}.{' '}
                {t.certification.active ? 'Enregistrement actif' : 'Enregistrement inactif'}
                {t.certification.registrationEndDate ? ` jusqu’au ${formatDate(t.certification.registrationEndDate)}` : ''}.
              </p>
              {t.certification.certifiers.length > 0 && <p>Certificateur : {t.certification.certifiers.map((c) => c.name).join(', ')}.</p>}
              {t.certification.blocks.length > 0 && (
                <details>
                  <summary>Blocs de compétences ({t.certification.blocks.length})</summary>
                  <ul>
                    {t.certification.blocks.map((b) => (
                      <li key={b.code}>
                        {b.code} — {b.title}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </section>
          )}
          {otherExtras.length > 0 && (
            <section aria-labelledby="complements">
              <h2 id="complements">Informations complémentaires</h2>
              <ul>
                {otherExtras.map((e, i) => (
                  <li key={i}>
                    {[e.group, e.key].filter(Boolean).join(' / ')} : {e.value}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
        <aside className="fr-col-12 fr-col-md-4" aria-label="La session en bref">
          <div className="console-card">
            <h2 className="fr-h5">Cette session</h2>
            <dl>
              <dt className="fr-text--bold">Dates</dt>
              <dd>
                Du {formatDate(s.startDate)} au {formatDate(s.endDate)}
                {a.permanentEntry ? ' (entrées et sorties permanentes)' : ''}
              </dd>
              <dt className="fr-text--bold">Prix</dt>
              <dd data-testid="session-price" data-cents={s.price ?? ''}>
                {formatCents(s.price)} TTC
              </dd>
              <dt className="fr-text--bold">Durée</dt>
              <dd>
                {[
                  a.totalHours ? `${a.totalHours} h au total` : null,
                  a.hoursInCentre ? `${a.hoursInCentre} h en centre` : null,
                  a.hoursInCompany ? `${a.hoursInCompany} h en entreprise` : null,
                  a.indicativeDuration,
                  a.rhythm,
                ]
                  .filter(Boolean)
                  .join(', ') || 'non communiquée'}
              </dd>
              <dt className="fr-text--bold">Lieu</dt>
              <dd>
                {s.place ? (
                  <address>
                    {[s.place.name, ...s.place.addressLines, `${s.place.postalCode ?? ''} ${s.place.city ?? ''}`.trim()].filter(Boolean).map((line, i) => (
                      <span key={i}>
                        {line}
                        <br />
                      </span>
                    ))}
                    {s.place.region ? regionName(s.place.region) : ''}
                  </address>
                ) : (
                  'À distance ou non communiqué'
                )}
              </dd>
              <dt className="fr-text--bold">Organisme</dt>
              <dd>
                {t.provider ? (
                  <>
                    {t.provider.name}
                    {t.provider.tradeName && t.provider.tradeName !== t.provider.name ? ` (${t.provider.tradeName})` : ''}
                    <br />
                    SIRET {t.provider.siret}
                    {t.provider.activityNumber ? (
                      <>
                        <br />
                        Déclaration d’activité n° {t.provider.activityNumber}
                      </>
                    ) : null}
                  </>
                ) : (
                  'Non communiqué'
                )}
                {t.url && (
                  <>
                    <br />
                    <a href={t.url} target="_blank" rel="noopener noreferrer" title={`Site de la formation — nouvelle fenêtre`}>
                      Site de la formation
                    </a>
                  </>
                )}
              </dd>
              {a.funderCodes.length > 0 && (
                <>
                  <dt className="fr-text--bold">Financeurs déclarés (codes LHEO)</dt>
                  <dd>{a.funderCodes.join(', ')}</dd>
                </>
              )}
              <dt className="fr-text--bold">Références</dt>
              <dd className="fr-text--sm">
                Session {s.id}, action {a.id}, formation {t.id}
                {t.cpfCode ? `, code CPF ${t.cpfCode}` : ''}
                {t.certifinfoCode ? `, Certif Info ${t.certifinfoCode}` : ''} — source {t.source}
                {t.updatedAt ? `, mise à jour le ${formatDate(t.updatedAt)}` : ''}
              </dd>
            </dl>
          </div>
          {otherSessions.length > 0 && (
            <div className="fr-mt-3w">
              <h2 className="fr-h6">Autres sessions de cette action</h2>
              <ul>
                {otherSessions.map((o) => (
                  <li key={o.id}>
                    <Link href={`/session/${encodeURIComponent(o.id)}`}>
                      Du {formatDate(o.startDate)} au {formatDate(o.endDate)}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </aside>
      </div>
      {viewer && viewer.role !== 'holder' && <PersonPicker initial={defaultPerson ?? ''} sessionId={s.id} />}
      {viewer && defaultPerson && <FundingForPerson personId={defaultPerson} sessionId={s.id} title={t.title} />}
    </>
  );
}

function PersonPicker({ initial, sessionId }: { initial: string; sessionId: string }) {
  const [value, setValue] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim()) navigate(`/session/${encodeURIComponent(sessionId)}?personne=${encodeURIComponent(value.trim())}`);
  };
  return (
    <section className="fr-mt-5w" aria-labelledby="positionner">
      <h2 id="positionner">Positionner une personne sur cette session</h2>
      <form onSubmit={submit} className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Identifiant de la personne"
            hintText="Le financement s’affiche si la personne vous a donné son consentement."
            nativeInputProps={{ value, onChange: (e) => setValue(e.target.value), autoComplete: 'off', spellCheck: false }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Button type="submit" iconId="fr-icon-money-euro-circle-line">
            Calculer son financement
          </Button>
        </div>
      </form>
    </section>
  );
}

function FundingForPerson({ personId, sessionId, title }: { personId: string; sessionId: string; title: string }) {
  const [{ data, fetching, error }] = useQuery({ query: SessionForPersonQuery, variables: { personId, sessionIds: [sessionId] } });
  const option = data?.person?.trainingOptions?.[0];
  // Only the scopes the funding needs are read (recommendations, rights, funding): not the passport, so not the name.
  const name = personId;
  return (
    <section className="fr-mt-3w" aria-labelledby="financement">
      <h2 id="financement">Financement pour {name}</h2>
      {fetching && !data && <p role="status">Calcul du plan de financement…</p>}
      {error && errorCodes(error).includes('FORBIDDEN') && !option ? (
        <ConsentRefused personId={personId} headingLevel={3} />
      ) : error && !option ? (
        <GraphQLErrorAlert error={error} />
      ) : null}
      {data && !data.person && !error && <Alert severity="warning" small description={`Aucune personne « ${personId} ».`} />}
      {option?.fundingPlan ? (
        <FundingPlan plan={option.fundingPlan} quote={option.cpfQuote} title={title} id={`pourquoi-${sessionId}`} />
      ) : option ? (
        <p>Pas de plan de financement : le prix de la session est inconnu.</p>
      ) : null}
      {option && option.reasons.length > 0 && <p className="fr-text--sm">Pour cette personne : {option.reasons.join(' ; ')}.</p>}
      {option && <Positioning personId={personId} sessionId={sessionId} name={name} />}
    </section>
  );
}

/** A prescriber proposes the session: the person finds the proposal among their dossiers. */
function Positioning({ personId, sessionId, name }: { personId: string; sessionId: string; name: string }) {
  const { session: viewer } = useSession();
  const [route, setRoute] = useState<FundingRoute>('CPF');
  // One key per proposal on screen: a double click or a retry proposes once.
  const key = useMemo(() => `console:${sessionId}:${personId}:${crypto.randomUUID()}`, [sessionId, personId]);
  const [result, position] = useMutation(PositionOnSessionMutation);
  if (viewer?.role === 'holder' && viewer.sub === personId) {
    return (
      <div className="fr-mt-3w">
        <h3 className="fr-h6">Demander cette session</h3>
        <p className="fr-text--sm">
          Votre demande part à l’organisme, qui a 2 jours ouvrés pour la valider ; vous acceptez ensuite la commande avec son plan de financement.
        </p>
        <RequestButton personId={personId} sessionId={sessionId} />
      </div>
    );
  }
  if (viewer?.role !== 'prescriber') {
    return <p className="fr-text--sm">Seul un prescripteur habilité peut proposer cette session à la personne (elle la retrouve alors dans ses dossiers).</p>;
  }
  const dossier = result.data?.positionOnSession.dossier;
  return (
    <div className="fr-mt-3w">
      <h3 className="fr-h6">Proposer cette session à {name}</h3>
      {dossier ? (
        <Alert
          severity="success"
          small
          description={
            <>
              Session proposée : dossier {dossier.id} ({ROUTES[dossier.route]}), état « {stateWords(dossier.state)} ». La personne la retrouve dans ses
              dossiers. <Link href={dossierPath(personId, dossier.id)}>Suivre le dossier</Link>
            </>
          }
        />
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void position({ personId, sessionId, route, idempotencyKey: key });
          }}
        >
          <fieldset className="fr-fieldset">
            <legend className="fr-fieldset__legend">Financement proposé</legend>
            {(Object.keys(ROUTES) as FundingRoute[]).map((r) => (
              <div className="fr-fieldset__element" key={r}>
                <div className="fr-radio-group">
                  <input type="radio" id={`route-${r}`} name="route" checked={route === r} onChange={() => setRoute(r)} />
                  <label className="fr-label" htmlFor={`route-${r}`}>
                    {ROUTES[r]}
                  </label>
                </div>
              </div>
            ))}
          </fieldset>
          {result.error && <RefusalAlert error={result.error} title="La proposition n’a pas été enregistrée" />}
          <Button type="submit" disabled={result.fetching}>
            Proposer la session
          </Button>
        </form>
      )}
    </div>
  );
}
