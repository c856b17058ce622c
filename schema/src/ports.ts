// Free TCP ports for the processes that tests, benchmarks and scripts start: subgraphs and gateways
// (scripts/stack.ts), a throwaway PostgreSQL (postgres-test.ts), Meilisearch (catalog's tests).
import net from 'node:net';

// Ports come from below Linux's ephemeral range (32768–60999), so a port we chose is never handed
// to someone else's outgoing connection or `listen(0)` between our check and the child's own
// listen; parallel runs can still pick the same one, which the caller detects (PortTakenError).
export const PORT_RANGE = { from: 20_000, to: 32_000 };

function canListen(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(null));
    server.listen(port, '127.0.0.1', () => {
      const bound = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(bound));
    });
  });
}

/** A port of PORT_RANGE nothing listens on now (127.0.0.1); one from the system if 50 tries found none. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await canListen(PORT_RANGE.from + Math.floor(Math.random() * (PORT_RANGE.to - PORT_RANGE.from)));
    if (port !== null) return port;
  }
  const port = await canListen(0);
  if (port === null) throw new Error('no free TCP port on 127.0.0.1');
  return port;
}

/** Thrown when another process already answers on the port a child was given. */
export class PortTakenError extends Error {}

/** Whether a server's output says its port was taken (Node's EADDRINUSE, the OS's words in PostgreSQL's and Meilisearch's logs). */
export const saysPortTaken = (output: string): boolean => /EADDRINUSE|Address already in use/i.test(output);

/**
 * `start` on a free port, and again on another when it throws PortTakenError (another run took the
 * port between our check and the server's listen), at most `attempts` times.
 */
export async function onFreePort<T>(start: (port: number) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(await freePort());
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt >= attempts) throw error;
    }
  }
}
