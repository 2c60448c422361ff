import type { Notification } from '@shipshape/core';
import type { CollectedPackage, CollectedProject, DependencyScope, Hash } from './model.js';

/** A component of the assembled SBOM graph, writer-neutral. */
export interface SbomComponent {
  ref: string;
  type: 'library' | 'application' | 'container' | 'framework' | 'file';
  name: string;
  /** npm scope (`@babel`) for scoped packages. */
  group?: string;
  version?: string;
  /** Declared range when the version is unknown. */
  range?: string;
  purl?: string;
  hashes: Hash[];
  licenses: string[];
  scope: DependencyScope;
  sourceFiles: string[];
  properties: Record<string, string>;
  /** Download location (registry tarball, git URL, image reference). */
  resolved?: string;
  supplier?: string;
  author?: string;
  description?: string;
  ecosystem?: string;
  /** Whether this is a project (or the repository root) rather than a package. */
  project?: boolean;
}

export interface SbomGraph {
  /** Name of the document (root component name). */
  name: string;
  root: SbomComponent;
  /** Every component except the root, sorted by ref. */
  components: SbomComponent[];
  /** Edges by ref (sorted, unique); every component and the root has an entry. */
  edges: Map<string, string[]>;
  /** Dev-only edges kept apart so SPDX can write DEV_DEPENDENCY_OF (subset of `edges`). */
  devEdges: Set<string>;
  /** What the document was made from, and what was recognised but not read (metadata). */
  coverage?: Coverage;
}

/** Inputs read per project type, and inputs recognised but left out, with why. */
export interface Coverage {
  read: Record<string, string[]>;
  unread: { file: string; reason: string }[];
}

const SCOPE_RANK: Record<DependencyScope, number> = { required: 2, optional: 1, excluded: 0 };

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** bom-ref of a package: its purl, plus the declared range when unresolved (ranges are not versions). */
function packageRef(pkg: CollectedPackage): string {
  if (pkg.version === undefined && pkg.range) return `${pkg.purl}#range=${pkg.range}`;
  return pkg.purl;
}

function projectRef(project: CollectedProject): string {
  return `project:${project.type}:${project.dir === '' ? '.' : project.dir}`;
}

function splitScope(name: string): { group?: string; name: string } {
  if (name.startsWith('@') && name.includes('/')) {
    const i = name.indexOf('/');
    return { group: name.slice(0, i), name: name.slice(i + 1) };
  }
  return { name };
}

function projectComponent(project: CollectedProject): SbomComponent {
  const c: SbomComponent = {
    ref: projectRef(project),
    type: 'application',
    ...splitScope(project.name),
    hashes: [],
    licenses: [...(project.licenses ?? [])],
    scope: 'required',
    sourceFiles: [...project.files],
    properties: {
      'shipshape:project-type': project.type,
      'shipshape:project-dir': project.dir === '' ? '.' : project.dir,
      ...(project.properties ?? {}),
    },
    project: true,
  };
  if (project.version !== undefined) c.version = project.version;
  return c;
}

export interface AssembleOptions {
  excludeDev?: boolean;
  /** Root component for a multi-project document; omitted -> the single project is the root. */
  rootName?: string;
  rootVersion?: string;
}

/**
 * Merges collected projects into one graph. Identical packages (same bom-ref) across projects
 * or lockfile paths become one component whose edges are the union; the strongest scope wins.
 * Dangling edges are dropped with a notification; packages no edge reaches (orphans) hang from
 * their project so nothing the lockfile lists is lost.
 */
