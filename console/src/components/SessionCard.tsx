import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { ReactNode } from 'react';
import type { SessionCardFieldsFragment } from '../gql/graphql.ts';
import { MODALITIES, RECRUITMENT, formatCents, formatDate, formatKm, highlightParts } from '../format.ts';
import { Link } from '../router.tsx';

export function Highlighted({ text }: { text: string }) {
  return <>{highlightParts(text).map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}</>;
}

export function SessionCard({
  session,
  titleHtml,
  snippet,
  distanceKm,
  headingLevel = 3,
  href,
  children,
}: {
  session: SessionCardFieldsFragment;
  titleHtml?: string | null;
  snippet?: string | null;
  distanceKm?: number | null;
  headingLevel?: 2 | 3;
  href?: string;
  children?: ReactNode;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const place = session.place?.city
    ? `${session.place.city}${session.place.postalCode ? ` (${session.place.postalCode})` : ''}`
    : session.modality === 'DISTANCE'
      ? 'À distance'
      : 'Lieu non communiqué';
  const km = formatKm(distanceKm);
  return (
    <article className="console-card">
      <Heading className="fr-h5">
        <Link href={href ?? `/session/${encodeURIComponent(session.id)}`}>{titleHtml ? <Highlighted text={titleHtml} /> : session.training.title}</Link>
      </Heading>
      <ul className="console-meta">
        <li>
          <span className="fr-icon-building-line fr-icon--sm" aria-hidden="true" /> {session.training.provider?.name ?? 'Organisme non communiqué'}
        </li>
        <li>
          <span className="fr-icon-map-pin-2-line fr-icon--sm" aria-hidden="true" /> {place}
          {km ? ` — à ${km}` : ''}
        </li>
        <li>
          <span className="fr-icon-calendar-line fr-icon--sm" aria-hidden="true" /> Du {formatDate(session.startDate)} au {formatDate(session.endDate)}
        </li>
        <li>
          <span className="fr-icon-money-euro-circle-line fr-icon--sm" aria-hidden="true" /> <strong>{formatCents(session.price)}</strong>
        </li>
      </ul>
      {snippet && (
        <p className="fr-text--sm">
          <Highlighted text={snippet} />
        </p>
      )}
      <ul className="fr-badges-group">
        {session.modality && (
          <li>
            <Badge small noIcon>
              {MODALITIES[session.modality] ?? session.modality}
            </Badge>
          </li>
        )}
        {session.cpfEligible && (
          <li>
            <Badge small severity="success" noIcon>
              Éligible CPF
            </Badge>
          </li>
        )}
        {session.training.certification && (
          <li>
            <Badge small severity="info" noIcon>
              {session.training.certification.code}
            </Badge>
          </li>
        )}
        {session.recruitment && session.recruitment !== 'OPEN' && (
          <li>
            <Badge small severity="warning" noIcon>
              {RECRUITMENT[session.recruitment] ?? session.recruitment}
            </Badge>
          </li>
        )}
      </ul>
      {children}
    </article>
  );
}
