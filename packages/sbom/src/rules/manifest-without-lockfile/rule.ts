import { defineRule, type Report } from '@shipshape/core';
import { parse as parseToml } from 'smol-toml';
import { type AuditInput, isExampleOrTestPath, type SbomRuleOptions } from '../../audit/input.js';
import { findLine, jsonKeyRange, trimmedLineRange } from '../../audit/locate.js';
import { gradleBuildCoordinates } from '../../collectors/java/index.js';
import {
  baseName,
  dirName,
  globToRegExp,
  isPythonLock,
  isRequirementsName,
  lockReferencesDir,
  pythonLockReferencesDir,
  workspaceGlobs,
} from '../../projects.js';
import { isRecord } from '../../util/yaml.js';
import { RULE_DOCS } from '../docs.js';

const ID = 'sbom/manifest-without-lockfile';
const NPM_LOCKS = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'];
const PY_LOCKS = ['uv.lock', 'poetry.lock', 'pdm.lock', 'Pipfile.lock', 'pylock.toml'];

function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** A lockfile in the directory, or in an ancestor workspace root whose globs cover it. */
function npmLocked(dir: string, paths: ReadonlySet<string>, texts: ReadonlyMap<string, string>): boolean {
  if (NPM_LOCKS.some((l) => paths.has(join(dir, l)))) return true;
  let d = dir;
  while (d !== '') {
    d = dirName(d);
    if (!NPM_LOCKS.some((l) => paths.has(join(d, l)))) continue;
    const globs = workspaceGlobs(texts.get(join(d, 'package.json')), texts.get(join(d, 'pnpm-workspace.yaml')));
    const rel = d === '' ? dir : dir.slice(d.length + 1);
    if (globs.map(globToRegExp).some((re) => re.test(rel))) return true;
    // A `file:`/`link:` dependency directory is locked by the lockfile that references it.
    if (NPM_LOCKS.some((l) => lockReferencesDir(texts.get(join(d, l)) ?? '', rel))) return true;
  }
  return false;
}

