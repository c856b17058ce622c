// The passport's certifications as Open Badges 3.0 credentials (W3C Verifiable Credentials 2.0
// data model, JSON-LD), one per certification, Europass-compatible.
//
// UNSIGNED: the credentials carry no `proof`. The issuer of a certification is its certifier, and
// this service holds no certifier's key; signing them with a key of our own (a JWT-VC with a dev
// Ed25519 key) would make them look verifiable while the signature would only say "this API
// printed it". What the export does vouch for is said as evidence: whether the certifier sent
// the result (GUARANTEED, certification feed of the Caisse des Dépôts) or the holder declared
// it (DECLARED, unverified). Signing belongs to the certifiers or to the Caisse des Dépôts as
// issuer, with a published key (did:web), and can be added here without changing the shape.
import type { CertificationRow } from '../db/store.ts';

export const OB3_CONTEXT = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'] as const;

export interface BadgeHolder {
  id: string;
  givenName: string;
  familyName: string;
}

/** Where the export's own ids live (the API's public address in production). */
export const ID_BASE = 'urn:formations';

const EQF = 'https://europa.eu/europass/en/description-eight-eqf-levels';

/** OB 3.0 validFrom is a dateTime; a certification obtained on a day is valid from its start (UTC). */
const dateTime = (date: string) => `${date}T00:00:00Z`;

function issuerOf(c: CertificationRow, holder: BadgeHolder) {
  if (c.provenance === 'GUARANTEED') {
    return {
      id: `${ID_BASE}:certifier:${encodeURIComponent(c.issuerId ?? c.issuerName ?? 'unknown')}`,
      type: ['Profile'],
      name: c.issuerName ?? 'Certificateur (transmis à la Caisse des Dépôts)',
    };
  }
  // A declared item: the holder is the only source, and the credential says so.
  return { id: `${ID_BASE}:person:${encodeURIComponent(holder.id)}`, type: ['Profile'], name: `${holder.givenName} ${holder.familyName} (auto-déclaration)` };
}

function evidenceOf(c: CertificationRow) {
  return c.provenance === 'GUARANTEED'
    ? {
        type: ['Evidence'],
        name: 'Provenance : GARANTIE',
        description: `Résultat transmis par le certificateur${c.issuerName ? ` (${c.issuerName})` : ''} au Passeport de compétences (flux de certification de la Caisse des Dépôts). Le titulaire ne peut pas le modifier.`,
        genre: 'GUARANTEED',
      }
    : {
        type: ['Evidence'],
        name: 'Provenance : DÉCLARÉE',
        description: 'Déclaré par le titulaire dans son Passeport de compétences ; non vérifié auprès du certificateur.',
        genre: 'DECLARED',
      };
}

export function openBadgeCredential(c: CertificationRow, holder: BadgeHolder, generatedAt: Date) {
  const register = c.kind === 'RNCP' ? 'Répertoire national des certifications professionnelles (RNCP)' : 'Répertoire spécifique (RS)';
  return {
    '@context': [...OB3_CONTEXT],
    id: `${ID_BASE}:credential:${encodeURIComponent(c.id)}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: c.title,
    issuer: issuerOf(c, holder),
    validFrom: dateTime(c.obtainedOn ?? generatedAt.toISOString().slice(0, 10)),
    ...(c.validUntil ? { validUntil: `${c.validUntil}T23:59:59Z` } : {}),
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: `${holder.givenName} ${holder.familyName}` }],
      achievement: {
        id: `https://www.francecompetences.fr/recherche/${c.kind.toLowerCase()}/${c.code.replace(/^\D+/, '')}/`,
        type: ['Achievement'],
        achievementType: c.kind === 'RNCP' ? 'Diploma' : 'Certificate',
        name: c.title,
        description: `${c.kind === 'RNCP' ? 'Certification professionnelle' : 'Certification'} ${c.code}, enregistrée au ${register}.`,
        criteria: { narrative: `Obtention de la certification ${c.code} auprès de son certificateur.` },
        humanCode: c.code,
        otherIdentifier: [{ type: 'IdentifierEntry', identifier: c.code, identifierType: 'identifier' }],
        ...(c.level !== null
          ? {
              alignment: [
                {
                  type: ['Alignment'],
                  targetName: `Niveau ${c.level} (cadre national des certifications, CEC/EQF ${c.level})`,
                  targetUrl: EQF,
                  targetFramework: 'European Qualifications Framework',
                  targetCode: String(c.level),
                },
              ],
            }
          : {}),
      },
      ...(c.mention ? { result: [{ type: ['Result'], value: c.mention }] } : {}),
    },
    evidence: [evidenceOf(c)],
  };
}

export type OpenBadgeCredential = ReturnType<typeof openBadgeCredential>;

/** Every certification of the passport, in the passport's order (most recent first). */
export function openBadgeCredentials(holder: BadgeHolder, certifications: readonly CertificationRow[], generatedAt: Date): OpenBadgeCredential[] {
  return certifications.map((c) => openBadgeCredential(c, holder, generatedAt));
}
