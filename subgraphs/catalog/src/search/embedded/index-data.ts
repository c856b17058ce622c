// The embedded engine's index: the catalogue's sessions as columns of typed arrays, and an
// inverted index of the formations' words, held in memory. Measured at 300,000 sessions, SQLite
// FTS5 plus SQL facets spent 100–500 ms on frequent words, wide filters and facets (bm25 over
// every match, a temp table per query); counting over typed arrays takes a few milliseconds.
// Built from plain rows (src/db/search-source.ts reads them), so it is testable without SQLite.
import { funderMask } from '../../domain/funders.ts';
import { fold, STOP_WORDS } from '../../domain/search-text.ts';
import type { Modality, RecruitmentState } from '../port.ts';

export const MODALITIES: readonly (Modality | null)[] = [null, 'PRESENTIEL', 'DISTANCE', 'MIXTE'];
export const RECRUITMENT: readonly (RecruitmentState | null)[] = [null, 'OPEN', 'CLOSED', 'SUSPENDED'];
export const MODALITY_DISTANCE = 2;
export const RECRUITMENT_OPEN = 1;

/** FTS5's bm25 parameters and our column weights (title, descriptions + provider, places). */
const K1 = 1.2;
const B = 0.75;
const COLUMN_WEIGHTS = [10, 2, 1] as const;

/** Values of one attribute, coded 1…n in first-seen order; 0 is "none". */
export class Dictionary {
  readonly values: string[] = [''];
  private readonly codes = new Map<string, number>();
  static of(values: readonly string[]): Dictionary {
    const dictionary = new Dictionary();
    for (const value of values.slice(1)) dictionary.code(value);
    return dictionary;
  }
  code(value: string | null | undefined): number {
    if (value == null || value === '') return 0;
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }
  find(value: string): number {
    return this.codes.get(value) ?? -1;
  }
  get size(): number {
    return this.values.length;
  }
}

export interface FormationRow {
  /** formations.id (the FTS rowid). */
  id: number;
  certificationCode: string | null;
  exitLevel: number | null;
  /** Distinct codes, principal Formacode first. */
  formacodes: readonly string[];
  /** Distinct ROME codes of the formation and of its certification. */
  romeCodes: readonly string[];
  title: string;
  description: string;
  places: string;
}

export interface SessionRow {
  id: string;
  formationId: number;
  startDate: string | null;
  priceCents: number | null;
  modality: Modality | null;
  region: string | null;
  departement: string | null;
  latitude: number | null;
  longitude: number | null;
  recruitment: RecruitmentState | null;
  cpfEligible: boolean | null;
  /** Its action describes arrangements for disabled people (acces-handicapes). */
  disabledAccess: boolean;
  /** Entries and exits all year round; null unknown. */
  permanentEntry: boolean | null;
  /** LHEO funder codes of its action. */
  funders: readonly string[];
}

/** Offsets (length n + 1) into values: item i owns values[offsets[i]…offsets[i+1]). */
export interface Csr {
  offsets: Uint32Array;
  values: Uint32Array;
}

