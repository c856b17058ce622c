// The passport as a printable CV page: one self-contained HTML document (inline print CSS, no
// script, no image, no external resource; a CSP forbids loading any), every value escaped.
// Each item says where it comes from: "garanti" (sent by its issuer) or "déclaré" (by the holder).
import type { CertificationRow, ExperienceRow, JobRow, PersonCompetenceRow } from '../db/store.ts';

export interface CvData {
  givenName: string;
  familyName: string;
  homeName: string | null;
  homePostalCode: string | null;
  targetJobs: readonly JobRow[];
  certifications: readonly CertificationRow[];
  experiences: readonly ExperienceRow[];
  competences: readonly PersonCompetenceRow[];
  /** ROME labels of the experiences' jobs, by code. */
  jobLabels: ReadonlyMap<string, string>;
  generatedOn: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(value: string | number | null | undefined): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (ch) => ESCAPES[ch] ?? ch);
}

const frDate = (iso: string | null) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');

const badge = (provenance: string) =>
  provenance === 'GUARANTEED'
    ? '<span class="badge guaranteed" title="Transmis par l’émetteur, non modifiable par le titulaire">garanti</span>'
    : '<span class="badge declared" title="Déclaré par le titulaire">déclaré</span>';

const STYLE = `
  @page { size: A4; margin: 16mm 15mm; }
  * { box-sizing: border-box; }
  body { font-family: "Helvetica Neue", Arial, sans-serif; font-size: 10.5pt; line-height: 1.4; color: #1a1a1a; margin: 0 auto; max-width: 190mm; padding: 12mm 0; }
  header { border-bottom: 2px solid #000091; margin-bottom: 6mm; padding-bottom: 3mm; }
  h1 { font-size: 20pt; margin: 0; color: #000091; }
  h2 { font-size: 12pt; text-transform: uppercase; letter-spacing: .05em; color: #000091; border-bottom: 1px solid #ccc; margin: 6mm 0 2mm; padding-bottom: 1mm; }
  h3 { font-size: 10.5pt; margin: 0; }
  p { margin: 0; }
  ul { margin: 0; padding-left: 0; list-style: none; }
  li { margin: 0 0 2.5mm; break-inside: avoid; page-break-inside: avoid; }
  .meta { color: #555; font-size: 9.5pt; }
  .badge { display: inline-block; font-size: 8pt; padding: 0 1.5mm; border-radius: 1mm; border: 1px solid; margin-left: 1.5mm; vertical-align: middle; }
  .guaranteed { color: #18753c; border-color: #18753c; }
  .declared { color: #666; border-color: #999; }
  .columns { columns: 2; column-gap: 8mm; }
  .columns li { margin-bottom: 1mm; }
  footer { margin-top: 8mm; font-size: 8.5pt; color: #666; border-top: 1px solid #ccc; padding-top: 2mm; }
  @media print { body { padding: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
`;

function section(title: string, items: string[], empty: string, className = ''): string {
  const body = items.length > 0 ? `<ul${className ? ` class="${className}"` : ''}>${items.join('')}</ul>` : `<p class="meta">${escapeHtml(empty)}</p>`;
  return `<section><h2>${escapeHtml(title)}</h2>${body}</section>`;
}

export function cvHtml(d: CvData): string {
  const name = `${d.givenName} ${d.familyName}`;
  const home = [d.homePostalCode, d.homeName].filter(Boolean).join(' ');
  const certifications = d.certifications.map((c) => {
    const details = [
      c.code,
      c.level !== null ? `niveau ${c.level}` : null,
      c.obtainedOn ? `obtenu le ${frDate(c.obtainedOn)}` : null,
      c.mention ? `mention ${c.mention}` : null,
      c.validUntil ? `valable jusqu’au ${frDate(c.validUntil)}` : null,
      c.issuerName ? `délivré par ${c.issuerName}` : null,
    ].filter((x): x is string => x !== null);
    return `<li><h3>${escapeHtml(c.title)}${badge(c.provenance)}</h3><p class="meta">${details.map(escapeHtml).join(' · ')}</p></li>`;
  });
  const experiences = d.experiences.map((e) => {
    const period = `${frDate(e.startDate)} – ${e.endDate ? frDate(e.endDate) : 'aujourd’hui'}`;
    const job = e.romeCode ? d.jobLabels.get(e.romeCode) : undefined;
    const details = [period, e.employer, job ? `${job} (ROME ${e.romeCode})` : null].filter((x): x is string => !!x);
    return `<li><h3>${escapeHtml(e.jobTitle)}${badge(e.provenance)}</h3><p class="meta">${details.map(escapeHtml).join(' · ')}</p></li>`;
  });
  const byCategory = (category: string) =>
    d.competences.filter((c) => c.category === category).map((c) => `<li>${escapeHtml(c.label)}${badge(c.provenance)}</li>`);
  const targets = d.targetJobs.map((j) => escapeHtml(`${j.label} (${j.code})`)).join(', ');

  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`CV — ${name}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(name)}</h1>
${home ? `<p class="meta">${escapeHtml(home)}</p>` : ''}
${targets ? `<p>Métier${d.targetJobs.length > 1 ? 's' : ''} visé${d.targetJobs.length > 1 ? 's' : ''} : ${targets}</p>` : ''}
</header>
${section('Certifications et diplômes', certifications, 'Aucune certification enregistrée.')}
${section('Expériences professionnelles', experiences, 'Aucune expérience enregistrée.')}
${section('Savoir-faire', byCategory('SAVOIR_FAIRE'), 'Aucun savoir-faire enregistré.', 'columns')}
${section('Savoir-être professionnels', byCategory('SAVOIR_ETRE_PROFESSIONNEL'), 'Aucun savoir-être enregistré.', 'columns')}
<footer>Extrait du Passeport de compétences le ${escapeHtml(frDate(d.generatedOn))}. « garanti » : transmis par le certificateur ou l’employeur, non modifiable par le titulaire ; « déclaré » : saisi par le titulaire. Compétences : référentiel ROME 4.0 (France Travail).</footer>
</body>
</html>
`;
}
