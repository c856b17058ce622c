import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useEffect, useState, type FormEvent } from 'react';
import { devSignIn, finishOidcSignIn, sessionFromToken, startOidcSignIn, type ConsoleConfig, type Session } from '../auth.ts';
import { navigate, useLocation, usePageTitle } from '../router.tsx';

const ROLE_GROUPS: { role: string; title: string }[] = [
  { role: 'holder', title: 'Titulaires d’un passeport' },
  { role: 'adviser', title: 'Conseillers en évolution professionnelle (CEP)' },
  { role: 'prescriber', title: 'Prescripteurs' },
];

export function SignInPage({ config, onSignedIn }: { config: ConsoleConfig; onSignedIn: (session: Session) => void }) {
  usePageTitle('Connexion');
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const [pasted, setPasted] = useState('');
  const returnTo = location.path === '/connexion' ? '/' : location.path + (location.params.size ? `?${location.params}` : '');

  const done = (session: Session) => {
    onSignedIn(session);
    navigate(returnTo, { replace: true });
  };

  const signInAs = async (persona: string) => {
    setPending(persona);
    setError(null);
    try {
      done(await devSignIn(persona));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setPending(null);
    }
  };

  const signInWithPasted = (event: FormEvent) => {
    event.preventDefault();
    try {
      done(sessionFromToken(pasted));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <>
      <h1>Connexion</h1>
      <p className="fr-text--lead">La console appelle l’API avec votre jeton : vous voyez ce que l’API vous permet de voir, rien de plus.</p>
      {error && <Alert severity="error" title="Connexion impossible" description={error} className="fr-mb-3w" />}
      {config.oidc && (
        <section className="fr-mb-5w" aria-labelledby="oidc-titre">
          <h2 id="oidc-titre">Avec votre compte professionnel</h2>
          <Button iconId="fr-icon-account-circle-line" onClick={() => void startOidcSignIn(config.oidc!, returnTo).catch((e: Error) => setError(e.message))}>
            Se connecter avec le fournisseur d’identité
          </Button>
        </section>
      )}
      {config.devSignIn && (
        <section className="fr-mb-5w" aria-labelledby="demo-titre">
          <h2 id="demo-titre">Comptes de démonstration</h2>
          <p>
            Développement seulement : le jeton est signé par la passerelle avec le secret de développement (la route n’existe pas quand
            <code> NODE_ENV=production</code>).
          </p>
          {ROLE_GROUPS.map((group) => {
            const personas = config.personas.filter((p) => p.role === group.role);
            if (personas.length === 0) return null;
            return (
              <div key={group.role} className="fr-mb-3w">
                <h3 className="fr-h6">{group.title}</h3>
                <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--left">
                  {personas.map((p) => (
                    <li key={p.id}>
                      <button
                        type="button"
                        className="fr-btn fr-btn--secondary"
                        onClick={() => void signInAs(p.id)}
                        disabled={pending !== null}
                        aria-describedby={`persona-${p.id}`}
                      >
                        {p.label}
                      </button>
                      <p id={`persona-${p.id}`} className="fr-hint-text fr-mt-n2w fr-mb-2w">
                        {p.hint}
                      </p>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </section>
      )}
      <section aria-labelledby="jeton-titre">
        <h2 id="jeton-titre">Avec un jeton</h2>
        <form onSubmit={signInWithPasted}>
          <Input
            label="Jeton d’accès (JWT)"
            hintText="Par exemple celui que donne « npm run token -- --sub sophie-adviser --role adviser »."
            textArea
            nativeTextAreaProps={{ value: pasted, onChange: (e) => setPasted(e.target.value), rows: 3, spellCheck: false, autoComplete: 'off' }}
          />
          <Button type="submit" disabled={!pasted.trim()}>
            Utiliser ce jeton
          </Button>
        </form>
      </section>
    </>
  );
}

export function OidcCallbackPage({ config, onSignedIn }: { config: ConsoleConfig; onSignedIn: (session: Session) => void }) {
  usePageTitle('Connexion en cours');
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the provider's code can be exchanged once only
  useEffect(() => {
    if (!config.oidc) {
      setError('aucun fournisseur d’identité n’est configuré');
      return;
    }
    finishOidcSignIn(config.oidc, location.params).then(
      ({ session, returnTo }) => {
        onSignedIn(session);
        navigate(returnTo, { replace: true });
      },
      (e: Error) => setError(e.message),
    );
  }, []);
  return (
    <>
      <h1>Connexion en cours</h1>
      {error ? <Alert severity="error" title="Connexion impossible" description={error} /> : <p role="status">Vérification de votre identité…</p>}
    </>
  );
}
