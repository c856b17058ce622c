// A webhook receiver as a separate process (node --import tsx webhook-receiver.ts <log file> <seed>):
// answers 500 or times out (answers 200 too late) at random from a seed, otherwise 204, and appends
// each request (path, headers, raw body, what it answered) to a JSON-lines log. Prints its port.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const [logFile, seedArg, failArg = '0.3', slowArg = '0.15', slowMsArg = '1500'] = process.argv.slice(2);
if (!logFile) throw new Error('usage: webhook-receiver.ts <log file> <seed> [fail rate] [slow rate] [slow ms]');
// mulberry32: the same seed gives the same answers in the same order.
let seed = Number(seedArg ?? 1) >>> 0;
const random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const failRate = Number(failArg);
const slowRate = Number(slowArg);
const slowMs = Number(slowMsArg);

const server = http.createServer(async (req, res) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  const draw = random();
  const answer = draw < failRate ? 'fail' : draw < failRate + slowRate ? 'slow' : 'ok';
  const record = {
    path: req.url,
    at: Date.now(),
    eventId: req.headers['x-formations-event-id'],
    signature: req.headers['x-formations-signature'],
    attempt: req.headers['x-formations-delivery-attempt'],
    body,
    answer,
  };
  fs.appendFileSync(logFile, `${JSON.stringify(record)}\n`);
  if (answer === 'fail') res.writeHead(500).end('random failure');
  else if (answer === 'slow') setTimeout(() => res.writeHead(200).end(), slowMs);
  else res.writeHead(204).end();
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${(server.address() as AddressInfo).port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
