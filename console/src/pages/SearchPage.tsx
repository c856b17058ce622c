import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { COMMUNES, communeLabel, findCommune } from '../communes.ts';
import { LEVELS, MODALITIES, regionName } from '../format.ts';
import type { Modality, TrainingSearchFilters, TrainingSortInput } from '../gql/graphql.ts';
import { SearchTrainingsQuery } from '../operations.ts';
import { navigate, useLocation, usePageTitle } from '../router.tsx';
import { SessionCard } from '../components/SessionCard.tsx';
import { GraphQLErrorAlert } from '../components/Errors.tsx';

const PAGE_SIZE = 10;

interface Criteria {
  q: string;
  lieu: string;
  rayon: string;
  du: string;
  au: string;
  certif: string;
  cpf: boolean;
  ouvertes: boolean;
  tri: string;
  region: string[];
  dept: string[];
  modalite: string[];
  niveau: string[];
  financeur: string[];
  page: number;
}

function readCriteria(params: URLSearchParams): Criteria {
  return {
    q: params.get('q') ?? '',
    lieu: params.get('lieu') ?? '',
    rayon: params.get('rayon') ?? '30',
    du: params.get('du') ?? '',
    au: params.get('au') ?? '',
    certif: params.get('certif') ?? '',
    cpf: params.get('cpf') === '1',
    ouvertes: params.get('ouvertes') === '1',
    tri: params.get('tri') ?? 'RELEVANCE',
    region: params.getAll('region'),
    dept: params.getAll('dept'),
    modalite: params.getAll('modalite'),
    niveau: params.getAll('niveau'),
    financeur: params.getAll('financeur'),
    page: Math.max(1, Number(params.get('page') ?? 1) || 1),
  };
}

function toParams(c: Criteria): string {
  const p = new URLSearchParams();
  if (c.q) p.set('q', c.q);
  if (c.lieu) p.set('lieu', c.lieu);
  if (c.lieu && c.rayon) p.set('rayon', c.rayon);
  if (c.du) p.set('du', c.du);
  if (c.au) p.set('au', c.au);
  if (c.certif) p.set('certif', c.certif);
  if (c.cpf) p.set('cpf', '1');
  if (c.ouvertes) p.set('ouvertes', '1');
  if (c.tri !== 'RELEVANCE') p.set('tri', c.tri);
  for (const v of c.region) p.append('region', v);
  for (const v of c.dept) p.append('dept', v);
  for (const v of c.modalite) p.append('modalite', v);
  for (const v of c.niveau) p.append('niveau', v);
  for (const v of c.financeur) p.append('financeur', v);
  if (c.page > 1) p.set('page', String(c.page));
  return p.toString();
}

function variablesOf(c: Criteria) {
  const filters: TrainingSearchFilters = {};
  const commune = findCommune(c.lieu);
  const radiusKm = Math.min(1000, Math.max(1, Number(c.rayon) || 30));
  if (commune) filters.near = { latitude: commune.latitude, longitude: commune.longitude, radiusKm };
  else if (/^[0-9][0-9AB][0-9]{3}$/i.test(c.lieu.trim())) filters.nearCommune = { inseeCode: c.lieu.trim().toUpperCase(), radiusKm };
  if (c.du) filters.startsAfter = c.du;
  if (c.au) filters.startsBefore = c.au;
  if (c.certif.trim()) filters.certificationCode = c.certif.trim().toUpperCase();
  if (c.cpf) filters.cpfEligible = true;
  if (c.ouvertes) filters.recruitmentOpen = true;
  if (c.region.length) filters.regions = c.region;
  if (c.dept.length) filters.departements = c.dept;
  if (c.modalite.length) filters.modalities = c.modalite as Modality[];
  if (c.niveau.length) filters.exitLevels = c.niveau.map(Number);
  if (c.financeur.length) filters.funders = c.financeur;
  let sort: TrainingSortInput | undefined;
  if (c.tri === 'DISTANCE' && commune) sort = { by: 'DISTANCE', from: { latitude: commune.latitude, longitude: commune.longitude } };
  else if (c.tri === 'START_DATE' || c.tri === 'PRICE') sort = { by: c.tri };
  return { query: c.q.trim() || null, filters, sort, page: c.page, pageSize: PAGE_SIZE };
}

