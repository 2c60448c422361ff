/** What the repository-level rules (`.env` handling, credential files) receive. */
import type { FileKind, Range } from '@shipshape/core';

export interface RepoFile {
  path: string;
  kinds: readonly FileKind[];
  /** True when git tracks it; undefined outside git. */
  tracked?: boolean;
  /** True when a .gitignore pattern matches it. */
  gitignored?: boolean;
  /** Found on disk next to a build context although discovery skipped it (ignored, untracked). */
  untrackedOnDisk?: boolean;
}

/** A Dockerfile that copies its whole build context (`COPY . .`, `ADD . /app`). */
export interface ContextCopy {
  dockerfile: string;
  /** Build context directory ('' for the root). */
  contextDir: string;
  line: number;
}

/** A compose `env_file:` reference, resolved against the compose file's directory. */
export interface ComposeEnvFileRef {
  composeFile: string;
  target: string;
  range: Range;
}

/** A file that holds credentials by its nature, with why. */
export interface CredentialFile {
  path: string;
  reason: string;
  line: number;
  /** Lower than the rule's default (password hashes must be cracked first). */
  severity?: 'medium';
}

export interface RepoInput {
  isGit: boolean;
  files: RepoFile[];
  contextCopies: ContextCopy[];
  /** Whether `path` (relative to the scan root) is excluded from the build context rooted at `contextDir`. */
  isDockerignored(contextDir: string, path: string): { ignored: boolean; dockerignore?: string; negated?: boolean };
  composeEnvFiles: ComposeEnvFileRef[];
  credentialFiles: CredentialFile[];
  /** Files in which per-file rules reported a secret, with how many (after allow-lists). */
  secretCounts: ReadonlyMap<string, number>;
  /** Lines (by file) where a provider token or private key was reported. */
  tokenLines: ReadonlyMap<string, ReadonlySet<number>>;
}

/** Severity of a committed env file: low when it holds no credential (hygiene), medium when it does (each credential is reported on its own). */
export function envFileSeverity(input: RepoInput, path: string): 'low' | 'medium' {
  return (input.secretCounts.get(path) ?? 0) > 0 ? 'medium' : 'low';
}

/**
 * dotenv-vault's `.env.vault` holds only ciphertext and is meant to be committed; the key that opens
 * it lives in `DOTENV_KEY` (or `.env.keys`, which stays an env file).
 */
export function isEncryptedEnvVault(path: string): boolean {
  return /(^|\/)\.env\.vault$/i.test(path);
}

/** Patches and backups of an env file (`.env.patch`, `.env.orig`) describe or copy it; they configure nothing. */
const NOT_ENV_SUFFIX = /\.(patch|diff|rej|orig|bak|md|txt|sh|py|js|ts|json|ya?ml)$/i;

export function isEnvFile(file: RepoFile): boolean {
  return file.kinds.includes('env') && !isEncryptedEnvVault(file.path) && !NOT_ENV_SUFFIX.test(baseName(file.path));
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