export function assembleGraph(
  projects: readonly CollectedProject[],
  options: AssembleOptions,
  notifications: Notification[],
): SbomGraph {
  const components = new Map<string, SbomComponent>();
  const edges = new Map<string, Set<string>>();
  const devEdges = new Set<string>();
  const nonDevEdges = new Set<string>();
  const addEdge = (from: string, to: string, dev: boolean) => {
    if (from === to) return;
    let set = edges.get(from);
    if (!set) {
      set = new Set();
      edges.set(from, set);
    }
    set.add(to);
    // An edge is dev-only when every declaration of it was dev.
    const id = `${from}\0${to}`;
    if (!dev) {
      nonDevEdges.add(id);
      devEdges.delete(id);
    } else if (!nonDevEdges.has(id)) devEdges.add(id);
  };

  const projectComponents: SbomComponent[] = [];
  for (const project of projects) {
    const pc = projectComponent(project);
    components.set(pc.ref, pc);
    projectComponents.push(pc);
    edges.set(pc.ref, edges.get(pc.ref) ?? new Set());
    const keep = project.packages.filter((p) => !(options.excludeDev && p.scope === 'excluded'));
    const refOf = new Map<string, string>();
    const byKey = new Map<string, CollectedPackage>();
    const allKeys = new Set(project.packages.map((p) => p.key));
    // Two packages of one project with the same purl (a bundled copy next to the hoisted one)
    // stay two components: the first key (sorted) keeps the purl as bom-ref, the others get
    // `<purl>#<key>`. Identical packages in different projects share one component.
    const sameRef = new Map<string, string[]>();
    for (const pkg of keep) {
      const base = packageRef(pkg);
      const keys = sameRef.get(base);
      if (keys) keys.push(pkg.key);
      else sameRef.set(base, [pkg.key]);
      byKey.set(pkg.key, pkg);
    }
    for (const [base, keys] of sameRef) {
      keys.sort(cmp);
      keys.forEach((key, i) => {
        refOf.set(key, i === 0 ? base : `${base}#${key}`);
      });
    }
    for (const pkg of keep) {
      const ref = refOf.get(pkg.key) as string;
      const existing = components.get(ref);
      if (existing) mergeInto(existing, pkg);
      else components.set(ref, packageComponent(pkg, ref));
      if (!edges.has(ref)) edges.set(ref, new Set());
      for (const depKey of pkg.dependsOn) {
        const to = refOf.get(depKey);
        if (to === undefined) {
          if (!allKeys.has(depKey))
            notifications.push({
              level: 'info',
              code: 'sbom-dangling-edge',
              message: `${project.files[0] ?? project.dir}: ${pkg.name} depends on "${depKey}", which the lockfile does not list; the edge is left out.`,
              file: pkg.sourceFile,
            });
          continue;
        }
        const target = byKey.get(depKey);
        addEdge(ref, to, pkg.scope === 'excluded' || target?.scope === 'excluded');
      }
    }
    const directKeys = new Set(project.direct.filter((k) => refOf.has(k)));
    for (const pkg of keep) if (pkg.direct) directKeys.add(pkg.key);
    for (const key of directKeys) {
      const pkg = byKey.get(key);
      addEdge(pc.ref, refOf.get(key) as string, pkg?.scope === 'excluded');
    }
    // Orphans: reachable from nothing in this project.
    const reached = new Set<string>();
    const stack = [...(edges.get(pc.ref) ?? [])];
    while (stack.length) {
      const ref = stack.pop() as string;
      if (reached.has(ref)) continue;
      reached.add(ref);
      for (const next of edges.get(ref) ?? []) if (!reached.has(next)) stack.push(next);
    }
    for (const pkg of keep) {
      const ref = refOf.get(pkg.key) as string;
      if (!reached.has(ref)) {
        addEdge(pc.ref, ref, pkg.scope === 'excluded');
        reached.add(ref);
        const comp = components.get(ref);
        if (comp) comp.properties['shipshape:unreached'] = 'true';
      }
    }
  }

  let root: SbomComponent;
  const single = projectComponents.length === 1 ? projectComponents[0] : undefined;
  if (single) {
    // One project: it is the root (metadata.component); nothing wraps it.
    root = single;
  } else {
    root = {
      ref: 'repository',
      type: 'application',
      name: options.rootName ?? 'repository',
      hashes: [],
      licenses: [],
      scope: 'required',
      sourceFiles: [],
      properties: { 'shipshape:projects': String(projectComponents.length) },
      project: true,
    };
    if (options.rootVersion) root.version = options.rootVersion;
    edges.set(root.ref, new Set(projectComponents.map((p) => p.ref)));
  }
  components.delete(root.ref);

  const finalEdges = new Map<string, string[]>();
  for (const [from, set] of edges) finalEdges.set(from, [...set].sort(cmp));
  const sorted = [...components.values()].sort((a, b) => cmp(a.ref, b.ref));
  // Most components come from one declaration: skip the set/sort work for them.
  for (const c of sorted) {
    if (c.sourceFiles.length > 1) c.sourceFiles = [...new Set(c.sourceFiles)].sort(cmp);
    if (c.licenses.length > 1) c.licenses = [...new Set(c.licenses)].sort(cmp);
    if (c.hashes.length > 1) c.hashes = dedupeHashes(c.hashes);
    else if (c.hashes.length === 1 && c.hashes[0] && c.hashes[0].content !== c.hashes[0].content.toLowerCase())
      c.hashes = dedupeHashes(c.hashes);
  }
  return { name: root.name, root, components: sorted, edges: finalEdges, devEdges };
}

