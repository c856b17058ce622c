import type { Clock } from '@formations/schema/clock';
import type { SubgraphContext } from '@formations/schema/subgraph';
import type { DossiersDatabase } from './db/client.ts';
import type { PeerUrls } from './peers.ts';

export interface DossiersContext extends SubgraphContext {
  db: DossiersDatabase;
  clock: Clock;
  peers: PeerUrls;
  /** Tells the outbox relay that a transition queued commands (of this dossier, when given). */
  kickRelay: (dossierId?: string) => void;
  /** Tells the webhook deliverer that a transition queued events. */
  kickWebhooks?: () => void;
}
