// Per-request DataLoaders over the batch queries: one SQL statement per kind of lookup.
import { loader } from '@formations/schema/subgraph';
import type { AccessScope } from '@formations/schema/auth';
import type { PassportContext } from '../context.ts';
import type * as q from '../db/store.ts';
import { readLogOf } from '../db/read-log.ts';
import { isHolder, scopesOf } from '../domain/access.ts';

export const personLoader = (ctx: PassportContext) => loader<string, q.PersonRow | null>(ctx, 'person', (ids) => ctx.store.personsByIds(ids));

const consentLoader = (ctx: PassportContext, viewerSub: string) =>
  loader(ctx, 'consentsToViewer', (ids: readonly string[]) => ctx.store.consentsToViewer(viewerSub, ids));

/** What the request's viewer may read of the person (empty: nothing). */
export async function scopesOnPerson(ctx: PassportContext, personId: string): Promise<AccessScope[]> {
  if (!ctx.viewer) return [];
  if (isHolder(ctx.viewer, personId)) return scopesOf(ctx.viewer, personId, [], ctx.now());
  return scopesOf(ctx.viewer, personId, await consentLoader(ctx, ctx.viewer.sub).load(personId), ctx.now());
}

/**
 * Records that someone other than the holder read the person's data: once per person and
 * request (the loader's cache); resolves once the row is committed (group commit with the
 * other requests of the same event-loop turn, see read-log.ts).
 */
export function logRead(ctx: PassportContext, personId: string, scopes: AccessScope[]): Promise<true> {
  const viewer = ctx.viewer;
  if (!viewer || isHolder(viewer, personId) || scopes.length === 0) return Promise.resolve(true);
  return loader<string, true>(ctx, 'accessLog', async (keys) => {
    const readAt = ctx.now().toISOString();
    await readLogOf(ctx.store).write(
      keys.map((key) => {
        const [id = '', list = ''] = key.split('|');
        return { personId: id, viewerSub: viewer.sub, viewerRole: viewer.role, scopes: list.split(',') as AccessScope[], readAt };
      }),
    );
    return keys.map(() => true as const);
  }).load(`${personId}|${scopes.join(',')}`);
}

export const competencesOfPerson = (ctx: PassportContext) => loader(ctx, 'personCompetences', (ids: readonly string[]) => ctx.store.competencesOfPersons(ids));
export const certificationsOfPerson = (ctx: PassportContext) =>
  loader(ctx, 'personCertifications', (ids: readonly string[]) => ctx.store.certificationsOfPersons(ids));
export const experiencesOfPerson = (ctx: PassportContext) => loader(ctx, 'personExperiences', (ids: readonly string[]) => ctx.store.experiencesOfPersons(ids));
export const targetRomeCodesOfPerson = (ctx: PassportContext) =>
  loader(ctx, 'personTargets', (ids: readonly string[]) => ctx.store.targetRomeCodesOfPersons(ids));
export const jobLoader = (ctx: PassportContext) => loader(ctx, 'job', (codes: readonly string[]) => ctx.store.jobsByCodes(codes));
export const requiredCompetencesOfJob = (ctx: PassportContext) =>
  loader(ctx, 'jobCompetences', (codes: readonly string[]) => ctx.store.requiredCompetencesOfJobs(codes));
export const appellationsOfJob = (ctx: PassportContext) => loader(ctx, 'jobAppellations', (codes: readonly string[]) => ctx.store.appellationsOfJobs(codes));
