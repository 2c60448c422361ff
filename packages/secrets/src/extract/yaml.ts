/**
 * YAML (and JSON, a subset) read as a tree: Helm templates masked first so charts parse, every
 * scalar bound to a key reported with its exact offsets, and Kubernetes/compose/docker context
 * attached (Secret `data:` decoded, container `env:` entries, ConfigMap data, compose
 * `environment:`, docker `auths`).
 */
import { isMap, isScalar, isSeq, type Node, parseAllDocuments, type YAMLMap } from 'yaml';
import type { Pair, PairContext } from './types.js';

const MASK = '\u00a7';

/**
 * Masks Helm/Go template actions (`{{ ... }}`) with same-length filler so offsets are kept:
 * a line that holds only template actions becomes blank, an inline action becomes `§§§`,
 * which value judging treats as an interpolation.
 */
export function maskTemplates(text: string): string {
  if (!text.includes('{{')) return text;
  const masked = text.replace(/\{\{[\s\S]*?\}\}/g, (m) => m.replace(/[^\n]/g, MASK));
  // Lines made only of masked actions (control flow, includes) would break the structure.
  return masked.replace(/^[ \t]*\u00a7[\u00a7 \t]*$/gm, (line) => ' '.repeat(line.length));
}

/** True when a value contains a masked template action. */
export function hasMaskedTemplate(value: string): boolean {
  return value.includes(MASK);
}

export interface YamlScanOptions {
  compose?: boolean;
}

export interface YamlScanResult {
  pairs: Pair[];
  ok: boolean;
  /** Kubernetes kinds seen (`Secret`, `ConfigMap`, `SealedSecret`...). */
  kinds: string[];
}

function decodeBase64(value: string): string | undefined {
  const v = value.replace(/\s+/g, '');
  if (v.length === 0 || v.length % 4 === 1 || !/^[A-Za-z0-9+/_-]+=*$/.test(v)) return undefined;
  const decoded = Buffer.from(v, 'base64').toString('utf8');
  // Printable text only; binary payloads (keystores) are not judged as strings.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: detecting binary payloads is the point
  if (/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(decoded)) return undefined;
  return decoded;
}

function scalarText(
  text: string,
  node: Node,
): { value: string; start: number; end: number; quoted: boolean } | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const [s, e] = node.range;
  const type = node.type;
  if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') {
    const value = typeof node.value === 'string' ? node.value : String(node.value);
    return { value, start: s + 1, end: Math.max(s + 1, e - 1), quoted: true };
  }
  if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    const value = typeof node.value === 'string' ? node.value : '';
    const nl = text.indexOf('\n', s);
    const start = nl === -1 ? s : nl + 1 + (text.slice(nl + 1).length - text.slice(nl + 1).trimStart().length);
    return { value: value.replace(/\n$/, ''), start: Math.min(start, e), end: e, quoted: true };
  }
  const raw = text.slice(s, e);
  return { value: raw, start: s, end: e, quoted: false };
}

function keyOf(node: unknown): string | undefined {
  if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) return String(node.value);
  return undefined;
}

function getScalar(map: YAMLMap, key: string): string | undefined {
  const v = map.get(key, true);
  return isScalar(v) && v.value !== null && v.value !== undefined ? String(v.value) : undefined;
}

