// The catalog subgraph schema; importing it opens nothing.
import { builder } from './builder.ts';
import './enums.ts';
import './extra.ts';
import './provenance.ts';
import './place.ts';
import './session.ts';
import './training.ts';
import './action.ts';
import './provider.ts';
import './certification.ts';
import './search.ts';
import './training-option.ts';
import './query.ts';
import './changes.ts';

export const schema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
