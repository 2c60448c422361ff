/**
 * Loading a chart: Chart.yaml (apiVersion v1 or v2, v1's requirements.yaml), values.yaml,
 * templates/, other files (for .Files), subcharts under charts/ as folders or .tgz archives.
 */
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { readTgz } from './tar.js';
import { parseYamlFast, YamlError } from './yaml-values.js';

export interface ChartDependency {
  name: string;
  alias?: string;
  condition?: string;
  repository?: string;
  tags?: string[];
  importValues?: unknown[];
  enabled?: boolean;
}

export interface LoadedChart {
  metadata: Record<string, unknown>;
  name: string;
  /** Where the chart lives, relative to the directory renderChart was given ('' for it). */
  path: string;
  /** The archive a packaged subchart came from (relative path), when it did. */
  archive?: string;
  values: Record<string, unknown>;
  /** values.yaml lines by dotted path (computed on first use). */
  valueLines: () => Map<string, number>;
  templates: { name: string; text: string }[];
  /** Non-template files for .Files, by chart-relative path. */
  files: Map<string, Buffer>;
  dependencies: ChartDependency[];
  subcharts: LoadedChart[];
  /** Other values files shipped beside values.yaml (values-*.yaml): candidate overrides. */
  valuesCandidates: string[];
  problems: { file: string; message: string; level?: 'info' }[];
  /** Where a dependency that was not vendored was loaded from (scan-root relative). */
  local?: string;
}

const MAX_FILE = 5 * 1024 * 1024;

/** A chart's files in memory, by chart-relative POSIX path. */
export type FileTree = Map<string, Buffer>;

function readTree(dir: string, budget: { bytes: number }, prefix = '', depth = 0): FileTree {
  const out: FileTree = new Map();
  if (depth > 12) return out;
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    if (name === '.git' || name === 'node_modules') continue;
    const abs = join(dir, name);
    const rel = prefix === '' ? name : `${prefix}/${name}`;
    let st: ReturnType<typeof lstatSync>;
    try {
      st = lstatSync(abs);
    } catch {
      continue;
    }
    // Symlinks are not followed: a chart must not make the scanner read outside it.
    if (st.isSymbolicLink()) continue;
    if (st.isDirectory()) {
      for (const [k, v] of readTree(abs, budget, rel, depth + 1)) out.set(k, v);
    } else if (st.isFile() && st.size <= MAX_FILE && budget.bytes > 0) {
      try {
        const data = readFileSync(abs);
        budget.bytes -= data.length;
        out.set(rel, data);
      } catch {
        // unreadable: the chart loads without it
      }
    }
  }
  return out;
}

/** .helmignore: the subset of its syntax charts use (globs, dir/, comments). */
function helmignore(text: string | undefined): (path: string) => boolean {
  if (!text) return () => false;
  const res: { re: RegExp; negate: boolean }[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    const dirOnly = line.endsWith('/');
    line = line.replace(/\/+$/, '').replace(/^\/+/, '');
    const body = line
      .split('')
      .map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    const anchored = line.includes('/');
    res.push({ re: new RegExp(`${anchored ? '^' : '(^|/)'}${body}${dirOnly ? '/' : '($|/)'}`), negate });
  }
  return (path) => {
    let ignored = false;
    for (const r of res) if (r.re.test(path)) ignored = !r.negate;
    return ignored;
  };
}

function asDeps(v: unknown): ChartDependency[] {
  if (!Array.isArray(v)) return [];
  const out: ChartDependency[] = [];
  for (const d of v) {
    if (!d || typeof d !== 'object') continue;
    const r = d as Record<string, unknown>;
    if (typeof r.name !== 'string') continue;
    const dep: ChartDependency = { name: r.name };
    if (typeof r.alias === 'string' && r.alias !== '') dep.alias = r.alias;
    if (typeof r.condition === 'string' && r.condition !== '') dep.condition = r.condition;
    if (typeof r.repository === 'string' && r.repository !== '') dep.repository = r.repository;
    if (Array.isArray(r.tags)) dep.tags = r.tags.map(String);
    if (Array.isArray(r['import-values'])) dep.importValues = r['import-values'];
    out.push(dep);
  }
  return out;
}

