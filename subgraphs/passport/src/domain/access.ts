// Who may read what of a person (L6323-8 II: the passport is the holder's; others see it only
// with the holder's consent, for the consented scopes, until it expires or is revoked).
import { ACCESS_SCOPES, type AccessScope, type Viewer } from '@formations/schema/auth';
import type { Consent } from './types.ts';

export function isHolder(viewer: Viewer | null, personId: string): boolean {
  return viewer?.role === 'holder' && viewer.sub === personId;
}

export function isLive(consent: Pick<Consent, 'expiresAt' | 'revokedAt'>, now: Date): boolean {
  return consent.revokedAt === null && Date.parse(consent.expiresAt) > now.getTime();
}

/** The scopes `viewer` holds on `personId`: all for the holder, the live consents' otherwise. */
export function scopesOf(viewer: Viewer | null, personId: string, consents: readonly Consent[], now: Date): AccessScope[] {
  if (!viewer) return [];
  if (isHolder(viewer, personId)) return [...ACCESS_SCOPES];
  const granted = new Set<AccessScope>();
  for (const consent of consents) {
    if (consent.personId === personId && consent.viewerSub === viewer.sub && isLive(consent, now)) {
      for (const scope of consent.scopes) granted.add(scope);
    }
  }
  return ACCESS_SCOPES.filter((scope) => granted.has(scope));
}

/**
 * The flat Person fields other subgraphs @require, and the scopes (besides `passport`) whose
 * computation needs them: a viewer consented only `rights` still gets a CPF quote, which needs
 * the status. Every other Person field needs the `passport` scope.
 */
export const REQUIRED_FIELD_SCOPES = {
  status: ['rights', 'funding'],
  hasDrivingLicence: ['rights', 'funding'],
  qualificationLevel: ['funding'],
  homeRegion: ['funding'],
  homeDepartement: ['funding'],
  employerSiret: ['funding'],
  employerIdcc: ['funding'],
  targetRomeCodes: ['recommendations'],
  competenceCodes: ['recommendations'],
  homeLatitude: ['recommendations'],
  homeLongitude: ['recommendations'],
} as const satisfies Record<string, readonly AccessScope[]>;

export type RequiredField = keyof typeof REQUIRED_FIELD_SCOPES;

/** Whether someone holding `scopes` may read `field` (a passport field unless listed above). */
export function mayRead(scopes: readonly AccessScope[], field: RequiredField | 'passport'): boolean {
  if (scopes.includes('passport')) return true;
  if (field === 'passport') return false;
  return REQUIRED_FIELD_SCOPES[field].some((scope) => scopes.includes(scope));
}
