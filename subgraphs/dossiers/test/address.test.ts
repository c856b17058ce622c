// Webhook URLs go to the public internet only (SSRF): every address the host resolves to is checked.
import { describe, expect, it } from 'vitest';
import { addressProblem, isPublicAddress, privateUrlsAllowed, type Lookup } from '../src/webhooks/address.ts';

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
