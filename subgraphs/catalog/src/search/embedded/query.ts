// Runs a search on the in-memory index (index-data.ts): words as Meilisearch reads them (every
// word, typos 1 from 5 letters and 2 from 9, last word as a prefix, trailing words dropped when
// nothing matches), filters on typed columns, facets by counting, top-k sorts. No I/O.
import { FUNDER_CODES, funderMask } from '../../domain/funders.ts';
import { greatCircleKm } from '../../domain/geo.ts';
import { queryWords, synonymsOf, typoPrefixVariants, typoVariants } from '../../domain/search-text.ts';
import { FACETS, MAX_FACET_VALUES, originOf, roundKm, type FacetCount, type FacetName, type GeoPoint, type SearchRequest, type SearchResult } from '../port.ts';
import { dayNumber, MODALITIES, MODALITY_DISTANCE, RECRUITMENT_OPEN, type Csr, type Dictionary, type SearchIndex } from './index-data.ts';

/** Query words are at most 10 (MAX_QUERY_WORDS): a formation's state moves by at most 11 per query. */
const EPOCH_STEP = 16;
const WORD_CACHE_SIZE = 2000;
/** Facet values of the exit levels by code (0: unknown). */
const EXIT_LEVELS = ['', '1', '2', '3', '4', '5', '6', '7', '8'];

interface Alternatives {
  /** Term ids matching without a typo (the word, its synonyms, for the last word the terms it begins). */
  exact: number[];
  /** Term ids one or two typos away (or beginning so). */
  typo: number[];
  /** Typo and synonym alternatives as strings (for the FTS highlight expression). */
  variants: string[];
  /** Postings to walk: the cheaper words are intersected first. */
  cost: number;
}

/** What matched, for highlighting: the words kept and their alternatives. */
export interface WordsMatched {
  words: string[];
  variants: Map<string, string[]>;
}

export interface EmbeddedSearchResult {
  result: SearchResult;
  /** formations.id of each hit (same order). */
  hitFormations: number[];
  matched: WordsMatched;
}

export class IndexSearcher {
  private readonly formationState: Uint32Array;
  private readonly formationScore: Float64Array;
  private readonly formationTypo: Uint8Array;
  private readonly matched: Uint32Array;
  private readonly distance: Float64Array;
  private epoch = 0;
  private readonly wordCache = new Map<string, Alternatives>();
  private readonly termsByLength: string[][] = [];
  private readonly termsByFirstLetter = new Map<string, string[]>();

  constructor(readonly index: SearchIndex) {
    this.formationState = new Uint32Array(index.formationCount);
    this.formationScore = new Float64Array(index.formationCount);
    this.formationTypo = new Uint8Array(index.formationCount);
    this.matched = new Uint32Array(index.sessionCount);
    this.distance = new Float64Array(index.sessionCount);
    for (const term of index.terms) {
      (this.termsByLength[term.length] ??= []).push(term);
      let list = this.termsByFirstLetter.get(term[0]!);
      if (!list) this.termsByFirstLetter.set(term[0]!, (list = []));
      list.push(term);
    }
  }

  search(request: SearchRequest): EmbeddedSearchResult {
    const words = request.query ? queryWords(request.query) : [];
    let kept = words.length;
    let run = this.match(request, words);
    // When nothing matches, drop trailing words one by one (Meilisearch's matchingStrategy "last").
    while (run.count === 0 && kept > 1) {
      kept -= 1;
      run = this.match(request, words.slice(0, kept));
    }
    const keptWords = words.slice(0, kept);
    const withWords = keptWords.length > 0;
    const origin = originOf(request);
    const { index, distance } = this;
    const count = run.count;
    if (origin && request.sort === 'DISTANCE') this.measure(origin, count);
    const page = this.top(request, count, withWords, origin !== null);
    if (origin)
      for (const s of page)
        distance[s] = Number.isNaN(index.latitude[s]!) ? NaN : greatCircleKm(origin.latitude, origin.longitude, index.latitude[s]!, index.longitude[s]!);
    const facets: SearchResult['facets'] = { regions: [], modalities: [] };
    for (const name of request.facets ?? FACETS) facets[name] = this.facet(name, count);
    const variants = new Map<string, string[]>();
    keptWords.forEach((word, i) => {
      const list = this.alternatives(word, i === keptWords.length - 1).variants;
      if (list.length > 0) variants.set(word, list);
    });
    return {
      result: {
        total: count,
        hits: page.map((s) => {
          const f = index.sessionFormation[s]!;
          const d = origin ? distance[s]! : NaN;
          return {
            sessionId: index.sessionIds[s]!,
            relevance: withWords ? this.formationScore[f]! : null,
            distanceKm: Number.isNaN(d) ? null : roundKm(d),
            highlights: null,
          };
        }),
        facets,
        droppedWords: words.slice(kept),
      },
      hitFormations: page.map((s) => index.formationRowid[index.sessionFormation[s]!]!),
      matched: { words: keptWords, variants },
    };
  }

