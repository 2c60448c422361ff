/**
 * renderChart: Helm's `helm template`, offline. Values are coalesced as Helm does (chart
 * defaults < parent values < user files < --set), dependencies enabled by condition and tags,
 * aliases and import-values applied, globals passed down; every template renders on its own so
 * one failing template is a notification and the others still render.
 */

import { chartFromTree, type LoadedChart, loadChart } from './chart.js';
import { goJson, goToml, helmToYaml } from './encode.js';
import {
  Emitter,
  ExecError,
  ExecState,
  type FuncContext,
  type Origin,
  type TemplateDef,
  type TemplateFunc,
} from './exec.js';
import { baseFuncs, strval } from './funcs.js';
import { parseTemplate, TemplateError } from './parse.js';
import { deepCopy, GoMethod, GoStruct, isMap, isNil, toNumber } from './values.js';
import { parseYamlFast } from './yaml-values.js';

/** The Kubernetes version `.Capabilities` reports unless told otherwise. */
export const DEFAULT_KUBE_VERSION = 'v1.31.0';
/** Helm's version as `.Capabilities.HelmVersion` reports it. */
export const HELM_VERSION = 'v3.16.0';

/** API versions `.Capabilities.APIVersions.Has` knows by default: the built-in groups of DEFAULT_KUBE_VERSION. */
export const DEFAULT_API_VERSIONS: readonly string[] = [
  'v1',
  'admissionregistration.k8s.io/v1',
  'apiextensions.k8s.io/v1',
  'apiregistration.k8s.io/v1',
  'apps/v1',
  'authentication.k8s.io/v1',
  'authorization.k8s.io/v1',
  'autoscaling/v1',
  'autoscaling/v2',
  'batch/v1',
  'certificates.k8s.io/v1',
  'coordination.k8s.io/v1',
  'discovery.k8s.io/v1',
  'events.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1beta3',
  'networking.k8s.io/v1',
  'node.k8s.io/v1',
  'policy/v1',
  'rbac.authorization.k8s.io/v1',
  'scheduling.k8s.io/v1',
  'storage.k8s.io/v1',
  'v1/Pod',
  'v1/Service',
  'v1/ConfigMap',
  'v1/Secret',
  'apps/v1/Deployment',
  'apps/v1/StatefulSet',
  'apps/v1/DaemonSet',
  'batch/v1/Job',
  'batch/v1/CronJob',
  'networking.k8s.io/v1/Ingress',
  'policy/v1/PodDisruptionBudget',
  'autoscaling/v2/HorizontalPodAutoscaler',
];

export interface ValuesFile {
  /** Path as it should appear in findings (relative to the scan root, or as the user gave it). */
  path: string;
  text: string;
}

export interface RenderOptions {
  /** User-supplied values (highest precedence after `set`). */
  values?: Record<string, unknown>;
  /** User values files, in order (later wins), like repeated `--values`. */
  valuesFiles?: ValuesFile[];
  /** `--set` style overrides: `a.b=c`, `list[0]=x`, comma-separated pairs. */
  set?: readonly string[];
  release?: { name?: string; namespace?: string; revision?: number; isUpgrade?: boolean; service?: string };
  kubeVersion?: string;
  apiVersions?: readonly string[];
  /** Seed for rand* and uuidv4 (default 1). */
  seed?: number;
  /** The clock `now` reports (default: SOURCE_DATE_EPOCH or 1970-01-01). */
  now?: Date;
}

export type RenderNotificationCode =
  | 'render-error'
  | 'unsupported-function'
  | 'required-value'
  | 'template-fail'
  | 'chart-error'
  | 'dependency-local'
  | 'approximated';

export interface RenderNotification {
  code: RenderNotificationCode;
  message: string;
  /** Chart-relative path of the template (or file) concerned. */
  file?: string;
  line?: number;
  /** The function this renderer does not support or only approximates. */
  function?: string;
}

