// Entry point. GATEWAY_WORKERS=auto runs one worker per core behind one port (node:cluster).
// The primary holds what the workers share: the rate limiter's counters (they ask it over the
// cluster's IPC channel). The persisted-operations manifest is a file every worker reads.
import cluster from 'node:cluster';
import { startGateway } from './app.ts';
import { configFromEnv } from './config.ts';
import { RateLimiter, serveClusterRateLimits } from './ratelimit.ts';

const config = configFromEnv();
if (config.workers > 1 && cluster.isPrimary) {
  if (config.rateLimitPerMinute > 0) serveClusterRateLimits(cluster, new RateLimiter(config.rateLimitPerMinute));
  for (let i = 0; i < config.workers; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (signal === 'SIGTERM' || signal === 'SIGINT' || code === 0) return;
    console.error(JSON.stringify({ level: 'error', msg: 'gateway worker died, replacing it', pid: worker.process.pid, code, signal }));
    cluster.fork();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
      setTimeout(() => process.exit(0), 11_000).unref();
      cluster.on('exit', () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      });
    });
  }
} else {
  await startGateway(config);
}
