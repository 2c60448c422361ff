import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers.js';

/** The dependency direction: apps/cli -> report, dockerfile, secrets, sbom -> core. */
const ALLOWED: Record<string, string[]> = {
  '@shipshape/core': [],
  '@shipshape/report': ['@shipshape/core'],
  '@shipshape/secrets': ['@shipshape/core'],
  // The Dockerfile linter uses the secrets package's public API for secrets in ENV/ARG.
  '@shipshape/dockerfile': ['@shipshape/core', '@shipshape/secrets'],
  '@shipshape/sbom': ['@shipshape/core'],
  '@shipshape/cli': [
    '@shipshape/core',
    '@shipshape/report',
    '@shipshape/dockerfile',
    '@shipshape/secrets',
    '@shipshape/sbom',
  ],
};

const PACKAGE_DIRS = [
  'packages/core',
  'packages/report',
  'packages/dockerfile',
  'packages/secrets',
  'packages/sbom',
  'apps/cli',
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'fixtures' || name === 'node_modules') continue;
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.ts$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

describe('workspace architecture', () => {
  for (const dir of PACKAGE_DIRS) {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, dir, 'package.json'), 'utf8'));
    describe(pkg.name, () => {
      it('declares only internal dependencies the direction allows, written "*"', () => {
        const deps: Record<string, string> = { ...pkg.dependencies };
        for (const [name, range] of Object.entries(deps)) {
          if (!name.startsWith('@shipshape/')) {
            expect(range, `${name} must be pinned exactly`).toMatch(/^\d+\.\d+\.\d+$/);
            continue;
          }
          expect(ALLOWED[pkg.name], `${pkg.name} may not depend on ${name}`).toContain(name);
          expect(range).toBe('*');
        }
      });

      it('imports other workspace packages only through declared dependencies and never by relative path', () => {
        for (const file of sourceFiles(join(REPO_ROOT, dir, 'src'))) {
          const text = readFileSync(file, 'utf8');
          for (const m of text.matchAll(/(?:from|import\()\s*['"](@shipshape\/[\w-]+)/g)) {
            const target = m[1] as string;
            if (target === pkg.name) continue;
            expect(ALLOWED[pkg.name], `${relative(REPO_ROOT, file)} imports ${target}`).toContain(target);
          }
          for (const m of text.matchAll(/from\s*['"]((?:\.\.\/)+)([^'"]+)['"]/g)) {
            const resolved = relative(join(REPO_ROOT, dir), join(file, '..', `${m[1]}${m[2]}`));
            expect(resolved.startsWith('..'), `${relative(REPO_ROOT, file)} reaches outside its package: ${m[0]}`).toBe(
              false,
            );
          }
        }
      });

      it('is ESM with types-first exports, dist-only files and no side effects', () => {
        expect(pkg.type).toBe('module');
        expect(Object.keys(pkg.exports['.'])).toEqual(['types', 'default']);
        expect(pkg.files).toContain('dist');
        expect(pkg.sideEffects).toBe(false);
      });
    });
  }

  it('pins every root dev dependency exactly and commits the lockfile', () => {
    const root = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    for (const [name, range] of Object.entries(root.devDependencies as Record<string, string>))
      expect(range, name).toMatch(/^\d+\.\d+\.\d+$/);
    expect(statSync(join(REPO_ROOT, 'package-lock.json')).isFile()).toBe(true);
  });

  it('lists every optional platform package in the lockfile, so `npm ci` accepts it on any platform', () => {
    // See scripts/lock-platform-optionals.mjs: the registry mirror here serves only Linux builds.
    const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8'));
    const packages = lock.packages as Record<string, { optionalDependencies?: Record<string, string> }>;
    const missing: string[] = [];
    for (const [key, entry] of Object.entries(packages)) {
      if (!key.startsWith('node_modules/')) continue;
      for (const dep of Object.keys(entry.optionalDependencies ?? {})) {
        const nested = `${key}/node_modules/${dep}`;
        if (!packages[`node_modules/${dep}`] && !packages[nested]) missing.push(`${key} -> ${dep}`);
      }
    }
    expect(missing, 'run `node scripts/lock-platform-optionals.mjs` after npm install').toEqual([]);
  });
});
