import type { Notification } from '@shipshape/core';
import type { CollectedPackage, CollectedProject, SourceFile } from '../../model.js';
import { helmPurl } from '../../util/purl.js';
import { semverLib } from '../../util/semver.js';
import { isRecord, loadYaml, maskHelmTemplates } from '../../util/yaml.js';
import { canonicalImage, digestHash, imageDisplayName, imagePurl } from '../container/image-ref.js';
import { helmValuesImages, type ImageOccurrence } from '../container/occurrences.js';

/** A dependency as declared in Chart.yaml (v2) or requirements.yaml (v1). */
export interface HelmDependency {
  name: string;
  /** Version or range as written (`1.2.3`, `~1.2`, `>=1.0.0 <2`). */
  version?: string;
  /** `https://...`, `oci://...`, `file://...`, `@repo-name` or `alias:repo-name`. */
  repository?: string;
  alias?: string;
  condition?: string;
  tags?: string[];
  /** 0-based index in the dependencies list. */
  index: number;
}

export interface HelmChart {
  apiVersion?: string;
  name?: string;
  version?: string;
  appVersion?: string;
  type?: string;
  dependencies: HelmDependency[];
  license?: string;
  maintainers: string[];
  home?: string;
}

export interface HelmLock {
  dependencies: { name: string; version?: string; repository?: string }[];
  digest?: string;
  generated?: string;
}

/** Parses Chart.yaml text. Throws on YAML errors. */
export function parseChartYaml(text: string): HelmChart {
  const data = loadYaml(maskHelmTemplates(text));
  const chart: HelmChart = { dependencies: [], maintainers: [] };
  if (!isRecord(data)) return chart;
  const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
  const set = <K extends keyof HelmChart>(key: K, value: HelmChart[K] | undefined) => {
    if (value !== undefined) chart[key] = value;
  };
  set('apiVersion', str(data.apiVersion));
  set('name', str(data.name));
  set('version', str(data.version));
  set('appVersion', str(data.appVersion));
  set('type', str(data.type));
  set('home', str(data.home));
  const annotations = isRecord(data.annotations) ? data.annotations : {};
  set('license', str(annotations['artifacthub.io/license']) ?? str(data.license));
  if (Array.isArray(data.maintainers))
    for (const m of data.maintainers) if (isRecord(m) && typeof m.name === 'string') chart.maintainers.push(m.name);
  chart.dependencies = parseDependencyList(data.dependencies);
  return chart;
}

function parseDependencyList(list: unknown): HelmDependency[] {
  const out: HelmDependency[] = [];
  if (!Array.isArray(list)) return out;
  list.forEach((d, index) => {
    if (!isRecord(d) || typeof d.name !== 'string') return;
    const dep: HelmDependency = { name: d.name, index };
    if (typeof d.version === 'string' || typeof d.version === 'number') dep.version = String(d.version);
    if (typeof d.repository === 'string' && d.repository !== '') dep.repository = d.repository;
    if (typeof d.alias === 'string' && d.alias !== '') dep.alias = d.alias;
    if (typeof d.condition === 'string' && d.condition !== '') dep.condition = d.condition;
    if (Array.isArray(d.tags)) dep.tags = d.tags.filter((t): t is string => typeof t === 'string');
    out.push(dep);
  });
  return out;
}

/** Parses Chart.lock / requirements.lock text. Throws on YAML errors. */
export function parseChartLock(text: string): HelmLock {
  const data = loadYaml(text);
  const lock: HelmLock = { dependencies: [] };
  if (!isRecord(data)) return lock;
  if (typeof data.digest === 'string') lock.digest = data.digest;
  if (typeof data.generated === 'string') lock.generated = data.generated;
  else if (data.generated instanceof Date) lock.generated = data.generated.toISOString();
  if (Array.isArray(data.dependencies))
    for (const d of data.dependencies) {
      if (!isRecord(d) || typeof d.name !== 'string') continue;
      const entry: HelmLock['dependencies'][number] = { name: d.name };
      if (typeof d.version === 'string' || typeof d.version === 'number') entry.version = String(d.version);
      if (typeof d.repository === 'string') entry.repository = d.repository;
      lock.dependencies.push(entry);
    }
  return lock;
}

/** Whether a Helm version constraint names exactly one version. */
export function isExactHelmVersion(version: string | undefined): boolean {
  if (!version) return false;
  const v = version.trim().replace(/^=\s*/, '');
  return semverLib().valid(v.replace(/^v/, '')) !== null;
}

