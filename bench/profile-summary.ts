/**
 * Summarises a V8 CPU profile (`node --cpu-prof`) by self time: per file (node_modules packages
 * folded to the package) and per function, so a benchmark's hot spots read in one screen.
 * `npx tsx bench/profile-summary.ts FILE.cpuprofile [rows] [skip seconds]`: the skip leaves out
 * start-up (module loading, model and index), which a benchmark's meter does not count either.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const [file, rowsArg, skipArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary FILE.cpuprofile [rows] [skip seconds]');
const rows = Number(rowsArg ?? 30);
const skipUs = Number(skipArg ?? 0) * 1e6;
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
let at = 0;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  at += delta;
  if (at >= skipUs) self.set(id, (self.get(id) ?? 0) + delta);
});

/** node_modules/@scope/pkg/... → @scope/pkg; our own files keep their path from the repository root. */
function place(url: string): string {
  if (!url) return '(native/vm)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (url.startsWith('node:')) return url;
  const repo = url.indexOf('/functions/');
  return repo >= 0 ? url.slice(repo + 1) : url.replace(/^file:\/\//u, '');
}

const byPlace = new Map<string, number>();
const byFunction = new Map<string, number>();
let total = 0;
for (const [id, us] of self) {
  const node = byId.get(id);
  if (!node) continue;
  total += us;
  const where = place(node.callFrame.url);
  byPlace.set(where, (byPlace.get(where) ?? 0) + us);
  const file = node.callFrame.url.includes('node_modules/')
    ? node.callFrame.url.slice(node.callFrame.url.lastIndexOf('node_modules/') + 13)
    : where;
  const fn = `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
}
const show = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [k, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, rows))
    console.log(
      `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`,
    );
};
console.log(`total ${(total / 1000).toFixed(0)} ms sampled`);
show('self time by file or package', byPlace);
show('self time by function', byFunction);
