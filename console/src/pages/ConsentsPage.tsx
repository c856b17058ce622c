import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import type { AccessScope } from '../gql/graphql.ts';
import { SCOPES, formatDate } from '../format.ts';
import { ConsentsQuery, GrantConsentMutation, RevokeConsentMutation } from '../operations.ts';
import { usePageTitle } from '../router.tsx';
import { useSession } from '../session-context.ts';
import { GraphQLErrorAlert } from '../components/Errors.tsx';

const ALL_SCOPES: AccessScope[] = ['PASSPORT', 'RIGHTS', 'FUNDING', 'RECOMMENDATIONS'];

function inMonths(months: number): string {
  const d = new Date();
  d.setMonth(d.getMonth() + months);
  return d.toISOString().slice(0, 10);
}

export function ConsentsPage() {
  usePageTitle('Mes consentements');
  const { session } = useSession();
  const personId = session?.role === 'holder' ? session.sub : '';
  const [{ data, fetching, error }, refetch] = useQuery({
    query: ConsentsQuery,
    variables: { id: personId },
    pause: !personId,
    requestPolicy: 'cache-and-network',
  });
  const [grant, grantConsent] = useMutation(GrantConsentMutation);
  const [revoke, revokeConsent] = useMutation(RevokeConsentMutation);
  const [viewerSub, setViewerSub] = useState('');
  const [scopes, setScopes] = useState<AccessScope[]>(ALL_SCOPES);
  const [until, setUntil] = useState(inMonths(6));
  const [done, setDone] = useState<string | null>(null);

  if (!personId) {
    return (
      <>
        <h1>Mes consentements</h1>
        <p>Cette page est celle des titulaires d’un passeport : connectez-vous avec votre compte personnel.</p>
      </>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const result = await grantConsent({ viewerSub: viewerSub.trim(), scopes, expiresAt: new Date(`${until}T23:59:59`).toISOString() });
    if (!result.error) {
      setDone(`Accès donné à ${viewerSub.trim()} jusqu’au ${formatDate(until)}.`);
      setViewerSub('');
      refetch({ requestPolicy: 'network-only' });
    }
  };
  const person = data?.person;
  return (
    <>
      <h1>Mes consentements</h1>
      <p className="fr-text--lead">Vous choisissez qui voit quoi de vos données, et jusqu’à quand. Vous pouvez retirer un accès à tout moment.</p>
      {fetching && !data && <p role="status">Chargement…</p>}
      {error && <GraphQLErrorAlert error={error} />}
      <section aria-labelledby="autoriser" className="fr-mb-5w">
        <h2 id="autoriser">Autoriser un professionnel</h2>
        {done && <Alert severity="success" small description={done} className="fr-mb-2w" />}
        {grant.error && <GraphQLErrorAlert error={grant.error} title="L’accès n’a pas été donné" />}
        <form onSubmit={(e) => void submit(e)}>
          <Input
            label="Identifiant du professionnel"
            hintText="Celui que votre conseiller vous a indiqué, par exemple sophie-adviser."
            nativeInputProps={{ value: viewerSub, onChange: (e) => setViewerSub(e.target.value), required: true, autoComplete: 'off', spellCheck: false }}
          />
          <fieldset className="fr-fieldset">
            <legend className="fr-fieldset__legend">Ce que vous partagez</legend>
            {ALL_SCOPES.map((scope) => (
              <div className="fr-fieldset__element" key={scope}>
                <div className="fr-checkbox-group">
                  <input
                    type="checkbox"
                    id={`scope-${scope}`}
                    checked={scopes.includes(scope)}
                    onChange={(e) => setScopes(e.target.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope))}
                  />
                  <label className="fr-label" htmlFor={`scope-${scope}`}>
                    {SCOPES[scope]}
                  </label>
                </div>
              </div>
            ))}
          </fieldset>
          <Input
            label="Jusqu’au"
            nativeInputProps={{ type: 'date', value: until, min: inMonths(0), onChange: (e) => setUntil(e.target.value), required: true }}
          />
          <Button type="submit" disabled={grant.fetching || scopes.length === 0 || !viewerSub.trim()}>
            Donner l’accès
          </Button>
        </form>
      </section>
      {person && (
        <>
          <section aria-labelledby="accès" className="fr-mb-5w">
            <h2 id="accès">Accès donnés</h2>
            {revoke.error && <GraphQLErrorAlert error={revoke.error} title="L’accès n’a pas été retiré" />}
            {person.consents.length === 0 ? (
              <p>Vous n’avez donné aucun accès.</p>
            ) : (
              <ul>
                {person.consents.map((c) => (
                  <li key={c.id} className="fr-mb-2w">
                    <strong>{c.viewerSub}</strong> : {c.scopes.map((s) => SCOPES[s] ?? s).join(', ')} — donné le {formatDate(c.grantedAt)},{' '}
                    {c.revokedAt
                      ? `retiré le ${formatDate(c.revokedAt)}`
                      : c.live
                        ? `jusqu’au ${formatDate(c.expiresAt)}`
                        : `expiré le ${formatDate(c.expiresAt)}`}
                    {c.live && (
                      <>
                        {' '}
                        <Button
                          size="small"
                          priority="secondary"
                          onClick={() => void revokeConsent({ id: c.id }).then(() => refetch({ requestPolicy: 'network-only' }))}
                        >
                          Retirer l’accès de {c.viewerSub}
                        </Button>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="journal">
            <h2 id="journal">Qui a consulté vos données</h2>
            {person.accessLog.length === 0 ? (
              <p>Personne d’autre que vous.</p>
            ) : (
              <ul>
                {person.accessLog.map((entry, i) => (
                  <li key={i}>
                    {new Date(entry.readAt).toLocaleString('fr-FR')} : {entry.viewerSub} ({entry.viewerRole}) —{' '}
                    {entry.scopes.map((s) => SCOPES[s] ?? s).join(', ')}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </>
  );
}
