#!/usr/bin/env node
// Keeps package-lock.json installable with `npm ci` everywhere.
//
// Why: the npm registry mirror this project is developed against serves only the Linux builds
// of packages that ship one binary package per platform (turbo's @turbo/*, Biome's
// @biomejs/cli-*). npm skips the optional packages it cannot fetch and leaves them out of the
// lockfile, and `npm ci` then refuses the lockfile as out of sync. This script adds the missing
// optional platform entries (version, os, cpu) so the lockfile is complete; npm never installs
// them on a platform they do not match.
//
// Usage: node scripts/lock-platform-optionals.mjs [path/to/package-lock.json]   (idempotent)
import { readFileSync, writeFileSync } from 'node:fs';

const path = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages ?? {};

function platformOf(name) {
  const leaf = name.split('/').pop() ?? name;
  const os = /darwin/.test(leaf)
    ? 'darwin'
    : /win32|windows/.test(leaf)
      ? 'win32'
      : /android/.test(leaf)
        ? 'android'
        : /freebsd/.test(leaf)
          ? 'freebsd'
          : /linux/.test(leaf)
            ? 'linux'
            : undefined;
  const cpu = /arm64|aarch64/.test(leaf)
    ? 'arm64'
    : /x64|-64$|amd64/.test(leaf)
      ? 'x64'
      : /ia32/.test(leaf)
        ? 'ia32'
        : /arm/.test(leaf)
          ? 'arm'
          : undefined;
  const libc = /musl/.test(leaf) ? 'musl' : undefined;
  return { os, cpu, libc };
}

let added = 0;
for (const [key, entry] of Object.entries(packages)) {
  if (!entry.optionalDependencies || (!key.startsWith('node_modules/') && key !== '')) continue;
  for (const [dep, version] of Object.entries(entry.optionalDependencies)) {
    const target = `node_modules/${dep}`;
    if (packages[target]) continue;
    const { os, cpu, libc } = platformOf(dep);
    // Only platform binaries: anything else missing is a real problem for `npm install` to fix.
    if (!os || !/^\d+\.\d+\.\d+/.test(version)) continue;
    const added_entry = { version, ...(entry.dev ? { dev: true } : {}), optional: true };
    added_entry.os = [os];
    if (cpu) added_entry.cpu = [cpu];
    if (libc) added_entry.libc = [libc];
    packages[target] = added_entry;
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en'))),
);
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`${path}: added ${added} platform-specific optional entries`);