  /** Fills this.matched with the sessions that hold every word and pass the filters; returns their number. */
  private match(request: SearchRequest, words: string[]): { count: number } {
    const { index } = this;
    const formationOk = this.formationFilter(request);
    const sessionOk = this.sessionFilter(request);
    let count = 0;
    const take = (f: number) => {
      if (formationOk && !formationOk(f)) return;
      const end = index.sessionStart[f + 1]!;
      for (let s = index.sessionStart[f]!; s < end; s++) if (!sessionOk || sessionOk(s)) this.matched[count++] = s;
    };
    if (words.length === 0) {
      for (let f = 0; f < index.formationCount; f++) take(f);
      return { count };
    }
    const candidates = this.formationsWithEvery(words);
    // Ascending formations: hits of equal rank keep a stable, id-like order.
    candidates.sort();
    for (const f of candidates) take(f);
    return { count };
  }

  /** Formations holding every word (or an alternative); their score and number of words matched only with a typo are set. */
  private formationsWithEvery(words: string[]): Uint32Array {
    const { index, formationState: state, formationScore: score, formationTypo: typo } = this;
    if (this.epoch + 2 * EPOCH_STEP >= 0xffffffff) {
      state.fill(0);
      this.epoch = 0;
    }
    const base = (this.epoch += EPOCH_STEP);
    const alternatives = words.map((word, i) => this.alternatives(word, i === words.length - 1));
    const order = alternatives.map((_, i) => i).sort((a, b) => alternatives[a]!.cost - alternatives[b]!.cost);
    const formations = index.formationCount;
    const full: number[] = [];
    order.forEach((w, k) => {
      const last = k === order.length - 1;
      const { exact, typo: typos } = alternatives[w]!;
      for (const [terms, isTypo] of [
        [exact, 0],
        [typos, 1],
      ] as const) {
        for (const t of terms) {
          const start = index.postingStart[t]!;
          const end = index.postingStart[t + 1]!;
          const n = end - start;
          const idf = Math.max(1e-6, Math.log((formations - n + 0.5) / (n + 0.5)));
          for (let p = start; p < end; p++) {
            const f = index.postingFormation[p]!;
            const st = state[f]!;
            if (k === 0) {
              if (st >= base) continue;
              state[f] = base + 1;
              score[f] = idf * index.postingWeight[p]!;
              typo[f] = isTypo;
            } else {
              if (st !== base + k) continue;
              state[f] = base + k + 1;
              score[f]! += idf * index.postingWeight[p]!;
              typo[f]! += isTypo;
            }
            if (last) full.push(f);
          }
        }
      }
    });
    return Uint32Array.from(full);
  }

  /** Indexed alternatives of a query word (cached: people type the same words again and again). */
  private alternatives(word: string, last: boolean): Alternatives {
    const key = `${last ? '*' : ''}${word}`;
    const cached = this.wordCache.get(key);
    if (cached) {
      // Refresh its place: the cache drops the least recently used first.
      this.wordCache.delete(key);
      this.wordCache.set(key, cached);
      return cached;
    }
    const { index } = this;
    const exact = new Set<number>();
    const id = index.termIds.get(word);
    if (id !== undefined) exact.add(id);
    const synonyms = synonymsOf(word).filter((s) => index.termIds.has(s));
    for (const s of synonyms) exact.add(index.termIds.get(s)!);
    if (last) for (let t = lowerBound(index.terms, word); t < index.terms.length && index.terms[t]!.startsWith(word); t++) exact.add(t);
    const max = word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0;
    const nearby: string[] = [];
    for (let length = Math.max(1, word.length - max); length <= word.length + max; length++)
      for (const term of this.termsByLength[length] ?? []) nearby.push(term);
    const typoTerms = typoVariants(word, nearby);
    if (last) for (const term of typoPrefixVariants(word, this.termsByFirstLetter.get(word[0]!) ?? [])) if (!typoTerms.includes(term)) typoTerms.push(term);
    const typo = typoTerms.map((t) => index.termIds.get(t)!).filter((t) => !exact.has(t));
    const postings = (t: number) => index.postingStart[t + 1]! - index.postingStart[t]!;
    const alternatives: Alternatives = {
      exact: [...exact],
      typo,
      variants: [...typoTerms, ...synonyms],
      cost: [...exact, ...typo].reduce((sum, t) => sum + postings(t), 0),
    };
    this.wordCache.set(key, alternatives);
    if (this.wordCache.size > WORD_CACHE_SIZE) this.wordCache.delete(this.wordCache.keys().next().value!);
    return alternatives;
  }