function packageComponent(pkg: CollectedPackage, ref: string): SbomComponent {
  const c: SbomComponent = {
    ref,
    type: pkg.componentType ?? 'library',
    ...(pkg.ecosystem === 'npm' ? splitScope(pkg.name) : { name: pkg.name }),
    ...(pkg.group ? { group: pkg.group } : {}),
    purl: pkg.purl,
    hashes: pkg.hashes.filter(wellFormedHash),
    licenses: [...pkg.licenses],
    scope: pkg.scope,
    sourceFiles: [pkg.sourceFile],
    properties: { ...(pkg.properties ?? {}) },
    ecosystem: pkg.ecosystem,
  };
  if (pkg.version !== undefined) c.version = pkg.version;
  if (pkg.range !== undefined && pkg.version === undefined) {
    c.range = pkg.range;
    c.properties['shipshape:version-range'] = pkg.range;
  }
  if (pkg.unresolved) c.properties['shipshape:unresolved'] = 'true';
  if (pkg.alias) c.properties['shipshape:alias'] = pkg.alias;
  if (pkg.resolved) c.resolved = pkg.resolved;
  if (pkg.supplier) c.supplier = pkg.supplier;
  if (pkg.author) c.author = pkg.author;
  if (pkg.description) c.description = pkg.description;
  return c;
}

function mergeInto(c: SbomComponent, pkg: CollectedPackage): void {
  if (SCOPE_RANK[pkg.scope] > SCOPE_RANK[c.scope]) c.scope = pkg.scope;
  c.hashes.push(...pkg.hashes.filter(wellFormedHash));
  c.licenses.push(...pkg.licenses);
  c.sourceFiles.push(pkg.sourceFile);
  if (!c.resolved && pkg.resolved) c.resolved = pkg.resolved;
  if (!c.supplier && pkg.supplier) c.supplier = pkg.supplier;
  if (!c.author && pkg.author) c.author = pkg.author;
  if (!c.description && pkg.description) c.description = pkg.description;
  for (const [k, v] of Object.entries(pkg.properties ?? {})) if (!(k in c.properties)) c.properties[k] = v;
}

const HEX_LENGTH: Record<Hash['alg'], number> = { MD5: 32, 'SHA-1': 40, 'SHA-256': 64, 'SHA-384': 96, 'SHA-512': 128 };

/** A digest of the right length in hex: anything else (a corrupt lockfile entry) would make the document invalid. */
function wellFormedHash(h: Hash): boolean {
  return HEX_LENGTH[h.alg] === h.content.length && /^[0-9a-fA-F]+$/.test(h.content);
}

function dedupeHashes(hashes: Hash[]): Hash[] {
  const seen = new Map<string, Hash>();
  for (const h of hashes) {
    const content = h.content.toLowerCase();
    const key = `${h.alg}:${content}`;
    if (!seen.has(key)) seen.set(key, { alg: h.alg, content });
  }
  return [...seen.values()].sort((a, b) => cmp(a.alg, b.alg) || cmp(a.content, b.content));
}
