import { builder } from './builder.ts';
import './enums.ts';
import './dossier.ts';
import './person.ts';
import './queries.ts';
import './mutations.ts';
import './events.ts';
import './webhooks.ts';

export const schema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
