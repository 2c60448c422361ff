/**
 * YAML as Helm reads it (yaml.v2 through sigs.k8s.io/yaml: YAML 1.1 booleans, numbers as
 * float64, timestamps kept as strings), plus a map from every dotted path to its line.
 */
import { constructFromEvents, EVENT_ID, load as jsYamlLoad, parseEvents, SCALAR_STYLE, YAML11_SCHEMA } from 'js-yaml';
import { parse as yamlParse } from 'yaml';

/**
 * js-yaml is fast; yaml.v2 (what Helm uses) is laxer in places (a flow sequence closed at a
 * shallower indent). On a js-yaml error the text is read again by the `yaml` package in YAML 1.1
 * mode before it counts as broken.
 */
/** Nodes a document may have once aliases are expanded (a billion-laughs document has 10^9). */
const MAX_EXPANDED = 1_000_000;

/** Refuses alias bombs before anything walks or copies the shared nodes: expanded size from the event stream. */
function checkAliases(text: string): void {
  if (!text.includes('*') || !text.includes('&')) return;
  let events: ReturnType<typeof parseEvents>;
  try {
    events = parseEvents(text, {});
  } catch {
    return;
  }
  const anchors = new Map<string, number>();
  // Each open collection: its size so far and its anchor name.
  const stack: { size: number; anchor: string | undefined }[] = [{ size: 0, anchor: undefined }];
  const add = (n: number) => {
    const top = stack[stack.length - 1] as { size: number };
    top.size += n;
    if (top.size > MAX_EXPANDED)
      throw new YamlError(`more than ${MAX_EXPANDED} nodes once aliases are expanded: refused (a YAML alias bomb?)`, 1);
  };
  for (const e of events) {
    if (e.type === EVENT_ID.DOCUMENT) continue;
    if (e.type === EVENT_ID.MAPPING || e.type === EVENT_ID.SEQUENCE) {
      stack.push({ size: 1, anchor: e.anchorStart >= 0 ? text.slice(e.anchorStart, e.anchorEnd) : undefined });
    } else if (e.type === EVENT_ID.POP) {
      const done = stack.pop();
      if (!done) break;
      if (stack.length === 0) {
        stack.push({ size: 0, anchor: undefined });
        continue;
      }
      if (done.anchor) anchors.set(done.anchor, done.size);
      add(done.size);
    } else if (e.type === EVENT_ID.SCALAR) {
      if (e.anchorStart >= 0) anchors.set(text.slice(e.anchorStart, e.anchorEnd), 1);
      add(1);
    } else if (e.type === EVENT_ID.ALIAS) {
      add(anchors.get(text.slice(e.anchorStart, e.anchorEnd)) ?? 1);
    }
  }
}

function load(text: string, _options: { schema: unknown }): unknown {
  checkAliases(text);
  try {
    return jsYamlLoad(text, { schema: YAML11_SCHEMA });
  } catch (first) {
    try {
      return yamlParse(text, {
        version: '1.1',
        merge: true,
        uniqueKeys: false,
        maxAliasCount: -1,
        customTags: (tags) => tags.filter((t) => (t as { tag?: string }).tag !== 'tag:yaml.org,2002:timestamp'),
      });
    } catch {
      throw first;
    }
  }
}

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

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

interface Frame {
  map: boolean;
  path: string;
  index: number;
  key: string | undefined;
}

