import { CORE_SCHEMA, load } from 'js-yaml';

/** One build of a Dockerfile that the repository declares somewhere. */
export interface BuildReference {
  /** Dockerfile path relative to the scan root (POSIX). */
  dockerfile: string;
  /** Build context directory relative to the scan root ('' for the root). */
  context: string;
  /** `--target` of that build; undefined when it builds the last stage. */
  target?: string;
  /** Where the build is declared (`docker-compose.yml`, `.github/workflows/ci.yml`, `Makefile`). */
  source: string;
  /** Dev-environment definitions (`.devcontainer/`, Docker Dev Environments `.docker/`) ship nothing. */
  devEnvironment: boolean;
}

/** The file kinds `findBuildReferences` reads. */
export type BuildFileKind = 'compose' | 'bake-hcl' | 'bake-json' | 'workflow' | 'script';

function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? path : path.slice(i + 1);
}

function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? '' : path.slice(0, i);
}

/** Joins and normalises POSIX paths relative to the scan root; undefined when it leaves the root. */
export function joinPath(dir: string, rel: string): string | undefined {
  if (rel.startsWith('/')) return undefined;
  const out: string[] = dir === '' ? [] : dir.split('/');
  for (const part of rel.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

/** Which kind of build-declaring file a path is, if any. */
export function buildFileKind(path: string): BuildFileKind | undefined {
  const name = baseName(path).toLowerCase();
  if (/^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/.test(name)) return 'compose';
  if (/^docker-bake(\.[\w-]+)*\.hcl$/.test(name)) return 'bake-hcl';
  if (/^docker-bake(\.[\w-]+)*\.json$/.test(name)) return 'bake-json';
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(path)) return 'workflow';
  if (/^(gnu)?makefile$|\.mk$|\.(sh|bash)$|^justfile$|^taskfile\.ya?ml$/.test(name)) return 'script';
  return undefined;
}

function isDevEnvironment(path: string): boolean {
  return /(^|\/)(\.devcontainer|\.docker)\//.test(path);
}

/** `${VAR:-default}` / `${VAR-default}` become their default; other variables make the value unknown. */
function composeValue(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const out = value.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}/g, '$1');
  return /\$/.test(out) ? undefined : out;
}

function isRemote(context: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || /^git@/.test(context) || context.endsWith('.git');
}

function compose(path: string, text: string): BuildReference[] {
  let doc: unknown;
  try {
    doc = load(text, { schema: CORE_SCHEMA, json: true });
  } catch {
    return [];
  }
  const services = (doc as { services?: unknown } | null)?.services;
  if (!services || typeof services !== 'object') return [];
  const out: BuildReference[] = [];
  const dir = dirName(path);
  for (const service of Object.values(services as Record<string, unknown>)) {
    const build = (service as { build?: unknown } | null)?.build;
    if (build === undefined || build === null) continue;
    const spec = typeof build === 'string' ? { context: build } : (build as Record<string, unknown>);
    const context = spec.context === undefined ? '.' : composeValue(spec.context);
    if (context === undefined || isRemote(context)) continue;
    const contextDir = joinPath(dir, context);
    if (contextDir === undefined) continue;
    if (spec.dockerfile_inline !== undefined) continue;
    const file = spec.dockerfile === undefined ? 'Dockerfile' : composeValue(spec.dockerfile);
    if (file === undefined) continue;
    const dockerfile = joinPath(contextDir, file);
    if (dockerfile === undefined) continue;
    const ref: BuildReference = {
      dockerfile,
      context: contextDir,
      source: path,
      devEnvironment: isDevEnvironment(path),
    };
    if (spec.target !== undefined) {
      const target = composeValue(spec.target);
      if (target === undefined) continue;
      ref.target = target;
    }
    out.push(ref);
  }
  return out;
}

interface BakeTarget {
  context?: string;
  dockerfile?: string;
  target?: string;
  inherits?: string[];
  /** `output`: files exported (`.`, `type=local`), `type=cacheonly`, or an image. */
  output?: string[];
}

