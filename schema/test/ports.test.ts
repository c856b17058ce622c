import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, onFreePort, PORT_RANGE, PortTakenError, saysPortTaken } from '../src/ports.ts';

describe('free ports for the processes tests start', () => {
  it('picks a port below the ephemeral range that can be listened on', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThanOrEqual(PORT_RANGE.from);
    expect(port).toBeLessThan(PORT_RANGE.to);
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    await new Promise((resolve) => server.close(resolve));
  });

  it('starts again on another port when the one chosen was taken, at most three times', async () => {
    const tried: number[] = [];
    const started = await onFreePort(async (port) => {
      tried.push(port);
      if (tried.length < 3) throw new PortTakenError('taken');
      return port;
    });
    expect(tried).toHaveLength(3);
    expect(started).toBe(tried[2]);
    await expect(
      onFreePort(async () => {
        throw new PortTakenError('always taken');
      }),
    ).rejects.toThrow('always taken');
    await expect(
      onFreePort(async () => {
        throw new Error('broken');
      }),
    ).rejects.toThrow('broken');
  });

  it("reads a taken port in Node's, PostgreSQL's and Meilisearch's words", () => {
    expect(saysPortTaken('Error: listen EADDRINUSE: address already in use 127.0.0.1:4001')).toBe(true);
    expect(saysPortTaken('LOG:  could not bind IPv4 address "127.0.0.1": Address already in use')).toBe(true);
    expect(saysPortTaken('Error: Address already in use (os error 98)')).toBe(true);
    expect(saysPortTaken('FATAL: data directory has wrong ownership')).toBe(false);
  });
});
