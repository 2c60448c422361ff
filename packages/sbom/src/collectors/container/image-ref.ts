import { canonicalRepository, isValidImageReference, parseImageReference } from '@shipshape/core';
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

/**
 * Parses an image reference with core's shared parser and keeps it only when it is valid under
 * the distribution reference grammar: the first path component is a registry when it has a `.`
 * or `:` or is `localhost`. Returns undefined for text that is not a valid reference (templates,
 * variables, spaces), which must not become an SBOM component.
 */
export function parseImageRef(input: string): ImageRef | undefined {
  const parsed = parseImageReference(input);
  if (!isValidImageReference(parsed)) return undefined;
  const ref: ImageRef = {
    raw: parsed.raw,
    registry: parsed.normalizedRegistry,
    repository: canonicalRepository(parsed),
  };
  if (parsed.tag !== undefined) ref.tag = parsed.tag;
  if (parsed.digest !== undefined) ref.digest = parsed.digest.toLowerCase();
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
