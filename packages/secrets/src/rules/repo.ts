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
}

export interface RepoInput {
  isGit: boolean;
  files: RepoFile[];
  contextCopies: ContextCopy[];
  /** Whether `path` (relative to the scan root) is excluded from the build context rooted at `contextDir`. */
  isDockerignored(contextDir: string, path: string): { ignored: boolean; dockerignore?: string; negated?: boolean };
  composeEnvFiles: ComposeEnvFileRef[];
  credentialFiles: CredentialFile[];
}

/**
 * dotenv-vault's `.env.vault` holds only ciphertext and is meant to be committed; the key that opens
 * it lives in `DOTENV_KEY` (or `.env.keys`, which stays an env file).
 */
export function isEncryptedEnvVault(path: string): boolean {
  return /(^|\/)\.env\.vault$/i.test(path);
}

export function isEnvFile(file: RepoFile): boolean {
  return file.kinds.includes('env') && !isEncryptedEnvVault(file.path);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
