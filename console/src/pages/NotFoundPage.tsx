import { Link, usePageTitle } from '../router.tsx';

export function NotFoundPage() {
  usePageTitle('Page introuvable');
  return (
    <>
      <h1>Page introuvable</h1>
      <p>Cette adresse ne correspond à aucune page de la console.</p>
      <Link href="/" className="fr-link">
        Retour à l’accueil
      </Link>
    </>
  );
}