/** A bake output that is not an image anyone runs: exported files, a tarball, cache only. */
function exportsFiles(output: readonly string[] | undefined): boolean {
  if (!output || output.length === 0) return false;
  return output.every((o) => !/^type=(image|registry|docker|oci)\b/.test(o.trim()));
}

/** `target "name" { key = "value" ... }` blocks of a bake HCL file (string attributes and `inherits`). */
function bakeHclTargets(text: string): Map<string, BakeTarget> {
  const targets = new Map<string, BakeTarget>();
  const src = text.replace(/(^|[^:"])(#|\/\/).*$/gm, '$1').replace(/\/\*[\s\S]*?\*\//g, '');
  const head = /\btarget\s+"([^"]+)"\s*\{/g;
  for (let m = head.exec(src); m; m = head.exec(src)) {
    let depth = 1;
    let i = head.lastIndex;
    let inString = false;
    for (; i < src.length && depth > 0; i++) {
      const c = src[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}') depth--;
    }
    const body = src.slice(head.lastIndex, i - 1);
    const t: BakeTarget = {};
    for (const a of body.matchAll(/^\s*(context|dockerfile|target)\s*=\s*"([^"]*)"/gm))
      t[a[1] as 'context' | 'dockerfile' | 'target'] = a[2] ?? '';
    const inherits = /^\s*inherits\s*=\s*\[([^\]]*)\]/m.exec(body);
    if (inherits) t.inherits = [...(inherits[1] ?? '').matchAll(/"([^"]+)"/g)].map((x) => x[1] ?? '');
    const output = /^\s*output\s*=\s*\[([^\]]*)\]/m.exec(body);
    if (output) t.output = [...(output[1] ?? '').matchAll(/"([^"]*)"/g)].map((x) => x[1] ?? '');
    targets.set(m[1] ?? '', t);
    head.lastIndex = i;
  }
  return targets;
}

function bakeJsonTargets(text: string): Map<string, BakeTarget> {
  const targets = new Map<string, BakeTarget>();
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return targets;
  }
  const raw = (doc as { target?: unknown } | null)?.target;
  if (!raw || typeof raw !== 'object') return targets;
  for (const [name, value] of Object.entries(raw as Record<string, Record<string, unknown>>)) {
    const t: BakeTarget = {};
    for (const key of ['context', 'dockerfile', 'target'] as const)
      if (typeof value?.[key] === 'string') t[key] = value[key] as string;
    if (Array.isArray(value?.inherits)) t.inherits = value.inherits.filter((x): x is string => typeof x === 'string');
    if (Array.isArray(value?.output)) t.output = value.output.filter((x): x is string => typeof x === 'string');
    targets.set(name, t);
  }
  return targets;
}

function bake(path: string, targets: Map<string, BakeTarget>): BuildReference[] {
  const resolveTarget = (name: string, seen: Set<string>): BakeTarget => {
    const t = targets.get(name);
    if (!t || seen.has(name)) return {};
    seen.add(name);
    let merged: BakeTarget = {};
    for (const parent of t.inherits ?? []) merged = { ...merged, ...resolveTarget(parent, seen) };
    const own: BakeTarget = {};
    if (t.context !== undefined) own.context = t.context;
    if (t.dockerfile !== undefined) own.dockerfile = t.dockerfile;
    if (t.target !== undefined) own.target = t.target;
    if (t.output !== undefined) own.output = t.output;
    return { ...merged, ...own };
  };
  const out: BuildReference[] = [];
  const dir = dirName(path);
  for (const name of targets.keys()) {
    const t = resolveTarget(name, new Set());
    // lint/validate targets (`type=cacheonly`) and binary exports (`output = ["./bin"]`) ship no image.
    if (exportsFiles(t.output)) continue;
    const context = t.context ?? '.';
    if (/\$/.test(context) || isRemote(context)) continue;
    const contextDir = joinPath(dir, context);
    const dockerfile = contextDir === undefined ? undefined : joinPath(contextDir, t.dockerfile ?? 'Dockerfile');
    if (contextDir === undefined || dockerfile === undefined || /\$/.test(dockerfile)) continue;
    const ref: BuildReference = { dockerfile, context: contextDir, source: path, devEnvironment: false };
    if (t.target !== undefined) {
      if (/\$/.test(t.target)) continue;
      ref.target = t.target;
    }
    out.push(ref);
  }
  return out;
}