  private formationFilter(request: SearchRequest): ((f: number) => boolean) | null {
    const { index } = this;
    const f = request.filters;
    const checks: ((formation: number) => boolean)[] = [];
    if (f.certificationCode) {
      const code = index.dictionaries.certification.find(f.certificationCode);
      checks.push((formation) => index.certification[formation] === code);
    }
    if (f.exitLevels && f.exitLevels.length > 0) {
      const levels = new Set(f.exitLevels);
      checks.push((formation) => levels.has(index.exitLevel[formation]!));
    }
    const anyCode = (csr: Csr, dictionary: Dictionary, values: readonly string[] | null | undefined) => {
      if (!values || values.length === 0) return;
      const wanted = wantedCodes(dictionary, values);
      checks.push((formation) => {
        for (let i = csr.offsets[formation]!; i < csr.offsets[formation + 1]!; i++) if (wanted[csr.values[i]!]) return true;
        return false;
      });
    };
    anyCode(index.formacodes, index.dictionaries.formacode, f.formacodes);
    anyCode(index.romeCodes, index.dictionaries.rome, f.romeCodes);
    if (checks.length === 0) return null;
    return (formation) => checks.every((check) => check(formation));
  }

  private sessionFilter(request: SearchRequest): ((s: number) => boolean) | null {
    const { index } = this;
    const f = request.filters;
    const checks: ((s: number) => boolean)[] = [];
    const among = (column: Uint32Array, dictionary: Dictionary, values: readonly string[] | null | undefined) => {
      if (!values || values.length === 0) return;
      const wanted = wantedCodes(dictionary, values);
      checks.push((s) => wanted[column[s]!] === 1);
    };
    among(index.region, index.dictionaries.region, f.regions);
    among(index.departement, index.dictionaries.departement, f.departements);
    if (f.modalities && f.modalities.length > 0) {
      const wanted = new Set(f.modalities.map((m) => MODALITIES.indexOf(m)));
      checks.push((s) => wanted.has(index.modality[s]!));
    }
    if (f.cpfEligible != null) {
      const wanted = f.cpfEligible ? 1 : 0;
      checks.push((s) => index.cpfEligible[s] === wanted);
    }
    // NaN (unknown price) fails every comparison, as NULL does in SQL.
    if (f.minPrice != null) {
      const min = f.minPrice;
      checks.push((s) => index.priceCents[s]! >= min);
    }
    if (f.maxPrice != null) {
      const max = f.maxPrice;
      checks.push((s) => index.priceCents[s]! <= max);
    }
    if (f.startsAfter) {
      const after = dayNumber(f.startsAfter);
      checks.push((s) => index.startDay[s] !== 0 && index.startDay[s]! >= after);
    }
    if (f.startsBefore) {
      const before = dayNumber(f.startsBefore);
      checks.push((s) => index.startDay[s] !== 0 && index.startDay[s]! <= before);
    }
    if (f.recruitmentOpen) {
      const today = dayNumber(request.today);
      checks.push((s) => (index.recruitment[s] === 0 || index.recruitment[s] === RECRUITMENT_OPEN) && (index.startDay[s] === 0 || index.startDay[s]! >= today));
    }
    if (f.disabledAccess != null) {
      const wanted = f.disabledAccess ? 1 : 0;
      checks.push((s) => index.disabledAccess[s] === wanted);
    }
    if (f.permanentEntry != null) {
      const wanted = f.permanentEntry ? 1 : 0;
      checks.push((s) => index.permanentEntry[s] === wanted);
    }
    if (f.funders && f.funders.length > 0) {
      const wanted = funderMask(f.funders);
      checks.push((s) => (index.funders[s]! & wanted) !== 0);
    }
    // Distance learning is within reach of every place: `near` and `area` keep it unless it is excluded.
    const distance = f.distanceLearning ?? 'INCLUDE';
    if (distance === 'EXCLUDE') checks.push((s) => index.modality[s] !== MODALITY_DISTANCE);
    if (distance === 'ONLY') checks.push((s) => index.modality[s] === MODALITY_DISTANCE);
    const remote = distance === 'INCLUDE';
    const areaCheck = (column: Uint32Array, dictionary: Dictionary, values: readonly string[] | null | undefined) => {
      if (!values || values.length === 0 || distance === 'ONLY') return;
      const wanted = wantedCodes(dictionary, values);
      checks.push((s) => wanted[column[s]!] === 1 || (remote && index.modality[s] === MODALITY_DISTANCE));
    };
    areaCheck(index.region, index.dictionaries.region, f.area?.regions);
    areaCheck(index.departement, index.dictionaries.departement, f.area?.departements);
    if (f.near && distance !== 'ONLY') {
      const { latitude: lat0, longitude: lng0, radiusKm } = f.near;
      // A box around the circle first (1° of latitude ≈ 111.2 km), the exact distance inside it.
      const latSpan = radiusKm / 111 + 0.01;
      checks.push((s) => {
        if (remote && index.modality[s] === MODALITY_DISTANCE) return true;
        const lat = index.latitude[s]!;
        if (Number.isNaN(lat) || Math.abs(lat - lat0) > latSpan) return false;
        return greatCircleKm(lat0, lng0, lat, index.longitude[s]!) <= radiusKm;
      });
    }
    if (checks.length === 0) return null;
    if (checks.length === 1) return checks[0]!;
    return (s) => {
      for (const check of checks) if (!check(s)) return false;
      return true;
    };
  }

