import { LineIndex } from '@shipshape/core';
import { maskHelmTemplates, parseYamlDocuments, type YNode, yget, ystr } from '../../util/yaml.js';
import { readDockerfileStages, substituteVars } from './dockerfile.js';
import { type ImageRef, parseImageRef } from './image-ref.js';

/** One place where a file names a container image. */
export interface ImageOccurrence {
  file: string;
  source: 'dockerfile' | 'compose' | 'helm-values';
  /** Text as written. */
  written: string;
  /** Parsed reference; undefined when it could not be resolved (variables, templates). */
  ref?: ImageRef;
  line: number;
  column: number;
  endColumn: number;
  /** Dockerfile stage name, compose service name, or values key path. */
  context?: string;
  platform?: string;
  /** How a Dockerfile uses it when not as a base: files copied or mounted from it. */
  use?: 'copy-from' | 'mount-from';
}

/** Images of a Dockerfile's stages (stage aliases and scratch excluded). */
export function dockerfileImages(path: string, text: string): ImageOccurrence[] {
  const { images, uses } = readDockerfileStages(text);
  const occurrence = (
    u: { written: string; image: string; line: number; column: number; unresolved: string[] },
    extra: Partial<ImageOccurrence>,
  ): ImageOccurrence => {
    const occ: ImageOccurrence = {
      file: path,
      source: 'dockerfile',
      written: u.written,
      line: u.line,
      column: u.column,
      endColumn: u.column + u.written.length,
      ...extra,
    };
    const ref = u.unresolved.length === 0 ? parseImageRef(u.image) : undefined;
    if (ref) occ.ref = ref;
    return occ;
  };
  const bases = images.map((img) => {
    const extra: Partial<ImageOccurrence> = {};
    if (img.stageName !== undefined) extra.context = img.stageName;
    if (img.platform !== undefined) extra.platform = img.platform;
    return occurrence(img, extra);
  });
  return [...bases, ...uses.map((u) => occurrence(u, { use: u.kind }))];
}

/**
 * Images of compose services (`services.<name>.image`). Compose interpolation is resolved from the
 * `.env` next to the compose file (as Compose does) and from `${VAR:-default}` defaults; other
 * variables leave the image unresolved.
 */
export function composeImages(
  path: string,
  text: string,
  env: ReadonlyMap<string, string> = new Map(),
): ImageOccurrence[] {
  const lines = new LineIndex(text);
  const out: ImageOccurrence[] = [];
  for (const doc of parseYamlDocuments(text)) {
    const services = yget(doc, 'services');
    if (services?.kind !== 'map') continue;
    for (const service of services.entries) {
      const image = yget(service.value, 'image');
      const written = ystr(image);
      if (written === undefined || image?.kind !== 'scalar') continue;
      const unresolved: string[] = [];
      const resolved = substituteVars(written.replace(/\$\$/g, '$'), env, unresolved);
      const pos = lines.position(image.start);
      const end = lines.position(image.end);
      const occ: ImageOccurrence = {
        file: path,
        source: 'compose',
        written,
        line: pos.line,
        column: pos.column,
        endColumn: end.line === pos.line ? end.column : pos.column + written.length,
        context: service.key,
      };
      const ref = unresolved.length === 0 ? parseImageRef(resolved) : undefined;
      if (ref) occ.ref = ref;
      out.push(occ);
    }
  }
  return out;
}

/**
 * A compose `.env` file as Compose reads it: `KEY=value` lines, optional `export `, quotes,
 * `#` comments (outside quotes, after whitespace), `${VAR}` references to earlier keys.
 */
export function parseDotEnv(text: string): Map<string, string> {
  const env = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(raw);
    if (!m) continue;
    let value = (m[2] ?? '').trim();
    const q = value[0];
    if ((q === '"' || q === "'") && value.indexOf(q, 1) > 0) {
      value = value.slice(1, value.indexOf(q, 1));
      if (q === '"') value = value.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
    } else value = value.replace(/\s+#.*$/, '');
    if (q !== "'") value = substituteVars(value, env, []);
    env.set(m[1] as string, value);
  }
  return env;
}

/**
 * Images of Helm values: every `image:` key whose value is either a reference string or a block
 * with `repository` (plus optional `registry`, `tag`, `digest`). An empty tag means the chart's
 * appVersion, as Helm chart templates conventionally do.
 */
export function helmValuesImages(path: string, text: string, appVersion?: string): ImageOccurrence[] {
  const masked = maskHelmTemplates(text);
  const lines = new LineIndex(text);
  const out: ImageOccurrence[] = [];
  const globalRegistry = (doc: YNode | undefined) => ystr(yget(yget(doc, 'global'), 'imageRegistry'));
  for (const doc of parseYamlDocuments(masked)) {
    const defaultRegistry = globalRegistry(doc);
    walk(doc, [], (keyPath, node) => {
      const key = keyPath[keyPath.length - 1];
      if (key !== 'image') return;
      const ctx = keyPath.join('.');
      if (node.kind === 'scalar') {
        const written = ystr(node);
        if (!written || !/[:/@]/.test(written)) return; // `image: nginx` alone is too ambiguous
        const ref = parseImageRef(written);
        if (!ref) return;
        const pos = lines.position(node.start);
        out.push({
          file: path,
          source: 'helm-values',
          written,
          ref,
          line: pos.line,
          column: pos.column,
          endColumn: pos.column + written.length,
          context: ctx,
        });
        return;
      }
      if (node.kind !== 'map') return;
      const repoNode = yget(node, 'repository') ?? yget(node, 'repo') ?? yget(node, 'name');
      const repository = ystr(repoNode);
      if (!repository || repoNode?.kind !== 'scalar') return;
      const registry = ystr(yget(node, 'registry')) ?? defaultRegistry;
      const tagRaw = ystr(yget(node, 'tag'));
      const tag = tagRaw === undefined || tagRaw === '' ? appVersion : tagRaw;
      let digest = ystr(yget(node, 'digest'));
      if (digest && !digest.includes(':')) digest = `sha256:${digest}`;
      let text = registry && !repository.startsWith(`${registry}/`) ? `${registry}/${repository}` : repository;
      if (tag && !/[:@]/.test(text.slice(text.lastIndexOf('/') + 1))) text += `:${tag}`;
      if (digest && !text.includes('@')) text += `@${digest}`;
      const pos = lines.position(repoNode.start);
      const occ: ImageOccurrence = {
        file: path,
        source: 'helm-values',
        written: text,
        line: pos.line,
        column: pos.column,
        endColumn: pos.column + repository.length,
        context: ctx,
      };
      const ref = parseImageRef(text);
      if (ref) occ.ref = ref;
      out.push(occ);
    });
  }
  return out;
}

function walk(node: YNode | undefined, path: string[], visit: (path: string[], node: YNode) => void, depth = 0): void {
  if (!node || depth > 40) return;
  if (node.kind === 'map') {
    for (const e of node.entries) {
      const p = [...path, e.key];
      visit(p, e.value);
      walk(e.value, p, visit, depth + 1);
    }
  } else if (node.kind === 'seq') {
    node.items.forEach((item, i) => {
      walk(item, [...path, String(i)], visit, depth + 1);
    });
  }
}
