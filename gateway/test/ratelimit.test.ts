import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ClusterRateLimiter, RateLimiter, serveClusterRateLimits, type PrimaryChannel, type WorkerChannel } from '../src/ratelimit.ts';

/** A primary and its workers linked in memory the way node:cluster links them (asynchronous messages). */
function fakeCluster(workers: number) {
  const primary = new EventEmitter();
  const sent: unknown[] = [];
  const channels = Array.from({ length: workers }, () => {
    const worker = new EventEmitter();
    const handle = { send: (message: unknown) => setImmediate(() => worker.emit('message', message)) };
    const channel: WorkerChannel = {
      send: (message) => {
        sent.push(message);
        setImmediate(() => primary.emit('message', handle, message));
      },
      on: (event, listener) => worker.on(event, listener),
      off: (event, listener) => worker.off(event, listener),
    };
    return channel;
  });
  return { primary: primary as unknown as PrimaryChannel, channels, sent, silence: () => primary.removeAllListeners() };
}

describe('RateLimiter (one process)', () => {
  it('allows a burst of the per-minute allowance, then tells how long to wait, and refills', () => {
    let now = 0;
    const limiter = new RateLimiter(60, () => now);
    for (let i = 0; i < 60; i++) expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1000);
    expect(limiter.take('b')).toBe(0);
    now += 1000;
    expect(limiter.take('a')).toBe(0);
  });
});

describe('ClusterRateLimiter (workers asking the primary)', () => {
  it('holds the configured rate for the whole gateway, not per worker', async () => {
    const cluster = fakeCluster(2);
    serveClusterRateLimits(cluster.primary, new RateLimiter(30));
    const [one, two] = cluster.channels.map((channel) => new ClusterRateLimiter(channel, 15));
    const waits = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? one! : two!).take('client')));
    expect(waits.filter((w) => w === 0)).toHaveLength(30);
    expect(waits.filter((w) => w > 0)).toHaveLength(10);
    // Another client has its own allowance.
    expect(await one!.take('other')).toBe(0);
    one!.close();
    two!.close();
  });

  it('sends the takes of one turn of the event loop in one message', async () => {
    const cluster = fakeCluster(1);
    serveClusterRateLimits(cluster.primary, new RateLimiter(1000));
    const limiter = new ClusterRateLimiter(cluster.channels[0]!, 1000);
    await Promise.all(Array.from({ length: 50 }, (_, i) => limiter.take(`c${i % 5}`)));
    expect(cluster.sent).toHaveLength(1);
    await limiter.take('c');
    expect(cluster.sent).toHaveLength(2);
    limiter.close();
  });

  it('falls back to its share of the rate when the primary does not answer', async () => {
    const cluster = fakeCluster(1);
    cluster.silence();
    const limiter = new ClusterRateLimiter(cluster.channels[0]!, 3, 20);
    const waits = await Promise.all(Array.from({ length: 5 }, () => limiter.take('client')));
    expect(waits.map((w) => w === 0)).toEqual([true, true, true, false, false]);
    limiter.close();
  });

  it('the primary ignores messages that are not takes', async () => {
    const cluster = fakeCluster(1);
    serveClusterRateLimits(cluster.primary, new RateLimiter(10));
    const limiter = new ClusterRateLimiter(cluster.channels[0]!, 10);
    (cluster.channels[0] as unknown as { send: (m: unknown) => void }).send({ type: 'something else' });
    expect(await limiter.take('client')).toBe(0);
    limiter.close();
  });
});
