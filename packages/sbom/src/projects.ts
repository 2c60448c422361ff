import { isDockerfileName } from '@shipshape/core';
import { isRecord, loadYaml } from './util/yaml.js';

/** What the detector needs to know about a path. */
export type InputRole =
  | 'npm-manifest'
  | 'npm-lock'
  | 'python'
  | 'helm-chart'
  | 'helm-lock'
  | 'helm-requirements'
  | 'helm-values'
  | 'helm-archive'
  | 'dockerfile'
  | 'compose'
  | 'pnpm-workspace'
  | 'workflow'
  | 'go'
  | 'go-work'
  | 'cargo'
  | 'ruby'
  | 'composer'
  | 'maven'
  | 'gradle'
  | 'nuget'
  | 'nuget-props'
  | 'hex'
  | 'pub'
  | 'swift'
  | 'cocoapods'
  | 'compose-env'
  /** A manifest the SBOM recognises but reads only through its lockfile, or not at all. */
  | 'unread';

const NPM_LOCKS = new Set(['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml']);
const PY_FILES = new Set(['pyproject.toml', 'uv.lock', 'poetry.lock', 'pipfile', 'pipfile.lock']);

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? '' : path.slice(0, i);
}

/** Files that are never project inputs: installed trees, build output and VCS internals. */
function excluded(path: string): boolean {
  return /(^|\/)(node_modules|\.git|\.venv|venv|site-packages|__pycache__|\.tox|vendor\/bundle|\.bundle|\.dart_tool|\.build|Pods)\//.test(
    path,
  );
}

/** Lockfile and manifest names of the other ecosystems, by the role that reads them. */
const ECOSYSTEM_FILES: Record<string, InputRole> = {
  'go.mod': 'go',
  'go.sum': 'go',
  'go.work': 'go-work',
  'Cargo.toml': 'cargo',
  'Cargo.lock': 'cargo',
  'Gemfile.lock': 'ruby',
  'gems.locked': 'ruby',
  'composer.json': 'composer',
  'composer.lock': 'composer',
  'pom.xml': 'maven',
  'gradle.lockfile': 'gradle',
  'buildscript-gradle.lockfile': 'gradle',
  'build.gradle': 'gradle',
  'build.gradle.kts': 'gradle',
  'libs.versions.toml': 'gradle',
  'packages.lock.json': 'nuget',
  'Directory.Packages.props': 'nuget-props',
  'Directory.Build.props': 'nuget-props',
  'mix.lock': 'hex',
  'pubspec.lock': 'pub',
  'pubspec.yaml': 'pub',
  'Package.resolved': 'swift',
  'Podfile.lock': 'cocoapods',
};

/**
 * Manifests and lockfiles recognised but not read, with why: code manifests whose lockfile carries
 * the packages (read when it is there), and ecosystems without a collector.
 */
