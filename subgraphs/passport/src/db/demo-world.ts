// The demo world shared by every subgraph's seed (docs/federation-contract.md). Competences are
// real ROME 4.0 code_ogr taken from the competences of the jobs each person held.
import type { AccessScope } from '@formations/schema/auth';
import type { CertificationKind, HolderStatus, Provenance } from '../domain/types.ts';

export interface DemoPerson {
  id: string;
  givenName: string;
  familyName: string;
  /** Fictitious, for the demo: shows the NIR is stored yet never served. */
  nir: string;
  /** Fictitious, consistent with the NIR (year and month); certifiers' feeds are matched on it. */
  birthDate: string;
  status: HolderStatus;
  educationLevel: number;
  home: { inseeCode: string; name: string; postalCode: string; departement: string; region: string; latitude: number; longitude: number };
  employerSiret: string | null;
  employerIdcc: string | null;
  hasDrivingLicence: boolean;
  targetRomeCodes: string[];
  competences: { code: string; provenance: Provenance }[];
  certifications: { code: string; kind: CertificationKind; title: string; level: number | null; obtainedOn: string; provenance: Provenance }[];
  experiences: { jobTitle: string; romeCode: string; employer: string; startDate: string; endDate: string | null; provenance: Provenance }[];
}

export const DEMO_PERSONS: DemoPerson[] = [
  {
    id: 'camille-martin',
    givenName: 'Camille',
    familyName: 'Martin',
    nir: '295038519104265',
    birthDate: '1995-03-12',
    status: 'JOB_SEEKER',
    educationLevel: 3,
    home: { inseeCode: '85191', name: 'La Roche-sur-Yon', postalCode: '85000', departement: '85', region: '52', latitude: 46.6705, longitude: -1.426 },
    employerSiret: null,
    employerIdcc: null,
    hasDrivingLicence: false,
    targetRomeCodes: ['N1103', 'N1101'],
    // D1507 Employé / Employée de rayon libre-service
    competences: [
      { code: '117468', provenance: 'GUARANTEED' }, // Réaliser la mise en rayon
      { code: '300303', provenance: 'GUARANTEED' }, // Procéder à l'encaissement
      { code: '104174', provenance: 'GUARANTEED' }, // Accueillir, orienter et renseigner un client
      { code: '117469', provenance: 'DECLARED' }, // Réaliser le réassort
      { code: '116932', provenance: 'DECLARED' }, // Assurer le suivi des stocks en temps réel
      { code: '300259', provenance: 'DECLARED' }, // Participer à un inventaire
      { code: '300263', provenance: 'DECLARED' }, // Réceptionner des produits… vérifier la conformité d'une livraison
      { code: '102912', provenance: 'DECLARED' }, // Réaliser l'étiquetage de produits
      { code: '505684', provenance: 'DECLARED' }, // Surveiller les dates de péremption…
      { code: '300483', provenance: 'DECLARED' }, // Organiser son travail selon les priorités et les objectifs
      { code: '300490', provenance: 'DECLARED' }, // Faire preuve de rigueur et de précision
    ],
    certifications: [
      { code: 'RNCP34948', kind: 'RNCP', title: 'CAP Équipier polyvalent du commerce', level: 3, obtainedOn: '2016-07-06', provenance: 'GUARANTEED' },
    ],
    experiences: [
      {
        jobTitle: 'Employée de libre-service',
        romeCode: 'D1507',
        employer: 'Supermarché, La Roche-sur-Yon',
        startDate: '2016-09-01',
        endDate: '2025-03-31',
        provenance: 'GUARANTEED',
      },
    ],
  },
  {
    id: 'karim-benali',
    givenName: 'Karim',
    familyName: 'Benali',
    nir: '190076938312847',
    birthDate: '1990-07-24',
    status: 'EMPLOYEE',
    educationLevel: 5,
    home: { inseeCode: '69383', name: 'Lyon 3e Arrondissement', postalCode: '69003', departement: '69', region: '84', latitude: 45.7597, longitude: 4.8422 },
    employerSiret: '41816609600069',
    employerIdcc: '1486',
    hasDrivingLicence: true,
    targetRomeCodes: ['M1805'],
    // M1810 Technicien / Technicienne d'exploitation informatique
    competences: [
      { code: '109971', provenance: 'DECLARED' }, // Diagnostiquer la nature et l'origine des incidents…
      { code: '109979', provenance: 'DECLARED' }, // Surveiller le fonctionnement d'applicatifs et logiciels
      { code: '113831', provenance: 'DECLARED' }, // Gérer un parc informatique
      { code: '115552', provenance: 'DECLARED' }, // Gérer les droits d'accès des utilisateurs
      { code: '484478', provenance: 'DECLARED' }, // Développer des scripts pour automatiser les tâches
      { code: '300203', provenance: 'GUARANTEED' }, // Gérer une base de données numériques
      { code: '501946', provenance: 'DECLARED' }, // Mettre en place des solutions de sauvegarde…
      { code: '300460', provenance: 'DECLARED' }, // Faire preuve d'autonomie
      { code: '300490', provenance: 'DECLARED' }, // Faire preuve de rigueur et de précision
    ],
    certifications: [
      {
        code: 'RNCP35340',
        kind: 'RNCP',
        title: 'BTS Services informatiques aux organisations, option solutions logicielles et applications métiers',
        level: 5,
        obtainedOn: '2017-07-05',
        provenance: 'GUARANTEED',
      },
      {
        code: 'RS6962',
        kind: 'RS',
        title: 'Programmer et automatiser des tâches avec Python (Tosa)',
        level: null,
        obtainedOn: '2023-11-20',
        provenance: 'DECLARED',
      },
    ],
    experiences: [
      {
        jobTitle: "Technicien d'exploitation informatique",
        romeCode: 'M1810',
        employer: 'Entreprise de services du numérique, Lyon',
        startDate: '2017-09-01',
        endDate: null,
        provenance: 'GUARANTEED',
      },
    ],
  },
  {
    id: 'lucie-moreau',
    givenName: 'Lucie',
    familyName: 'Moreau',
    nir: '287055951204518',
    birthDate: '1987-05-09',
    status: 'EMPLOYEE',
    educationLevel: 2,
    home: { inseeCode: '59512', name: 'Roubaix', postalCode: '59100', departement: '59', region: '32', latitude: 50.6942, longitude: 3.1746 },
    employerSiret: null,
    employerIdcc: '2264',
    hasDrivingLicence: false,
    targetRomeCodes: ['J1501'],
    // J1301 Agent / Agente de service hospitalier (ASH)
    competences: [
      { code: '104160', provenance: 'DECLARED' }, // Changer les draps, refaire le lit…
      { code: '126384', provenance: 'DECLARED' }, // Nettoyer, désinfecter et ranger la chambre…
      { code: '107663', provenance: 'DECLARED' }, // Distribuer les repas et collations au patient/résident…
      { code: '404219', provenance: 'DECLARED' }, // Respecter les protocoles de nettoyage et de désinfection
      { code: '400815', provenance: 'DECLARED' }, // Appliquer les principes du bio-nettoyage
      { code: '489977', provenance: 'DECLARED' }, // Accompagner les personnes dans les gestes de la vie quotidienne
      { code: '300447', provenance: 'DECLARED' }, // Respecter les règles d'éthique et de déontologie
      { code: '300412', provenance: 'DECLARED' }, // Etre à l'écoute, faire preuve d'empathie
      { code: '300465', provenance: 'DECLARED' }, // Avoir l'esprit d'équipe
      { code: '300490', provenance: 'DECLARED' }, // Faire preuve de rigueur et de précision
    ],
    certifications: [],
    experiences: [
      {
        jobTitle: 'Agente de service hospitalier',
        romeCode: 'J1301',
        employer: 'Clinique, Roubaix',
        startDate: '2019-02-01',
        endDate: null,
        provenance: 'GUARANTEED',
      },
    ],
  },
];

export const DEMO_CONSENTS: { id: string; personId: string; viewerSub: string; scopes: AccessScope[]; grantedAt: string; expiresAt: string }[] = [
  {
    id: 'consent-camille-sophie',
    personId: 'camille-martin',
    viewerSub: 'sophie-adviser',
    scopes: ['passport', 'rights', 'funding', 'recommendations'],
    grantedAt: '2026-01-15T10:00:00.000Z',
    expiresAt: '2027-06-30T23:59:59.000Z',
  },
];
