// `npm run reconcile`: every dossier against the rights ledger and abondements' reservations and
// dotation uses; prints each drift and exits 1 when there is any. Subgraph addresses: DOSSIERS_URL,
// RIGHTS_URL, ABONDEMENTS_URL (default: the local ports of `npm start`); INTERNAL_SECRET as theirs.
import { subgraphUrl } from '../schema/src/subgraphs.ts';
import { reconcile } from '../subgraphs/dossiers/src/reconcile.ts';

const report = await reconcile({ dossiers: subgraphUrl('dossiers'), rights: subgraphUrl('rights'), abondements: subgraphUrl('abondements') });
for (const drift of report.drifts) console.log(`DRIFT ${drift}`);
console.log(
  `${report.dossiers} dossiers, ${report.parts} money parts checked: ${report.drifts.length === 0 ? 'no drift' : `${report.drifts.length} drift(s)`}`,
);
process.exitCode = report.drifts.length === 0 ? 0 : 1;
