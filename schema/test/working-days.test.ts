import { describe, expect, it } from 'vitest';
import { addWorkingDays, easterSunday, frenchPublicHolidays, isWorkingDay, workingDaysBetween } from '../src/working-days.ts';

describe('French working days (Code du travail L3133-1)', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
  ])('Easter Sunday %i is %s', (year, day) => expect(easterSunday(year)).toBe(day));

  it('2026 has the eleven public holidays, movable ones from Easter (5 April)', () => {
    expect(frenchPublicHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  it.each([
    ['2026-11-25', true, 'a Wednesday'],
    ['2026-11-28', false, 'a Saturday'],
    ['2026-11-29', false, 'a Sunday'],
    ['2026-11-11', false, 'Armistice, a Wednesday'],
    ['2026-05-14', false, 'Ascension'],
    ['2026-05-25', false, 'Whit Monday'],
    ['2026-12-24', true, 'Christmas Eve is worked'],
  ])('%s is a working day: %s (%s)', (day, expected) => expect(isWorkingDay(day)).toBe(expected));

  it.each([
    // from, count, expected, why
    ['2026-11-25', 2, '2026-11-27', 'Wednesday + 2 = Friday'],
    ['2026-11-26', 2, '2026-11-30', 'Thursday + 2 skips the weekend'],
    ['2026-11-25', 4, '2026-12-01', 'Wednesday + 4 = next Tuesday'],
    ['2026-11-25', 10, '2026-12-09', '10 working days: two weeks'],
    ['2026-11-25', 11, '2026-12-10', '11 working days'],
    ['2026-12-23', 2, '2026-12-28', 'Christmas Day is skipped'],
    ['2026-11-10', 1, '2026-11-12', '11 November is skipped'],
    ['2026-11-25', 0, '2026-11-25', 'zero days is the same day'],
  ])('%s + %i working days = %s (%s)', (from, count, expected) => expect(addWorkingDays(from, count)).toBe(expected));

  it('counts back what it adds', () => {
    for (const n of [1, 2, 4, 10, 11, 30]) expect(workingDaysBetween('2026-11-25', addWorkingDays('2026-11-25', n))).toBe(n);
  });
});
