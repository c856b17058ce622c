// Webhooks for integrators (training organisations' and prescribers' tools, the operator): a URL and
// a secret; the events of the dossiers the owner may see are pushed there, signed, in order per
// dossier, at least once. Each owner sees and manages only their own webhooks.
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Viewer } from '@formations/schema/auth';
import { badUserInput, forbidden, notFound } from '@formations/schema/subgraph';
import type { DossiersContext } from '../context.ts';
import { webhooks } from '../db/schema.ts';
import { addressProblem } from '../webhooks/address.ts';
import { newSecret } from '../webhooks/signing.ts';
import { attemptsPage, pendingCount, removeWebhookRow, replayFrom, type WebhookAttemptRow, type WebhookRow } from '../webhooks/store.ts';
import { viewerOf } from './access.ts';
import { builder } from './builder.ts';

const OWNER_ROLES = new Set(['organisation', 'prescriber', 'operator']);

function owner(ctx: DossiersContext): Viewer {
  const viewer = viewerOf(ctx);
  if (!OWNER_ROLES.has(viewer.role)) throw forbidden('webhooks are for training organisations, prescribers and the operator');
  if (viewer.role === 'organisation' && !viewer.siret) throw forbidden('an organisation signs in with its SIRET');
  return viewer;
}

function ownWebhook(ctx: DossiersContext, id: string): WebhookRow {
  const viewer = owner(ctx);
  const row = ctx.db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.id, id), isNull(webhooks.removedAt)))
    .get();
  // Someone else's webhook is not found either: its existence is not told.
  if (!row || row.ownerSub !== viewer.sub || row.ownerRole !== viewer.role) throw notFound(`no webhook ${id}`);
  return row;
}

/** The URL, checked: https (http outside production), no credentials, every address of its host public (see webhooks/address.ts). */
async function checkedUrl(raw: string): Promise<string> {
  const refuse = (message: string) => badUserInput(`url: ${message}`, { field: 'url' });
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse('the webhook URL is not a URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && process.env.NODE_ENV !== 'production')) throw refuse('the webhook URL must be https');
  if (url.username || url.password) throw refuse('no credentials in the webhook URL: the secret signs the deliveries');
  const problem = await addressProblem(url);
  if (problem) throw refuse(problem);
  return url.toString();
}

const WebhookRef = builder.objectRef<WebhookRow>('Webhook').implement({
  description: 'An endpoint that receives the events of the dossiers its owner may see (its secret is never shown again).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Webhook id.' }),
    url: t.exposeString('url', { description: 'Where events are POSTed.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'Registered at.' }),
    pendingDeliveries: t.int({ resolve: (w, _a, ctx) => pendingCount(ctx.db, w.id), description: 'Events not acknowledged yet (2xx).' }),
  }),
});

const RegistrationRef = builder.objectRef<{ webhook: WebhookRow; secret: string }>('WebhookRegistration').implement({
  description: 'A registered webhook and its signing secret, shown this once.',
  fields: (t) => ({
    webhook: t.field({ type: WebhookRef, resolve: (r) => r.webhook, description: 'The webhook.' }),
    secret: t.exposeString('secret', {
      description: 'HMAC-SHA256 key: each delivery carries `x-formations-signature: t=<unix>,v1=<hex of HMAC(secret, t + "." + body)>`.',
    }),
  }),
});

const AttemptRef = builder.objectRef<WebhookAttemptRow>('WebhookDeliveryAttempt').implement({
  description: 'One attempt to deliver one event.',
  fields: (t) => ({
    cursor: t.string({ resolve: (a) => String(a.id), description: 'Pass it as `after` for the attempts that follow.' }),
    eventId: t.string({
      resolve: (a) => String(a.transitionId),
      description: 'The event (x-formations-event-id; the dossierEvents cursor of the transition).',
    }),
    dossierId: t.exposeID('dossierId', { description: 'The dossier.' }),
    attempt: t.exposeInt('attempt', { description: '1 for the first attempt of this delivery.' }),
    statusCode: t.exposeInt('statusCode', { nullable: true, description: 'HTTP status answered (null: no answer).' }),
    error: t.exposeString('error', { nullable: true, description: 'Why it is retried (or withheld); null when acknowledged.' }),
    durationMs: t.exposeInt('durationMs', { description: 'How long the attempt took.' }),
    at: t.expose('at', { type: 'DateTime', description: 'When it ended.' }),
  }),
});

