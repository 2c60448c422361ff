/**
 * The workloads analyzer: renders every Helm chart in the tree (offline), then checks the
 * rendered objects, the plain Kubernetes manifests and the Compose files.
 */
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { Analyzer, AnalyzerContext, Finding, ScanFile } from '@shipshape/core';
import { lintCompose, lintObjects } from './lint.js';
import { type K8sObject, objectsFromManifest, objectsFromRendered, type ParseProblem } from './model/objects.js';
import { type RenderOptions, renderChart, type ValuesFile } from './render/index.js';
import { RULES } from './rules/index.js';

export interface WorkloadsSettings {
  values: string[];
  set: string[];
  releaseName?: string;
  namespace?: string;
  kubeVersion?: string;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function readWorkloadsConfig(section: unknown): WorkloadsSettings {
  const s = (section ?? {}) as Record<string, unknown>;
  const out: WorkloadsSettings = { values: strings(s.values), set: strings(s.set) };
  if (typeof s.releaseName === 'string') out.releaseName = s.releaseName;
  if (typeof s.namespace === 'string') out.namespace = s.namespace;
  if (typeof s.kubeVersion === 'string') out.kubeVersion = s.kubeVersion;
  return out;
}

/** Chart directories to render: every Chart.yaml not inside another chart's charts/ folder. */
export function rootCharts(files: readonly ScanFile[]): string[] {
  const roots = new Set<string>();
  for (const f of files) if (f.kinds.includes('helm-chart') && f.chartRoot !== undefined) roots.add(f.chartRoot);
  const all = [...roots].sort();
  return all.filter(
    (r) =>
      !all.some(
        (o) => o !== r && (o === '' ? r.startsWith('charts/') || r.includes('/charts/') : r.startsWith(`${o}/charts/`)),
      ),
  );
}

function inside(dir: string, path: string): boolean {
  return dir === '' || path.startsWith(`${dir}/`);
}

const MANIFEST_HINT = /^kind:\s*\S/m;
const API_HINT = /^apiVersion:\s*\S/m;

export const workloadsAnalyzer: Analyzer = {
  name: 'workloads',
  rules: RULES.map((r) => r.meta),
  async analyze(ctx: AnalyzerContext): Promise<Finding[]> {
    const settings = readWorkloadsConfig(ctx.config.workloads);
    const findings: Finding[] = [];
    const textCache = new Map<string, string | undefined>();
    const textOf = (file: string): string | undefined => {
      if (!textCache.has(file)) {
        let t: string | undefined;
        try {
          t = readFileSync(join(ctx.root, file), 'utf8');
        } catch {
          t = undefined;
        }
        textCache.set(file, t);
      }
      return textCache.get(file);
    };
    const report = (problems: ParseProblem[]) => {
      for (const p of problems)
        ctx.notify({
          level: 'warning',
          code: 'parse-error',
          message: `${p.file}:${p.line}: ${p.message}`,
          file: p.file,
        });
    };

    const charts = rootCharts(ctx.files);
    for (const chartRoot of charts) {
      const valuesFiles: ValuesFile[] = [];
      for (const v of settings.values) {
        const rel = v.replace(/^\.\//, '');
        if (!charts.some((c) => c !== chartRoot && c !== '' && inside(c, rel)) || inside(chartRoot, rel)) {
          const text = textOf(rel);
          if (text === undefined) {
            ctx.notify({
              level: 'warning',
              code: 'unreadable',
              message: `values file ${rel} cannot be read`,
              file: rel,
            });
            continue;
          }
          valuesFiles.push({ path: rel, text });
        }
      }
      const options: RenderOptions = { valuesFiles, set: settings.set };
      const release: NonNullable<RenderOptions['release']> = {};
      if (settings.releaseName) release.name = settings.releaseName;
      if (settings.namespace) release.namespace = settings.namespace;
      options.release = release;
      if (settings.kubeVersion) options.kubeVersion = settings.kubeVersion;
      const dir = chartRoot === '' ? ctx.root : join(ctx.root, chartRoot);
      let result: ReturnType<typeof renderChart>;
      try {
        result = renderChart(dir, { ...options, boundary: ctx.root });
      } catch (e) {
        ctx.notify({
          level: 'warning',
          code: 'helm-render-failed',
          message: `chart ${chartRoot || '.'} was not rendered: ${(e as Error).message}`,
          file: chartRoot === '' ? 'Chart.yaml' : `${chartRoot}/Chart.yaml`,
        });
        continue;
      }
      for (const n of result.notifications) {
        const userFile = valuesFiles.some((v) => v.path === n.file);
        const file = n.file
          ? chartRoot === '' || userFile
            ? n.file
            : posix.normalize(`${chartRoot}/${n.file}`)
          : undefined;
        ctx.notify({
          level:
            n.code === 'approximated' || n.code === 'required-value' || n.code === 'dependency-local'
              ? 'info'
              : 'warning',
          code: `helm-${n.code}`,
          message: `${chartRoot === '' ? '' : `${chartRoot}: `}${n.message}`,
          ...(file ? { file } : {}),
        });
      }
      // Other values files the chart ships (values-production.yaml, ...): candidates, not defaults.
      const candidates = result.chart.valuesCandidates
        .map((c) => (chartRoot === '' ? c : `${chartRoot}/${c}`))
        .filter((c) => !valuesFiles.some((v) => v.path === c));
      if (candidates.length > 0)
        ctx.notify({
          level: 'info',
          code: 'helm-values-candidates',
          message: `chart ${chartRoot || '.'} was rendered with values.yaml only; it also ships ${candidates.join(', ')} (render with one: --values ${candidates[0]})`,
          file: chartRoot === '' ? 'Chart.yaml' : `${chartRoot}/Chart.yaml`,
        });
      const problems: ParseProblem[] = [];
      const objects: K8sObject[] = result.templates.flatMap((t) => objectsFromRendered(t, chartRoot, problems));
      report(problems);
      findings.push(...lintObjects(objects, textOf));
    }

    for (const file of ctx.files) {
      const isCompose = file.kinds.includes('compose');
      const isYaml = file.kinds.includes('yaml');
      if (!isCompose && !isYaml) continue;
      if (file.chartRoot !== undefined && !isCompose) continue;
      if (file.kinds.includes('github-workflow')) continue;
      let text: string;
      try {
        text = await ctx.readText(file);
      } catch (e) {
        ctx.notify({
          level: 'warning',
          code: 'unreadable',
          message: `cannot read ${file.path}: ${(e as Error).message}`,
          file: file.path,
        });
        continue;
      }
      const problems: ParseProblem[] = [];
      if (isCompose) findings.push(...lintCompose(file.path, text, problems));
      else {
        if (!MANIFEST_HINT.test(text) || !API_HINT.test(text)) continue;
        // Templated YAML outside a chart (Kustomize bases are fine; Jinja/Helm fragments are not YAML).
        if (text.includes('{{')) continue;
        textCache.set(file.path, text);
        findings.push(...lintObjects(objectsFromManifest(file.path, text, problems), textOf));
      }
      report(problems);
    }
    // A chart rendered on its own and again as another chart's dependency: one finding per place.
    const seen = new Set<string>();
    return findings.filter((f) => {
      const key = `${f.ruleId}\0${f.file}\0${f.range.startLine}\0${f.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  },
};
