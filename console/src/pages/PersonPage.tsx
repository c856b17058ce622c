import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useEffect, type ReactNode } from 'react';
import { useQuery } from 'urql';
import type { PersonQuery } from '../gql/graphql.ts';
import { HOLDER_STATUS, LEDGER_KINDS, LEVELS, PROVENANCE, PROVENANCE_HINT, formatCents, formatDate } from '../format.ts';
import { PersonQuery as PersonDocument, SkillsGapsQuery } from '../operations.ts';
import { Link, navigate, useLocation, usePageTitle } from '../router.tsx';
import { useSession } from '../session-context.ts';
import { ConsentRefused } from '../components/ConsentRefused.tsx';
import { FundingPlan } from '../components/FundingPlan.tsx';
import { GraphQLErrorAlert, errorCodes, failedPaths } from '../components/Errors.tsx';
import { SessionCard } from '../components/SessionCard.tsx';
import { DossierList, RequestButton, dossiersPath } from './DossierPage.tsx';

const ACTIVE_KEY = 'formations-console-active-person';
/** The person an adviser last opened: the session page offers to compute their funding. */
export const activePerson = (): string | null => sessionStorage.getItem(ACTIVE_KEY);

type PersonData = NonNullable<PersonQuery['person']>;

function Provenance({ value }: { value: string }) {
  return (
    <Badge small noIcon severity={value === 'GUARANTEED' ? 'success' : 'info'}>
      {PROVENANCE[value] ?? value}
      <span className="fr-sr-only"> ({PROVENANCE_HINT[value]})</span>
    </Badge>
  );
}

