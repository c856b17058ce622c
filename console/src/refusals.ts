// The API explains its refusals in English, for developers; the console says them in French to the
// holder and the adviser. Each pattern is a message of the dossiers subgraph (subgraphs/dossiers/src)
// or of the access checks (schema/src/auth.ts); test/dossiers.test.ts asks the running API for each
// refusal and checks that it is recognised here.
import { formatCents, formatDate } from './format.ts';
import { stateWords } from './dossier-words.ts';

const day = (iso: string) => formatDate(iso);
const cents = (text: string) => formatCents(Number(text));

const FRENCH: [RegExp, (m: RegExpMatchArray) => string][] = [
  [
    /requestDossier is impossible: the session starts on (\d{4}-\d\d-\d\d), before (\d{4}-\d\d-\d\d)/,
    (m) =>
      `Demande impossible : la session commence le ${day(m[1]!)}, or une commande CPF doit être faite au moins 11 jours ouvrés avant l’entrée en formation (une session commençant le ${day(m[2]!)} au plus tôt). Choisissez une session plus tardive.`,
  ],
  [
    /requestDossier is impossible: (\d+) requests on action \S+ are already open/,
    (m) =>
      `Demande impossible : ${m[1]} demandes sont déjà en cours pour cette action de formation (5 au plus). Attendez une réponse de l’organisme ou annulez l’une d’elles.`,
  ],
  [
    /(\w+) is impossible: the dossier is (\w+)/,
    (m) => `Cette étape n’est plus possible : le dossier est « ${stateWords(m[2]!)} ». Une autre partie a agi ou un délai est passé entre-temps.`,
  ],
  [/(\w+) is impossible: there is no dossier yet/, () => 'Cette étape n’est pas possible : le dossier n’existe pas encore.'],
  [/\w+ is for (.+), not (\w+)$/, () => 'Cette étape ne vous revient pas : elle est faite par une autre partie du dossier.'],
  [
    /not a party to this dossier/,
    () =>
      'Vous n’êtes pas partie à ce dossier : seuls le titulaire, l’organisme, le prescripteur qui l’a proposé (avec le consentement du titulaire) et l’opérateur y ont accès.',
  ],
  [/only the holder requests a dossier/, () => 'Seul le titulaire demande un dossier : connectez-vous avec son compte.'],
  [/only a prescriber positions/, () => 'Seul un prescripteur habilité propose une session à une personne.'],
  [
    /a CEP adviser takes no part in dossiers/,
    () => 'Un conseiller CEP conseille mais n’agit pas sur les dossiers : le prescripteur propose une session, le titulaire la demande.',
  ],
  [
    /the plan adds up to (\d+) cents, not the session's price of (\d+)/,
    (m) => `Le plan de financement fait ${cents(m[1]!)} et non le prix de la session (${cents(m[2]!)}) : rechargez la page pour le recalculer.`,
  ],
  [/the session has no known price/, () => 'La session n’a pas de prix connu : aucun plan de financement ne peut être enregistré.'],
  [/needs the funding plan the holder saw/, () => 'Le plan de financement manque : rechargez la page pour le calculer.'],
  [/needs a reason code/, () => 'Un motif est nécessaire pour cette étape.'],
  [/no session (\S+) in the catalogue/, (m) => `Le catalogue ne connaît pas la session « ${m[1]} ».`],
  [/no dossier (\S+)/, (m) => `Aucun dossier « ${m[1]} ».`],
  [
    /idempotency key .* was already used for another request/,
    () => 'Cette demande a déjà été envoyée avec d’autres données : rechargez la page avant de recommencer.',
  ],
  [/not allowed to read (.+) of this person/, () => 'La personne ne vous a pas donné son consentement pour ses financements (ou il a expiré) : l’API refuse.'],
  [/authentication required|sign in to/, () => 'Connectez-vous pour faire cette étape.'],
];

/** The refusal in French when the console knows the message, else null. */
export function knownRefusal(message: string): string | null {
  for (const [pattern, say] of FRENCH) {
    const m = message.match(pattern);
    if (m) return say(m);
  }
  return null;
}

/** A refusal of the API in French (a general sentence for a message the console does not know); the API's own words stay available beside it. */
export function inFrench(message: string, code?: string): string {
  const known = knownRefusal(message);
  if (known) return known;
  if (code === 'FORBIDDEN') return 'L’API refuse : cette action ne vous est pas permise.';
  if (code === 'BAD_USER_INPUT') return 'L’API refuse cette demande telle qu’elle est.';
  return 'La demande n’a pas abouti.';
}
