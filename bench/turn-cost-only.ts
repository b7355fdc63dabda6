/**
 * Issue 17's per-turn CPU alone (bench/turn-cost.ts), without the rest of `npm run bench`:
 * `npx tsx bench/turn-cost-only.ts`. Writes nothing under docs/; prints one JSON line with the
 * machine's load before and after, since on a shared machine the figures move with it.
 * To see where the server's time goes, add BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR".
 */
import { loadavg } from 'node:os';
import { spawnServer } from './lib/spawn-server';
import { benchTurnCost } from './turn-cost';

const load = () => Math.round((loadavg()[0] ?? 0) * 100) / 100;
const loadAtStart = load();
const server = await spawnServer({
  RATE_LIMIT_PER_MINUTE: '100000',
  RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000000',
});
try {
  const result = await benchTurnCost(server.url, server.pid);
  console.log(JSON.stringify({ loadAtStart, loadAtEnd: load(), ...result }));
} finally {
  await server.stop();
}
