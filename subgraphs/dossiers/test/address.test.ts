// Webhook URLs go to the public internet only (SSRF): every address the host resolves to is checked,
// and the delivery's sockets connect only to addresses checked by their own lookup (DNS rebinding).
import http from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { describe, expect, it } from 'vitest';
import { addressProblem, guardedLookup, INNER_ADDRESS, isPublicAddress, privateUrlsAllowed, type Lookup } from '../src/webhooks/address.ts';

describe('which addresses a webhook may reach', () => {
  it.each([
    ['127.0.0.1', false, 'loopback'],
    ['127.255.0.9', false, 'loopback, all of 127/8'],
    ['10.1.2.3', false, 'private (RFC 1918)'],
    ['172.16.0.1', false, 'private (RFC 1918)'],
    ['172.31.255.255', false, 'private (RFC 1918), last of 172.16/12'],
    ['172.32.0.1', true, 'just past 172.16/12'],
    ['192.168.1.10', false, 'private (RFC 1918)'],
    ['169.254.169.254', false, 'link-local: cloud metadata'],
    ['100.64.0.1', false, 'shared address space (CGNAT)'],
    ['0.0.0.0', false, 'this host'],
    ['224.0.0.1', false, 'multicast'],
    ['255.255.255.255', false, 'broadcast'],
    ['93.184.215.14', true, 'public'],
    ['::1', false, 'IPv6 loopback'],
    ['::', false, 'IPv6 unspecified'],
    ['fd12:3456::1', false, 'IPv6 unique local'],
    ['fe80::1', false, 'IPv6 link-local'],
    ['::ffff:127.0.0.1', false, 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', false, 'IPv4-mapped loopback, hex form'],
    ['::ffff:5db8:d70e', true, 'IPv4-mapped public'],
    ['64:ff9b::a00:1', false, 'NAT64 of 10.0.0.1'],
    ['2606:2800:220:1:248:1893:25c8:1946', true, 'public IPv6'],
    ['not-an-ip', false, 'not an address'],
  ])('%s → public %s (%s)', (address, expected, _why) => {
    expect(isPublicAddress(address)).toBe(expected);
  });

  const dns =
    (table: Record<string, string[]>): Lookup =>
    async (host) => {
      const found = table[host];
      if (!found) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
      return found.map((address) => ({ address }));
    };
  const lookup = dns({ 'hooks.example.org': ['93.184.215.14'], 'mixed.example.org': ['93.184.215.14', '10.0.0.7'], localhost: ['127.0.0.1', '::1'] });
  const check = (url: string) => addressProblem(new URL(url), { allowPrivate: false, lookup });

  it('every address of the host is checked: one private address among public ones is enough to refuse', async () => {
    expect(await check('https://hooks.example.org/in')).toBeNull();
    expect(await check('https://mixed.example.org/in')).toMatch(/resolves to 10\.0\.0\.7/);
    expect(await check('http://localhost:8080/in')).toMatch(/127\.0\.0\.1, ::1/);
    expect(await check('http://[::1]:8080/in')).toMatch(/::1/);
    expect(await check('http://169.254.169.254/latest/meta-data')).toMatch(/link-local/);
    expect(await check('https://nowhere.example.org/in')).toMatch(/does not resolve \(ENOTFOUND\)/);
  });

  it('the development opt-in lets a loopback receiver through; it is on only when set to 1', async () => {
    expect(await addressProblem(new URL('http://127.0.0.1:9/in'), { allowPrivate: true, lookup })).toBeNull();
    expect(privateUrlsAllowed({ WEBHOOKS_ALLOW_PRIVATE_URLS: '1' })).toBe(true);
    for (const value of [undefined, '', '0', 'true']) expect(privateUrlsAllowed({ WEBHOOKS_ALLOW_PRIVATE_URLS: value })).toBe(false);
  });
});

describe('the delivery connects to the addresses it checked (DNS rebinding)', () => {
  /** A name server that answers each name from its list, one answer per question, the last one for ever after. */
  const answers = (table: Record<string, string[][]>): Lookup => {
    const asked = new Map<string, number>();
    return async (host) => {
      const list = table[host];
      if (!list) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
      const i = asked.get(host) ?? 0;
      asked.set(host, i + 1);
      return list[Math.min(i, list.length - 1)]!.map((address) => ({ address }));
    };
  };
  const ask = (lookup: LookupFunction, host: string, all: boolean) =>
    new Promise<{ error: NodeJS.ErrnoException | null; found: unknown }>((resolve) =>
      lookup(host, { all, family: 0 }, ((error: NodeJS.ErrnoException | null, found: unknown) => resolve({ error, found })) as never),
    );

  it.each([
    // host, its addresses, refused?, why
    ['hooks.example.org', ['93.184.215.14'], false, 'public: handed to the socket'],
    ['meta.example.org', ['169.254.169.254'], true, 'link-local: cloud metadata'],
    ['lo.example.org', ['127.0.0.1'], true, 'loopback'],
    ['lan.example.org', ['10.0.0.7'], true, 'private (RFC 1918)'],
    ['v6lo.example.org', ['::1'], true, 'IPv6 loopback'],
    ['mixed.example.org', ['93.184.215.14', '192.168.1.10'], true, 'one private address among public ones'],
  ])('%s → %j refused %s (%s)', async (host, addresses, refused) => {
    const lookup = guardedLookup({ allowPrivate: false, lookup: answers({ [host]: [addresses] }) });
    for (const all of [true, false]) {
      const { error, found } = await ask(lookup, host, all);
      if (refused) {
        expect(error?.code).toBe(INNER_ADDRESS);
        expect(error?.message).toMatch(/loopback, private, link-local or reserved/);
      } else {
        expect(error).toBeNull();
        expect(found).toEqual(all ? [{ address: '93.184.215.14', family: 4 }] : '93.184.215.14');
      }
    }
  });

  it('a name that does not resolve is an error of its own; WEBHOOKS_ALLOW_PRIVATE_URLS=1 lets a loopback receiver through', async () => {
    const none = await ask(guardedLookup({ allowPrivate: false, lookup: answers({}) }), 'nowhere.example.org', true);
    expect(none.error?.code).toBe('ENOTFOUND');
    const allowed = await ask(guardedLookup({ allowPrivate: true, lookup: answers({ localhost: [['127.0.0.1']] }) }), 'localhost', true);
    expect(allowed).toEqual({ error: null, found: [{ address: '127.0.0.1', family: 4 }] });
  });

  it('a name public when checked and re-pointed to 127.0.0.1 for the connection reaches nothing: the socket uses the checked lookup', async () => {
    let received = 0;
    const server = http.createServer((_req, res) => {
      received += 1;
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const post = (lookup: LookupFunction) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(`http://rebind.example.org:${port}/in`, { method: 'POST', agent: new http.Agent({ lookup }) }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end('{}');
      });
    try {
      // The attacker's name server: a public address to the registration's check, then loopback.
      const rebinding = answers({ 'rebind.example.org': [['93.184.215.14'], ['127.0.0.1']] });
      expect(await addressProblem(new URL(`http://rebind.example.org:${port}/in`), { allowPrivate: false, lookup: rebinding })).toBeNull();
      await expect(post(guardedLookup({ allowPrivate: false, lookup: rebinding }))).rejects.toMatchObject({ code: INNER_ADDRESS });
      expect(received).toBe(0);
      // The same socket path with the opt-in does connect where the lookup said: the agent really uses it.
      expect(await post(guardedLookup({ allowPrivate: true, lookup: rebinding }))).toBe(200);
      expect(received).toBe(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
