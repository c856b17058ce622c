// The pull feed integrators replay after an outage: every transition of the dossiers the viewer is
// a party to, in the order they happened, from a cursor. Payloads carry ids and states only.
import { and, asc, eq, gt, inArray, type SQL } from 'drizzle-orm';
import { badUserInput, forbidden } from '@formations/schema/subgraph';
import { dossiers, transitions } from '../db/schema.ts';
import type { TransitionRow } from '../db/store.ts';
import { viewerOf } from './access.ts';
import { builder } from './builder.ts';
import { ActorEnum, DossierStateEnum, FundingRouteEnum, TransitionEnum } from './enums.ts';
import { freshen } from './loaders.ts';

type Event = TransitionRow & { route: string; sessionId: string };

const EventRef = builder.objectRef<Event>('DossierEvent').implement({
  description: 'One transition of a dossier, as a feed entry: ids and states only, no personal data.',
  fields: (t) => ({
    cursor: t.string({ resolve: (e) => String(e.id), description: 'Pass it as `after` to read the events that follow.' }),
    dossierId: t.exposeID('dossierId', { description: 'The dossier.' }),
    sessionId: t.exposeID('sessionId', { description: 'Its session.' }),
    route: t.field({ type: FundingRouteEnum, resolve: (e) => e.route as never, description: 'Its funding route.' }),
    transition: t.expose('transition', { type: TransitionEnum, description: 'What happened.' }),
    fromState: t.expose('fromState', { type: DossierStateEnum, nullable: true, description: 'State before (null: created).' }),
    toState: t.expose('toState', { type: DossierStateEnum, description: 'State after.' }),
    actorRole: t.expose('actorRole', { type: ActorEnum, description: 'Who acted.' }),
    at: t.expose('at', { type: 'DateTime', description: 'When.' }),
  }),
});

const PageRef = builder.objectRef<{ events: Event[]; endCursor: string | null; hasMore: boolean }>('DossierEventPage').implement({
  description: 'A page of the feed.',
  fields: (t) => ({
    events: t.field({ type: [EventRef], resolve: (p) => p.events, description: 'Oldest first.' }),
    endCursor: t.exposeString('endCursor', { nullable: true, description: 'Cursor of the last event (the `after` you passed when the page is empty).' }),
    hasMore: t.exposeBoolean('hasMore', { description: 'True when more events follow already.' }),
  }),
});

builder.queryFields((t) => ({
  dossierEvents: t.field({
    type: PageRef,
    description:
      "The transitions of the viewer's dossiers in order, resumable from a cursor: a training organisation's (its SIRET), a holder's own, or all for the operator.",
    args: {
      after: t.arg.string({ description: 'The cursor of the last event read; omit to start from the beginning.' }),
      first: t.arg.int({ defaultValue: 100, description: 'How many, 1 … 500.' }),
    },
    resolve: (_root, args, ctx) => {
      const viewer = viewerOf(ctx);
      let mine: SQL | undefined;
      if (viewer.role === 'organisation' && viewer.siret) mine = eq(dossiers.organisationSiret, viewer.siret);
      else if (viewer.role === 'holder') mine = eq(dossiers.personId, viewer.sub);
      else if (viewer.role !== 'operator') throw forbidden('the feed is for training organisations, holders and the operator');
      const after = args.after ? Number(args.after) : 0;
      if (!Number.isSafeInteger(after) || after < 0) throw badUserInput('invalid cursor');
      const first = Math.min(Math.max(args.first ?? 100, 1), 500);
      freshen(ctx);
      const visible = mine ? ctx.db.select({ id: dossiers.id }).from(dossiers).where(mine) : undefined;
      const rows = ctx.db
        .select({ t: transitions, route: dossiers.route, sessionId: dossiers.sessionId })
        .from(transitions)
        .innerJoin(dossiers, eq(dossiers.id, transitions.dossierId))
        .where(and(gt(transitions.id, after), visible ? inArray(transitions.dossierId, visible) : undefined))
        .orderBy(asc(transitions.id))
        .limit(first + 1)
        .all();
      const events = rows.slice(0, first).map((r) => ({ ...r.t, route: r.route, sessionId: r.sessionId }));
      return { events, endCursor: events.length ? String(events.at(-1)!.id) : (args.after ?? null), hasMore: rows.length > first };
    },
  }),
}));
