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
}

/** Images of a Dockerfile's stages (stage aliases and scratch excluded). */
export function dockerfileImages(path: string, text: string): ImageOccurrence[] {
  const { images } = readDockerfileStages(text);
  return images.map((img) => {
    const occ: ImageOccurrence = {
      file: path,
      source: 'dockerfile',
      written: img.written,
      line: img.line,
      column: img.column,
      endColumn: img.column + img.written.length,
    };
    const ref = img.unresolved.length === 0 ? parseImageRef(img.image) : undefined;
    if (ref) occ.ref = ref;
    if (img.stageName !== undefined) occ.context = img.stageName;
    if (img.platform !== undefined) occ.platform = img.platform;
    return occ;
  });
}

/**
 * Images of compose services (`services.<name>.image`). Compose interpolation with defaults
 * (`${TAG:-1.2}`) is resolved from the defaults; bare variables leave the image unresolved.
 */
export function composeImages(path: string, text: string): ImageOccurrence[] {
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
      const resolved = substituteVars(written.replace(/\$\$/g, '$'), new Map(), unresolved);
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
