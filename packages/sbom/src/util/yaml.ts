import { createRequire } from 'node:module';
import { getScalarValue, load, loadAll, parseEvents, type ScalarEvent } from 'js-yaml';

type YamlLib = typeof import('yaml');
let yamlLoaded: YamlLib | undefined;

/** The `yaml` package, loaded on first use (its many modules cost start-up time most runs never need). */
function yamlLib(): YamlLib {
  yamlLoaded ??= createRequire(import.meta.url)('yaml') as YamlLib;
  return yamlLoaded;
}

/** A YAML node with source offsets, built from js-yaml's event stream (for line numbers in findings). */
export type YNode = YScalar | YMap | YSeq | YAlias;
export interface YScalar {
  kind: 'scalar';
  value: string;
  /** Plain (unquoted) style: `null`, `~`, empty mean null. */
  plain: boolean;
  start: number;
  end: number;
}
export interface YMap {
  kind: 'map';
  entries: { key: string; keyStart: number; value: YNode }[];
  start: number;
}
export interface YSeq {
  kind: 'seq';
  items: YNode[];
  start: number;
}
export interface YAlias {
  kind: 'alias';
  start: number;
}

/** Most nodes a document may expand to through aliases (a YAML bomb beyond this is rejected). */
const MAX_EXPANDED_NODES = 1_000_000;

const LENIENT = { strict: false, uniqueKeys: false, prettyErrors: false, schema: 'failsafe' } as const;

/**
 * Parses every document of a YAML text into positioned nodes. The `yaml` package reads first (it
 * accepts what Compose, GitHub and Helm accept, e.g. a flow sequence closing at its key's
 * indentation); where it reports an error, js-yaml gets a try (each tolerates a few shapes the other
 * rejects). Aliases resolve to their anchored node (shared, not copied); a document whose alias
 * expansion exceeds a million nodes is rejected as a YAML bomb. Throws when neither parser accepts
 * the text; callers turn that into a notification.
 */
export function parseYamlDocuments(text: string): YNode[] {
  const { isAlias, isMap, isScalar, isSeq, parseAllDocuments } = yamlLib();
  const docs = parseAllDocuments(text, LENIENT);
  const list = Array.isArray(docs) ? docs : [];
  const firstError = list.flatMap((d) => d.errors)[0];
  if (firstError) {
    try {
      return parseWithJsYaml(text);
    } catch {
      throw new YamlError(firstError.message.split('\n')[0] ?? 'invalid YAML');
    }
  }
  const out: YNode[] = [];
  for (const doc of list) {
    const built = new Map<unknown, YNode>();
    const weight = new Map<YNode, number>();
    let total = 0;
    const build = (node: unknown, depth: number): YNode | undefined => {
      if (node === null || node === undefined) return undefined;
      if (depth > 64) throw new YamlError('YAML nesting is deeper than 64 levels');
      const hit = built.get(node);
      if (hit) return hit;
      let y: YNode;
      let w = 1;
      if (isAlias(node)) {
        const target = node.resolve(doc);
        const t = target ? built.get(target) : undefined;
        const start = node.range?.[0] ?? 0;
        if (!t) y = { kind: 'alias', start };
        else {
          y = t;
          w = weight.get(t) ?? 1;
        }
        total += w;
        if (total > MAX_EXPANDED_NODES) throw new YamlError('YAML aliases expand to more than a million nodes');
        return y;
      }
      if (isScalar(node)) {
        const range = node.range ?? [0, 0, 0];
        const value = node.value === null || node.value === undefined ? '' : String(node.value);
        // Quoted scalars start after the quote (where js-yaml put them, and where the value is).
        const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
        y = {
          kind: 'scalar',
          value,
          plain: node.type === 'PLAIN' || node.type === undefined,
          start: range[0] + quoted,
          end: Math.max(range[0] + quoted, range[1] - quoted),
        };
      } else if (isMap(node)) {
        const map: YMap = { kind: 'map', entries: [], start: node.range?.[0] ?? 0 };
        built.set(node, map);
        for (const pair of node.items) {
          const key = pair.key as { range?: [number, number, number] } | null;
          const keyNode = build(pair.key, depth + 1);
          const value = build(pair.value, depth + 1) ?? nullScalar(key);
          w += (weight.get(value) ?? 1) + 1;
          map.entries.push({
            key: keyNode?.kind === 'scalar' ? keyNode.value : '',
            keyStart: key?.range?.[0] ?? value.start,
            value,
          });
        }
        y = map;
      } else if (isSeq(node)) {
        const seq: YSeq = { kind: 'seq', items: [], start: node.range?.[0] ?? 0 };
        built.set(node, seq);
        for (const item of node.items) {
          const child = build(item, depth + 1) ?? {
            kind: 'scalar',
            value: '',
            plain: true,
            start: seq.start,
            end: seq.start,
          };
          w += weight.get(child) ?? 1;
          seq.items.push(child);
        }
        y = seq;
      } else return undefined;
      built.set(node, y);
      weight.set(y, w);
      total += 1;
      if (total > MAX_EXPANDED_NODES) throw new YamlError('YAML aliases expand to more than a million nodes');
      return y;
    };
    const root = build(doc.contents, 0);
    if (root) out.push(root);
  }
  return out;
}

