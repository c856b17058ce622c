import { Link } from '../router.tsx';
import { useSession } from '../session-context.ts';

/** What a professional sees without the person's consent, and how the person grants it. */
export function ConsentRefused({ personId, headingLevel = 1, partial = false }: { personId: string; headingLevel?: 1 | 2 | 3; partial?: boolean }) {
  const { session } = useSession();
  const Heading = `h${headingLevel}` as 'h1' | 'h2' | 'h3';
  const SubHeading = `h${headingLevel + 1}` as 'h2' | 'h3' | 'h4';
  return (
    <div className="fr-callout fr-icon-lock-line" data-testid="consent-refused">
      <Heading className="fr-callout__title">Sans consentement, pas d’accès</Heading>
      <p className="fr-callout__text">
        La personne « {personId} » ne vous a pas donné son consentement (ou il a expiré, ou il a été retiré) : ses compétences, ses droits CPF, ses financements
        et ses recommandations ne vous sont pas visibles. L’API le refuse, et la console n’en garde rien.
      </p>
      {partial && (
        <p className="fr-callout__text fr-mt-2w" data-testid="consent-partial">
          Elle vous a ouvert une partie de ses données seulement, sans son passeport : ouvrez une session du catalogue et saisissez son identifiant pour
          calculer son financement.
        </p>
      )}
      <SubHeading className="fr-h6 fr-mt-2w">Comment la personne vous donne accès</SubHeading>
      <ol>
        <li>Elle se connecte avec son propre compte à la console (ou à son espace personnel).</li>
        <li>
          Dans <strong>Mes consentements</strong>, elle choisit <strong>Autoriser un professionnel</strong> et saisit votre identifiant :{' '}
          <code data-testid="viewer-sub">{session?.sub ?? 'votre identifiant'}</code>.
        </li>
        <li>Elle coche ce qu’elle partage (passeport, droits CPF, financements, recommandations) et jusqu’à quelle date.</li>
        <li>Elle peut le retirer à tout moment ; chaque lecture de ses données par vous figure dans son journal d’accès.</li>
      </ol>
      <p className="fr-mt-2w">
        <Link href="/recherche" className="fr-link fr-icon-search-line fr-link--icon-left">
          En attendant, rechercher dans le catalogue public
        </Link>
      </p>
    </div>
  );
}
