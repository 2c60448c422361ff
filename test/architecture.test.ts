import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers.js';

/** The dependency direction: apps/cli -> report, dockerfile, secrets, sbom, vulns -> core (vulns -> sbom). */
const ALLOWED: Record<string, string[]> = {
  '@shipshape/core': [],
  '@shipshape/report': ['@shipshape/core'],
  '@shipshape/secrets': ['@shipshape/core'],
  // The Dockerfile linter uses the secrets package's public API for secrets in ENV/ARG.
  '@shipshape/dockerfile': ['@shipshape/core', '@shipshape/secrets'],
  '@shipshape/sbom': ['@shipshape/core'],
  // Vulnerability matching reads the SBOM's components through sbom's public API.
  '@shipshape/vulns': ['@shipshape/core', '@shipshape/sbom'],
  // The workloads analyzer judges rendered Secret and env values through the secrets public API.
  '@shipshape/workloads': ['@shipshape/core', '@shipshape/secrets'],
  '@shipshape/cli': [
    '@shipshape/core',
    '@shipshape/report',
    '@shipshape/dockerfile',
    '@shipshape/secrets',
    '@shipshape/sbom',
    '@shipshape/vulns',
    '@shipshape/workloads',
  ],
};

/** Every workspace package: a new one must be given its place in ALLOWED above. */
const PACKAGE_DIRS = ['packages', 'apps'].flatMap((top) =>
  readdirSync(join(REPO_ROOT, top))
    .filter((name) => existsSync(join(REPO_ROOT, top, name, 'package.json')))
    .map((name) => `${top}/${name}`),
);
const VERSIONS = new Map<string, string>(
  PACKAGE_DIRS.map((dir) => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, dir, 'package.json'), 'utf8'));
    return [pkg.name as string, pkg.version as string];
  }),
);

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
      it('has its place in the dependency direction', () => {
        expect(Object.keys(ALLOWED), `add ${pkg.name} to ALLOWED`).toContain(pkg.name);
      });

      it('declares only internal dependencies the direction allows, with a real version range', () => {
        const deps: Record<string, string> = { ...pkg.dependencies };
        for (const [name, range] of Object.entries(deps)) {
          if (!name.startsWith('@shipshape/')) {
            expect(range, `${name} must be pinned exactly`).toMatch(/^\d+\.\d+\.\d+$/);
            continue;
          }
          expect(ALLOWED[pkg.name], `${pkg.name} may not depend on ${name}`).toContain(name);
          // A caret range on the workspace version: npm links the workspace package, and a packed
          // tarball depends on a real release instead of whatever the registry serves.
          expect(range, `${pkg.name} -> ${name}`).toBe(`^${VERSIONS.get(name)}`);
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

  it('reads nothing outside the repository: no source, test, script or config names ../shared or the workspace', () => {
    // Built from pieces so that this file does not match itself.
    const outside = [
      new RegExp(`(?:\\.\\./)+${'shared'}(?:/|['"\`])`),
      new RegExp(`['"\`]/${'work'}/`),
      /resolve\(REPO_ROOT, '\.\.'/,
    ];
    const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' })
      .split('\0')
      .filter((f) => /\.(?:[cm]?[jt]s|json|ya?ml|sh)$|(?:^|\/)\.ci\/run$/.test(f))
      .filter((f) => !f.startsWith('test/schemas/') && f !== 'package-lock.json');
    const offenders: string[] = [];
    for (const file of tracked) {
      if (!existsSync(join(REPO_ROOT, file))) continue;
      const text = readFileSync(join(REPO_ROOT, file), 'utf8');
      text.split('\n').forEach((line, i) => {
        if (outside.some((re) => re.test(line))) offenders.push(`${file}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