/** Parses (masked) YAML and collects key/scalar pairs with context. */
export function scanYaml(text: string, options: YamlScanOptions = {}): YamlScanResult {
  const masked = maskTemplates(text);
  const pairs: Pair[] = [];
  const kinds: string[] = [];
  let ok = true;
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(masked, { strict: false, uniqueKeys: false, prettyErrors: false }) as ReturnType<
      typeof parseAllDocuments
    >;
  } catch {
    return { pairs, ok: false, kinds };
  }
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    if (doc.errors.length > 0) ok = false;
    const root = doc.contents;
    if (!isMap(root)) {
      if (isSeq(root)) walk(root, [], 'plain');
      continue;
    }
    const kind = getScalar(root, 'kind');
    if (kind) kinds.push(kind);
    // External/sealed secrets hold references or ciphertext: the fix, never a finding.
    if (
      kind &&
      /^(SealedSecret|ExternalSecret|ClusterExternalSecret|SecretStore|ClusterSecretStore|VaultStaticSecret|InfisicalSecret|OnePasswordItem)$/.test(
        kind,
      )
    )
      continue;
    const isCompose = options.compose === true || (root.has('services') && !kind && !root.has('apiVersion'));
    walkMap(root, [], kind, isCompose);
  }
  return { pairs, ok, kinds };

  function emit(key: string, path: string[], node: Node, context: PairContext): void {
    const s = scalarText(masked, node);
    if (!s) return;
    const pair: Pair = {
      key,
      path: [...path, key].join('.'),
      value: s.value,
      start: s.start,
      end: s.end,
      context,
      quoted: s.quoted,
    };
    if (context === 'k8s-secret' && path[0] === 'data') {
      const decoded = decodeBase64(s.value);
      if (decoded !== undefined) pair.decoded = decoded;
      else return;
    }
    if (context === 'docker-auth') {
      const decoded = decodeBase64(s.value);
      if (decoded === undefined) return;
      pair.decoded = decoded;
    }
    pairs.push(pair);
  }

  function contextFor(path: string[], key: string, kind: string | undefined, compose: boolean): PairContext {
    if (kind === 'Secret' && path.length === 1 && (path[0] === 'data' || path[0] === 'stringData')) return 'k8s-secret';
    if (kind === 'ConfigMap' && path.length === 1 && path[0] === 'data') return 'configmap';
    if (compose && path.length === 3 && path[0] === 'services' && path[2] === 'environment') return 'compose-env';
    if (key === 'auth' && path.length === 2 && path[0] === 'auths') return 'docker-auth';
    return 'plain';
  }

  function walkMap(map: YAMLMap, path: string[], kind: string | undefined, compose: boolean): void {
    for (const item of map.items) {
      const key = keyOf(item.key);
      if (key === undefined) continue;
      const value = item.value as Node | null;
      if (value === null || value === undefined) continue;
      if (isScalar(value)) emit(key, path, value, contextFor(path, key, kind, compose));
      else if (isMap(value)) walkMap(value, [...path, key], kind, compose);
      else if (isSeq(value)) walkSeq(value, [...path, key], kind, compose);
    }
  }

  function walkSeq(seq: Node, path: string[], kind: string | undefined, compose: boolean): void {
    if (!isSeq(seq)) return;
    const last = path[path.length - 1];
    for (const item of seq.items as Node[]) {
      if (isMap(item)) {
        // Container env entry: { name: X, value: literal } (valueFrom is the fix).
        const name = getScalar(item, 'name');
        const valueNode = item.get('value', true) as Node | undefined;
        if (
          (last === 'env' || last === 'envs' || last === 'extraEnv' || last === 'extraEnvVars') &&
          name !== undefined &&
          valueNode &&
          isScalar(valueNode)
        ) {
          emit(name, path, valueNode, 'k8s-env');
          continue;
        }
        walkMap(item, path, kind, compose);
      } else if (isScalar(item) && compose && last === 'environment' && typeof item.value === 'string' && item.range) {
        // compose list form: - KEY=value
        const raw = masked.slice(item.range[0], item.range[1]);
        const q = /^["']/.test(raw) ? 1 : 0;
        const eq = item.value.indexOf('=');
        if (eq <= 0) continue;
        const key = item.value.slice(0, eq);
        const value = item.value.slice(eq + 1);
        const start = item.range[0] + q + eq + 1;
        pairs.push({
          key,
          path: [...path, key].join('.'),
          value,
          start,
          end: start + value.length,
          context: 'compose-env',
          quoted: q === 1,
        });
      } else if (isSeq(item)) walkSeq(item, path, kind, compose);
    }
  }

  function walk(node: Node, path: string[], _ctx: PairContext): void {
    if (isMap(node)) walkMap(node, path, undefined, false);
    else if (isSeq(node)) walkSeq(node, path, undefined, false);
  }
}