/** Builds a chart from its files; `path` is where it sits for reporting. */
export function chartFromTree(tree: FileTree, path: string, archive?: string): LoadedChart {
  const problems: LoadedChart['problems'] = [];
  const text = (name: string) => tree.get(name)?.toString('utf8');
  const chartYaml = text('Chart.yaml');
  let metadata: Record<string, unknown> = {};
  if (chartYaml === undefined) problems.push({ file: 'Chart.yaml', message: 'missing Chart.yaml' });
  else {
    try {
      const parsed = parseYamlFast(chartYaml).value;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) metadata = parsed as Record<string, unknown>;
    } catch (e) {
      problems.push({ file: 'Chart.yaml', message: `Chart.yaml: ${(e as Error).message}` });
    }
  }
  let values: Record<string, unknown> = {};
  let valueLines: () => Map<string, number> = () => new Map();
  const valuesText = text('values.yaml') ?? text('values.yml');
  if (valuesText !== undefined) {
    try {
      const parsed = parseYamlFast(valuesText);
      if (parsed.value && typeof parsed.value === 'object' && !Array.isArray(parsed.value))
        values = parsed.value as Record<string, unknown>;
      valueLines = parsed.lines;
    } catch (e) {
      const line = e instanceof YamlError ? e.line : 0;
      problems.push({ file: 'values.yaml', message: `values.yaml:${line}: ${(e as Error).message}` });
    }
  }
  let dependencies = asDeps(metadata.dependencies);
  // apiVersion v1 charts declare dependencies in requirements.yaml.
  const req = text('requirements.yaml');
  if (dependencies.length === 0 && req !== undefined) {
    try {
      const parsed = parseYamlFast(req).value as Record<string, unknown> | null;
      dependencies = asDeps(parsed?.dependencies);
    } catch (e) {
      problems.push({ file: 'requirements.yaml', message: `requirements.yaml: ${(e as Error).message}` });
    }
  }
  const ignored = helmignore(text('.helmignore'));
  const templates: LoadedChart['templates'] = [];
  const files: FileTree = new Map();
  const subTrees = new Map<string, FileTree>();
  const archives: { name: string; data: Buffer }[] = [];
  const valuesCandidates: string[] = [];
  for (const [rel, data] of tree) {
    if (rel.startsWith('charts/')) {
      const rest = rel.slice('charts/'.length);
      const slash = rest.indexOf('/');
      if (slash === -1) {
        if (/\.tgz$|\.tar\.gz$/.test(rest)) archives.push({ name: rest, data });
        continue;
      }
      const sub = rest.slice(0, slash);
      let t = subTrees.get(sub);
      if (!t) {
        t = new Map();
        subTrees.set(sub, t);
      }
      t.set(rest.slice(slash + 1), data);
      continue;
    }
    if (ignored(rel)) continue;
    if (rel.startsWith('templates/')) {
      templates.push({ name: rel, text: data.toString('utf8') });
      continue;
    }
    if (/^values[._-].+\.ya?ml$/i.test(rel)) valuesCandidates.push(rel);
    if (
      [
        'Chart.yaml',
        'Chart.lock',
        'values.yaml',
        'values.schema.json',
        'requirements.yaml',
        'requirements.lock',
      ].includes(rel)
    )
      continue;
    files.set(rel, data);
  }
  const subcharts: LoadedChart[] = [];
  const join2 = (a: string, b: string) => (a === '' ? b : `${a}/${b}`);
  for (const [sub, t] of [...subTrees].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!t.has('Chart.yaml')) continue;
    subcharts.push(chartFromTree(t, join2(path, `charts/${sub}`), archive));
  }
  for (const a of archives.sort((x, y) => (x.name < y.name ? -1 : 1))) {
    const archivePath = archive ?? join2(path, `charts/${a.name}`);
    try {
      const entries = readTgz(a.data);
      const t: FileTree = new Map();
      let top: string | undefined;
      for (const e of entries) {
        const slash = e.path.indexOf('/');
        if (slash === -1) continue;
        top ??= e.path.slice(0, slash);
        if (e.path.slice(0, slash) !== top) continue;
        t.set(e.path.slice(slash + 1), e.data);
      }
      if (!t.has('Chart.yaml')) {
        problems.push({ file: `charts/${a.name}`, message: `charts/${a.name}: archive has no Chart.yaml` });
        continue;
      }
      subcharts.push(chartFromTree(t, join2(path, `charts/${top}`), archivePath));
    } catch (e) {
      problems.push({ file: `charts/${a.name}`, message: `charts/${a.name}: ${(e as Error).message}` });
    }
  }
  const chart: LoadedChart = {
    metadata,
    name: typeof metadata.name === 'string' ? metadata.name : (path.split('/').pop() ?? 'chart'),
    path,
    values,
    valueLines,
    templates: templates.sort((a, b) => (a.name < b.name ? -1 : 1)),
    files,
    dependencies,
    subcharts,
    valuesCandidates: valuesCandidates.sort(),
    problems,
  };
  if (archive !== undefined) chart.archive = archive;
  return chart;
}

