#!/usr/bin/env node
// The registry this project is built from serves only some platforms' prebuilt binaries
// (e.g. @msgpackr-extract/* for linux only). `npm install` then writes a lock file naming
// optional dependencies it could not resolve, and `npm ci` refuses it. This drops those
// names from the lock so `npm ci` works; run it after changing dependencies (npm run lock:fix).
import { readFileSync, writeFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const present = new Set(Object.keys(lock.packages).map((k) => k.split('node_modules/').pop()));
let dropped = 0;
for (const entry of Object.values(lock.packages)) {
  if (!entry.optionalDependencies) continue;
  for (const name of Object.keys(entry.optionalDependencies)) {
    if (!present.has(name)) {
      delete entry.optionalDependencies[name];
      dropped += 1;
    }
  }
}
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${dropped} unresolvable optional dependencies dropped`);
