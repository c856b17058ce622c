import { builder } from './builder.ts';
import './enums.ts';
import './person.ts';
import './training-option.ts';
import './mutations.ts';
import './law-parameters.ts';

export const schema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