function Table({ caption, head, children }: { caption: string; head: string[]; children: ReactNode }) {
  return (
    <div className="fr-table fr-table--no-caption">
      <div className="fr-table__wrapper">
        <div className="fr-table__container">
          <div className="fr-table__content">
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  {head.map((h) => (
                    <th scope="col" key={h}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>{children}</tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}

function NotShared({ what }: { what: string }) {
  return <p className="fr-text--sm">{what} : non partagé avec vous (la personne n’a pas ouvert cette partie de ses données).</p>;
}

export function PersonPage({ personId }: { personId: string }) {
  const location = useLocation();
  const { session } = useSession();
  const first = Number(location.params.get('nombre') ?? 5) || 5;
  const max = location.params.get('reste');
  const variables = { id: personId, first, maxRemainingCost: max === null || max === '' ? null : Number(max) };
  const [{ data, fetching, error }] = useQuery({ query: PersonDocument, variables });
  const person = data?.person;
  const own = session?.role === 'holder' && session.sub === personId;
  usePageTitle(person ? `${person.givenName} ${person.familyName}` : own ? 'Mon passeport' : 'Personne accompagnée');

  useEffect(() => {
    if (person && !own) sessionStorage.setItem(ACTIVE_KEY, person.id);
  }, [person, own]);

  if (fetching && !data) return <p role="status">Chargement du passeport…</p>;
  if (!person) {
    if (errorCodes(error).includes('FORBIDDEN')) {
      // Refused below `person` (a field of a scope not granted) rather than the person as a whole.
      const partial = failedPaths(error, 'FORBIDDEN').some((p) => p.startsWith('person.'));
      return <ConsentRefused personId={personId} partial={partial} />;
    }
    if (error) return <GraphQLErrorAlert error={error} />;
    return (
      <>
        <h1>Personne introuvable</h1>
        <p>Aucun passeport ne porte l’identifiant « {personId} ».</p>
      </>
    );
  }
  const refused = new Set(failedPaths(error));
  const setParam = (key: string, value: string) => {
    const params = new URLSearchParams(location.params);
    if (value) params.set(key, value);
    else params.delete(key);
    navigate(`/personne/${encodeURIComponent(personId)}?${params}`, { replace: true });
  };

  return (
    <>
      <h1>
        {own ? 'Mon passeport : ' : ''}
        {person.givenName} {person.familyName}
      </h1>
      <p className="fr-text--lead">
        {HOLDER_STATUS[person.status] ?? person.status}
        {person.homeCommune ? `, ${person.homeCommune.name} (${person.homeCommune.postalCode})` : ''}
        {person.qualificationLevel !== null && person.qualificationLevel !== undefined
          ? `, ${LEVELS[String(person.qualificationLevel)] ?? `niveau ${person.qualificationLevel}`}`
          : ''}
        .
      </p>
      <nav aria-label="Sur cette page" className="fr-mb-4w">
        <ul className="fr-tags-group">
          <li>
            <a className="fr-tag" href="#passeport">
              Passeport
            </a>
          </li>
          <li>
            <a className="fr-tag" href="#metiers">
              Métiers visés et écart
            </a>
          </li>
          <li>
            <a className="fr-tag" href="#droits">
              Droits CPF
            </a>
          </li>
          <li>
            <a className="fr-tag" href="#recommandations">
              Recommandations et financement
            </a>
          </li>
        </ul>
      </nav>

      <section aria-labelledby="passeport" className="fr-mb-6w">
        <h2 id="passeport">Passeport de compétences</h2>
        <div className="fr-text--sm fr-mb-3w">
          <Badge small noIcon severity="success">
            Garanti
          </Badge>{' '}
          : transmis par le certificateur, l’employeur (DSN) ou la Caisse des Dépôts.{' '}
          <Badge small noIcon severity="info">
            Déclaré
          </Badge>{' '}
          : saisi par la personne.
        </div>
        <h3>Certifications</h3>
        {refused.has('person.certifications') ? (
          <NotShared what="Certifications" />
        ) : person.certifications.length === 0 ? (
          <p>Aucune certification enregistrée.</p>
        ) : (
          <Table caption="Certifications" head={['Certification', 'Niveau', 'Obtenue le', 'Provenance']}>
            {person.certifications.map((c) => (
              <tr key={c.id}>
                <td>
                  {c.title} <span className="fr-text--xs">({c.code})</span>
                  {c.mention ? `, ${c.mention}` : ''}
                  {c.validUntil ? `, valable jusqu’au ${formatDate(c.validUntil)}` : ''}
                </td>
                <td>{c.level ? (LEVELS[String(c.level)] ?? c.level) : c.kind === 'RS' ? 'RS (sans niveau)' : '—'}</td>
                <td>{c.obtainedOn ? formatDate(c.obtainedOn) : '—'}</td>
                <td>
                  <Provenance value={c.provenance} />
                  {c.issuerName ? <span className="fr-text--xs"> par {c.issuerName}</span> : null}
                </td>
              </tr>
            ))}
          </Table>
        )}
        <h3>Compétences</h3>
        {refused.has('person.competences') ? (
          <NotShared what="Compétences" />
        ) : (
          <Table caption="Compétences (ROME 4.0)" head={['Compétence', 'Catégorie', 'Provenance']}>
            {person.competences.map((c) => (
              <tr key={c.id}>
                <td>{c.label}</td>
                <td>{c.category === 'SAVOIR_FAIRE' ? 'Savoir-faire' : 'Savoir-être professionnel'}</td>
                <td>
                  <Provenance value={c.provenance} />
                </td>
              </tr>
            ))}
          </Table>
        )}
        <h3>Expériences professionnelles</h3>
        {refused.has('person.experiences') ? (
          <NotShared what="Expériences" />
        ) : person.experiences.length === 0 ? (
          <p>Aucune expérience enregistrée.</p>
        ) : (
          <ul>
            {person.experiences.map((x) => (
              <li key={x.id}>
                {x.jobTitle}
                {x.employer ? `, ${x.employer}` : ''} — depuis le {formatDate(x.startDate)}
                {x.endDate ? ` jusqu’au ${formatDate(x.endDate)}` : ' (en cours)'} <Provenance value={x.provenance} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="metiers" className="fr-mb-6w">
        <h2 id="metiers">Métiers visés et compétences à acquérir</h2>
        {refused.has('person.targetJobs') ? <NotShared what="Métiers visés" /> : <SkillsGaps personId={person.id} jobs={person.targetJobs} />}
      </section>

      <section aria-labelledby="droits" className="fr-mb-6w">
        <h2 id="droits">Droits CPF</h2>
        {person.cpfAccount ? <CpfAccount account={person.cpfAccount} /> : <NotShared what="Compte personnel de formation" />}
      </section>

      {person.dossiers && (person.dossiers.length > 0 || own) && (
        <section aria-labelledby="dossiers" className="fr-mb-6w">
          <h2 id="dossiers">Dossiers et propositions</h2>
          {person.dossiers.length === 0 ? (
            <p>Aucun dossier : demandez une des formations recommandées ci-dessous.</p>
          ) : (
            <DossierList personId={person.id} dossiers={person.dossiers} headingLevel={3} />
          )}
          <p>
            <Link href={dossiersPath(person.id)} className="fr-link fr-icon-arrow-right-line fr-link--icon-right">
              {own ? 'Mes dossiers' : 'Tous ses dossiers'}
            </Link>
          </p>
        </section>
      )}

      <section aria-labelledby="recommandations">
        <h2 id="recommandations">Formations recommandées et leur financement</h2>
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-4">
            <Select label="Reste à charge au plus" nativeSelectProps={{ value: max ?? '', onChange: (e) => setParam('reste', e.target.value) }}>
              <option value="">Sans limite</option>
              <option value="0">0 € (entièrement financées)</option>
              <option value="10000">100 €</option>
              <option value="50000">500 €</option>
              <option value="100000">1 000 €</option>
            </Select>
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <Select
              label="Nombre de formations"
              nativeSelectProps={{ value: String(first), onChange: (e) => setParam('nombre', e.target.value === '5' ? '' : e.target.value) }}
            >
              <option value="5">5</option>
              <option value="10">10</option>
              <option value="20">20</option>
            </Select>
          </div>
        </div>
        {person.fundableTrainings === null || person.fundableTrainings === undefined ? (
          <NotShared what="Recommandations et financements" />
        ) : person.fundableTrainings.length === 0 ? (
          <p>Aucune session ne correspond aux métiers visés avec ce reste à charge.</p>
        ) : (
          <ol className="console-results" data-testid="recommendations">
            {person.fundableTrainings.map((option, i) => (
              <li key={option.sessionId} data-testid="recommendation">
                <SessionCard
                  session={option.session}
                  distanceKm={option.distanceKm}
                  href={`/session/${encodeURIComponent(option.sessionId)}?personne=${encodeURIComponent(person.id)}`}
                >
                  <h4 className="fr-h6 fr-mt-2w fr-mb-1w">Pourquoi cette formation</h4>
                  <ul className="fr-text--sm">
                    {option.reasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                  {option.fundingPlan ? (
                    <FundingPlan plan={option.fundingPlan} title={option.session.training.title} id={`pourquoi-${i}`} />
                  ) : (
                    <p className="fr-text--sm">Pas de plan de financement : prix inconnu{refused.size ? ' ou financements non partagés' : ''}.</p>
                  )}
                  {own && (
                    <RequestButton
                      personId={person.id}
                      sessionId={option.sessionId}
                      existing={person.dossiers?.find((d) => d.sessionId === option.sessionId)}
                    />
                  )}
                </SessionCard>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

function CpfAccount({ account }: { account: NonNullable<PersonData['cpfAccount']> }) {
  return (
    <>
      <p className="fr-text--lead" data-testid="cpf-balance">
        Solde : <strong>{formatCents(account.balance)}</strong> (plafond des droits acquis : {formatCents(account.ceiling)})
      </p>
      <h3>Comment ces droits ont été acquis</h3>
      <Table caption="Acquisition par année d’activité" head={['Année', 'Règle appliquée', 'Crédit', 'Explication', 'Textes']}>
        {account.credits.map((c) => (
          <tr key={c.year}>
            <td>{c.year}</td>
            <td>{c.rule}</td>
            <td className="console-amount">
              {formatCents(c.amount)}
              {c.entitled !== c.amount ? <span className="fr-text--xs"> (sur {formatCents(c.entitled)})</span> : null}
              <br />
              <span className="fr-text--xs">{c.posted ? `crédité le ${formatDate(c.creditDate)}` : `prévu le ${formatDate(c.creditDate)}`}</span>
            </td>
            <td>{c.explanation}</td>
            <td className="fr-text--xs">{c.legalSource}</td>
          </tr>
        ))}
      </Table>
      <details>
        <summary>Toutes les opérations du compte ({account.entries.length})</summary>
        <Table caption="Opérations du compte" head={['Date', 'Opération', 'Montant', 'Explication']}>
          {account.entries.map((e) => (
            <tr key={e.id}>
              <td>{formatDate(e.effectiveDate)}</td>
              <td>{LEDGER_KINDS[e.kind] ?? e.kind}</td>
              <td className="console-amount">{formatCents(e.amount)}</td>
              <td>
                {e.explanation} <span className="fr-text--xs">({e.legalSource})</span>
              </td>
            </tr>
          ))}
        </Table>
      </details>
    </>
  );
}

function SkillsGaps({ personId, jobs }: { personId: string; jobs: { romeCode: string; label: string }[] }) {
  const codes = jobs.map((j) => j.romeCode);
  const [{ data, error, fetching }] = useQuery({
    query: SkillsGapsQuery,
    pause: codes.length === 0,
    variables: {
      id: personId,
      rome0: codes[0] ?? '',
      rome1: codes[1] ?? '',
      rome2: codes[2] ?? '',
      rome3: codes[3] ?? '',
      rome4: codes[4] ?? '',
      has1: codes.length > 1,
      has2: codes.length > 2,
      has3: codes.length > 3,
      has4: codes.length > 4,
    },
  });
  if (codes.length === 0) return <p>Aucun métier visé : la personne peut en choisir jusqu’à cinq.</p>;
  if (fetching && !data) return <p role="status">Calcul de l’écart de compétences…</p>;
  if (error && !data?.person) return <GraphQLErrorAlert error={error} />;
  const p = data?.person;
  const gaps = [p?.gap0, p?.gap1, p?.gap2, p?.gap3, p?.gap4].filter((g): g is NonNullable<typeof g> => Boolean(g));
  return (
    <>
      {gaps.map((gap) => (
        <div key={gap.job.romeCode} className="fr-mb-3w">
          <h3 className="fr-h5">
            {gap.job.label} <span className="fr-text--sm">({gap.job.romeCode})</span>
          </h3>
          <p>
            {gap.held.length} compétence{gap.held.length > 1 ? 's' : ''} sur {gap.held.length + gap.missing.length} déjà acquise
            {gap.held.length > 1 ? 's' : ''} ({Math.round(gap.coverage * 100)} %).
          </p>
          <details>
            <summary>
              {gap.missing.length} compétence{gap.missing.length > 1 ? 's' : ''} à acquérir
            </summary>
            <ul className="console-gap fr-text--sm">
              {gap.missing.map((c) => (
                <li key={c.code}>{c.label}</li>
              ))}
            </ul>
          </details>
        </div>
      ))}
    </>
  );
}
