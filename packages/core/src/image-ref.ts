/**
 * A normalised container image reference (`[registry[:port]/]repository[:tag][@digest]`, `scratch`),
 * shared by every analyzer that reads images: Dockerfile rules, SBOM container collectors.
 */
export interface ImageReference {
  /** The text as written (after ARG substitution when the caller resolved it). */
  raw: string;
  /** `FROM scratch`: the empty image. */
  scratch: boolean;
  /** True when the reference still contains `$VAR` / `${VAR}` after resolution. */
  unresolved: boolean;
  /** Names of variables left unresolved. */
  variables: string[];
  /** Registry host (with port) when written explicitly, e.g. `reg.example.com:5000`; undefined for Docker Hub shorthand. */
  registry?: string;
  /** Registry with Docker Hub made explicit (`docker.io`). */
  normalizedRegistry: string;
  /** Repository path without registry, e.g. `library/node` is given as `node`; `bitnami/redis`. */
  repository: string;
  /** Last path segment of the repository, lower-cased (`node`, `redis`, `static`). */
  name: string;
  tag?: string;
  digest?: string;
}

const VARIABLE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Parses an image reference such as `reg:5000/team/app:1.2@sha256:...`. A first path segment
 * is a registry when it contains `.` or `:` or is `localhost` (Docker's own rule).
 */
export function parseImageReference(ref: string): ImageReference {
  const raw = ref.trim();
  const variables = [...raw.matchAll(VARIABLE)].map((m) => m[1] ?? '');
  const unresolved = variables.length > 0;
  if (raw.toLowerCase() === 'scratch') {
    return {
      raw,
      scratch: true,
      unresolved: false,
      variables: [],
      normalizedRegistry: '',
      repository: 'scratch',
      name: 'scratch',
    };
  }
  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry: string | undefined;
  const slash = rest.indexOf('/');
  if (slash !== -1) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon !== -1 && !rest.slice(colon).includes('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const repository = rest;
  const name = (repository.split('/').pop() ?? repository).toLowerCase();
  const normalizedRegistry = (registry ?? 'docker.io')
    .toLowerCase()
    .replace(/^(index|registry-1)\.docker\.io$/, 'docker.io');
  const out: ImageReference = { raw, scratch: false, unresolved, variables, normalizedRegistry, repository, name };
  if (registry !== undefined) out.registry = registry;
  if (tag !== undefined && tag !== '') out.tag = tag;
  if (digest !== undefined && digest !== '') out.digest = digest;
  return out;
}

/** Full repository path including Docker Hub's implicit `library/` for official images. */
export function canonicalRepository(ref: ImageReference): string {
  const repo = ref.repository.toLowerCase();
  if (ref.normalizedRegistry === 'docker.io' && !repo.includes('/')) return `library/${repo}`;
  return repo;
}

/** `registry/repository` with Docker Hub shorthand kept short (`node`, `bitnami/redis`, `gcr.io/distroless/static`). */
export function displayRepository(ref: ImageReference): string {
  return ref.registry ? `${ref.registry}/${ref.repository}` : ref.repository;
}

const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;
const REGISTRY = /^[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::\d+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

/**
 * Whether a parsed reference is valid under the distribution reference grammar (lower-case path
 * components, tag and digest syntax, registry host[:port]). Lenient parsing serves linting, where
 * a half-written reference is still worth reporting on; strict validation serves inventories
 * (SBOMs), where only a real, resolvable reference may become a component.
 */
export function isValidImageReference(ref: ImageReference): boolean {
  if (ref.scratch || ref.unresolved) return false;
  if (ref.raw === '' || ref.raw.length > 512 || /[\s${}"'<>]/.test(ref.raw)) return false;
  if (ref.digest !== undefined && !DIGEST.test(ref.digest)) return false;
  if (ref.raw.includes('@') && ref.digest === undefined) return false;
  if (ref.tag !== undefined && !TAG.test(ref.tag)) return false;
  if (/:$/.test(ref.raw.split('@')[0] ?? '')) return false;
  if (ref.registry !== undefined && !REGISTRY.test(ref.registry)) return false;
  return ref.repository !== '' && ref.repository.split('/').every((part) => PATH_COMPONENT.test(part));
}