const KEY_LINE = /^("[^"]*"|'[^']*'|[^\s#'"\-?:[{][^#]*?|-[^\s][^#]*?):(?:\s|$)/;

/**
 * Line map by indentation, for text the event parser refuses but the lax fallback read: block
 * mappings and `- ` items, which is what compose files and manifests are made of.
 */
function indentLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const stack: { indent: number; path: string; items: number }[] = [{ indent: -1, path: '', items: 0 }];
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n] as string;
    if (/^\s*(#|$)/.test(line)) continue;
    let indent = line.length - line.trimStart().length;
    line = line.trimStart();
    for (;;) {
      while (stack.length > 1 && (stack[stack.length - 1] as { indent: number }).indent >= indent) stack.pop();
      const parent = stack[stack.length - 1] as { indent: number; path: string; items: number };
      const join = (k: string) => (parent.path === '' ? k : `${parent.path}.${k}`);
      if (line.startsWith('- ') || line === '-') {
        const p = join(String(parent.items++));
        out.set(p, n + 1);
        stack.push({ indent, path: p, items: 0 });
        const rest = line.slice(1).trimStart();
        if (rest === '') break;
        indent += line.length - rest.length;
        line = rest;
        continue;
      }
      const m = KEY_LINE.exec(line);
      if (!m) break;
      const key = (m[1] as string).trim().replace(/^(["'])(.*)\1$/, '$2');
      const p = join(key);
      out.set(p, n + 1);
      stack.push({ indent, path: p, items: 0 });
      break;
    }
  }
  return out;
}

/** Dotted path -> line of every key and item, from the parser's event stream (first document). */
export function yamlLines(text: string, parsed?: ReturnType<typeof parseEvents>): Map<string, number> {
  const out = new Map<string, number>();
  let events: ReturnType<typeof parseEvents>;
  try {
    events = parsed ?? parseEvents(text, {});
  } catch {
    return indentLines(text);
  }
  const starts = lineStarts(text);
  const stack: Frame[] = [];
  let docs = 0;
  const child = (f: Frame | undefined, start: number): string | undefined => {
    if (!f) return '';
    if (f.map) {
      if (f.key === undefined) return undefined;
      const p = f.path === '' ? f.key : `${f.path}.${f.key}`;
      f.key = undefined;
      return p;
    }
    const p = f.path === '' ? String(f.index) : `${f.path}.${f.index}`;
    f.index++;
    out.set(p, lineAt(starts, start));
    return p;
  };
  for (const e of events) {
    if (e.type === EVENT_ID.DOCUMENT) {
      if (++docs > 1) break;
      continue;
    }
    if (e.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    const top = stack[stack.length - 1];
    if (e.type === EVENT_ID.SCALAR && top?.map && top.key === undefined) {
      let key = text.slice(e.valueStart, e.valueEnd);
      if (e.style === SCALAR_STYLE.SINGLE_QUOTED) key = key.replace(/''/g, "'");
      else if (e.style === SCALAR_STYLE.DOUBLE_QUOTED) {
        try {
          key = JSON.parse(`"${key}"`);
        } catch {
          // keep the raw text
        }
      }
      top.key = key;
      out.set(top.path === '' ? key : `${top.path}.${key}`, lineAt(starts, e.valueStart));
      continue;
    }
    if (e.type === EVENT_ID.MAPPING || e.type === EVENT_ID.SEQUENCE) {
      const p = child(top, e.start);
      stack.push({ map: e.type === EVENT_ID.MAPPING, path: p ?? '?', index: 0, key: undefined });
      continue;
    }
    // A scalar or alias value.
    child(top, e.type === EVENT_ID.SCALAR ? e.valueStart : e.anchorStart);
  }
  return out;
}

/** Parses one YAML document the fast way, lines computed only when asked for. Throws YamlError. */
export function parseYamlFast(text: string): { value: unknown; lines: () => Map<string, number> } {
  let value: unknown;
  try {
    value = load(text, { schema: YAML11_SCHEMA });
  } catch (e) {
    const m = /\((\d+):\d+\)/.exec((e as Error).message);
    throw new YamlError((e as Error).message.split('\n')[0] as string, m ? Number(m[1]) : 1);
  }
  let lines: Map<string, number> | undefined;
  return {
    value: plainFast(value),
    lines: () => {
      lines ??= yamlLines(text);
      return lines;
    },
  };
}

function plainFast(v: unknown): unknown {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? String(v) : v.toISOString().replace('.000Z', 'Z');
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = plainFast(v[i]);
    return v;
  }
  if (v instanceof Map) return plain(v);
  if (v && typeof v === 'object' && !(v instanceof Uint8Array)) {
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) o[k] = plainFast(o[k]);
    return o;
  }
  return v;
}

export interface YamlDoc {
  value: unknown;
  lines: Map<string, number>;
  /** 1-based line where the document's content starts. */
  startLine: number;
  error?: YamlError;
}

/**
 * Parses a multi-document stream (rendered manifests, Kubernetes files, compose files). Like
 * Helm, documents are split on `---` lines first, so one broken document does not hide the rest.
 */
export function parseYamlStream(text: string, wanted?: (kind: string) => boolean): YamlDoc[] {
  const out: YamlDoc[] = [];
  const lines = text.split('\n');
  let start = 0;
  const flush = (end: number) => {
    const chunk = lines.slice(start, end).join('\n');
    const first = start + 1;
    start = end + 1;
    if (!/\S/.test(chunk.replace(/^\s*#.*$/gm, ''))) return;
    // Documents of kinds no rule reads (dashboards in ConfigMaps, CRDs) are not parsed at all.
    const kind = wanted ? /^kind:[ \t]*["']?([A-Za-z]+)/m.exec(chunk)?.[1] : undefined;
    if (wanted && kind !== undefined && !wanted(kind)) return;
    let value: unknown;
    let events: ReturnType<typeof parseEvents> | undefined;
    try {
      try {
        checkAliases(chunk);
        events = parseEvents(chunk, {});
        value = plainFast(constructFromEvents(events, { schema: YAML11_SCHEMA, source: chunk })[0]);
      } catch {
        events = undefined;
        value = plainFast(load(chunk, { schema: YAML11_SCHEMA }));
      }
    } catch (e) {
      const m = /\((\d+):\d+\)/.exec((e as Error).message);
      const line = first - 1 + (m ? Number(m[1]) : 1);
      out.push({
        value: undefined,
        lines: new Map(),
        startLine: first,
        error: new YamlError((e as Error).message.split('\n')[0] as string, line),
      });
      return;
    }
    const local = yamlLines(chunk, events);
    const shifted = new Map<string, number>();
    for (const [k, v] of local) shifted.set(k, v + first - 1);
    let startLine = first;
    const lead = /^(\s*(#[^\n]*)?\n)*/.exec(chunk)?.[0] ?? '';
    startLine += lead.split('\n').length - 1;
    out.push({ value, lines: shifted, startLine });
  };
  for (let i = 0; i < lines.length; i++) if (/^---(\s|$)/.test(lines[i] as string)) flush(i);
  flush(lines.length);
  return out;
}
