// Where a webhook may point: the public internet only. A URL whose host resolves to a loopback,
// private, link-local (cloud metadata at 169.254.169.254), shared (CGNAT), multicast or reserved
// address would let an integrator make this service call our own network (SSRF). Every address the
// name resolves to is checked, at registration and again before each delivery (the name may be
// re-pointed later). WEBHOOKS_ALLOW_PRIVATE_URLS=1 lifts the rule: the test stacks set it for their
// receivers on 127.0.0.1; nothing else should.
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

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
