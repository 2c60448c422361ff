/**
 * YAML as Helm reads it (yaml.v2 through sigs.k8s.io/yaml: YAML 1.1 booleans, numbers as
 * float64, timestamps kept as strings), plus a map from every dotted path to its line.
 */
import {
  isScalar,
  isSeq,
  isMap as isYamlMap,
  LineCounter,
  parseAllDocuments,
  parseDocument,
  type Node as YamlNode,
} from 'yaml';

export interface ParsedYaml {
  value: unknown;
  /** Dotted path (`image.tag`, `containers.0.name`) -> 1-based line of its key (or item). */
  lines: Map<string, number>;
}

export class YamlError extends Error {
  readonly code = 'yaml-error';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const OPTIONS = {
  version: '1.1' as const,
  merge: true,
  uniqueKeys: false,
  maxAliasCount: 1000,
  customTags: (tags: unknown[]) =>
    tags.filter((t) => (t as { tag?: string }).tag !== 'tag:yaml.org,2002:timestamp') as never,
};

function walkLines(node: YamlNode | null | undefined, path: string, lc: LineCounter, out: Map<string, number>): void {
  if (!node) return;
  if (isYamlMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const p = path === '' ? key : `${path}.${key}`;
      const range = (pair.key as YamlNode | null)?.range;
      if (range) out.set(p, lc.linePos(range[0]).line);
      walkLines(pair.value as YamlNode, p, lc, out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const p = path === '' ? String(i) : `${path}.${i}`;
      const range = (item as YamlNode | null)?.range;
      if (range) out.set(p, lc.linePos(range[0]).line);
      walkLines(item as YamlNode, p, lc, out);
    });
  }
}

/** Plain data as Go sees it after a JSON round trip: Dates do not occur, keys are strings. */
function plain(v: unknown): unknown {
  if (v instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of v) out[String(k)] = plain(x);
    return out;
  }
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object' && !(v instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = plain(x);
    return out;
  }
  if (typeof v === 'bigint') return Number(v);
  return v;
}

/** Parses one YAML document (a values file, Chart.yaml). Throws YamlError. */
export function parseYamlWithLines(text: string): ParsedYaml {
  const lc = new LineCounter();
  const doc = parseDocument(text, { ...OPTIONS, lineCounter: lc, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0] as { message: string; pos: [number, number] };
    throw new YamlError(e.message.split('\n')[0] as string, lc.linePos(e.pos[0]).line);
  }
  const lines = new Map<string, number>();
  walkLines(doc.contents as YamlNode, '', lc, lines);
  return { value: plain(doc.toJS({ maxAliasCount: 1000 })), lines };
}

export interface YamlDoc {
  value: unknown;
  lines: Map<string, number>;
  /** 1-based line where the document's content starts. */
  startLine: number;
  error?: YamlError;
}

/** Parses a multi-document stream (rendered manifests, Kubernetes files, compose files). */
export function parseYamlStream(text: string): YamlDoc[] {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { ...OPTIONS, lineCounter: lc, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [];
  const out: YamlDoc[] = [];
  for (const doc of list) {
    const start = doc.range ? lc.linePos(doc.range[0]).line : 1;
    if (doc.errors.length > 0) {
      const e = doc.errors[0] as { message: string; pos: [number, number] };
      out.push({
        value: undefined,
        lines: new Map(),
        startLine: start,
        error: new YamlError(e.message.split('\n')[0] as string, lc.linePos(e.pos[0]).line),
      });
      continue;
    }
    const lines = new Map<string, number>();
    walkLines(doc.contents as YamlNode, '', lc, lines);
    let value: unknown;
    try {
      value = plain(doc.toJS({ maxAliasCount: 1000 }));
    } catch (e) {
      out.push({ value: undefined, lines, startLine: start, error: new YamlError((e as Error).message, start) });
      continue;
    }
    out.push({ value, lines, startLine: start });
  }
  return out;
}