export const rule = defineRule<AuditInput, SbomRuleOptions>({
  meta: {
    id: ID,
    title: 'Manifest with dependencies but no lockfile',
    severity: 'medium',
    docs: RULE_DOCS[ID],
    aliases: [],
    tags: ['supply-chain', 'pinning', 'reproducibility'],
    messages: {
      npm: '{{file}} declares {{count}} dependencies but no lockfile (package-lock.json, yarn.lock, pnpm-lock.yaml) pins what they resolve to.',
      python:
        '{{file}} declares {{count}} dependencies but no lockfile (uv.lock, poetry.lock, pdm.lock, pylock.toml, pinned requirements) pins what they resolve to.',
      pipfile: 'Pipfile declares {{count}} packages but Pipfile.lock is missing.',
      gradle:
        '{{file}} declares {{count}} dependencies but no gradle.lockfile pins what they resolve to (dependency locking is off).',
      maven:
        '{{file}} declares {{count}} dependencies by version range or LATEST/RELEASE, and Maven keeps no lockfile: each build may resolve them differently.',
    },
  },
  check(input) {
    const name = baseName(input.path);
    const dir = dirName(input.path);
    let report: Report | undefined;
    if (input.role === 'npm-manifest') {
      let json: unknown;
      try {
        json = JSON.parse(input.text);
      } catch {
        return [];
      }
      if (!isRecord(json)) return [];
      let count = 0;
      let first: string | undefined;
      for (const group of ['dependencies', 'devDependencies', 'optionalDependencies']) {
        const deps = json[group];
        if (!isRecord(deps)) continue;
        const n = Object.keys(deps).length;
        if (n > 0 && first === undefined) first = group;
        count += n;
      }
      if (count === 0 || first === undefined || npmLocked(dir, input.paths, input.texts)) return [];
      report = {
        messageId: 'npm',
        data: { file: name, count },
        range: jsonKeyRange(input.text, input.lines, undefined, first),
      };
    } else if (input.role === 'python' && name === 'pyproject.toml') {
      if (
        PY_LOCKS.some((l) => input.paths.has(join(dir, l))) ||
        [...input.paths].some((p) => /^pylock\.[\w-]+\.toml$/.test(baseName(p)) && dirName(p) === dir)
      )
        return [];
      // A uv workspace member or path dependency locked by an ancestor's lockfile.
      for (let d = dir; d !== ''; ) {
        d = dirName(d);
        const rel = d === '' ? dir : dir.slice(d.length + 1);
        for (const p of input.paths)
          if (dirName(p) === d && isPythonLock(p) && pythonLockReferencesDir(input.texts.get(p) ?? '', rel)) return [];
      }
      // Pinned requirements files next to it (pip-compile output) act as the lock.
      if (
        [...input.paths].some(
          (p) => (dirName(p) === dir || dirName(p) === join(dir, 'requirements')) && isRequirementsName(baseName(p), p),
        )
      )
        return [];
      let data: unknown;
      try {
        data = parseToml(input.text);
      } catch {
        return [];
      }
      if (!isRecord(data)) return [];
      const project = isRecord(data.project) ? data.project : {};
      let count = Array.isArray(project.dependencies) ? project.dependencies.length : 0;
      const tool = isRecord(data.tool) ? data.tool : {};
      const poetry = isRecord(tool.poetry) ? tool.poetry : {};
      if (isRecord(poetry.dependencies))
        count += Object.keys(poetry.dependencies).filter((k) => k.toLowerCase() !== 'python').length;
      if (count === 0) return [];
      const line =
        findLine(input.lines, /^\s*dependencies\s*=/) ??
        findLine(input.lines, /^\s*\[tool\.poetry\.dependencies\]/) ??
        1;
      report = { messageId: 'python', data: { file: name, count }, range: trimmedLineRange(input.lines, line) };
    } else if (input.role === 'python' && name.toLowerCase() === 'pipfile') {
      if (input.paths.has(join(dir, 'Pipfile.lock'))) return [];
      let data: unknown;
      try {
        data = parseToml(input.text);
      } catch {
        return [];
      }
      if (!isRecord(data)) return [];
      const count =
        (isRecord(data.packages) ? Object.keys(data.packages).length : 0) +
        (isRecord(data['dev-packages']) ? Object.keys(data['dev-packages']).length : 0);
      if (count === 0) return [];
      const line = findLine(input.lines, /^\s*\[(dev-)?packages\]/) ?? 1;
      report = { messageId: 'pipfile', data: { count }, range: trimmedLineRange(input.lines, line) };
    } else if (input.role === 'gradle' && /\.gradle(\.kts)?$/.test(name)) {
      const locked = [...input.paths].some(
        (p) =>
          (dirName(p) === dir && /gradle\.lockfile$/.test(baseName(p))) ||
          dirName(p) === join(dir, 'gradle/dependency-locks'),
      );
      if (locked) return [];
      const count =
        gradleBuildCoordinates(input.text).length +
        (input.text.match(/\b(implementation|api|runtimeOnly|compileOnly)\s*\(?\s*libs\./g)?.length ?? 0);
      if (count === 0) return [];
      const line = findLine(input.lines, /^\s*dependencies\s*\{/) ?? 1;
      report = { messageId: 'gradle', data: { file: name, count }, range: trimmedLineRange(input.lines, line) };
    } else if (input.role === 'maven' && name === 'pom.xml') {
      // Exact versions resolve the same way every time (Maven's nearest-wins is deterministic);
      // only ranges and the LATEST/RELEASE keywords float.
      const floating = [...input.text.matchAll(/<version>\s*([^<]*?)\s*<\/version>/g)].filter((m) =>
        /^[[(].*[\])]$|^(LATEST|RELEASE)$/.test(m[1] ?? ''),
      );
      if (floating.length === 0) return [];
      const first = floating[0] as RegExpMatchArray;
      const at = input.lines.position(first.index ?? 0).line;
      report = {
        messageId: 'maven',
        data: { file: name, count: floating.length },
        range: trimmedLineRange(input.lines, at),
      };
    }
    if (!report) return [];
    report.fileLevel = true;
    report.fix =
      input.role === 'npm-manifest'
        ? 'Run your package manager once (npm install --package-lock-only, yarn, pnpm install --lockfile-only) and commit the lockfile.'
        : input.role === 'gradle'
          ? 'Turn on dependency locking (`dependencyLocking { lockAllConfigurations() }`), run `gradle dependencies --write-locks` and commit gradle.lockfile.'
          : input.role === 'maven'
            ? 'Replace version ranges and LATEST/RELEASE with exact versions (dependencyManagement keeps them in one place).'
            : 'Generate and commit a lockfile (uv lock, poetry lock, pipenv lock, or pip-compile --generate-hashes).';
    if (isExampleOrTestPath(input.path)) report.severity = 'info';
    return [report];
  },
});
