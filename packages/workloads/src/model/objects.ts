/**
 * Kubernetes objects as the rules see them: the parsed value plus a way to turn a path inside
 * it into a place in a real file: the manifest's own line, or for a rendered chart the
 * template line that wrote it, or the values-file line the value came from.
 */
import { posix } from 'node:path';
import type { Origin, RenderedTemplate } from '../render/index.js';
import { isMap } from '../render/values.js';
import { parseYamlStream } from '../render/yaml-values.js';
import { WORKLOAD_KINDS } from './pod.js';

/** Kinds some rule reads; other documents are skipped unparsed. */
const CHECKED_KINDS = new Set([
  ...WORKLOAD_KINDS,
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'Secret',
  'ServiceAccount',
  'List',
]);
const wanted = (kind: string) => CHECKED_KINDS.has(kind);

export type Segment = string | number;

/** A resolved place: file (relative to the scan root) and 1-based line. */
export interface Place {
  file: string;
  line: number;
  /** Set when the place is a values file line the offending value came from. */
  fromValues?: boolean;
}

export interface K8sObject {
  kind: string;
  apiVersion: string;
  name: string;
  namespace?: string;
  value: Record<string, unknown>;
  /** Where a path inside the object is; `valueAt` asks for the origin of the value found there. */
  locate(path: readonly Segment[], valueAt?: boolean): Place;
  /** Where the object itself was written (its first line). */
  file: string;
  /** The object came from a rendered Helm chart. */
  rendered: boolean;
  /** For rendered objects: strings the chart generated at render time (randAlphaNum, ...). */
  generated?: ReadonlySet<string>;
  /** For rendered objects: whether a string is written literally in the chart's templates. */
  inTemplates?: (text: string) => boolean;
}

export interface ParseProblem {
  file: string;
  line: number;
  message: string;
}

function key(path: readonly Segment[]): string {
  return path.map(String).join('.');
}

/** The deepest recorded line for a path (a missing key is located at its nearest parent). */
function lineOf(lines: Map<string, number>, path: readonly Segment[], fallback: number): number {
  for (let n = path.length; n > 0; n--) {
    const l = lines.get(key(path.slice(0, n)));
    if (l !== undefined) return l;
  }
  return fallback;
}

function getAt(v: unknown, path: readonly Segment[]): unknown {
  let cur = v;
  for (const p of path) {
    if (Array.isArray(cur)) cur = cur[Number(p)];
    else if (isMap(cur)) cur = cur[String(p)];
    else return undefined;
  }
  return cur;
}

function sameScalar(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint'))
    return Number(a) === Number(b);
  return String(a) === String(b) && (typeof a !== 'object' || a === null);
}

/** Searches a values subtree for `leaf` holding `expected`, returning the dotted path found. */
function findInValues(values: unknown, base: string, leaf: string, expected: unknown, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  const node = base === '' ? values : getAt(values, base.split('.'));
  if (!isMap(node) && !Array.isArray(node)) return undefined;
  const entries: [string, unknown][] = Array.isArray(node) ? node.map((x, i) => [String(i), x]) : Object.entries(node);
  for (const [k, v] of entries) {
    const p = base === '' ? k : `${base}.${k}`;
    if (k === leaf && (isMap(v) || Array.isArray(v) || sameScalar(v, expected))) return p;
  }
  for (const [k, v] of entries) {
    if (!isMap(v) && !Array.isArray(v)) continue;
    const found = findInValues(values, base === '' ? k : `${base}.${k}`, leaf, expected, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function asObject(v: unknown): Record<string, unknown> | undefined {
  if (!isMap(v) || typeof v.kind !== 'string' || typeof v.apiVersion !== 'string') return undefined;
  return v;
}

function makeObjects(
  value: unknown,
  file: string,
  rendered: boolean,
  locate: (path: readonly Segment[], valueAt: boolean) => Place,
): K8sObject[] {
  const obj = asObject(value);
  if (!obj) return [];
  // kind: List holds objects in items.
  if (obj.kind === 'List' && Array.isArray(obj.items))
    return obj.items.flatMap((item, i) => makeObjects(item, file, rendered, (p, v) => locate(['items', i, ...p], v)));
  const meta = isMap(obj.metadata) ? obj.metadata : {};
  const o: K8sObject = {
    kind: obj.kind as string,
    apiVersion: obj.apiVersion as string,
    name: typeof meta.name === 'string' ? meta.name : '',
    value: obj,
    locate: (p, v) => locate(p, v ?? false),
    file,
    rendered,
  };
  if (typeof meta.namespace === 'string') o.namespace = meta.namespace;
  return [o];
}

/** Objects of a plain manifest file. */
export function objectsFromManifest(file: string, text: string, problems: ParseProblem[]): K8sObject[] {
  const out: K8sObject[] = [];
  for (const doc of parseYamlStream(text, wanted)) {
    if (doc.error) {
      problems.push({ file, line: doc.error.line, message: doc.error.message });
      continue;
    }
    out.push(...makeObjects(doc.value, file, false, (p) => ({ file, line: lineOf(doc.lines, p, doc.startLine) })));
  }
  return out;
}

/**
 * Objects of a rendered chart template. `chartRoot` is the chart's directory relative to the
 * scan root ('' for the root); `userFile` maps a user values file path to a scan-root path.
 */
export function objectsFromRendered(t: RenderedTemplate, chartRoot: string, problems: ParseProblem[]): K8sObject[] {
  const join = (p: string) => posix.normalize(chartRoot === '' ? p : `${chartRoot}/${p}`);
  const templateFile = join(t.archive ?? t.path);
  const out: K8sObject[] = [];
  const originAt = (line: number): Origin | undefined => t.origins[line - 1];
  for (const doc of parseYamlStream(t.text, wanted)) {
    if (doc.error) {
      const o = originAt(doc.error.line);
      problems.push({
        file: templateFile,
        line: t.archive ? 1 : (o?.line ?? 1),
        message: `rendered ${t.path} is not valid YAML (output line ${doc.error.line}): ${doc.error.message}`,
      });
      continue;
    }
    const locate = (path: readonly Segment[], valueAt: boolean): Place => {
      const outLine = lineOf(doc.lines, path, doc.startLine);
      const o = originAt(outLine);
      if (valueAt && o?.values && o.values.length > 0 && path.length > 0) {
        const leaf = String(path[path.length - 1]);
        const rendered = getAt(doc.value, path);
        for (const vp of o.values) {
          const exact = vp.split('.').pop() === leaf ? vp : findInValues(t.scope.values, vp, leaf, rendered);
          if (!exact) continue;
          const origin = t.scope.origin(exact);
          if (origin) {
            const file = origin.user ? origin.file : join(origin.file);
            return {
              file: t.archive && !origin.user ? templateFile : file,
              line: t.archive && !origin.user ? 1 : origin.line,
              fromValues: true,
            };
          }
        }
      }
      return { file: templateFile, line: t.archive ? 1 : (o?.line ?? 1) };
    };
    for (const o of makeObjects(doc.value, templateFile, true, locate)) {
      o.generated = t.generated;
      o.inTemplates = t.inTemplates;
      out.push(o);
    }
  }
  return out;
}
