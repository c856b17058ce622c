// Where a webhook may point: the public internet only. A URL whose host resolves to a loopback,
// private, link-local (cloud metadata at 169.254.169.254), shared (CGNAT), multicast or reserved
// address would let an integrator make this service call our own network (SSRF). Every address the
// name resolves to is checked, at registration and again before each delivery (the name may be
// re-pointed later). A check then a connection would resolve the name twice, and a name that
// answers a public address to the check and a private one to the connection (DNS rebinding) would
// get through: so the delivery's sockets resolve with guardedLookup, which checks the very
// addresses they then connect to. WEBHOOKS_ALLOW_PRIVATE_URLS=1 lifts the rule: the test stacks set
// it for their receivers on 127.0.0.1; nothing else should.
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(net, bits, 'ipv6');

/** The IPv4 address carried by an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) IPv6 address. */
function embeddedIPv4(address: string): string | null {
  const m = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!m) return null;
  if (m[1]) return m[1];
  const hi = parseInt(m[2]!, 16);
  const lo = parseInt(m[3]!, 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** Whether an IP address is on the public internet (not loopback, private, link-local, shared, multicast or reserved). */
export function isPublicAddress(address: string): boolean {
  const version = isIP(address);
  if (version === 4) return !blocked.check(address, 'ipv4');
  if (version !== 6) return false;
  const v4 = embeddedIPv4(address);
  if (v4) return isPublicAddress(v4);
  return !blocked.check(address, 'ipv6');
}

export type Lookup = (hostname: string) => Promise<{ address: string }[]>;
const systemLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export const privateUrlsAllowed = (env: NodeJS.ProcessEnv = process.env) => env.WEBHOOKS_ALLOW_PRIVATE_URLS === '1';

/**
 * Why a webhook URL may not be called, or null when every address its host resolves to is public
 * (or private addresses are allowed). A name that does not resolve is refused too.
 */
export async function addressProblem(url: URL, options: { allowPrivate?: boolean; lookup?: Lookup } = {}): Promise<string | null> {
  if (options.allowPrivate ?? privateUrlsAllowed()) return null;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await (options.lookup ?? systemLookup)(host)).map((a) => a.address);
  } catch (error) {
    return `the host ${host} does not resolve (${(error as { code?: string }).code ?? (error as Error).message})`;
  }
  if (addresses.length === 0) return `the host ${host} does not resolve`;
  const inner = addresses.filter((a) => !isPublicAddress(a));
  if (inner.length > 0)
    return `the host ${host} resolves to ${inner.join(', ')}, a loopback, private, link-local or reserved address: webhooks go to the public internet only`;
  return null;
}

/** The error of a connection refused because its host resolved to an inner address. */
export const INNER_ADDRESS = 'EWEBHOOKINNERADDRESS';

/**
 * A `lookup` for the sockets of the webhook delivery (http(s) Agent, net.connect): resolves the host
 * once, refuses (error code EWEBHOOKINNERADDRESS) when any of its addresses is not public, and hands
 * the socket exactly the addresses it checked, so the connection goes where the check looked.
 */
export function guardedLookup(options: { allowPrivate?: boolean; lookup?: Lookup } = {}): LookupFunction {
  const resolve = options.lookup ?? systemLookup;
  return (hostname, lookupOptions, callback) => {
    const answer = callback as (error: NodeJS.ErrnoException | null, address: string | { address: string; family: number }[], family?: number) => void;
    resolve(hostname).then(
      (found) => {
        const wanted = lookupOptions.family === 4 || lookupOptions.family === 6 ? lookupOptions.family : 0;
        const addresses = found.map((a) => ({ address: a.address, family: isIP(a.address) })).filter((a) => a.family !== 0);
        const usable = wanted ? addresses.filter((a) => a.family === wanted) : addresses;
        if (usable.length === 0) {
          answer(Object.assign(new Error(`the host ${hostname} does not resolve`), { code: 'ENOTFOUND', hostname }), '', 0);
          return;
        }
        const inner = (options.allowPrivate ?? privateUrlsAllowed()) ? [] : addresses.filter((a) => !isPublicAddress(a.address));
        if (inner.length > 0) {
          const message = `the host ${hostname} resolves to ${inner.map((a) => a.address).join(', ')}, a loopback, private, link-local or reserved address: not connected`;
          answer(Object.assign(new Error(message), { code: INNER_ADDRESS, hostname }), '', 0);
          return;
        }
        if (lookupOptions.all) answer(null, usable);
        else answer(null, usable[0]!.address, usable[0]!.family);
      },
      (error: NodeJS.ErrnoException) => answer(error, '', 0),
    );
  };
}