export const UNREAD_INPUTS: Record<string, { ecosystem: string; lock?: string; why: string }> = {
  Gemfile: {
    ecosystem: 'ruby',
    lock: 'Gemfile.lock',
    why: 'Gemfile is Ruby code and is not run; Ruby gems are read from Gemfile.lock, which is missing.',
  },
  'gems.rb': {
    ecosystem: 'ruby',
    lock: 'gems.locked',
    why: 'gems.rb is Ruby code and is not run; gems.locked is missing.',
  },
  'mix.exs': {
    ecosystem: 'hex',
    lock: 'mix.lock',
    why: 'mix.exs is Elixir code and is not run; Hex packages are read from mix.lock, which is missing.',
  },
  'Package.swift': {
    ecosystem: 'swift',
    lock: 'Package.resolved',
    why: 'Package.swift is Swift code and is not run; Swift packages are read from Package.resolved, which is missing.',
  },
  Podfile: {
    ecosystem: 'cocoapods',
    lock: 'Podfile.lock',
    why: 'Podfile is Ruby code and is not run; pods are read from Podfile.lock, which is missing.',
  },
  'setup.py': {
    ecosystem: 'python',
    why: 'setup.py is Python code and is not run; no Python collector reads it (add a lockfile or pinned requirements).',
  },
  'setup.cfg': {
    ecosystem: 'python',
    why: 'setup.cfg is not read by the Python collector (add a lockfile or pinned requirements).',
  },
  'pdm.lock': { ecosystem: 'python', why: 'no collector reads pdm.lock yet.' },
  'bun.lock': { ecosystem: 'npm', why: 'no collector reads bun.lock yet.' },
  'bun.lockb': { ecosystem: 'npm', why: 'bun.lockb is a binary lockfile no collector reads.' },
  'deno.lock': { ecosystem: 'deno', why: 'no collector reads deno.lock yet.' },
  'build.sbt': { ecosystem: 'maven', why: 'sbt builds (Scala code) are not read.' },
  'project.clj': { ecosystem: 'maven', why: 'Leiningen project files (Clojure code) are not read.' },
  'deps.edn': { ecosystem: 'maven', why: 'Clojure deps.edn is not read.' },
  'packages.config': { ecosystem: 'nuget', why: 'legacy NuGet packages.config is not read.' },
  'paket.lock': { ecosystem: 'nuget', why: 'no collector reads paket.lock yet.' },
  'stack.yaml': { ecosystem: 'hackage', why: 'Haskell (stack) projects are not read.' },
  'cabal.project.freeze': { ecosystem: 'hackage', why: 'Haskell cabal freeze files are not read.' },
  'conanfile.txt': { ecosystem: 'conan', why: 'C/C++ Conan manifests are not read.' },
  'conanfile.py': { ecosystem: 'conan', why: 'C/C++ Conan recipes (Python code) are not read.' },
  'conan.lock': { ecosystem: 'conan', why: 'no collector reads conan.lock yet.' },
  'vcpkg.json': { ecosystem: 'vcpkg', why: 'vcpkg manifests are not read.' },
  'flake.lock': { ecosystem: 'nix', why: 'Nix flake locks are not read.' },
  'renv.lock': { ecosystem: 'cran', why: 'R renv lockfiles are not read.' },
  'Cartfile.resolved': { ecosystem: 'carthage', why: 'Carthage lockfiles are not read.' },
  'rebar.lock': { ecosystem: 'hex', why: 'Erlang rebar.lock is not read.' },
  'shard.lock': { ecosystem: 'crystal', why: 'Crystal shard.lock is not read.' },
  'elm.json': { ecosystem: 'elm', why: 'Elm manifests are not read.' },
  'pixi.lock': { ecosystem: 'conda', why: 'pixi lockfiles are not read.' },
  'conda-lock.yml': { ecosystem: 'conda', why: 'conda-lock files are not read.' },
  'Manifest.toml': { ecosystem: 'julia', why: 'Julia Manifest.toml is not read.' },
};

/** Whether a base name is a pip requirements/constraints file. */
export function isRequirementsName(name: string, path: string): boolean {
  const lower = name.toLowerCase();
  return /^(requirements|constraints)[\w.-]*\.txt$/.test(lower) || /(^|\/)requirements\/[^/]+\.txt$/i.test(path);
}

/** Role of a path as an SBOM input, or undefined when the SBOM does not read it. */
export function inputRole(path: string): InputRole | undefined {
  if (excluded(path)) return undefined;
  const name = baseName(path);
  const lower = name.toLowerCase();
  if (lower === 'package.json') return 'npm-manifest';
  if (NPM_LOCKS.has(lower)) return 'npm-lock';
  if (lower === 'pnpm-workspace.yaml') return 'pnpm-workspace';
  if (PY_FILES.has(lower) || /^pylock(\.[\w-]+)?\.toml$/.test(lower) || isRequirementsName(name, path)) return 'python';
  if (name === 'Chart.yaml') return 'helm-chart';
  if (name === 'Chart.lock' || name === 'requirements.lock') return 'helm-lock';
  if (name === 'requirements.yaml') return 'helm-requirements';
  if (/^values[\w.-]*\.ya?ml$/i.test(name)) return 'helm-values';
  if (/(^|\/)charts\/[^/]+\.tgz$/i.test(path)) return 'helm-archive';
  if (/^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/.test(lower)) return 'compose';
  if (isDockerfileName(name)) return 'dockerfile';
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(path)) return 'workflow';
  // `vendor/` holds copies of dependencies (go mod vendor, cargo vendor, composer's install tree):
  // their manifests are not the repository's projects.
  const vendored = /(^|\/)vendor\//.test(path);
  const eco = ECOSYSTEM_FILES[name];
  if (eco) return vendored ? undefined : eco;
  if (vendored) return undefined;
  if (/\.(cs|fs|vb)proj$/i.test(name)) return 'nuget';
  if (/\.versions\.toml$/.test(name) && /(^|\/)gradle\//.test(path)) return 'gradle';
  if (/(^|\/)gradle\/dependency-locks\/[^/]+\.lockfile$/.test(path)) return 'gradle';
  if (name === '.env') return 'compose-env';
  if (Object.hasOwn(UNREAD_INPUTS, name) || /\.cabal$/.test(name)) return 'unread';
  return undefined;
}

/**
 * The paths the SBOM and the pinning audit need, out of everything discovery found (so the CLI
 * reads only those). Helm values files count only inside a chart (next to a Chart.yaml).
 */