export interface SearchIndex {
  // Sessions, grouped by formation (ordinal order), ids ascending inside a formation.
  sessionCount: number;
  sessionIds: string[];
  sessionFormation: Uint32Array;
  /** Rank of the session id in ascending order: the last tie-break of every sort. */
  idRank: Uint32Array;
  /** Rank in (start date known first, start date, id) order. */
  startRank: Uint32Array;
  /** Rank in (price known first, price, id) order. */
  priceRank: Uint32Array;
  /** YYYYMMDD; 0 unknown. */
  startDay: Int32Array;
  /** Cents; NaN unknown. */
  priceCents: Float64Array;
  /** Degrees; NaN unknown. */
  latitude: Float64Array;
  longitude: Float64Array;
  region: Uint32Array;
  departement: Uint32Array;
  modality: Uint8Array;
  recruitment: Uint8Array;
  /** 1 eligible, 0 not, -1 unknown. */
  cpfEligible: Int8Array;
  /** 1 when the action describes arrangements for disabled people. */
  disabledAccess: Uint8Array;
  /** 1 entries and exits all year round, 0 fixed dates, -1 unknown. */
  permanentEntry: Int8Array;
  /** Funder codes of the action as a mask: bit n = LHEO code-financeur n (src/domain/funders.ts). */
  funders: Uint32Array;
  // Formations.
  formationCount: number;
  formationRowid: Int32Array;
  /** Sessions of formation f: sessionStart[f] … sessionStart[f + 1] - 1. */
  sessionStart: Uint32Array;
  certification: Uint32Array;
  /** European level 1…8; 0 unknown. */
  exitLevel: Uint8Array;
  formacodes: Csr;
  romeCodes: Csr;
  dictionaries: { region: Dictionary; departement: Dictionary; certification: Dictionary; formacode: Dictionary; rome: Dictionary };
  // Words: terms sorted; postings of term t are formations[postingStart[t] …], each with its
  // column-weighted, length-normalised term frequency (bm25 without the idf).
  terms: string[];
  termIds: Map<string, number>;
  postingStart: Uint32Array;
  postingFormation: Uint32Array;
  postingWeight: Float32Array;
}

/** "YYYY-MM-DD…" → YYYYMMDD; 0 when absent or malformed. */
export function dayNumber(date: string | null | undefined): number {
  if (!date || date.length < 10 || date[4] !== '-' || date[7] !== '-') return 0;
  const n = Number(date.slice(0, 4)) * 10000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
  return Number.isFinite(n) ? n : 0;
}

const TOKEN_SEPARATOR = /[^\p{L}\p{N}\p{M}]+/u;

const WORD_CHARACTER = /[\p{L}\p{N}\p{M}]/u;
const wordCodes = new Int8Array(65536); // 1 word character, -1 not, 0 not yet known

/** Whether a UTF-16 code unit belongs to a word (letters, digits, marks; surrogates: astral letters, kept). */
function isWordCode(code: number): boolean {
  let known = wordCodes[code]!;
  if (known === 0) {
    known = (code >= 0xd800 && code <= 0xdfff) || WORD_CHARACTER.test(String.fromCharCode(code)) ? 1 : -1;
    wordCodes[code] = known;
  }
  return known === 1;
}

/** Folded term ids of raw words, cached (a catalogue repeats a few thousand words millions of times); -1: a stop word. */
class Terms {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly ofRaw = new Map<string, Int32Array>();
  /** Term ids of one raw word (usually one; folding may split it), stop words as -1. */
  of(raw: string): Int32Array {
    let ids = this.ofRaw.get(raw);
    if (ids === undefined) {
      const parts = fold(raw).split(TOKEN_SEPARATOR).filter(Boolean);
      ids = Int32Array.from(parts, (part) => {
        if (STOP_WORDS.has(part)) return -1;
        let id = this.ids.get(part);
        if (id === undefined) {
          id = this.names.length;
          this.ids.set(part, id);
          this.names.push(part);
        }
        return id;
      });
      this.ofRaw.set(raw, ids);
    }
    return ids;
  }
}

/** A growable column of unsigned integers. */
class Growable {
  array = new Uint32Array(1 << 16);
  length = 0;
  push(value: number): void {
    if (this.length === this.array.length) {
      const bigger = new Uint32Array(this.array.length * 2);
      bigger.set(this.array);
      this.array = bigger;
    }
    this.array[this.length++] = value;
  }
}

// Term frequencies per column, packed in one integer per posting: title 10 bits, descriptions 12, places 10.
const TF_LIMITS = [1023, 4095, 1023] as const;
const TF_SHIFTS = [0, 10, 22] as const;

