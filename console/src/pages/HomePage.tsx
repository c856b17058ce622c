import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState, type FormEvent } from 'react';
import { Link, navigate, usePageTitle } from '../router.tsx';
import { useSession } from '../session-context.ts';

export function HomePage() {
  usePageTitle('Accueil');
  const { session } = useSession();
  const [personId, setPersonId] = useState('');
  const open = (event: FormEvent) => {
    event.preventDefault();
    if (personId.trim()) navigate(`/personne/${encodeURIComponent(personId.trim())}`);
  };
  return (
    <>
      <h1>Bonjour{session ? `, ${session.label}` : ''}</h1>
      {session?.role === 'holder' ? (
        <>
          <p className="fr-text--lead">
            Votre passeport de compétences, vos droits CPF et les formations qui vous rapprochent du métier visé, avec leur financement.
          </p>
          <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--left">
            <li>
              <Link className="fr-btn" href={`/personne/${encodeURIComponent(session.sub)}`}>
                Mon passeport et mes options
              </Link>
            </li>
            <li>
              <Link className="fr-btn fr-btn--secondary" href="/consentements">
                Mes consentements
              </Link>
            </li>
            <li>
              <Link className="fr-btn fr-btn--secondary" href="/recherche">
                Rechercher une formation
              </Link>
            </li>
          </ul>
        </>
      ) : (
        <>
          <p className="fr-text--lead">
            Recherchez dans le catalogue, ouvrez le passeport d’une personne qui vous y a autorisé et expliquez-lui le financement de chaque formation.
          </p>
          <div className="fr-grid-row fr-grid-row--gutters">
            <section className="fr-col-12 fr-col-md-6" aria-labelledby="accompagner">
              <h2 id="accompagner">Accompagner une personne</h2>
              <form onSubmit={open}>
                <Input
                  label="Identifiant de la personne"
                  hintText="Celui de son compte, par exemple camille-martin. La personne doit vous avoir donné son consentement."
                  nativeInputProps={{ value: personId, onChange: (e) => setPersonId(e.target.value), autoComplete: 'off', spellCheck: false }}
                />
                <Button type="submit" iconId="fr-icon-user-line" disabled={!personId.trim()}>
                  Ouvrir son passeport
                </Button>
              </form>
            </section>
            <section className="fr-col-12 fr-col-md-6" aria-labelledby="catalogue">
              <h2 id="catalogue">Catalogue</h2>
              <p>Toutes les sessions de formation du catalogue LHEO, avec leur lieu, leurs dates et leur prix.</p>
              <Link className="fr-btn fr-btn--secondary" href="/recherche">
                Rechercher une formation
              </Link>
            </section>
          </div>
        </>
      )}
    </>
  );
}
