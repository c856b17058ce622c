import { builder } from './builder.ts';
import './enums.ts';
import './commune.ts';
import './job.ts';
import './certification.ts';
import './person-items.ts';
import './person.ts';
import './consent.ts';
import './skills.ts';
import './passport-edits.ts';
import './export.ts';

builder.queryType({ description: 'Passports of people, and the ROME 4.0 jobs and competences they refer to.' });
builder.mutationType({ description: 'What a holder changes in their passport and in who may read it.' });

export const schema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