function workflow(path: string, text: string): BuildReference[] {
  let doc: unknown;
  try {
    doc = load(text, { schema: CORE_SCHEMA, json: true });
  } catch {
    return [];
  }
  const jobs = (doc as { jobs?: unknown } | null)?.jobs;
  if (!jobs || typeof jobs !== 'object') return [];
  const out: BuildReference[] = [];
  for (const job of Object.values(jobs as Record<string, unknown>)) {
    const steps = (job as { steps?: unknown } | null)?.steps;
    if (!Array.isArray(steps)) continue;
    for (const step of steps as Record<string, unknown>[]) {
      if (typeof step?.run === 'string') {
        const cwd = typeof step['working-directory'] === 'string' ? step['working-directory'] : '';
        out.push(...commandLines(path, step.run, joinPath('', cwd) ?? ''));
      }
      if (typeof step?.uses !== 'string' || !/^docker\/build-push-action@/.test(step.uses)) continue;
      const w = (step.with ?? {}) as Record<string, unknown>;
      // The action's default context is the git checkout; `${{ }}` expressions make a value unknown.
      const context = typeof w.context === 'string' ? w.context : '.';
      if (/\$\{\{/.test(context) || isRemote(context)) continue;
      const contextDir = joinPath('', context);
      if (contextDir === undefined) continue;
      const file = typeof w.file === 'string' ? w.file : undefined;
      if (file !== undefined && /\$\{\{/.test(file)) continue;
      const dockerfile = file === undefined ? joinPath(contextDir, 'Dockerfile') : joinPath('', file);
      if (dockerfile === undefined) continue;
      const ref: BuildReference = { dockerfile, context: contextDir, source: path, devEnvironment: false };
      if (typeof w.target === 'string') {
        if (/\$\{\{/.test(w.target)) continue;
        ref.target = w.target;
      }
      out.push(ref);
    }
  }
  return out;
}

const BUILD_COMMAND =
  /\b(?:docker|podman)\s+(?:buildx\s+build|image\s+build|build)\b|\bbuildah\s+(?:bud|build)\b|\bnerdctl\s+build\b/g;

/**
 * `docker build [-f F] [--target T] CONTEXT` in a script, Makefile or workflow `run:`: options
 * are read word by word from the command's logical line (`\` continuations joined). Paths are
 * relative to `cwd`; values with variables are unknown and drop that reference.
 */
function commandLines(path: string, text: string, cwd: string): BuildReference[] {
  const out: BuildReference[] = [];
  const joined = text.replace(/\\\r?\n/g, ' ');
  for (const m of joined.matchAll(BUILD_COMMAND)) {
    const start = (m.index ?? 0) + m[0].length;
    const end = joined.slice(start).search(/[\n;|&]|$/);
    const words = joined
      .slice(start, start + (end === -1 ? joined.length : end))
      .trim()
      .split(/\s+/)
      .filter((w) => w !== '')
      .map((w) => w.replace(/^["']|["'`)]+$/g, ''));
    let file: string | undefined;
    let target: string | undefined;
    let context: string | undefined;
    let unknown = false;
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as string;
      const eq = w.indexOf('=');
      const name = w.startsWith('--') && eq !== -1 ? w.slice(0, eq) : w;
      const inline = w.startsWith('--') && eq !== -1 ? w.slice(eq + 1) : undefined;
      const take = (): string => inline ?? words[++i] ?? '';
      if (name === '-f' || name === '--file') file = take();
      else if (name === '--target') target = take();
      else if (/^-f./.test(w)) file = w.slice(2);
      else if (
        /^(-t|--tag|--build-arg|--platform|--label|--secret|--ssh|--cache-from|--cache-to|--output|-o|--network|--progress|--builder|--build-context|--iidfile|--metadata-file|--attest|--provenance|--sbom|--annotation|--add-host|--shm-size|--ulimit|--allow)$/.test(
          name,
        ) &&
        inline === undefined
      )
        i++;
      else if (!w.startsWith('-')) context = w;
    }
    if (context === undefined || context === '-') continue;
    for (const v of [file, target, context]) if (v !== undefined && /[$`{}]/.test(v)) unknown = true;
    if (unknown || isRemote(context)) continue;
    const contextDir = joinPath(cwd, context);
    if (contextDir === undefined) continue;
    const dockerfile = file === undefined ? joinPath(contextDir, 'Dockerfile') : joinPath(cwd, file);
    if (dockerfile === undefined) continue;
    const ref: BuildReference = {
      dockerfile,
      context: contextDir,
      source: path,
      devEnvironment: isDevEnvironment(path),
    };
    if (target !== undefined) ref.target = target;
    out.push(ref);
  }
  return out;
}

/**
 * Every Dockerfile build the repository declares: compose services' `build`, `docker-bake`
 * targets, `docker/build-push-action` steps and `docker build` commands in workflows, Makefiles
 * and scripts. Pure: the caller reads the files (see `buildFileKind`). Scripts are read relative
 * to their own folder and, as most are run from the root, to the root as well; the caller keeps
 * the references whose Dockerfile exists.
 */
export function findBuildReferences(files: readonly { path: string; text: string }[]): BuildReference[] {
  const out: BuildReference[] = [];
  for (const f of files) {
    const kind = buildFileKind(f.path);
    if (kind === 'compose') out.push(...compose(f.path, f.text));
    else if (kind === 'bake-hcl') out.push(...bake(f.path, bakeHclTargets(f.text)));
    else if (kind === 'bake-json') out.push(...bake(f.path, bakeJsonTargets(f.text)));
    else if (kind === 'workflow') out.push(...workflow(f.path, f.text));
    else if (kind === 'script') {
      if (!BUILD_COMMAND.test(f.text)) {
        BUILD_COMMAND.lastIndex = 0;
        continue;
      }
      BUILD_COMMAND.lastIndex = 0;
      const dir = dirName(f.path);
      out.push(...commandLines(f.path, f.text, dir));
      if (dir !== '') out.push(...commandLines(f.path, f.text, ''));
    }
  }
  return out;
}

/** What the repository says about one Dockerfile's builds. */
export interface ResolvedBuild {
  /** Named targets built from it. */
  targets: string[];
  /** Whether some build uses no --target (the last stage). */
  defaultTarget: boolean;
  /** Context directories its builds use (the Dockerfile's folder when none is declared). */
  contexts: string[];
  /** Files that declare its builds. */
  sources: string[];
}

/**
 * How each Dockerfile is built, from the references that name it. A Dockerfile nothing names
 * is built from its own folder with no --target. Dev-environment references count only when
 * nothing else builds the file.
 */
export function resolveBuild(dockerfile: string, references: readonly BuildReference[]): ResolvedBuild {
  const lower = dockerfile.toLowerCase();
  const all = references.filter((r) => r.dockerfile.toLowerCase() === lower);
  const shipping = all.filter((r) => !r.devEnvironment);
  const refs = shipping.length > 0 ? shipping : [];
  if (refs.length === 0) return { targets: [], defaultTarget: true, contexts: [dirName(dockerfile)], sources: [] };
  const targets = [...new Set(refs.flatMap((r) => (r.target === undefined ? [] : [r.target])))];
  return {
    targets,
    defaultTarget: refs.some((r) => r.target === undefined),
    contexts: [...new Set(refs.map((r) => r.context))],
    sources: [...new Set(refs.map((r) => r.source))],
  };
}