const AttemptPageRef = builder.objectRef<{ attempts: WebhookAttemptRow[]; endCursor: string | null; hasMore: boolean }>('WebhookDeliveryPage').implement({
  description: 'A page of the delivery log.',
  fields: (t) => ({
    attempts: t.field({ type: [AttemptRef], resolve: (p) => p.attempts, description: 'Oldest first.' }),
    endCursor: t.exposeString('endCursor', { nullable: true, description: 'Cursor of the last attempt (the `after` you passed when the page is empty).' }),
    hasMore: t.exposeBoolean('hasMore', { description: 'True when more attempts follow already.' }),
  }),
});

const ReplayRef = builder.objectRef<{ queued: number; endCursor: string | null }>('WebhookReplay').implement({
  description: 'Events queued again by a replay.',
  fields: (t) => ({
    queued: t.exposeInt('queued', { description: 'How many events will be delivered again (at most 10 000 per call).' }),
    endCursor: t.exposeString('endCursor', { nullable: true, description: 'The last event queued: replay from it for the rest.' }),
  }),
});

const cursorArg = (value: string | null | undefined) => {
  const n = value ? Number(value) : 0;
  if (!Number.isSafeInteger(n) || n < 0) throw badUserInput('invalid cursor');
  return n;
};

builder.queryFields((t) => ({
  webhooks: t.field({
    type: [WebhookRef],
    description: "The caller's own webhooks.",
    resolve: (_root, _args, ctx) => {
      const viewer = owner(ctx);
      return ctx.db
        .select()
        .from(webhooks)
        .where(and(eq(webhooks.ownerSub, viewer.sub), eq(webhooks.ownerRole, viewer.role as WebhookRow['ownerRole']), isNull(webhooks.removedAt)))
        .all();
    },
  }),
  webhookDeliveries: t.field({
    type: AttemptPageRef,
    description: "The delivery log of one of the caller's webhooks: every attempt, its status code or error and duration.",
    args: {
      webhookId: t.arg.id({ required: true, description: 'The webhook.' }),
      first: t.arg.int({ defaultValue: 50, description: 'How many, 1 … 500.' }),
      after: t.arg.string({ description: 'Cursor of the last attempt read.' }),
    },
    resolve: (_root, args, ctx) => {
      const webhook = ownWebhook(ctx, String(args.webhookId));
      const first = Math.min(Math.max(args.first ?? 50, 1), 500);
      const page = attemptsPage(ctx.db, webhook.id, cursorArg(args.after), first);
      return { ...page, endCursor: page.attempts.length ? String(page.attempts.at(-1)!.id) : (args.after ?? null) };
    },
  }),
}));

builder.mutationFields((t) => ({
  registerWebhook: t.field({
    type: RegistrationRef,
    description: 'Registers an endpoint for the events of the dossiers the caller may see; returns the signing secret once (generated when not given).',
    args: {
      url: t.arg.string({
        required: true,
        description:
          'https URL (http is accepted outside production) on the public internet: a host that resolves to a loopback, private or link-local address is refused.',
      }),
      secret: t.arg.string({ description: 'Your own secret (at least 24 characters); one is generated otherwise.' }),
    },
    resolve: async (_root, args, ctx) => {
      const viewer = owner(ctx);
      if (args.secret != null && args.secret.length < 24) throw badUserInput('secret: it needs at least 24 characters', { field: 'secret' });
      const url = await checkedUrl(args.url);
      const row: WebhookRow = {
        id: `wh-${randomUUID()}`,
        ownerRole: viewer.role as WebhookRow['ownerRole'],
        ownerSub: viewer.sub,
        ownerSiret: viewer.role === 'organisation' ? (viewer.siret ?? null) : null,
        url,
        secret: args.secret ?? newSecret(),
        createdAt: ctx.clock.now().toISOString(),
        removedAt: null,
      };
      ctx.db.insert(webhooks).values(row).run();
      return { webhook: row, secret: row.secret };
    },
  }),
  removeWebhook: t.field({
    type: 'Boolean',
    description: "Removes one of the caller's webhooks: nothing more is delivered to it.",
    args: { id: t.arg.id({ required: true, description: 'The webhook.' }) },
    resolve: (_root, args, ctx) => {
      const webhook = ownWebhook(ctx, String(args.id));
      removeWebhookRow(ctx.db, webhook.id, ctx.clock.now());
      return true;
    },
  }),
  replayWebhook: t.field({
    type: ReplayRef,
    description: 'Delivers again every event after a cursor (a dossierEvents cursor or x-formations-event-id), in order, after what is pending.',
    args: {
      id: t.arg.id({ required: true, description: 'The webhook.' }),
      after: t.arg.string({ description: 'The last event you processed; omit for everything.' }),
    },
    resolve: (_root, args, ctx) => {
      const webhook = ownWebhook(ctx, String(args.id));
      const result = replayFrom(ctx.db, webhook, cursorArg(args.after), ctx.clock.now());
      ctx.kickWebhooks?.();
      return result;
    },
  }),
}));
