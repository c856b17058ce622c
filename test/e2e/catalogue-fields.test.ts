// The LHEO fields served as they are (subgraphs/catalog/src/db/lheo-fields.ts), through the real
// gateway on the demo catalogue (catalog-indexer/fixtures/demo): one row per GraphQL field of the
// tables, with a value the demo files give (2.3 and 2.2) and, where the demo has one, what "not
// given" ("-" or no element) becomes. A field added to a table without its row here fails the
// last test (docs/how-to.md, recipe 3).
import { ACTION_FIELDS, FORMATION_FIELDS, type LheoField, SESSION_FIELDS } from '@formations/catalog/indexing';
import { describe, expect, inject, it } from 'vitest';
import { graphql } from '../src/client.ts';

const gateway = () => inject('gatewayUrl');

type Owner = 'Training' | 'Action' | 'Session';
/** [type, GraphQL field, LHEO element, the demo record holding it (a formation or session numero), what the API answers]. */
const ROWS: [Owner, string, string, string, unknown][] = [
  ['Training', 'certifying', 'certifiante', 'PDL-F0001', true],
  ['Training', 'url', 'url-formation/urlweb', 'PDL-F0001', 'https://www.logistiouest-formation.fr/formations/pdl-f0001'],
  ['Training', 'url', 'url-formation/urlweb (LHEO 2.2)', 'NAT-F0001', 'https://www.codeetcite.fr/formations/nat-f0001'],
  ['Action', 'hoursInCentre', 'nombre-heures-centre', 'PDL-F0001-A1-S1', 280],
  ['Action', 'hoursInCompany', 'nombre-heures-entreprise', 'PDL-F0001-A1-S1', 105],
  ['Action', 'totalHours', 'nombre-heures-total', 'PDL-F0001-A1-S1', 385],
  ['Action', 'indicativeDuration', 'duree-indicative', 'PDL-F0006-A1-S1', '24 heures sur 8 à 10 semaines'],
  ['Action', 'indicativeDuration', 'duree-indicative (none)', 'PDL-F0001-A1-S1', null],
  ['Action', 'rhythm', 'rythme-formation', 'PDL-F0006-A1-S1', 'Temps partiel'],
  ['Action', 'workStudyArrangements', 'modalites-alternance', 'PDL-F0001-A1-S1', '105 heures en entreprise'],
  ['Action', 'workStudyArrangements', 'modalites-alternance (LHEO 2.2)', 'NAT-F0001-A1-S1', '280 heures en entreprise'],
  ['Action', 'workStudyArrangements', 'modalites-alternance "-"', 'PDL-F0006-A1-S1', null],
  ['Action', 'permanentEntry', 'modalites-entrees-sorties', 'PDL-F0006-A1-S1', true],
  [
    'Action',
    'disabledAccess',
    'acces-handicapes',
    'PDL-F0001-A1-S1',
    "Locaux accessibles aux personnes à mobilité réduite ; référent handicap joignable à l'accueil.",
  ],
  ['Action', 'specificConditions', 'conditions-specifiques', 'PDL-F0001-A1-S1', 'Aptitude médicale à la conduite des chariots'],
  ['Action', 'specificConditions', 'conditions-specifiques "-" (LHEO 2.2)', 'NAT-F0001-A1-S1', null],
  ['Session', 'seatsLeft', 'recrutement/nb-places', 'PDL-F0001-A1-S1', 8],
  ['Session', 'seatsLeft', 'recrutement/nb-places (none)', 'PDL-F0001-A1-S3', null],
];

/** The field read through the gateway: a training by numero, a session and its action by session numero. */
async function served(owner: Owner, field: string, id: string): Promise<unknown> {
  const query =
    owner === 'Training'
      ? `query ($id: ID!) { training(id: $id) { ${field} } }`
      : `query ($id: ID!) { session(id: $id) { ${owner === 'Action' ? `action { ${field} }` : field} } }`;
  const res = await graphql<{ training?: Record<string, unknown>; session?: Record<string, unknown> & { action: Record<string, unknown> } }>(gateway(), query, {
    id,
  });
  expect(res.errors).toBeUndefined();
  if (owner === 'Training') return res.data!.training![field];
  return owner === 'Action' ? res.data!.session!.action[field] : res.data!.session![field];
}

describe('catalogue: the LHEO fields served as they are, through the gateway', () => {
  it.each(ROWS)('%s.%s (%s) of %s', async (owner, field, _element, id, expected) => {
    expect(await served(owner, field, id)).toEqual(expected);
  });

  it('has a row for every GraphQL field of the tables', () => {
    const declared = (owner: Owner, fields: readonly LheoField[]) => fields.flatMap((f) => (f.graphql ? [`${owner}.${f.graphql.name}`] : []));
    const tables = [...declared('Training', FORMATION_FIELDS), ...declared('Action', ACTION_FIELDS), ...declared('Session', SESSION_FIELDS)];
    expect(new Set(ROWS.map(([owner, field]) => `${owner}.${field}`))).toEqual(new Set(tables));
  });
});
