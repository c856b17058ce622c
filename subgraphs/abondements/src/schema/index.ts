import { builder } from './builder.ts';
import './training-option.ts';
import './person.ts';
import './convention.ts';
import './reservation.ts';
import './dotation-admin.ts';
import './dotation-use.ts';
import './france-travail-request.ts';

export const schema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