/** An empty value (`key:` with nothing after it) as a plain empty scalar at the key's end. */
function nullScalar(key: { range?: [number, number, number] } | null): YScalar {
  const at = key?.range?.[1] ?? 0;
  return { kind: 'scalar', value: '', plain: true, start: at, end: at };
}

/** A YAML text neither parser accepts. */
export class YamlError extends Error {
  readonly code = 'yaml-invalid';
}

const DOCUMENT = 1;
const SEQUENCE = 2;
const MAPPING = 3;
const SCALAR = 4;
const ALIAS = 5;
const POP = 6;
const STYLE_PLAIN = 1;

/** The js-yaml event stream as positioned nodes (the fallback reader; aliases stay unresolved). */
function parseWithJsYaml(text: string): YNode[] {
  const events = parseEvents(text, { maxDepth: 64 });
  const docs: YNode[] = [];
  const stack: (YMap | YSeq)[] = [];
  let pendingKey: { key: string; keyStart: number } | undefined;
  // For each open map: whether the next scalar is a key.
  const expectKey: boolean[] = [];

  const attach = (node: YNode): boolean => {
    const parent = stack[stack.length - 1];
    if (!parent) {
      docs.push(node);
      return false;
    }
    if (parent.kind === 'seq') {
      parent.items.push(node);
      return false;
    }
    const top = expectKey.length - 1;
    if (expectKey[top]) {
      // Complex keys (maps/sequences as keys) are rare; keep their offset with an empty key.
      pendingKey = { key: node.kind === 'scalar' ? node.value : '', keyStart: node.start };
      expectKey[top] = false;
      return true;
    }
    parent.entries.push({ key: pendingKey?.key ?? '', keyStart: pendingKey?.keyStart ?? node.start, value: node });
    pendingKey = undefined;
    expectKey[top] = true;
    return false;
  };

  for (const event of events) {
    switch (event.type) {
      case DOCUMENT:
        break;
      case SCALAR: {
        const ev = event as ScalarEvent;
        const start = ev.valueStart >= 0 ? ev.valueStart : Math.max(ev.anchorStart, ev.tagStart, 0);
        const node: YScalar = {
          kind: 'scalar',
          value: getScalarValue(text, ev),
          plain: ev.style === STYLE_PLAIN,
          start,
          end: Math.max(ev.valueEnd, start),
        };
        attach(node);
        break;
      }
      case ALIAS:
        attach({ kind: 'alias', start: event.anchorStart });
        break;
      case MAPPING:
      case SEQUENCE: {
        const node: YMap | YSeq =
          event.type === MAPPING
            ? { kind: 'map', entries: [], start: event.start }
            : { kind: 'seq', items: [], start: event.start };
        const isKey = attach(node);
        if (isKey) {
          // A collection used as a key: parse it but do not keep it as a value.
          stack.push(node);
          expectKey.push(true);
          (node as { asKey?: boolean }).asKey = true;
          break;
        }
        stack.push(node);
        expectKey.push(true);
        break;
      }
      case POP: {
        if (stack.length === 0) break; // document end
        stack.pop();
        expectKey.pop();
        break;
      }
    }
  }
  return docs;
}

/** Value of a key in a positioned map. */
export function yget(node: YNode | undefined, key: string, depth = 0): YNode | undefined {
  if (node?.kind !== 'map') return undefined;
  for (const entry of node.entries) if (entry.key === key) return entry.value;
  // Merge keys (`<<: *defaults`, `<<: [*a, *b]`): compose and charts share blocks this way.
  if (depth > 16) return undefined;
  for (const entry of node.entries) {
    if (entry.key !== '<<') continue;
    const sources = entry.value.kind === 'seq' ? entry.value.items : [entry.value];
    for (const source of sources) {
      const hit = yget(source, key, depth + 1);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** Entry (with key offset) of a key in a positioned map. */
export function yentry(node: YNode | undefined, key: string): YMap['entries'][number] | undefined {
  if (node?.kind !== 'map') return undefined;
  return node.entries.find((e) => e.key === key);
}

/** The string value of a scalar node (undefined for null-ish plain scalars and non-scalars). */
export function ystr(node: YNode | undefined): string | undefined {
  if (node?.kind !== 'scalar') return undefined;
  if (
    node.plain &&
    (node.value === '' || node.value === '~' || node.value === 'null' || node.value === 'Null' || node.value === 'NULL')
  )
    return undefined;
  return node.value;
}

/** Loads a single YAML document as plain data (JSON-compatible types). Throws on malformed input. */
export function loadYaml(text: string): unknown {
  const docs = yamlLib().parseAllDocuments(text, {
    strict: false,
    uniqueKeys: false,
    prettyErrors: false,
    merge: true,
  });
  const list = Array.isArray(docs) ? docs : [];
  const error = list.flatMap((d) => d.errors)[0];
  if (!error) return list[0]?.toJS({ maxAliasCount: 10_000 }) ?? undefined;
  try {
    return loadAll(text)[0];
  } catch {
    throw new YamlError(error.message.split('\n')[0] ?? 'invalid YAML');
  }
}

export { load };

/** Narrowing helper for plain objects from YAML/JSON. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Masks Helm template actions (`{{ ... }}`) with spaces of the same length, keeping offsets, so
 * values files and charts with template expressions still parse as YAML.
 */
export function maskHelmTemplates(text: string): string {
  if (!text.includes('{{')) return text;
  return text.replace(/\{\{-?[\s\S]*?-?\}\}/g, (m) => m.replace(/[^\n]/g, ' '));
}
