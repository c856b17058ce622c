// French working days (jours ouvrés): Monday to Friday except the public holidays of the Code du
// travail (L3133-1: 1 Jan, Easter Monday, 1 May, 8 May, Ascension, Whit Monday, 14 Jul, 15 Aug,
// 1 Nov, 11 Nov, 25 Dec). Alsace-Moselle's two extra days are not counted: the delays of Mon
// Compte Formation and France Travail are national. Pure functions on YYYY-MM-DD Paris days.

const DAY_MS = 86_400_000;
const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const toIso = (date: Date) => date.toISOString().slice(0, 10);
export const addDays = (iso: string, days: number) => toIso(new Date(toDate(iso).getTime() + days * DAY_MS));

/** Easter Sunday (Gregorian computus, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const holidaysByYear = new Map<number, ReadonlySet<string>>();

/** The eleven public holidays of L3133-1 in `year`. */
export function frenchPublicHolidays(year: number): string[] {
  const easter = easterSunday(year);
  return [
    `${year}-01-01`,
    addDays(easter, 1), // lundi de Pâques
    `${year}-05-01`,
    `${year}-05-08`,
    addDays(easter, 39), // Ascension
    addDays(easter, 50), // lundi de Pentecôte
    `${year}-07-14`,
    `${year}-08-15`,
    `${year}-11-01`,
    `${year}-11-11`,
    `${year}-12-25`,
  ].sort();
}

export function isWorkingDay(iso: string): boolean {
  const weekday = toDate(iso).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const year = Number(iso.slice(0, 4));
  let holidays = holidaysByYear.get(year);
  if (!holidays) holidaysByYear.set(year, (holidays = new Set(frenchPublicHolidays(year))));
  return !holidays.has(iso);
}

// Funding plans ask for the same few deadlines (today + a funder's delay) for every option of
// every request: each answer is kept, within a bound (walking day by day through Date objects
// was 5 % of the abondements process's CPU per flagship).
const workingDaysAfter = new Map<string, string>();

/** The `count`-th working day after `iso` (the day itself is not counted). */
export function addWorkingDays(iso: string, count: number): string {
  if (!Number.isInteger(count) || count < 0) throw new RangeError('addWorkingDays: count must be a whole number ≥ 0');
  const key = `${iso}+${count}`;
  const known = workingDaysAfter.get(key);
  if (known !== undefined) return known;
  let day = iso;
  for (let left = count; left > 0; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) left -= 1;
  }
  if (workingDaysAfter.size >= 10_000) workingDaysAfter.clear();
  workingDaysAfter.set(key, day);
  return day;
}

/** Working days strictly after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day)) count += 1;
  return count;
}
