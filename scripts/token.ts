// Prints a development bearer token: `npm run token -- --person camille-martin`
// or `npm run token -- --sub sophie-adviser --role adviser`.
import { parseArgs } from 'node:util';
import { ROLES, signCallerToken, type Role, type Viewer } from '@formations/schema/auth';

const { values } = parseArgs({
  options: {
    person: { type: 'string' },
    sub: { type: 'string' },
    role: { type: 'string' },
    funder: { type: 'string' },
    siret: { type: 'string' },
    ttl: { type: 'string', default: '12h' },
  },
});

const sub = values.person ?? values.sub;
const role = (values.role ?? (values.person ? 'holder' : undefined)) as Role | undefined;
if (!sub || !role || !(ROLES as readonly string[]).includes(role)) {
  console.error(
    `usage: npm run token -- --person <person-id>\n       npm run token -- --sub <account-id> --role <${ROLES.join('|')}> [--funder <funder-id>] [--siret <siret>]`,
  );
  process.exit(2);
}
const viewer: Viewer = { sub, role };
if (values.funder) viewer.funderId = values.funder;
if (values.siret) viewer.siret = values.siret;
console.log(await signCallerToken(viewer, values.ttl));
