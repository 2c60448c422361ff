import type { Hash } from '../../model.js';
import { purlString } from '../../util/purl.js';

/** A parsed container image reference (`[registry/]repository[:tag][@digest]`). */
export interface ImageRef {
  /** As written (after variable resolution). */
  raw: string;
  /** Registry host, `docker.io` when none is written. */
  registry: string;
  /** Full repository path inside the registry (`library/nginx`, `bitnami/postgresql`). */
  repository: string;
  tag?: string;
  /** `sha256:<hex>` (lowercase). */
  digest?: string;
}

const DOCKER_HUB = 'docker.io';
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;
const REGISTRY = /^[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::\d+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

/**
 * Parses an image reference following the distribution reference grammar: the first path
 * component is a registry when it has a `.` or `:` or is `localhost`. Returns undefined for text
 * that is not a valid reference (templates, variables, spaces).
 */
export function parseImageRef(input: string): ImageRef | undefined {
  const raw = input.trim();
  if (raw === '' || raw.length > 512 || /[\s${}"'<>]/.test(raw)) return undefined;
  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return undefined;
    digest = digest.toLowerCase();
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return undefined;
  }
  const parts = rest.split('/');
  let registry = DOCKER_HUB;
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    if (!REGISTRY.test(first)) return undefined;
    registry = first.toLowerCase();
    parts.shift();
  }
  if (parts.length === 0 || !parts.every((p) => PATH_COMPONENT.test(p))) return undefined;
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && parts.length === 1) parts.unshift('library');
  const ref: ImageRef = { raw, registry, repository: parts.join('/') };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

/** Short, familiar name: Docker Hub's `library/` and `docker.io/` dropped (`nginx`, `bitnami/redis`, `ghcr.io/o/app`). */
export function imageDisplayName(ref: ImageRef): string {
  if (ref.registry === DOCKER_HUB)
    return ref.repository.startsWith('library/') ? ref.repository.slice(8) : ref.repository;
  return `${ref.registry}/${ref.repository}`;
}

/** The canonical reference text (`docker.io/library/nginx:1.25@sha256:...`). */
export function canonicalImage(ref: ImageRef): string {
  return `${ref.registry}/${ref.repository}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
}

/**
 * purl of an image (choice documented in util/purl.ts): digest -> `pkg:oci`, else `pkg:docker`.
 */
export function imagePurl(ref: ImageRef): string {
  const segments = ref.repository.split('/');
  const name = (segments[segments.length - 1] ?? ref.repository).toLowerCase();
  if (ref.digest !== undefined) {
    return purlString('oci', undefined, name, ref.digest, {
      repository_url: `${ref.registry}/${ref.repository}`,
      tag: ref.tag,
    });
  }
  const namespace = segments.slice(0, -1).join('/') || undefined;
  return purlString('docker', namespace, name, ref.tag ?? 'latest', {
    repository_url: ref.registry === DOCKER_HUB ? undefined : ref.registry,
  });
}

/** The digest as a CycloneDX hash when it is sha256/384/512. */
export function digestHash(ref: ImageRef): Hash[] {
  if (!ref.digest) return [];
  const [alg, hex] = ref.digest.split(':');
  const map: Record<string, Hash['alg']> = { sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' };
  const mapped = alg ? map[alg] : undefined;
  return mapped && hex ? [{ alg: mapped, content: hex.toLowerCase() }] : [];
}