export function selectSbomInputs(paths: readonly string[]): string[] {
  const chartRoots = helmChartRoots(paths);
  const composeDirs = new Set(paths.filter((p) => inputRole(p) === 'compose').map(dirName));
  const out: string[] = [];
  for (const path of paths) {
    const role = inputRole(path);
    if (!role) continue;
    // `.env` only next to a compose file, where Compose reads it for `${VAR}` defaults.
    if (role === 'compose-env' && !composeDirs.has(dirName(path))) continue;
    if (
      (role === 'helm-values' || role === 'helm-lock' || role === 'helm-requirements' || role === 'helm-archive') &&
      chartRootOf(path, chartRoots) === undefined
    )
      continue;
    out.push(path);
  }
  return out.sort();
}

/** Directories holding a Chart.yaml. */
export function helmChartRoots(paths: readonly string[]): Set<string> {
  const roots = new Set<string>();
  for (const p of paths) if (baseName(p) === 'Chart.yaml' && !excluded(p)) roots.add(dirName(p));
  return roots;
}

/** The nearest chart root containing a path (values files, locks, archives under `charts/`). */
export function chartRootOf(path: string, roots: ReadonlySet<string>): string | undefined {
  let dir = dirName(path);
  if (/(^|\/)charts$/.test(dir) && /\.tgz$/i.test(path)) dir = dirName(dir);
  return roots.has(dir) ? dir : undefined;
}

/** Top-level chart roots: charts not vendored inside another chart's `charts/` directory. */
export function topChartRoots(roots: ReadonlySet<string>): string[] {
  return [...roots]
    .filter((r) => {
      let d = r;
      while (d !== '') {
        const parent = dirName(d);
        if (baseName(parent) === 'charts' && roots.has(dirName(parent))) return false;
        d = parent;
      }
      return true;
    })
    .sort();
}

/** Glob (workspace pattern) to RegExp: `*` one segment, `**` any depth. */
export function globToRegExp(glob: string): RegExp {
  const clean = glob.replace(/^\.\//, '').replace(/\/+$/, '');
  let re = '';
  for (let i = 0; i < clean.length; i++) {
    const ch = clean[i] as string;
    if (ch === '*' && clean[i + 1] === '*') {
      re += '.*';
      i++;
      if (clean[i + 1] === '/') i++;
    } else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Workspace globs of a root package.json (array or `{ packages }`) and of pnpm-workspace.yaml. */
export function workspaceGlobs(packageJson: string | undefined, pnpmWorkspace: string | undefined): string[] {
  const globs: string[] = [];
  if (packageJson) {
    try {
      const json = JSON.parse(packageJson) as unknown;
      if (isRecord(json)) {
        const ws = json.workspaces;
        const list = Array.isArray(ws) ? ws : isRecord(ws) && Array.isArray(ws.packages) ? ws.packages : [];
        for (const g of list) if (typeof g === 'string') globs.push(g);
      }
    } catch {
      // The collector reports the parse error.
    }
  }
  if (pnpmWorkspace) {
    try {
      const data = loadYaml(pnpmWorkspace);
      if (isRecord(data) && Array.isArray(data.packages))
        for (const g of data.packages) if (typeof g === 'string' && !g.startsWith('!')) globs.push(g);
    } catch {
      // ignore: pnpm's own error is not ours to report
    }
  }
  return globs;
}

/**
 * Whether an npm lockfile locks the directory `rel` (relative to the lockfile's directory) as a
 * local package: a `file:`/`link:` dependency, or a `packages` entry of package-lock v2/v3.
 */
export function lockReferencesDir(lockText: string, rel: string): boolean {
  return [`file:${rel}`, `file:./${rel}`, `link:${rel}`, `link:./${rel}`, `"${rel}":`].some((n) =>
    lockText.includes(n),
  );
}

const PY_LOCKS = /^(uv\.lock|poetry\.lock|pipfile\.lock|pylock(\.[\w-]+)?\.toml)$/;

/** Whether a path is a Python lockfile (uv, poetry, Pipfile.lock, pylock). */
export function isPythonLock(path: string): boolean {
  return PY_LOCKS.test(baseName(path).toLowerCase());
}

/**
 * Whether a Python lockfile locks the directory `rel` (relative to the lockfile's directory) as a
 * local package: a uv workspace member or path source (`editable = "libs/core"`), a poetry
 * `directory` source (`url = "libs/core"`), a Pipfile.lock `path`.
 */
export function pythonLockReferencesDir(lockText: string, rel: string): boolean {
  return lockText.includes(`"${rel}"`) || lockText.includes(`"./${rel}"`);
}