/** Where a value came from. */
export interface ValueOrigin {
  /** Chart-relative path of a values file, or the user values file path as given; `--set` for overrides. */
  file: string;
  line: number;
  /** Whether `file` is a user values file path (not inside the chart). */
  user?: boolean;
}

export interface ValuesScope {
  chart: LoadedChart;
  values: Record<string, unknown>;
  /** Where the value at a dotted path (in this chart's values) was set, when a values file set it. */
  origin(path: string): ValueOrigin | undefined;
}

export interface RenderedTemplate {
  /** Helm's template name: `<chart>/templates/x.yaml`, `<chart>/charts/<sub>/templates/x.yaml`. */
  name: string;
  /** Chart-relative path of the template file. */
  path: string;
  /** The packaged subchart (chart-relative .tgz path) the template came from. */
  archive?: string;
  text: string;
  /** Per output line (0-based index), the template line and values that produced it. */
  origins: Origin[];
  scope: ValuesScope;
  /** Strings the chart's random functions produced (install-time values, not committed ones). */
  generated: ReadonlySet<string>;
  /** Whether a string is written literally in one of the chart's template files. */
  inTemplates(text: string): boolean;
}

export interface RenderResult {
  chart: LoadedChart;
  templates: RenderedTemplate[];
  notifications: RenderNotification[];
  /** The values the root chart rendered with. */
  values: Record<string, unknown>;
}

interface Source {
  file: string;
  lines: () => Map<string, number>;
  prefix: string;
  user?: boolean;
}

/** Helm's coalesceTables: `dst` (higher precedence) keeps its keys, null deletes a default. */
function coalesceTables(dst: Record<string, unknown>, src: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(src)) {
    if (Object.hasOwn(dst, k)) {
      const d = dst[k];
      if (d === null) delete dst[k];
      else if (isMap(d) && isMap(v)) coalesceTables(d, v);
    } else dst[k] = deepCopy(v);
  }
  for (const [k, v] of Object.entries(dst)) if (v === null && !Object.hasOwn(src, k)) delete dst[k];
  return dst;
}

/** Merges `src` over `dst` (user values files: later wins), keeping nulls for coalescing to see. */
function mergeOver(dst: Record<string, unknown>, src: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(src)) {
    const d = dst[k];
    if (isMap(d) && isMap(v)) mergeOver(d, v);
    else dst[k] = deepCopy(v);
  }
  return dst;
}

function coalesceGlobals(dest: Record<string, unknown>, src: Record<string, unknown>): void {
  const dg = isMap(dest.global) ? dest.global : {};
  const sg = isMap(src.global) ? src.global : {};
  for (const [k, v] of Object.entries(sg)) {
    if (isMap(v)) {
      const vv = deepCopy(v);
      const dv = dg[k];
      if (dv === undefined) dg[k] = vv;
      else if (isMap(dv)) dg[k] = coalesceTables(vv, dv);
    } else if (!isMap(dg[k])) dg[k] = v;
  }
  dest.global = dg;
}