function csrOf(lists: number[][]): Csr {
  const offsets = new Uint32Array(lists.length + 1);
  let total = 0;
  lists.forEach((list, i) => {
    offsets[i] = total;
    total += list.length;
  });
  offsets[lists.length] = total;
  const values = new Uint32Array(total);
  lists.forEach((list, i) => values.set(list, offsets[i]!));
  return { offsets, values };
}

/** Builds the index from every formation and session of the catalogue (any order). */
export function buildSearchIndex(formationRows: Iterable<FormationRow>, sessionRows: Iterable<SessionRow>): SearchIndex {
  const dictionaries = {
    region: new Dictionary(),
    departement: new Dictionary(),
    certification: new Dictionary(),
    formacode: new Dictionary(),
    rome: new Dictionary(),
  };
  const formations = [...formationRows].sort((a, b) => a.id - b.id);
  const ordinalOf = new Map<number, number>(formations.map((f, i) => [f.id, i]));
  const formationCount = formations.length;

  // Words: one posting (term, formation, packed term frequencies) per distinct term of a formation.
  const vocabulary = new Terms();
  const postingTerms = new Growable();
  const postingFormations = new Growable();
  const postingTfs = new Growable();
  const lengths = new Float64Array(formationCount * 3);
  const columnTotals = [0, 0, 0];
  let packed = new Uint32Array(1024); // per term id, this formation's packed frequencies
  const touched: number[] = [];
  formations.forEach((f, ordinal) => {
    const texts = [f.title, f.description, f.places];
    for (let column = 0; column < 3; column++) {
      let length = 0;
      const text = texts[column] ?? '';
      for (let end = 0, start = 0; end <= text.length; end++) {
        // A hand-rolled split on non-word characters: the regex split was the build's slowest step.
        if (end < text.length && isWordCode(text.charCodeAt(end))) continue;
        if (end === start) {
          start = end + 1;
          continue;
        }
        const raw = text.slice(start, end);
        start = end + 1;
        for (const id of vocabulary.of(raw)) {
          length += 1;
          if (id < 0) continue;
          if (id >= packed.length) {
            const bigger = new Uint32Array(Math.max(packed.length * 2, id + 1));
            bigger.set(packed);
            packed = bigger;
          }
          const value = packed[id]!;
          if (value === 0) touched.push(id);
          const tf = (value >>> TF_SHIFTS[column]!) & TF_LIMITS[column]!;
          if (tf < TF_LIMITS[column]!) packed[id] = value + (1 << TF_SHIFTS[column]!);
        }
      }
      lengths[ordinal * 3 + column] = length;
      columnTotals[column]! += length;
    }
    for (const id of touched) {
      postingTerms.push(id);
      postingFormations.push(ordinal);
      postingTfs.push(packed[id]!);
      packed[id] = 0;
    }
    touched.length = 0;
  });
  const averages = columnTotals.map((total) => (formationCount > 0 ? Math.max(total / formationCount, 1e-9) : 1));

  // Terms sorted (prefix ranges by binary search); postings grouped by term, formations ascending.
  const names = vocabulary.names;
  const order = names.map((_, i) => i).sort((a, b) => (names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : 0));
  const terms = order.map((i) => names[i]!);
  const sortedOf = new Uint32Array(names.length);
  order.forEach((old, t) => (sortedOf[old] = t));
  const postingStart = new Uint32Array(terms.length + 1);
  for (let p = 0; p < postingTerms.length; p++) postingStart[sortedOf[postingTerms.array[p]!]! + 1]! += 1;
  for (let t = 0; t < terms.length; t++) postingStart[t + 1]! += postingStart[t]!;
  const next = postingStart.slice(0, terms.length);
  const postingFormation = new Uint32Array(postingTerms.length);
  const postingWeight = new Float32Array(postingTerms.length);
  for (let p = 0; p < postingTerms.length; p++) {
    const at = next[sortedOf[postingTerms.array[p]!]!]!++;
    const f = postingFormations.array[p]!;
    const tfs = postingTfs.array[p]!;
    postingFormation[at] = f;
    let weight = 0;
    for (let column = 0; column < 3; column++) {
      const tf = (tfs >>> TF_SHIFTS[column]!) & TF_LIMITS[column]!;
      if (tf === 0) continue;
      const norm = K1 * (1 - B + (B * lengths[f * 3 + column]!) / averages[column]!);
      weight += (COLUMN_WEIGHTS[column]! * (tf * (K1 + 1))) / (tf + norm);
    }
    postingWeight[at] = weight;
  }

  // Formation attributes.
  const formationRowid = new Int32Array(formationCount);
  const certification = new Uint32Array(formationCount);
  const exitLevel = new Uint8Array(formationCount);
  const formacodeLists: number[][] = [];
  const romeLists: number[][] = [];
  formations.forEach((f, i) => {
    formationRowid[i] = f.id;
    certification[i] = dictionaries.certification.code(f.certificationCode);
    exitLevel[i] = f.exitLevel != null && f.exitLevel >= 1 && f.exitLevel <= 8 ? f.exitLevel : 0;
    formacodeLists.push([...new Set(f.formacodes.map((c) => dictionaries.formacode.code(c)))].filter((c) => c > 0));
    romeLists.push([...new Set(f.romeCodes.map((c) => dictionaries.rome.code(c)))].filter((c) => c > 0));
  });

  // Sessions, grouped by formation (a stable counting sort: ids stay in input order within a formation).
  const input = [...sessionRows];
  const inputOrdinal = Int32Array.from(input, (s) => ordinalOf.get(s.formationId) ?? -1);
  const sessionStart = new Uint32Array(formationCount + 1);
  for (const ordinal of inputOrdinal) if (ordinal >= 0) sessionStart[ordinal + 1]! += 1;
  for (let i = 0; i < formationCount; i++) sessionStart[i + 1]! += sessionStart[i]!;
  const n = sessionStart[formationCount]!;
  const sessions: SessionRow[] = new Array<SessionRow>(n);
  const inputPosition = new Uint32Array(n);
  const fill = sessionStart.slice(0, formationCount);
  input.forEach((s, i) => {
    const ordinal = inputOrdinal[i]!;
    if (ordinal < 0) return;
    const at = fill[ordinal]!++;
    sessions[at] = s;
    inputPosition[at] = i;
  });
  const byId = (a: SessionRow, b: SessionRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const inputSortedById = input.every((s, i) => i === 0 || input[i - 1]!.id < s.id);
  const sessionFormation = new Uint32Array(n);
  const startDay = new Int32Array(n);
  const priceCents = new Float64Array(n);
  const latitude = new Float64Array(n);
  const longitude = new Float64Array(n);
  const region = new Uint32Array(n);
  const departement = new Uint32Array(n);
  const modality = new Uint8Array(n);
  const recruitment = new Uint8Array(n);
  const cpfEligible = new Int8Array(n);
  const disabledAccess = new Uint8Array(n);
  const permanentEntry = new Int8Array(n);
  const funders = new Uint32Array(n);
  const masks = new Map<readonly string[], number>(); // sessions of one action share its list
  for (let f = 0; f < formationCount; f++) sessionFormation.fill(f, sessionStart[f]!, sessionStart[f + 1]!);
  sessions.forEach((s, i) => {
    startDay[i] = dayNumber(s.startDate);
    priceCents[i] = s.priceCents ?? NaN;
    latitude[i] = s.latitude ?? NaN;
    longitude[i] = s.longitude ?? NaN;
    region[i] = dictionaries.region.code(s.region);
    departement[i] = dictionaries.departement.code(s.departement);
    modality[i] = Math.max(0, MODALITIES.indexOf(s.modality));
    recruitment[i] = Math.max(0, RECRUITMENT.indexOf(s.recruitment));
    cpfEligible[i] = s.cpfEligible === null ? -1 : s.cpfEligible ? 1 : 0;
    disabledAccess[i] = s.disabledAccess ? 1 : 0;
    permanentEntry[i] = s.permanentEntry === null ? -1 : s.permanentEntry ? 1 : 0;
    let mask = masks.get(s.funders);
    if (mask === undefined) masks.set(s.funders, (mask = funderMask(s.funders)));
    funders[i] = mask;
  });

  const ranks = (compare: (a: number, b: number) => number): Uint32Array => {
    const ordinals = Array.from({ length: n }, (_, i) => i).sort(compare);
    const rank = new Uint32Array(n);
    ordinals.forEach((s, r) => (rank[s] = r));
    return rank;
  };
  // Input read in id order (as src/db/search-source.ts does) gives the id ranks for free.
  const idRank = inputSortedById ? ranks((a, b) => inputPosition[a]! - inputPosition[b]!) : ranks((a, b) => byId(sessions[a]!, sessions[b]!));
  const UNKNOWN_DAY = 99_999_999;
  const startRank = ranks((a, b) => (startDay[a] || UNKNOWN_DAY) - (startDay[b] || UNKNOWN_DAY) || idRank[a]! - idRank[b]!);
  const priceRank = ranks((a, b) => {
    const pa = priceCents[a]!;
    const pb = priceCents[b]!;
    const known = (Number.isNaN(pa) ? 1 : 0) - (Number.isNaN(pb) ? 1 : 0); // NaN: unknown, last
    return known || (!Number.isNaN(pa) && pa !== pb ? pa - pb : 0) || idRank[a]! - idRank[b]!;
  });

  return {
    sessionCount: n,
    sessionIds: sessions.map((s) => s.id),
    sessionFormation,
    idRank,
    startRank,
    priceRank,
    startDay,
    priceCents,
    latitude,
    longitude,
    region,
    departement,
    modality,
    recruitment,
    cpfEligible,
    disabledAccess,
    permanentEntry,
    funders,
    formationCount,
    formationRowid,
    sessionStart,
    certification,
    exitLevel,
    formacodes: csrOf(formacodeLists),
    romeCodes: csrOf(romeLists),
    dictionaries,
    terms,
    termIds: new Map(terms.map((t, i) => [t, i])),
    postingStart,
    postingFormation,
    postingWeight,
  };
}

type DictionaryName = keyof SearchIndex['dictionaries'];
/** An index as a worker thread posts it: dictionaries as their values, typed arrays transferred (not copied). */
export type PostedIndex = Omit<SearchIndex, 'dictionaries' | 'termIds'> & { dictionaries: Record<DictionaryName, string[]> };

export function transferableIndex(index: SearchIndex): { index: PostedIndex; transfer: ArrayBuffer[] } {
  const { dictionaries, termIds: _, ...rest } = index;
  const posted: PostedIndex = {
    ...rest,
    dictionaries: Object.fromEntries(Object.entries(dictionaries).map(([name, d]) => [name, d.values])) as Record<DictionaryName, string[]>,
  };
  const transfer = new Set<ArrayBuffer>();
  const collect = (value: unknown) => {
    if (ArrayBuffer.isView(value)) transfer.add(value.buffer as ArrayBuffer);
    else if (value && typeof value === 'object' && !Array.isArray(value)) Object.values(value).forEach(collect);
  };
  collect(posted);
  return { index: posted, transfer: [...transfer] };
}

export function receivedIndex(posted: PostedIndex): SearchIndex {
  const dictionaries = Object.fromEntries(
    Object.entries(posted.dictionaries).map(([name, values]) => [name, Dictionary.of(values)]),
  ) as SearchIndex['dictionaries'];
  return { ...posted, dictionaries, termIds: new Map(posted.terms.map((t, i) => [t, i])) };
}
