#!/usr/bin/env node
// Runs before `npm start` and `npm test`: on a fresh clone (or after package-lock.json changed)
// installs the locked dependencies, so the two commands work with nothing installed beforehand.
// `npm install` rather than `npm ci`: the lock records only the platform packages the registry here
// serves (Biome's Linux binaries), and `npm ci` refuses a lock that lacks the other platforms' ones.
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
  console.error('Installing dependencies (npm install, from package-lock.json)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error('npm install failed; see the output above.');
    process.exit(result.status ?? 1);
  }
  // The lock as it is after the install (npm may have rewritten it).
  writeFileSync(stamp, createHash('sha256').update(readFileSync('package-lock.json')).digest('hex'));
}