export interface LoadOptions {
  /** Directory that dependencies found outside the chart must stay inside (the scan root). */
  boundary?: string;
}

/**
 * Loads the chart in `dir` (its files, read without following symlinks). A dependency that is
 * not vendored under charts/ is taken from its `file://` repository path, or from a sibling
 * directory of the same name (chart monorepos), when that stays inside `boundary`.
 */
export function loadChart(dir: string, options: LoadOptions = {}): LoadedChart {
  const chart = chartFromTree(readTree(dir, { bytes: 256 * 1024 * 1024 }), '');
  resolveLocalDependencies(chart, dir, options, 0);
  return chart;
}

function resolveLocalDependencies(chart: LoadedChart, dir: string, options: LoadOptions, depth: number): void {
  if (depth > 5) return;
  const boundary = resolve(options.boundary ?? dir);
  for (const dep of chart.dependencies) {
    if (chart.subcharts.some((s) => s.name === dep.name)) continue;
    const candidates: string[] = [];
    if (dep.repository?.startsWith('file://')) candidates.push(resolve(dir, dep.repository.slice('file://'.length)));
    candidates.push(resolve(dir, '..', dep.name));
    let found = false;
    for (const c of candidates) {
      if (c !== boundary && !c.startsWith(`${boundary}${sep}`)) continue;
      if (!existsSync(join(c, 'Chart.yaml'))) continue;
      const rel = relative(dir, c).split(sep).join('/');
      const sub = chartFromTree(
        readTree(c, { bytes: 64 * 1024 * 1024 }),
        chart.path === '' ? rel : `${chart.path}/${rel}`,
      );
      if (sub.name !== dep.name) continue;
      resolveLocalDependencies(sub, c, options, depth + 1);
      sub.local = relative(boundary, c).split(sep).join('/');
      chart.subcharts.push(sub);
      chart.problems.push({
        file: 'Chart.yaml',
        message: `dependency ${dep.name} is not vendored under charts/; rendered with ${sub.local}`,
        level: 'info',
      });
      found = true;
      break;
    }
    if (!found)
      chart.problems.push({
        file: 'Chart.yaml',
        message: `dependency ${dep.name} is not vendored under charts/ (helm dependency build); templates that use it may not render`,
      });
  }
}

/** Loads a packaged chart (`.tgz`). */
export function loadChartArchive(bytes: Buffer): LoadedChart {
  const entries = readTgz(bytes);
  const t: FileTree = new Map();
  let top: string | undefined;
  for (const e of entries) {
    const slash = e.path.indexOf('/');
    if (slash === -1) continue;
    top ??= e.path.slice(0, slash);
    if (e.path.slice(0, slash) === top) t.set(e.path.slice(slash + 1), e.data);
  }
  return chartFromTree(t, '');
}