export function SearchPage() {
  usePageTitle('Rechercher une formation');
  const location = useLocation();
  const criteria = readCriteria(location.params);
  const [draft, setDraft] = useState(criteria);
  const [lastUrl, setLastUrl] = useState(location.params.toString());
  // Back / forward: the form follows the address.
  if (lastUrl !== location.params.toString()) {
    setLastUrl(location.params.toString());
    setDraft(criteria);
  }
  const [{ data, fetching, error }] = useQuery({ query: SearchTrainingsQuery, variables: variablesOf(criteria) });
  const result = data?.searchTrainings;

  const go = (next: Criteria) => navigate(`/recherche?${toParams(next)}`);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    go({ ...draft, page: 1 });
  };
  const toggle = (key: 'region' | 'dept' | 'modalite' | 'niveau' | 'financeur', value: string) => {
    const list = criteria[key].includes(value) ? criteria[key].filter((v) => v !== value) : [...criteria[key], value];
    go({ ...criteria, [key]: list, page: 1 });
  };
  const communeUnknown = draft.lieu.trim() !== '' && !findCommune(draft.lieu) && !/^[0-9][0-9AB][0-9]{3}$/i.test(draft.lieu.trim());
  const pages = result ? Math.min(Math.ceil(result.total / PAGE_SIZE), Math.floor(10_000 / PAGE_SIZE)) : 0;

  return (
    <>
      <h1>Rechercher une formation</h1>
      {/* biome-ignore lint/a11y/useSemanticElements: a form with role search is DSFR's markup; <search> is recent */}
      <form onSubmit={submit} role="search" aria-label="Recherche de formations" className="fr-mb-4w">
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-6">
            <Input
              label="Mots-clés"
              hintText="Métier, formation, certification… les fautes de frappe sont tolérées."
              nativeInputProps={{ type: 'search', name: 'q', value: draft.q, onChange: (e) => setDraft({ ...draft, q: e.target.value }) }}
            />
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <Input
              label="Autour de (commune)"
              hintText="Nom, code postal ou code INSEE. Les formations à distance sont toujours incluses."
              state={communeUnknown ? 'error' : 'default'}
              stateRelatedMessage={communeUnknown ? 'Commune inconnue : choisissez-la dans la liste proposée.' : undefined}
              nativeInputProps={{
                name: 'lieu',
                list: 'communes',
                autoComplete: 'off',
                value: draft.lieu,
                onChange: (e) => setDraft({ ...draft, lieu: e.target.value }),
              }}
            />
            <datalist id="communes">
              {COMMUNES.map((c) => (
                <option key={c.inseeCode} value={communeLabel(c)} />
              ))}
            </datalist>
          </div>
          <div className="fr-col-12 fr-col-md-2">
            <Input
              label="Rayon (km)"
              nativeInputProps={{
                type: 'number',
                name: 'rayon',
                min: 1,
                max: 1000,
                inputMode: 'numeric',
                value: draft.rayon,
                onChange: (e) => setDraft({ ...draft, rayon: e.target.value }),
              }}
            />
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <Input
              label="Commence après le"
              nativeInputProps={{ type: 'date', name: 'du', value: draft.du, onChange: (e) => setDraft({ ...draft, du: e.target.value }) }}
            />
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <Input
              label="Commence avant le"
              nativeInputProps={{ type: 'date', name: 'au', value: draft.au, onChange: (e) => setDraft({ ...draft, au: e.target.value }) }}
            />
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <Input
              label="Certification visée"
              hintText="Code RNCP ou RS, par exemple RNCP35340."
              nativeInputProps={{ name: 'certif', value: draft.certif, autoComplete: 'off', onChange: (e) => setDraft({ ...draft, certif: e.target.value }) }}
            />
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <Select label="Trier par" nativeSelectProps={{ name: 'tri', value: draft.tri, onChange: (e) => setDraft({ ...draft, tri: e.target.value }) }}>
              <option value="RELEVANCE">Pertinence</option>
              <option value="START_DATE">Date de début</option>
              <option value="PRICE">Prix croissant</option>
              <option value="DISTANCE" disabled={!findCommune(draft.lieu)}>
                Distance (avec une commune)
              </option>
            </Select>
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <div className="fr-checkbox-group">
              <input type="checkbox" id="cpf" name="cpf" checked={draft.cpf} onChange={(e) => setDraft({ ...draft, cpf: e.target.checked })} />
              <label className="fr-label" htmlFor="cpf">
                Éligibles au CPF seulement
              </label>
            </div>
            <div className="fr-checkbox-group">
              <input
                type="checkbox"
                id="ouvertes"
                name="ouvertes"
                checked={draft.ouvertes}
                onChange={(e) => setDraft({ ...draft, ouvertes: e.target.checked })}
              />
              <label className="fr-label" htmlFor="ouvertes">
                Inscriptions ouvertes, pas encore commencées
              </label>
            </div>
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <Button type="submit" iconId="fr-icon-search-line">
              Rechercher
            </Button>
          </div>
        </div>
      </form>

      <div className="fr-grid-row fr-grid-row--gutters">
        <aside className="fr-col-12 fr-col-md-4 console-facets" aria-labelledby="filtres-titre">
          <h2 id="filtres-titre" className="fr-h4">
            Affiner
          </h2>
          {result && (
            <>
              <Facet
                legend="Modalité"
                name="modalite"
                counts={result.facets.modalities}
                selected={criteria.modalite}
                label={(v) => MODALITIES[v] ?? v}
                onToggle={(v) => toggle('modalite', v)}
              />
              <Facet
                legend="Région"
                name="region"
                counts={result.facets.regions}
                selected={criteria.region}
                label={regionName}
                onToggle={(v) => toggle('region', v)}
              />
              <Facet
                legend="Département"
                name="dept"
                counts={result.facets.departements}
                selected={criteria.dept}
                label={(v) => `Département ${v}`}
                onToggle={(v) => toggle('dept', v)}
                max={12}
              />
              <Facet
                legend="Niveau de sortie"
                name="niveau"
                counts={result.facets.exitLevels}
                selected={criteria.niveau}
                label={(v) => LEVELS[v] ?? `niveau ${v}`}
                onToggle={(v) => toggle('niveau', v)}
              />
              <Facet
                legend="Financeur"
                name="financeur"
                counts={result.facets.funders}
                selected={criteria.financeur}
                label={(v) => result.facets.funders.find((f) => f.value === v)?.label ?? `financeur ${v} (code LHEO)`}
                onToggle={(v) => toggle('financeur', v)}
              />
              {result.facets.cpfEligible.length > 0 && (
                <p className="fr-text--sm">
                  Éligibles au CPF : {result.facets.cpfEligible.find((f) => f.value === 'true')?.count ?? 0} session(s) ; non éligibles :{' '}
                  {result.facets.cpfEligible.find((f) => f.value === 'false')?.count ?? 0}.
                </p>
              )}
              {result.facets.certificationCodes.length > 0 && (
                <details>
                  <summary>Certifications préparées</summary>
                  <ul className="fr-text--sm">
                    {result.facets.certificationCodes.slice(0, 15).map((f) => (
                      <li key={f.value}>
                        <button type="button" className="fr-link" onClick={() => go({ ...criteria, certif: f.value, page: 1 })}>
                          {f.value}
                        </button>{' '}
                        ({f.count})
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </>
          )}
        </aside>
        <section className="fr-col-12 fr-col-md-8" aria-labelledby="resultats-titre">
          <h2 id="resultats-titre" className="fr-h4">
            Résultats
          </h2>
          <p role="status" aria-live="polite" id="resultats-nombre">
            {fetching && !result
              ? 'Recherche en cours…'
              : result
                ? `${result.total.toLocaleString('fr-FR')} session${result.total > 1 ? 's' : ''} trouvée${result.total > 1 ? 's' : ''}`
                : ''}
          </p>
          {error && <GraphQLErrorAlert error={error} />}
          {result && result.ignoredWords.length > 0 && (
            <Alert
              small
              severity="info"
              description={`Aucune session ne contient tous les mots : « ${result.ignoredWords.join(' ')} » n’a pas été pris en compte.`}
              className="fr-mb-2w"
            />
          )}
          {result && (
            <ol className="console-results" aria-labelledby="resultats-titre">
              {result.hits.map((hit) => (
                <li key={hit.session.id}>
                  <SessionCard session={hit.session} titleHtml={hit.highlights?.title} snippet={hit.highlights?.snippet} distanceKm={hit.distanceKm} />
                </li>
              ))}
            </ol>
          )}
          {pages > 1 && (
            <Pagination
              count={pages}
              defaultPage={criteria.page}
              getPageLinkProps={(page) => ({ href: `/recherche?${toParams({ ...criteria, page })}` })}
              className="fr-mt-3w"
            />
          )}
        </section>
      </div>
    </>
  );
}

function Facet({
  legend,
  name,
  counts,
  selected,
  label,
  onToggle,
  max = 20,
}: {
  legend: string;
  name: string;
  counts: { value: string; count: number }[];
  selected: string[];
  label: (value: string) => string;
  onToggle: (value: string) => void;
  max?: number;
}) {
  // Selected values stay listed even when the other filters leave them no session.
  const shown = [...counts.slice(0, max)];
  for (const value of selected) if (!shown.some((c) => c.value === value)) shown.push({ value, count: 0 });
  if (shown.length === 0) return null;
  return (
    <fieldset className="fr-fieldset">
      <legend className="fr-fieldset__legend fr-text--bold">{legend}</legend>
      {shown.map((c) => {
        const id = `facet-${name}-${c.value}`;
        return (
          <div className="fr-fieldset__element" key={c.value}>
            <div className="fr-checkbox-group fr-checkbox-group--sm">
              <input type="checkbox" id={id} checked={selected.includes(c.value)} onChange={() => onToggle(c.value)} />
              <label className="fr-label" htmlFor={id}>
                {label(c.value)} ({c.count.toLocaleString('fr-FR')})
              </label>
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}
