import { describe, expect, it } from 'vitest';
import {
  certificationCode,
  displayHtml,
  parseCoordinate,
  parseHours,
  parseLheoDate,
  parseModalite,
  parseNbPlaces,
  parsePriceCents,
  plainText,
} from '../src/lheo/values.ts';
import { cpfEligibility } from '../src/lheo/formation.ts';

describe('parsePriceCents', () => {
  it.each([
    ['1234.50', 123450],
    ['1234,5', 123450],
    ['1 234,50', 123450],
    ['0', 0],
    ['7000', 700000],
    ['12.3 €', 1230],
    ['-', null],
    ['', null],
    ['99999999999.99', 9999999999999],
  ])('%j → %j cents', (raw, cents) => {
    expect(parsePriceCents(raw)).toEqual({ ok: true, value: cents });
  });

  it.each(['gratuit', '12.345', '-5', '1.2.3', '1e3'])('rejects %j', (raw) => {
    expect(parsePriceCents(raw).ok).toBe(false);
  });
});

describe('parseLheoDate', () => {
  it.each([
    ['20270104', '2027-01-04'],
    ['2027-01-04', '2027-01-04'],
    ['00000000', null],
    ['99999999', null],
    ['-', null],
    [null, null],
  ])('%j → %j', (raw, iso) => {
    expect(parseLheoDate(raw)).toEqual({ ok: true, value: iso });
  });

  it.each(['20261345', '20270230', '2027014', 'demain'])('rejects %j', (raw) => {
    expect(parseLheoDate(raw).ok).toBe(false);
  });
});

describe('other fields', () => {
  it.each([
    [parseHours('35'), 35],
    [parseHours('35,5'), 36],
    [parseCoordinate('47.2', 'latitude'), 47.2],
    [parseCoordinate('-1,55', 'longitude'), -1.55],
    // LHEO dict-modalites-enseignement: 0 entièrement présentielle, 1 mixte, 2 entièrement à distance.
    [parseModalite('0'), 'PRESENTIEL'],
    [parseModalite('1'), 'MIXTE'],
    [parseModalite('2'), 'DISTANCE'],
    [parseNbPlaces('12'), 12],
    [parseNbPlaces('0'), 0],
    [parseNbPlaces('-'), null],
    [certificationCode('RNCP', '474'), 'RNCP474'],
    [certificationCode('RNCP', 'RNCP37674'), 'RNCP37674'],
    [certificationCode('RS', 'rs5080'), 'RS5080'],
  ])('%j → %j', (parsed, value) => {
    expect(parsed).toEqual({ ok: true, value });
  });

  it.each([
    parseHours('beaucoup'),
    parseCoordinate('95', 'latitude'),
    parseModalite('3'),
    parseNbPlaces('douze'),
    parseNbPlaces('-3'),
    certificationCode('RS', 'RNCP12'),
  ])('rejects %j', (parsed) => {
    expect(parsed.ok).toBe(false);
  });
});

describe('HTML in texts', () => {
  const html =
    '<p onclick="x()">Découvrir <b>la cuisine</b><script>alert(1)</script><a href="javascript:evil()">lien</a> &amp; p&acirc;tisserie</p><ul><li>un</li><li>deux</li></ul>';

  it('keeps formatting, drops scripts, handlers and unsafe links for display', () => {
    expect(displayHtml(html)).toBe('<p>Découvrir <b>la cuisine</b><a rel="noopener nofollow">lien</a> &amp; pâtisserie</p><ul><li>un</li><li>deux</li></ul>');
  });

  it('gives plain text for search', () => {
    // Inline tags join their words, as a browser would show them.
    expect(plainText(html)).toBe('Découvrir la cuisinelien & pâtisserie un deux');
    expect(plainText('-')).toBeNull();
    expect(plainText('Saut<br/>de ligne')).toBe('Saut de ligne');
  });
});

describe('cpfEligibility', () => {
  it.each([
    [[{ group: 'eligibilite-cpf', key: 'eligible', value: '1' }], true],
    [[{ group: 'eligibilite-cpf', key: 'eligible', value: 'non' }], false],
    [[{ group: 'autre', key: 'eligible', value: '1' }], null],
    [[], null],
  ])('%j → %s', (extras, eligible) => {
    expect(cpfEligibility(extras)).toBe(eligible);
  });
});
