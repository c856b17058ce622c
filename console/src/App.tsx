import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { Header } from '@codegouvfr/react-dsfr/Header';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Provider } from 'urql';
import { fetchConfig, inlineConfig, loadSession, saveSession, type ConsoleConfig, type Session } from './auth.ts';
import { createClient } from './client.ts';
import { SessionContext } from './session-context.ts';
import { Link, navigate, useLocation } from './router.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { SignInPage, OidcCallbackPage } from './pages/SignInPage.tsx';
import { SearchPage } from './pages/SearchPage.tsx';
import { SessionPage } from './pages/SessionPage.tsx';
import { PersonPage } from './pages/PersonPage.tsx';
import { ConsentsPage } from './pages/ConsentsPage.tsx';
import { DossierPage, DossiersPage, dossiersPath } from './pages/DossierPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';

declare module '@codegouvfr/react-dsfr/spa' {
  interface RegisterLink {
    Link: typeof Link;
  }
}

const ROLE_LABELS: Record<string, string> = {
  holder: 'titulaire',
  adviser: 'conseiller CEP',
  prescriber: 'prescripteur',
  funder: 'financeur',
  organisation: 'organisme',
  operator: 'opérateur',
};

export function App() {
  const [config, setConfig] = useState<ConsoleConfig | null>(inlineConfig);
  const [configError, setConfigError] = useState<string | null>(null);
  const [session, setSessionState] = useState<Session | null>(() => loadSession());
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!config) fetchConfig().then(setConfig, (error: Error) => setConfigError(error.message));
  }, [config]);

  // A new client per signed-in account: nothing cached for one viewer is shown to the next.
  const client = useMemo(() => createClient(config?.graphqlPath ?? '/graphql', session?.token), [config?.graphqlPath, session?.token]);

  const setSession = (next: Session | null) => {
    saveSession(next);
    setSessionState(next);
  };

  // After a navigation, focus goes to the page's title, as a screen reader user expects.
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each navigation, which location.path stands for
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = mainRef.current?.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
    window.scrollTo(0, 0);
  }, [location.path]);

  const signOut = () => {
    setSession(null);
    navigate('/');
  };

  const path = location.path;
  let page: React.ReactNode;
  if (!config) {
    page = configError ? <Alert severity="error" title="La console ne peut pas démarrer" description={configError} /> : <p role="status">Chargement…</p>;
  } else if (path === '/connexion/retour') {
    page = <OidcCallbackPage config={config} onSignedIn={setSession} />;
  } else if (path === '/connexion' || (!session && path !== '/recherche' && !path.startsWith('/session/'))) {
    page = <SignInPage config={config} onSignedIn={setSession} />;
  } else if (path === '/') {
    page = <HomePage />;
  } else if (path === '/recherche') {
    page = <SearchPage />;
  } else if (path.startsWith('/session/')) {
    page = <SessionPage sessionId={decodeURIComponent(path.slice('/session/'.length))} />;
  } else if (path.startsWith('/personne/')) {
    // /personne/<id>, /personne/<id>/dossiers, /personne/<id>/dossiers/<dossier>
    const [personId = '', section, dossierId] = path.slice('/personne/'.length).split('/').map(decodeURIComponent);
    if (section === 'dossiers' && dossierId) page = <DossierPage personId={personId} dossierId={dossierId} />;
    else if (section === 'dossiers') page = <DossiersPage personId={personId} />;
    else if (section === undefined) page = <PersonPage personId={personId} />;
    else page = <NotFoundPage />;
  } else if (path === '/consentements') {
    page = <ConsentsPage />;
  } else {
    page = <NotFoundPage />;
  }

  const navigation = [
    { text: 'Accueil', linkProps: { href: '/' }, isActive: path === '/' },
    { text: 'Rechercher une formation', linkProps: { href: '/recherche' }, isActive: path === '/recherche' || path.startsWith('/session/') },
    ...(session?.role === 'holder'
      ? [
          {
            text: 'Mon passeport et mes options',
            linkProps: { href: `/personne/${encodeURIComponent(session.sub)}` },
            isActive: path === `/personne/${encodeURIComponent(session.sub)}`,
          },
          { text: 'Mes dossiers', linkProps: { href: dossiersPath(session.sub) }, isActive: path.startsWith(dossiersPath(session.sub)) },
          { text: 'Mes consentements', linkProps: { href: '/consentements' }, isActive: path === '/consentements' },
        ]
      : []),
  ];

  return (
    <SessionContext.Provider value={{ session, config, setSession }}>
      <Provider value={client}>
        <SkipLinks
          links={[
            { label: 'Contenu', anchor: '#contenu' },
            { label: 'Menu', anchor: '#navigation-principale' },
          ]}
        />
        <Header
          brandTop={
            <>
              RÉPUBLIQUE
              <br />
              FRANÇAISE
            </>
          }
          homeLinkProps={{ href: '/', title: 'Accueil — Console du conseiller' }}
          serviceTitle="Console du conseiller"
          serviceTagline="Passeport de compétences, catalogue, droits CPF et financements"
          id="en-tete"
          navigation={<NavigationBar items={navigation} />}
          quickAccessItems={
            session
              ? [
                  <span key="who" className="fr-btn fr-icon-account-circle-line fr-btn--icon-left" style={{ cursor: 'default' }}>
                    {session.label} ({ROLE_LABELS[session.role] ?? session.role})
                  </span>,
                  { iconId: 'fr-icon-logout-box-r-line', text: 'Se déconnecter', buttonProps: { onClick: signOut, type: 'button' } },
                ]
              : [{ iconId: 'fr-icon-account-circle-line', text: 'Se connecter', linkProps: { href: '/connexion' } }]
          }
        />
        <main id="contenu" ref={mainRef} className="console-main fr-container fr-py-4w" tabIndex={-1}>
          {page}
        </main>
        <Footer
          accessibility="partially compliant"
          contentDescription="Console de référence de Formations API, l’API ouverte des données de la formation professionnelle : passeport de compétences, catalogue LHEO, droits CPF et abondements."
          bottomItems={[{ text: 'API GraphQL', linkProps: { href: '/graphql', target: '_self' } }]}
        />
      </Provider>
    </SessionContext.Provider>
  );
}

function NavigationBar({ items }: { items: { text: string; linkProps: { href: string }; isActive: boolean }[] }) {
  return (
    <nav className="fr-nav" id="navigation-principale" aria-label="Menu principal">
      <ul className="fr-nav__list">
        {items.map((item) => (
          <li className="fr-nav__item" key={item.text}>
            <Link className="fr-nav__link" href={item.linkProps.href} {...(item.isActive ? { 'aria-current': 'page' as const } : {})}>
              {item.text}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
