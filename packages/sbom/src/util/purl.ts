import { PackageURL } from 'packageurl-js';

/**
 * purl helpers. Choices (checked against package-url/purl-spec `types/`):
 * - Helm charts: the spec registers no `helm` type. We write `pkg:helm/<name>@<version>` with a
 *   `repository_url` qualifier, the de-facto form other SBOM tools emit, because `pkg:generic`
 *   would lose the ecosystem; consumers that only accept registered types can map it.
 * - Container images pinned by digest: `pkg:oci/<last-path-segment>@sha256:<hex>` with
 *   `repository_url` (registry + full repository path) and `tag` qualifiers — the registered
 *   `oci` type, whose version must be the digest.
 * - Images known only by tag: `pkg:docker/<namespace>/<name>@<tag>` (registered `docker` type;
 *   Docker Hub official images get the `library` namespace) with `repository_url` for registries
 *   other than Docker Hub. A tag is mutable, so `oci` (digest-only) does not fit.
 */
export function purlString(
  type: string,
  namespace: string | undefined,
  name: string,
  version: string | undefined,
  qualifiers?: Record<string, string | undefined>,
  subpath?: string,
): string {
  const q: Record<string, string> = {};
  if (qualifiers) for (const [k, v] of Object.entries(qualifiers)) if (v !== undefined && v !== '') q[k] = v;
  return new PackageURL(
    type,
    namespace ?? undefined,
    name,
    version ?? undefined,
    Object.keys(q).length ? q : undefined,
    subpath ?? undefined,
  ).toString();
}

/** Helm chart purl (see module comment). */
export function helmPurl(name: string, version: string | undefined, repository?: string): string {
  return purlString('helm', undefined, name, version, { repository_url: repository });
}
