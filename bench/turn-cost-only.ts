/**
 * Issue 17's per-turn CPU alone (bench/turn-cost.ts), without the rest of `npm run bench`:
 * `npx tsx bench/turn-cost-only.ts`. Writes nothing under docs/; prints one JSON line with the
 * machine's load before and after, since on a shared machine the figures move with it.
 * To see where the server's time goes, add BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR".
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { spawnServer } from './lib/spawn-server';
import { benchTurnCost } from './turn-cost';

const load = () => Math.round((loadavg()[0] ?? 0) * 100) / 100;
const loadAtStart = load();
const server = await spawnServer({
  RATE_LIMIT_PER_MINUTE: '100000',
  RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000000',
});
/** The server's user and kernel CPU seconds so far: sockets' kernel work is the part code cannot see. */
const userAndSystem = () => {
  const stat = readFileSync(`/proc/${server.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
};
try {
  const before = userAndSystem();
  const result = await benchTurnCost(server.url, server.pid);
  const after = userAndSystem();
  const serverSeconds = { user: after.user - before.user, system: after.system - before.system };
  console.log(
    JSON.stringify({ loadAtStart, loadAtEnd: load(), serverSecondsWholeRun: serverSeconds, ...result }),
  );
} finally {
  await server.stop();
}