  /** Distances of the matched sessions from the origin (NaN without coordinates). */
  private measure(origin: GeoPoint, count: number): void {
    const { index, matched, distance } = this;
    for (let i = 0; i < count; i++) {
      const s = matched[i]!;
      const lat = index.latitude[s]!;
      distance[s] = Number.isNaN(lat) ? NaN : greatCircleKm(origin.latitude, origin.longitude, lat, index.longitude[s]!);
    }
  }

  /** The requested page of the matched sessions, in order (a bounded heap: no full sort). */
  private top(request: SearchRequest, count: number, withWords: boolean, measured: boolean): number[] {
    const { index, matched, distance, formationScore: score, formationTypo: typo } = this;
    const want = Math.min(count, request.offset + request.limit);
    if (want <= request.offset) return [];
    let before: (a: number, b: number) => boolean;
    if (request.sort === 'PRICE') before = (a, b) => index.priceRank[a]! < index.priceRank[b]!;
    else if (request.sort === 'DISTANCE') {
      // Distance learning first (always within reach), then the nearest; unknown distances last.
      const group = (s: number) => (index.modality[s] === MODALITY_DISTANCE ? 0 : 1);
      before = (a, b) => {
        const ga = group(a);
        const gb = group(b);
        if (ga !== gb) return ga < gb;
        if (measured) {
          const da = distance[a]!;
          const db = distance[b]!;
          const na = Number.isNaN(da);
          const nb = Number.isNaN(db);
          if (na !== nb) return nb;
          if (!na && da !== db) return da < db;
        }
        return index.idRank[a]! < index.idRank[b]!;
      };
    } else if (request.sort === 'RELEVANCE' && withWords) {
      before = (a, b) => {
        const fa = index.sessionFormation[a]!;
        const fb = index.sessionFormation[b]!;
        if (fa !== fb) {
          if (typo[fa] !== typo[fb]) return typo[fa]! < typo[fb]!;
          if (score[fa] !== score[fb]) return score[fa]! > score[fb]!;
        }
        return index.startRank[a]! < index.startRank[b]!;
      };
    } else before = (a, b) => index.startRank[a]! < index.startRank[b]!;
    // Max-heap of the best `want` so far, the worst on top.
    const heap = new Uint32Array(want);
    let size = 0;
    const siftDown = (i: number) => {
      for (;;) {
        const l = 2 * i + 1;
        if (l >= size) return;
        const r = l + 1;
        const worse = r < size && before(heap[l]!, heap[r]!) ? r : l;
        if (!before(heap[i]!, heap[worse]!)) return;
        [heap[i], heap[worse]] = [heap[worse]!, heap[i]!];
        i = worse;
      }
    };
    for (let i = 0; i < count; i++) {
      const s = matched[i]!;
      if (size < want) {
        let j = size++;
        heap[j] = s;
        while (j > 0) {
          const parent = (j - 1) >> 1;
          if (!before(heap[parent]!, heap[j]!)) break;
          [heap[parent], heap[j]] = [heap[j]!, heap[parent]!];
          j = parent;
        }
      } else if (before(s, heap[0]!)) {
        heap[0] = s;
        siftDown(0);
      }
    }
    return [...heap.subarray(0, size)].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0)).slice(request.offset);
  }

  /** Counts of one facet over every matched session, most first (then by value), at most MAX_FACET_VALUES. */
  private facet(name: FacetName, count: number): FacetCount[] {
    const { index, matched } = this;
    let values: readonly string[] = [];
    let counts = new Uint32Array(0);
    const perSession = (column: ArrayLike<number>, codeValues: readonly string[]) => {
      values = codeValues;
      counts = new Uint32Array(codeValues.length);
      for (let i = 0; i < count; i++) counts[column[matched[i]!]!]! += 1;
    };
    const perFormation = (column: ArrayLike<number>, codeValues: readonly string[]) => {
      values = codeValues;
      counts = new Uint32Array(codeValues.length);
      for (let i = 0; i < count; i++) counts[column[index.sessionFormation[matched[i]!]!]!]! += 1;
    };
    const perCode = (csr: Csr, codeValues: readonly string[]) => {
      values = codeValues;
      counts = new Uint32Array(codeValues.length);
      // Matched sessions come grouped by formation: count each formation's codes once per run.
      for (let i = 0; i < count; ) {
        const f = index.sessionFormation[matched[i]!]!;
        let j = i + 1;
        while (j < count && index.sessionFormation[matched[j]!] === f) j++;
        for (let c = csr.offsets[f]!; c < csr.offsets[f + 1]!; c++) counts[csr.values[c]!]! += j - i;
        i = j;
      }
    };
    const { dictionaries: d } = index;
    switch (name) {
      case 'regions':
        perSession(index.region, d.region.values);
        break;
      case 'departements':
        perSession(index.departement, d.departement.values);
        break;
      case 'modalities':
        perSession(
          index.modality,
          MODALITIES.map((m) => m ?? ''),
        );
        break;
      case 'certificationCodes':
        perFormation(index.certification, d.certification.values);
        break;
      case 'exitLevels':
        perFormation(index.exitLevel, EXIT_LEVELS);
        break;
      case 'cpfEligible':
        // -1 unknown, 0 not, 1 eligible → codes 0, 1, 2.
        counts = new Uint32Array(3);
        for (let i = 0; i < count; i++) counts[index.cpfEligible[matched[i]!]! + 1]! += 1;
        values = ['', 'false', 'true'];
        break;
      case 'formacodes':
        perCode(index.formacodes, d.formacode.values);
        break;
      case 'romeCodes':
        perCode(index.romeCodes, d.rome.values);
        break;
      case 'funders': {
        // Bit n of the mask is code n; slot 0 of `counts` stays "none".
        values = ['', ...FUNDER_CODES];
        counts = new Uint32Array(values.length);
        for (let i = 0; i < count; i++) {
          for (let mask = index.funders[matched[i]!]!; mask !== 0; mask &= mask - 1) counts[31 - Math.clz32(mask & -mask) + 1]! += 1;
        }
        break;
      }
    }
    const found: FacetCount[] = [];
    // Code 0 is "none": not a facet value.
    for (let code = 1; code < counts.length; code++) if (counts[code]! > 0) found.push({ value: values[code]!, count: counts[code]! });
    found.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    return found.slice(0, MAX_FACET_VALUES);
  }
}

/** 1 at the codes of the given values (values the catalogue does not hold match nothing). */
function wantedCodes(dictionary: Dictionary, values: readonly string[]): Uint8Array {
  const wanted = new Uint8Array(dictionary.size);
  for (const v of values) {
    const code = dictionary.find(v);
    if (code > 0) wanted[code] = 1;
  }
  return wanted;
}

/** First position in sorted `terms` not before `word`. */
function lowerBound(terms: readonly string[], word: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (terms[mid]! < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