function getPath(values: unknown, path: string): unknown {
  let cur = values;
  for (const part of path.split('.')) {
    if (part === '') continue;
    if (!isMap(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

function setPath(values: Record<string, unknown>, path: string, v: unknown): void {
  const parts = path.split('.').filter((p) => p !== '');
  let cur = values;
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i] as string;
    if (!isMap(cur[p])) cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1];
  if (last === undefined) return;
  cur[last] = v;
}

/** Helm's strvals for `--set`: dotted keys, `[i]` indexes, typed scalars, commas between pairs. */
export function parseSet(expr: string, into: Record<string, unknown> = {}): Record<string, unknown> {
  const pairs: string[] = [];
  let cur = '';
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i] as string;
    if (c === '\\' && i + 1 < expr.length) {
      cur += expr[++i];
      continue;
    }
    if (c === ',') {
      pairs.push(cur);
      cur = '';
    } else cur += c;
  }
  pairs.push(cur);
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq === -1) continue;
    const key = pair.slice(0, eq);
    const raw = pair.slice(eq + 1);
    let value: unknown = raw;
    if (raw === 'true' || raw === 'false') value = raw === 'true';
    else if (raw === 'null') value = null;
    else if (/^-?(0|[1-9][0-9]*)$/.test(raw)) value = Number(raw);
    let cursor: Record<string, unknown> | unknown[] = into;
    const parts = key.split('.');
    parts.forEach((part, idx) => {
      const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
      const name = m?.[1] ?? part;
      const indexes = [...(m?.[2] ?? '').matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]));
      const last = idx === parts.length - 1;
      const container = cursor as Record<string, unknown>;
      if (indexes.length === 0) {
        if (last) container[name] = value;
        else {
          if (!isMap(container[name])) container[name] = {};
          cursor = container[name] as Record<string, unknown>;
        }
        return;
      }
      if (!Array.isArray(container[name])) container[name] = [];
      let arr = container[name] as unknown[];
      indexes.forEach((ix, j) => {
        const lastIndex = j === indexes.length - 1;
        if (lastIndex) {
          if (last) arr[ix] = value;
          else {
            if (!isMap(arr[ix])) arr[ix] = {};
            cursor = arr[ix] as Record<string, unknown>;
          }
        } else {
          if (!Array.isArray(arr[ix])) arr[ix] = [];
          arr = arr[ix] as unknown[];
        }
      });
    });
  }
  return into;
}

interface Scope {
  chart: LoadedChart;
  /** Helm template name prefix: `root`, `root/charts/sub`. */
  namePrefix: string;
  values: Record<string, unknown>;
  sources: Source[];
  globalSources: Source[];
  subs: Scope[];
  isRoot: boolean;
}

function depEnabled(
  dep: { condition?: string; tags?: string[] },
  parentValues: Record<string, unknown>,
  notes: RenderNotification[],
  chart: LoadedChart,
): boolean | undefined {
  if (dep.condition) {
    for (const path of dep.condition.split(',').map((p) => p.trim())) {
      const v = getPath(parentValues, path);
      if (typeof v === 'boolean') return v;
      if (v !== undefined && v !== null)
        notes.push({
          code: 'chart-error',
          message: `${chart.name}: condition path ${path} is not a bool; ignored`,
          file: 'Chart.yaml',
        });
    }
  }
  if (dep.tags && dep.tags.length > 0) {
    const tags = isMap(parentValues.tags) ? parentValues.tags : {};
    let hasTrue = false;
    let hasFalse = false;
    for (const t of dep.tags) {
      if (tags[t] === true) hasTrue = true;
      else if (tags[t] === false) hasFalse = true;
    }
    if (hasTrue) return true;
    if (hasFalse) return false;
  }
  return undefined;
}