/** Helm (Masterminds) constraint -> node-semver range: `,` means AND; `v` prefixes dropped. */
export function helmRangeSatisfied(version: string, constraint: string): boolean {
  const range = constraint
    .split('||')
    .map((part) => part.replace(/,/g, ' ').replace(/\bv(?=\d)/g, ''))
    .join(' || ');
  try {
    return semverLib().satisfies(version.replace(/^v/, ''), range, { includePrerelease: false, loose: true });
  } catch {
    return false;
  }
}

/** A URL usable as purl `repository_url`; repo names (`@stable`, `alias:stable`) and file:// are not. */
function repositoryUrl(repository: string | undefined): string | undefined {
  if (!repository) return undefined;
  return /^(https?|oci):\/\//i.test(repository) ? repository.replace(/\/+$/, '') : undefined;
}

interface ChartFiles {
  chart?: SourceFile;
  lock?: SourceFile;
  values: SourceFile[];
  /** Sub-chart directories (relative to the chart root: `charts/x`). */
  subcharts: Map<string, ChartFiles>;
  /** Vendored archives (`charts/x-1.2.3.tgz`). */
  archives: string[];
}

function groupChartFiles(root: string, files: readonly SourceFile[]): ChartFiles {
  const top: ChartFiles = { values: [], subcharts: new Map(), archives: [] };
  const prefix = root === '' ? '' : `${root}/`;
  for (const file of files) {
    if (!file.path.startsWith(prefix)) continue;
    const rel = file.path.slice(prefix.length);
    place(top, rel, file);
  }
  return top;
}

function place(node: ChartFiles, rel: string, file: SourceFile): void {
  const sub = /^charts\/([^/]+)\/(.+)$/.exec(rel);
  if (sub) {
    const [, dirName = '', rest = ''] = sub;
    let child = node.subcharts.get(dirName);
    if (!child) {
      child = { values: [], subcharts: new Map(), archives: [] };
      node.subcharts.set(dirName, child);
    }
    place(child, rest, file);
    return;
  }
  if (/^charts\/[^/]+\.tgz$/i.test(rel)) node.archives.push(file.path);
  else if (rel === 'Chart.yaml') node.chart = file;
  else if (rel === 'Chart.lock' || (rel === 'requirements.lock' && !node.lock)) node.lock = file;
  else if (rel === 'requirements.yaml') (node as ChartFiles & { requirements?: SourceFile }).requirements = file;
  else if (/^values[\w.-]*\.ya?ml$/i.test(rel)) node.values.push(file);
}

/** `name-1.2.3.tgz` -> { name, version } using the last dash followed by a semver. */
export function parseChartArchiveName(path: string): { name: string; version: string } | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.tgz$/i, '');
  const m = /^(.+?)-(v?\d+\.\d+\.\d+(?:[-+][\w.-]+)?)$/.exec(base);
  return m?.[1] && m[2] ? { name: m[1], version: m[2] } : undefined;
}

interface Ctx {
  packages: Map<string, CollectedPackage>;
  notifications: Notification[];
  files: string[];
  includeValuesImages: boolean;
}

/**
 * A Helm chart as a project: its declared dependencies (resolved through Chart.lock, vendored
 * sub-charts or archives), undeclared vendored sub-charts, and the images its values files
 * name. Sub-charts become components whose own dependencies and images hang below them.
 */
export function collectHelmProject({ dir, files }: { dir: string; files: readonly SourceFile[] }): CollectedProject {
  const ctx: Ctx = { packages: new Map(), notifications: [], files: [], includeValuesImages: true };
  const tree = groupChartFiles(dir, files);
  const chart = readChart(tree, ctx);
  const direct = collectLevel(tree, chart, 'helm:', ctx);
  const project: CollectedProject = {
    name: chart?.name ?? (dir.split('/').pop() || 'chart'),
    type: 'helm',
    dir,
    files: ctx.files,
    direct,
    packages: [...ctx.packages.values()],
    notifications: ctx.notifications,
  };
  if (chart?.version) project.version = chart.version;
  if (chart?.license) project.licenses = [chart.license];
  const lock = tree.lock ? safeLock(tree.lock, ctx) : undefined;
  if (lock?.digest) project.properties = { 'shipshape:helm-lock-digest': lock.digest };
  return project;
}

