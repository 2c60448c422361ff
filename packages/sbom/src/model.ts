import type { Notification } from '@shipshape/core';

/**
 * The SBOM package's internal model. Collectors (one per input format, pure functions of file
 * text) produce `CollectedProject`s; the graph builder merges them; writers turn the graph into
 * CycloneDX or SPDX. This file is the contract between collectors and writers.
 */

export type Ecosystem =
  | 'npm'
  | 'pypi'
  | 'helm'
  | 'oci'
  | 'docker'
  | 'github'
  | 'golang'
  | 'cargo'
  | 'gem'
  | 'composer'
  | 'maven'
  | 'nuget'
  | 'hex'
  | 'pub'
  | 'swift'
  | 'cocoapods';

/** Project kinds: one per collector. */
export type ProjectType =
  | 'npm'
  | 'python'
  | 'helm'
  | 'container'
  | 'go'
  | 'cargo'
  | 'ruby'
  | 'composer'
  | 'maven'
  | 'gradle'
  | 'nuget'
  | 'hex'
  | 'pub'
  | 'swift'
  | 'cocoapods';

export type DependencyScope = 'required' | 'optional' | 'excluded';

export interface Hash {
  /** CycloneDX hash alg names: 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512' | 'MD5'. */
  alg: 'MD5' | 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';
  /** Lowercase hex. */
  content: string;
}

export interface CollectedPackage {
  /**
   * Unique key inside the project, stable across runs: for npm the lockfile path
   * (`node_modules/a/node_modules/b`) or `name@version`; for Python the normalised name;
   * writers derive bom-refs from it (usually the purl).
   */
  key: string;
  ecosystem: Ecosystem;
  /** As published (npm scoped `@scope/name`; Python PEP 503-normalised). */
  name: string;
  /** CycloneDX `group` (Maven groupId); npm scopes are split from the name instead. */
  group?: string;
  /** Exact resolved version; undefined when only a range is known (`unresolved`). */
  version?: string;
  /** The declared range when unresolved (package.json alone, pyproject without lock). */
  range?: string;
  /** purl string, built with packageurl-js. */
  purl: string;
  hashes: Hash[];
  /** SPDX license expressions as found (validated by writers). */
  licenses: string[];
  scope: DependencyScope;
  /** Listed directly by the project manifest. */
  direct: boolean;
  /** Keys of packages (in the same project) this one depends on. */
  dependsOn: string[];
  /** Where it came from: registry tarball URL, git URL with commit, local path. */
  resolved?: string;
  /** Repo-relative POSIX path of the file that declared it (evidence). */
  sourceFile: string;
  /** True when only a range is known. */
  unresolved?: boolean;
  /** npm alias (`"foo": "npm:bar@1"` -> alias `foo`), Helm alias, ... */
  alias?: string;
  /** Free-form properties written as CycloneDX properties (`shipshape:...`). */
  properties?: Record<string, string>;
  supplier?: string;
  author?: string;
  description?: string;
  /** CycloneDX component type; `library` when absent (images are `container`, charts `application`). */
  componentType?: 'library' | 'application' | 'container' | 'framework' | 'file';
}

export interface CollectedProject {
  /** Project name (package.json name, pyproject name, chart name, or the directory). */
  name: string;
  version?: string;
  type: ProjectType;
  /** Repo-relative POSIX directory of the project. */
  dir: string;
  /** Repo-relative files read for this project (manifest first, then lockfile). */
  files: string[];
  /** Keys of the project's direct dependencies. */
  direct: string[];
  packages: CollectedPackage[];
  licenses?: string[];
  /** Problems met while collecting (parse errors, unresolved references); never fatal. */
  notifications?: Notification[];
  /** Free-form project properties (`shipshape:chart-lock-digest`, ...). */
  properties?: Record<string, string>;
}

/** Input of collectors and of `generateSbom`: repo-relative POSIX path plus text. */
export interface SourceFile {
  path: string;
  text: string;
}
