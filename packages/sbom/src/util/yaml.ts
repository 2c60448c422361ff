import { getScalarValue, load, loadAll, parseEvents, type ScalarEvent } from 'js-yaml';

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

const DOCUMENT = 1;
const SEQUENCE = 2;
const MAPPING = 3;
const SCALAR = 4;
const ALIAS = 5;
const POP = 6;
const STYLE_PLAIN = 1;

/**
 * Parses every document of a YAML text into positioned nodes. Throws js-yaml's YAMLException on
 * malformed input; callers turn that into a notification.
 */
export function parseYamlDocuments(text: string): YNode[] {
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
export function yget(node: YNode | undefined, key: string): YNode | undefined {
  if (node?.kind !== 'map') return undefined;
  for (const entry of node.entries) if (entry.key === key) return entry.value;
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
  const docs = loadAll(text);
  return docs[0];
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