function readChart(node: ChartFiles, ctx: Ctx): HelmChart | undefined {
  if (!node.chart) return undefined;
  try {
    const chart = parseChartYaml(node.chart.text);
    ctx.files.push(node.chart.path);
    const requirements = (node as ChartFiles & { requirements?: SourceFile }).requirements;
    if (chart.dependencies.length === 0 && requirements) {
      chart.dependencies = parseDependencyList(
        (loadYaml(requirements.text) as Record<string, unknown> | undefined)?.dependencies,
      );
      ctx.files.push(requirements.path);
    }
    return chart;
  } catch (error) {
    ctx.notifications.push({
      level: 'warning',
      code: 'parse-error',
      message: `${node.chart.path}: ${firstLine(error)}`,
      file: node.chart.path,
    });
    return undefined;
  }
}

function safeLock(file: SourceFile, ctx: Ctx): HelmLock | undefined {
  try {
    return parseChartLock(file.text);
  } catch (error) {
    ctx.notifications.push({
      level: 'warning',
      code: 'parse-error',
      message: `${file.path}: ${firstLine(error)}`,
      file: file.path,
    });
    return undefined;
  }
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0] ?? '';
}

/** Collects one chart level; returns the keys this level depends on directly. */
function collectLevel(node: ChartFiles, chart: HelmChart | undefined, keyPrefix: string, ctx: Ctx): string[] {
  const direct: string[] = [];
  const lock = node.lock ? safeLock(node.lock, ctx) : undefined;
  if (lock && node.lock) ctx.files.push(node.lock.path);
  const usedSubdirs = new Set<string>();
  const usedArchives = new Set<string>();
  const chartPath = node.chart?.path ?? '';

  for (const dep of chart?.dependencies ?? []) {
    const localName = dep.alias ?? dep.name;
    const key = `${keyPrefix}${localName}`;
    const locked =
      lock?.dependencies.find(
        (l) =>
          l.name === dep.name &&
          (l.repository === undefined || dep.repository === undefined || l.repository === dep.repository),
      ) ?? lock?.dependencies.find((l) => l.name === dep.name);
    // Vendored copy: charts/<name>/ (helm dependency build untars only with --untar; some repos vendor dirs).
    let subdir: string | undefined;
    for (const [dirName, sub] of node.subcharts) {
      if (usedSubdirs.has(dirName)) continue;
      const subName = sub.chart ? safeChartName(sub) : undefined;
      if (dirName === dep.name || subName === dep.name) {
        subdir = dirName;
        break;
      }
    }
    const archive = node.archives.find((a) => !usedArchives.has(a) && parseChartArchiveName(a)?.name === dep.name);
    const sub = subdir !== undefined ? node.subcharts.get(subdir) : undefined;
    const subChart = sub ? readChart(sub, ctx) : undefined;
    let version: string | undefined =
      locked?.version ?? subChart?.version ?? (archive ? parseChartArchiveName(archive)?.version : undefined);
    if (version === undefined && isExactHelmVersion(dep.version)) version = dep.version?.trim().replace(/^=\s*/, '');
    if (subdir !== undefined) usedSubdirs.add(subdir);
    if (archive) usedArchives.add(archive);
    const properties: Record<string, string> = { 'shipshape:helm-dependency': chartPath };
    if (dep.repository) properties['shipshape:helm-repository'] = dep.repository;
    if (dep.condition) properties['shipshape:helm-condition'] = dep.condition;
    if (dep.tags?.length) properties['shipshape:helm-tags'] = dep.tags.join(',');
    if (dep.version && dep.version !== version) properties['shipshape:declared-range'] = dep.version;
    if (archive) properties['shipshape:vendored-archive'] = archive;
    if (sub?.chart) properties['shipshape:vendored-chart'] = sub.chart.path;
    const pkg: CollectedPackage = {
      key,
      ecosystem: 'helm',
      name: dep.name,
      purl: helmPurl(dep.name, version, repositoryUrl(locked?.repository ?? dep.repository)),
      hashes: [],
      licenses: subChart?.license ? [subChart.license] : [],
      scope: dep.condition || dep.tags?.length ? 'optional' : 'required',
      direct: keyPrefix === 'helm:',
      dependsOn: [],
      sourceFile: chartPath,
      properties,
      componentType: 'application',
    };
    if (version !== undefined) pkg.version = version;
    else {
      pkg.unresolved = true;
      if (dep.version) pkg.range = dep.version;
    }
    if (dep.alias) pkg.alias = dep.alias;
    if (dep.repository && /^(https?|oci|file):\/\//i.test(dep.repository)) pkg.resolved = dep.repository;
    if (subChart?.maintainers.length) pkg.author = subChart.maintainers.join(', ');
    ctx.packages.set(key, pkg);
    direct.push(key);
    if (sub) pkg.dependsOn = collectLevel(sub, subChart, `${key}/`, ctx);
  }

  // Vendored sub-charts that no dependency names (Helm 2 style, or copied in).
  for (const [dirName, sub] of node.subcharts) {
    if (usedSubdirs.has(dirName) || !sub.chart) continue;
    const subChart = readChart(sub, ctx);
    const name = subChart?.name ?? dirName;
    const key = `${keyPrefix}${dirName}`;
    if (ctx.packages.has(key)) continue;
    const pkg: CollectedPackage = {
      key,
      ecosystem: 'helm',
      name,
      purl: helmPurl(name, subChart?.version),
      hashes: [],
      licenses: subChart?.license ? [subChart.license] : [],
      scope: 'required',
      direct: keyPrefix === 'helm:',
      dependsOn: [],
      sourceFile: sub.chart.path,
      properties: { 'shipshape:vendored-chart': sub.chart.path },
      componentType: 'application',
    };
    if (subChart?.version) pkg.version = subChart.version;
    else pkg.unresolved = true;
    ctx.packages.set(key, pkg);
    direct.push(key);
    pkg.dependsOn = collectLevel(sub, subChart, `${key}/`, ctx);
  }
  for (const archive of node.archives) {
    if (usedArchives.has(archive)) continue;
    const parsed = parseChartArchiveName(archive);
    if (!parsed) continue;
    const key = `${keyPrefix}${parsed.name}`;
    if (ctx.packages.has(key)) continue;
    ctx.packages.set(key, {
      key,
      ecosystem: 'helm',
      name: parsed.name,
      version: parsed.version,
      purl: helmPurl(parsed.name, parsed.version),
      hashes: [],
      licenses: [],
      scope: 'required',
      direct: keyPrefix === 'helm:',
      dependsOn: [],
      sourceFile: archive,
      properties: { 'shipshape:vendored-archive': archive },
      componentType: 'application',
    });
    direct.push(key);
  }

  // Images named by this level's values files.
  if (ctx.includeValuesImages) {
    const occurrences: ImageOccurrence[] = [];
    for (const values of [...node.values].sort((a, b) => (a.path < b.path ? -1 : 1))) {
      try {
        occurrences.push(...helmValuesImages(values.path, values.text, chart?.appVersion));
        ctx.files.push(values.path);
      } catch (error) {
        ctx.notifications.push({
          level: 'warning',
          code: 'parse-error',
          message: `${values.path}: ${firstLine(error)}`,
          file: values.path,
        });
      }
    }
    for (const occ of occurrences) {
      if (!occ.ref) continue; // unresolvable (templated) images: nothing exact to record
      const key = `image:${canonicalImage(occ.ref)}`;
      if (!direct.includes(key)) direct.push(key);
      if (ctx.packages.has(key)) continue;
      ctx.packages.set(key, {
        key,
        ecosystem: occ.ref.digest ? 'oci' : 'docker',
        name: imageDisplayName(occ.ref),
        version: occ.ref.tag ?? occ.ref.digest ?? 'latest',
        purl: imagePurl(occ.ref),
        hashes: digestHash(occ.ref),
        licenses: [],
        scope: 'required',
        direct: keyPrefix === 'helm:',
        dependsOn: [],
        sourceFile: occ.file,
        resolved: canonicalImage(occ.ref),
        properties: {
          'shipshape:image-source': 'helm-values',
          'shipshape:image-reference': canonicalImage(occ.ref),
          'shipshape:image-context': occ.context ?? 'image',
          'shipshape:occurrences': `${occ.file}:${occ.line}`,
        },
        componentType: 'container',
      });
    }
  }
  return direct;
}

function safeChartName(node: ChartFiles): string | undefined {
  try {
    return node.chart ? parseChartYaml(node.chart.text).name : undefined;
  } catch {
    return undefined;
  }
}
