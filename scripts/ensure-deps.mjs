#!/usr/bin/env node
// Runs before `npm start` and `npm test`: on a fresh clone (or after package-lock.json changed)
// installs exactly the locked dependencies with `npm ci`, so the two commands work with nothing
// installed beforehand and the install never rewrites the lock (it holds every platform's optional
// packages). `--include=dev`: `npm start` runs TypeScript through tsx and `npm test` needs vitest,
// both dev dependencies, and an environment with NODE_ENV=production would otherwise drop them.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const lock = readFileSync('package-lock.json');
const digest = createHash('sha256').update(lock).digest('hex');
const stamp = 'node_modules/.installed-lock-sha256';
const installed = existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === digest;
const present = ['tsx', 'vitest', 'dynalite', 'zod'].every((p) =>
  existsSync(`node_modules/${p}/package.json`),
);

if (!installed || !present) {
  console.error('Installing dependencies (npm ci, from package-lock.json)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--include=dev', '--no-audit', '--no-fund', '--loglevel=error'], {
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error('npm ci failed; see the output above.');
    process.exit(result.status ?? 1);
  }
  writeFileSync(stamp, digest);
}
