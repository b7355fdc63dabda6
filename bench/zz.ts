import { spawnServer } from './lib/spawn-server';
import { benchChatHttp } from './chat-http';
const s = await spawnServer({ RATE_LIMIT_PER_MINUTE: '100000', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000000' });
const r = await benchChatHttp(s.url, [{ concurrency: 1, requests: 200 }, { concurrency: 10, requests: 600 }]);
console.log(JSON.stringify(r.levels.map((l) => [l.concurrency, l.latency, l.throughputPerSecond])));
console.log(await s.stop());