/** Coalesces a chart's values with what its parent (or the user) gave it and recurses into enabled subcharts. */
function buildScope(
  chart: LoadedChart,
  given: Record<string, unknown>,
  sources: Source[],
  globalSources: Source[],
  namePrefix: string,
  isRoot: boolean,
  notes: RenderNotification[],
  depth: number,
): Scope {
  const values = coalesceTables(given, chart.values);
  const ownSource: Source = {
    file: chart.path === '' ? 'values.yaml' : `${chart.path}/values.yaml`,
    lines: chart.valueLines,
    prefix: '',
  };
  const scope: Scope = {
    chart,
    namePrefix,
    values,
    sources: [...sources, ownSource],
    globalSources: [...globalSources, ownSource],
    subs: [],
    isRoot,
  };
  if (depth > 20) return scope;
  // Which subcharts are on, under which name.
  const used = new Set<LoadedChart>();
  const picked: { sub: LoadedChart; name: string; dep?: LoadedChart['dependencies'][number] }[] = [];
  for (const dep of chart.dependencies) {
    const sub =
      chart.subcharts.find((s) => s.name === dep.name && !used.has(s)) ??
      chart.subcharts.find((s) => s.name === dep.name);
    if (!sub) continue;
    used.add(sub);
    const enabled = depEnabled(dep, values, notes, chart);
    if (enabled === false) continue;
    picked.push({ sub, name: dep.alias ?? sub.name, dep });
  }
  for (const sub of chart.subcharts)
    if (!chart.dependencies.some((d) => d.name === sub.name)) picked.push({ sub, name: sub.name });
  for (const { sub, name, dep } of picked) {
    const subGiven = isMap(values[name]) ? (values[name] as Record<string, unknown>) : {};
    coalesceGlobals(subGiven, values);
    const prefixed = (ss: Source[]) => ss.map((s) => ({ ...s, prefix: `${s.prefix}${name}.` }));
    const subChart: LoadedChart = name === sub.name ? sub : { ...sub, name, metadata: { ...sub.metadata, name } };
    const child = buildScope(
      subChart,
      subGiven,
      prefixed(scope.sources.slice(0, -1)).concat([{ ...ownSource, prefix: `${name}.` }]),
      scope.globalSources,
      `${namePrefix}/charts/${name}`,
      false,
      notes,
      depth + 1,
    );
    values[name] = child.values;
    scope.subs.push(child);
    // import-values: the child's values copied up; the parent's own values win.
    for (const iv of dep?.importValues ?? []) {
      let childPath: string;
      let parentPath: string;
      if (typeof iv === 'string') {
        childPath = `exports.${iv}`;
        parentPath = '';
      } else if (isMap(iv) && typeof iv.child === 'string') {
        childPath = iv.child;
        parentPath = typeof iv.parent === 'string' ? iv.parent : '';
      } else continue;
      const got = getPath(child.values, childPath);
      if (!isMap(got)) {
        if (got !== undefined && parentPath !== '' && getPath(values, parentPath) === undefined)
          setPath(values, parentPath, deepCopy(got));
        continue;
      }
      const target = parentPath === '' ? values : (getPath(values, parentPath) as Record<string, unknown> | undefined);
      if (target && isMap(target)) coalesceTables(target, got);
      else setPath(values, parentPath, deepCopy(got));
    }
  }
  return scope;
}

function originFor(scope: Scope): (path: string) => ValueOrigin | undefined {
  return (path) => {
    const list = path.startsWith('global.') ? [...scope.sources, ...scope.globalSources] : scope.sources;
    for (const s of list) {
      const lines = s.lines();
      const line = lines.get(s.prefix + path) ?? (path.startsWith('global.') ? lines.get(path) : undefined);
      if (line !== undefined) {
        const o: ValueOrigin = { file: s.file, line };
        if (s.user) o.user = true;
        return o;
      }
    }
    return undefined;
  };
}

function registerPaths(v: unknown, path: string, paths: WeakMap<object, string>): void {
  if (Array.isArray(v)) {
    paths.set(v, path);
    v.forEach((x, i) => {
      registerPaths(x, path === '' ? String(i) : `${path}.${i}`, paths);
    });
  } else if (isMap(v)) {
    if (paths.has(v)) return;
    paths.set(v, path);
    for (const [k, x] of Object.entries(v)) registerPaths(x, path === '' ? k : `${path}.${k}`, paths);
  }
}

function globToRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        re += '.*';
        i++;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = pattern.indexOf('}', i);
      if (end === -1) re += '\\{';
      else {
        re += `(?:${pattern
          .slice(i + 1, end)
          .split(',')
          .map((a) => a.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
          .join('|')})`;
        i = end;
      }
    } else if (c === '[') {
      const end = pattern.indexOf(']', i);
      if (end === -1) re += '\\[';
      else {
        re += `[${pattern.slice(i + 1, end).replace(/^!/, '^')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function filesObject(files: Map<string, Buffer>): GoStruct {
  const entries: Record<string, unknown> = {};
  for (const [k, v] of files) entries[k] = new Uint8Array(v);
  const get = (name: unknown) => files.get(strval(name))?.toString('utf8') ?? '';
  const basename = (p: string) => p.slice(p.lastIndexOf('/') + 1);
  return new GoStruct(
    'chart.Files',
    {
      Get: new GoMethod('Get', get),
      GetBytes: new GoMethod('GetBytes', (name) => new Uint8Array(files.get(strval(name)) ?? Buffer.alloc(0))),
      Glob: new GoMethod('Glob', (pattern) => {
        const re = globToRegex(strval(pattern));
        const sub = new Map<string, Buffer>();
        for (const [k, v] of files) if (re.test(k)) sub.set(k, v);
        return filesObject(sub);
      }),
      Lines: new GoMethod('Lines', (name) => {
        const t = files.get(strval(name))?.toString('utf8');
        if (t === undefined) return [];
        return t.split('\n');
      }),
      AsConfig: new GoMethod('AsConfig', () => {
        const m: Record<string, unknown> = {};
        for (const [k, v] of files) m[basename(k)] = v.toString('utf8');
        return Object.keys(m).length === 0 ? '' : helmToYaml(m);
      }),
      AsSecrets: new GoMethod('AsSecrets', () => {
        const m: Record<string, unknown> = {};
        for (const [k, v] of files) m[basename(k)] = v.toString('base64');
        return Object.keys(m).length === 0 ? '' : helmToYaml(m);
      }),
    },
    entries,
  );
}

function chartStruct(chart: LoadedChart, isRoot: boolean): GoStruct {
  const m = chart.metadata;
  const str = (k: string) => (typeof m[k] === 'string' ? m[k] : '');
  const arr = (k: string) => (Array.isArray(m[k]) ? m[k] : []);
  return new GoStruct('*chart.Metadata', {
    Name: chart.name,
    Home: str('home'),
    Sources: arr('sources'),
    Version: str('version') || (m.version !== undefined ? String(m.version) : ''),
    Description: str('description'),
    Keywords: arr('keywords'),
    Maintainers: arr('maintainers'),
    Icon: str('icon'),
    APIVersion: str('apiVersion'),
    Condition: str('condition'),
    Tags: str('tags'),
    AppVersion:
      typeof m.appVersion === 'string' ? m.appVersion : m.appVersion !== undefined ? String(m.appVersion) : '',
    Deprecated: m.deprecated === true,
    Annotations: isMap(m.annotations) ? m.annotations : {},
    KubeVersion: str('kubeVersion'),
    Dependencies: arr('dependencies'),
    Type: str('type'),
    IsRoot: isRoot,
  });
}

function kubeVersionStruct(version: string): GoStruct {
  const m = /^v?(\d+)\.(\d+)/.exec(version);
  return new GoStruct('chartutil.KubeVersion', {
    Version: version,
    Major: m?.[1] ?? '1',
    Minor: m?.[2] ?? '31',
    GitVersion: version,
  });
}

/** Renders a chart directory. */
export function renderChart(dir: string, options: RenderOptions & { boundary?: string } = {}): RenderResult {
  return renderLoadedChart(loadChart(dir, options.boundary ? { boundary: options.boundary } : {}), options);
}

/** Renders a chart whose files are already in memory (chart-relative paths). */
export function renderChartFiles(files: Map<string, Buffer>, options: RenderOptions = {}): RenderResult {
  return renderLoadedChart(chartFromTree(files, ''), options);
}

function allScopes(s: Scope): Scope[] {
  return [s, ...s.subs.flatMap(allScopes)];
}

export function renderLoadedChart(chart: LoadedChart, options: RenderOptions = {}): RenderResult {
  const problemsOf = (c: LoadedChart): RenderNotification[] => [
    ...c.problems.map((p) => ({
      code: p.level === 'info' ? ('dependency-local' as const) : ('chart-error' as const),
      message: c.path === '' ? p.message : `${c.path}: ${p.message}`,
      file: c.path === '' ? p.file : `${c.path}/${p.file}`,
    })),
    ...c.subcharts.flatMap(problemsOf),
  ];
  const notes: RenderNotification[] = problemsOf(chart);
  // User values: files in order, then `values`, then `set`.
  let user: Record<string, unknown> = {};
  const userSources: Source[] = [];
  for (const vf of options.valuesFiles ?? []) {
    try {
      const parsed = parseYamlFast(vf.text);
      if (isMap(parsed.value)) mergeOver(user, parsed.value);
      userSources.unshift({ file: vf.path, lines: parsed.lines, prefix: '', user: true });
    } catch (e) {
      notes.push({ code: 'chart-error', message: `${vf.path}: ${(e as Error).message}`, file: vf.path });
    }
  }
  if (options.values) user = mergeOver(user, deepCopy(options.values));
  for (const s of options.set ?? []) parseSet(s, user);
  const root = buildScope(chart, user, userSources, userSources, chart.name, true, notes, 0);

  const kubeVersion = options.kubeVersion ?? DEFAULT_KUBE_VERSION;
  const apiVersions = new Set(options.apiVersions ?? DEFAULT_API_VERSIONS);
  const apiStruct = new GoStruct(
    'chartutil.VersionSet',
    { Has: new GoMethod('Has', (v) => apiVersions.has(strval(v))) },
    Object.fromEntries([...apiVersions].map((v, i) => [String(i).padStart(4, '0'), v])),
  );
  const capabilities = new GoStruct('*chartutil.Capabilities', {
    KubeVersion: kubeVersionStruct(kubeVersion),
    APIVersions: apiStruct,
    HelmVersion: new GoStruct('version.BuildInfo', {
      Version: HELM_VERSION,
      GitCommit: '',
      GitTreeState: 'clean',
      GoVersion: 'go1.22',
    }),
  });
  const rel = options.release ?? {};
  const release = {
    Name: rel.name ?? 'release-name',
    Namespace: rel.namespace ?? 'default',
    IsUpgrade: rel.isUpgrade ?? false,
    IsInstall: !(rel.isUpgrade ?? false),
    Revision: BigInt(rel.revision ?? 1),
    Service: rel.service ?? 'Helm',
  };

  const scopes = allScopes(root);
  // Defines from every chart; deeper charts first so a parent's define of the same name wins.
  const defines = new Map<string, TemplateDef>();
  const parsed = new Map<string, ReturnType<typeof parseTemplate>>();
  const ordered = scopes
    .flatMap((s) => s.chart.templates.map((t) => ({ s, t, name: `${s.namePrefix}/${t.name}` })))
    .sort((a, b) => b.name.split('/').length - a.name.split('/').length || (a.name < b.name ? -1 : 1));
  const pathOf = (s: Scope, t: string) => (s.chart.path === '' ? t : `${s.chart.path}/${t}`);
  for (const { s, t, name } of ordered) {
    try {
      const p = parseTemplate(t.text, name);
      parsed.set(name, p);
      // Each file is a named template too: `include (print $.Template.BasePath "/configmap.yaml") .`
      defines.set(name, { nodes: p.root, template: name });
      for (const [dn, nodes] of p.defines) defines.set(dn, { nodes, template: name });
    } catch (e) {
      const err = e as TemplateError;
      notes.push({
        code: 'render-error',
        message: `${pathOf(s, t.name)}: ${err.message}`,
        file: pathOf(s, t.name),
        ...(err instanceof TemplateError ? { line: err.line } : {}),
      });
    }
  }

  const valuePaths = new WeakMap<object, string>();
  const seed = options.seed ?? 1;
  const now =
    options.now ??
    new Date(
      process.env.SOURCE_DATE_EPOCH && /^\d+$/.test(process.env.SOURCE_DATE_EPOCH)
        ? Number(process.env.SOURCE_DATE_EPOCH) * 1000
        : 0,
    );
  const approximated = new Set<string>();
  const generated = new Set<string>();
  const funcs = baseFuncs({
    seed,
    now,
    generated,
    approximate(ctx: FuncContext, fn: string) {
      const key = `${ctx.template}\0${fn}`;
      if (approximated.has(key)) return;
      approximated.add(key);
      notes.push({
        code: 'approximated',
        message: `${ctx.template}:${ctx.line}: ${fn} generates key material; rendered with an empty stand-in`,
        function: fn,
        line: ctx.line,
      });
    },
  });
  const execOptions = { funcs, defines, valuePaths, maxDepth: 1000 };
  const includeFn: TemplateFunc = (ctx, name, data) => {
    const def = defines.get(strval(name));
    if (!def)
      throw new ExecError(
        `template: no template "${strval(name)}" associated with template "gotpl"`,
        ctx.template,
        ctx.line,
      );
    const child = ctx.state.child();
    child.run(def.nodes, def.template, data);
    return child.emitter.text();
  };
  funcs.set('include', includeFn);
  const tplCache = new Map<string, { p: ReturnType<typeof parseTemplate>; defs: Map<string, TemplateDef> }>();
  funcs.set('tpl', (ctx, text, data) => {
    const src = strval(text);
    if (!src.includes('{{')) return src;
    let cached = tplCache.get(src);
    if (!cached) {
      const p = parseTemplate(src, ctx.template);
      // Only a tpl string that defines templates needs its own copy of the define table.
      let defs = defines;
      if (p.defines.size > 0) {
        defs = new Map(defines);
        for (const [dn, nodes] of p.defines) defs.set(dn, { nodes, template: ctx.template });
      }
      cached = { p, defs };
      if (tplCache.size < 10_000) tplCache.set(src, cached);
    }
    const child = ctx.state.child();
    const st = cached.defs === defines ? child : new ExecState({ ...execOptions, defines: cached.defs }, false);
    st.depth = child.depth;
    st.touched = ctx.state.touched;
    st.run(cached.p.root, ctx.template, data);
    return st.emitter.text().replaceAll('<no value>', '');
  });
  funcs.set('required', (ctx, msg, value) => {
    if (isNil(value) || value === '') {
      const touched = ctx.state.touched;
      const key = touched && touched.length > 0 ? touched[touched.length - 1] : undefined;
      notes.push({
        code: 'required-value',
        message: `${ctx.template}:${ctx.line}: required value${key ? ` .Values.${key}` : ''} is not set: ${strval(msg)}`,
        line: ctx.line,
      });
      return value ?? '';
    }
    return value;
  });
  funcs.set('fail', (ctx, msg) => {
    throw new ExecError(`fail: ${strval(msg)}`, ctx.template, ctx.line);
  });
  funcs.set('lookup', () => ({}));
  const yamlOr = (fn: (v: unknown) => string) => (_ctx: FuncContext, v: unknown) => {
    try {
      return fn(v);
    } catch {
      return '';
    }
  };
  funcs.set('toYaml', yamlOr(helmToYaml));
  funcs.set('mustToYaml', (_c, v) => helmToYaml(v));
  funcs.set('toYamlPretty', yamlOr(helmToYaml));
  funcs.set(
    'toJson',
    yamlOr((v) => goJson(v)),
  );
  funcs.set('mustToJson', (_c, v) => goJson(v));
  funcs.set(
    'toRawJson',
    yamlOr((v) => goJson(v, undefined, false)),
  );
  funcs.set('mustToRawJson', (_c, v) => goJson(v, undefined, false));
  funcs.set(
    'toPrettyJson',
    yamlOr((v) => goJson(v, '  ')),
  );
  funcs.set('mustToPrettyJson', (_c, v) => goJson(v, '  '));
  funcs.set('toToml', yamlOr(goToml));
  const fromYaml = (text: unknown, array: boolean): unknown => {
    try {
      const v = parseYamlFast(strval(text)).value;
      if (array) return Array.isArray(v) ? v : isNil(v) ? [] : [v];
      return isMap(v) ? v : {};
    } catch (e) {
      return array ? [(e as Error).message] : { Error: (e as Error).message };
    }
  };
  funcs.set('fromYaml', (_c, t) => fromYaml(t, false));
  funcs.set('fromYamlArray', (_c, t) => fromYaml(t, true));
  const fromJson = (text: unknown, array: boolean): unknown => {
    try {
      const v = JSON.parse(strval(text));
      if (array) return Array.isArray(v) ? v : [];
      return isMap(v) ? v : {};
    } catch (e) {
      return array ? [(e as Error).message] : { Error: (e as Error).message };
    }
  };
  funcs.set('fromJson', (_c, t) => fromJson(t, false));
  funcs.set('fromJsonArray', (_c, t) => fromJson(t, true));
  funcs.set('mustFromJson', (_c, t) => JSON.parse(strval(t)));

  const sources = scopes.flatMap((s) => s.chart.templates.map((t) => t.text));
  // Written as a literal: quoted, or as a whole YAML value (`key: value` at the line's end).
  let valueStrings: string[] | undefined;
  const collect = (v: unknown, out: string[]) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) for (const x of v) collect(x, out);
    else if (isMap(v)) for (const x of Object.values(v)) collect(x, out);
  };
  const inTemplates = (text: string) => {
    if (text.length === 0) return false;
    // Set in a values file (of this chart or a parent): the secrets analyzer reports it there.
    if (!valueStrings) {
      valueStrings = [];
      collect(root.values, valueStrings);
    }
    if (valueStrings.some((v) => v.includes(text))) return false;
    const e = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`["'\`]${e}["'\`]|:[ \t]*${e}[ \t]*(#.*)?$|^${e}$`, 'm');
    return sources.some((t) => t.includes(text) && re.test(t));
  };
  const templates: RenderedTemplate[] = [];
  for (const scope of scopes) {
    registerPaths(scope.values, '', valuePaths);
    const files = filesObject(scope.chart.files);
    const chartObj = chartStruct(scope.chart, scope.isRoot);
    const valuesScope: ValuesScope = { chart: scope.chart, values: scope.values, origin: originFor(scope) };
    for (const t of scope.chart.templates) {
      const base = t.name.slice(t.name.lastIndexOf('/') + 1);
      if (base.startsWith('_') || base === 'NOTES.txt') continue;
      const name = `${scope.namePrefix}/${t.name}`;
      const p = parsed.get(name);
      if (!p) continue;
      const path = pathOf(scope, t.name);
      const data = {
        Values: scope.values,
        Release: release,
        Chart: chartObj,
        Capabilities: capabilities,
        Files: files,
        Template: { Name: name, BasePath: `${scope.namePrefix}/templates` },
      };
      const state = new ExecState(execOptions);
      try {
        state.run(p.root, name, data);
      } catch (e) {
        const err = e as TemplateError;
        const unsupported = err instanceof TemplateError ? err.unsupported : undefined;
        notes.push({
          code: unsupported
            ? 'unsupported-function'
            : /^fail: /.test(err.message.replace(/^[^:]*:\d+: /, ''))
              ? 'template-fail'
              : 'render-error',
          message: `${path}: ${err instanceof TemplateError ? err.message : String(err)}`,
          file: path,
          ...(err instanceof TemplateError && err.line ? { line: err.line } : {}),
          ...(unsupported ? { function: unsupported } : {}),
        });
        continue;
      }
      const out: RenderedTemplate = {
        name,
        path,
        text: state.emitter.text().replaceAll('<no value>', ''),
        origins: state.emitter.origins,
        scope: valuesScope,
        generated,
        inTemplates,
      };
      if (scope.chart.archive) out.archive = scope.chart.archive;
      templates.push(out);
    }
  }
  void Emitter;
  void toNumber;
  // Approximation notes carry the template name; give them the file too.
  for (const n of notes) {
    if (n.code === 'approximated' && !n.file) {
      const t = templates.find((x) => n.message.startsWith(`${x.name}:`));
      if (t) n.file = t.path;
    }
  }
  return { chart, templates, notifications: notes, values: root.values };
}
