import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { classifyPath } from './classify.js';
import {
  BinaryFileError,
  createIgnore,
  DEFAULT_MAX_FILE_SIZE,
  type Discovery,
  isKnownBinaryName,
  readScanFile,
} from './discovery.js';
import { ShipshapeError } from './errors.js';
import { dubiousOwnershipMessage, gitErrorLine, gitFailureKind, runGit } from './git.js';
import { DEFAULT_LOCKFILE_MAX_SIZE, decodeText, FileReadError, looksBinary } from './read.js';
import type { Finding, Notification, ScanFile } from './types.js';

/** Lines added or changed per file (repo-root-relative to the scan root), and which files are new. */
export interface ChangeSet {
  /** 1-based line numbers added or changed, per POSIX path relative to the scan root. */
  lines: Map<string, Set<number>>;
  /** Files the change adds (new in the diff, or untracked). */
  added: Set<string>;
  /** The resolved base commit (merge-base) when diffing against a base. */
  base?: string;
}

/** Parses `git diff -U0` output into added lines per file. */
export function parseUnifiedDiff(diff: string): ChangeSet {
  const lines = new Map<string, Set<number>>();
  const added = new Set<string>();
  let current: Set<number> | undefined;
  let isNew = false;
  // File headers only come between `diff --git` and the first hunk: an added line whose text
  // starts with "++ " reads "+++ ..." too and must not be taken for a header.
  let inHeader = false;
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ')) {
      current = undefined;
      isNew = false;
      inHeader = true;
    } else if (inHeader && line.startsWith('new file mode')) isNew = true;
    else if (inHeader && line.startsWith('+++ ')) {
      // Git ends the name with a tab when it contains a space.
      const target = line.slice(4).replace(/\t$/, '');
      if (target === '/dev/null') {
        current = undefined;
        continue;
      }
      const currentPath = unquoteGitPath(target).replace(/^b\//, '');
      current = lines.get(currentPath) ?? new Set<number>();
      lines.set(currentPath, current);
      if (isNew) added.add(currentPath);
    } else if (line.startsWith('@@')) {
      inHeader = false;
      if (!current) continue;
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!m) continue;
      const start = Number(m[1]);
      const count = m[2] === undefined ? 1 : Number(m[2]);
      for (let i = 0; i < count; i++) current.add(start + i);
    }
  }
  return { lines, added };
}

const C_ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Undoes git's C-style path quoting (`"caf\303\251 \"x\".txt"`): escapes, and octal bytes of UTF-8. */
export function unquoteGitPath(path: string): string {
  if (path.length < 2 || !path.startsWith('"') || !path.endsWith('"')) return path;
  const bytes: number[] = [];
  const body = path.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const octal = /^[0-3][0-7]{2}/.exec(body.slice(i + 1, i + 4));
    const next = body[i + 1] ?? '';
    if (octal) {
      bytes.push(Number.parseInt(octal[0], 8));
      i += 3;
    } else if (next in C_ESCAPES) {
      bytes.push(C_ESCAPES[next] as number);
      i += 1;
    } else bytes.push(92);
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * Keeps findings on added or changed lines, and file-level findings of added files. Findings
 * keep their fingerprints, so a diff scan and a full scan agree.
 */
export function changeFilter(changes: ChangeSet): (finding: Finding) => boolean {
  return (finding) => {
    if (changes.added.has(finding.file)) return true;
    if (finding.fileLevel) return false;
    const lines = changes.lines.get(finding.file);
    if (!lines) return false;
    for (let l = finding.range.startLine; l <= Math.max(finding.range.startLine, finding.range.endLine); l++)
      if (lines.has(l)) return true;
    return false;
  };
}

/** Diff options that hold whatever the user's git config says (diff.noprefix, diff.mnemonicPrefix, diff.interHunkContext). */
const DIFF_ARGS = [
  '-U0',
  '--inter-hunk-context=0',
  '--src-prefix=a/',
  '--dst-prefix=b/',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '-M',
  '--relative',
];

async function gitOrThrow(root: string, args: string[], what: string): Promise<string> {
  const r = await runGit(root, args);
  if (!r.ok) {
    if (gitFailureKind(r.stderr) === 'dubious-ownership')
      throw new ShipshapeError('git-dubious-ownership', dubiousOwnershipMessage(root));
    throw new ShipshapeError('git-failed', `${what}: ${gitErrorLine(r.stderr)}`);
  }
  return r.stdout;
}

/** Fails clearly when `root` is not a work tree git will read (not a repository, or refused). */
async function requireWorkTree(root: string, flag: string): Promise<void> {
  const inside = await runGit(root, ['rev-parse', '--is-inside-work-tree']);
  if (inside.ok && inside.stdout.trim() === 'true') return;
  if (gitFailureKind(inside.stderr) === 'dubious-ownership')
    throw new ShipshapeError('git-dubious-ownership', `${flag}: ${dubiousOwnershipMessage(root)}`);
  throw new ShipshapeError('not-a-git-repo', `${flag} needs a git repository; ${root} is not one`);
}

/**
 * What changed since `base` (its merge-base with HEAD), working tree included, plus untracked
 * files. Fails with a clear message, saying how to fetch, when the base is not in a shallow clone.
 */
export async function changesSince(root: string, base: string): Promise<ChangeSet> {
  await requireWorkTree(root, '--diff');
  const shallow = (await runGit(root, ['rev-parse', '--is-shallow-repository'])).stdout.trim() === 'true';
  const verify = await runGit(root, ['rev-parse', '--verify', '--quiet', `${base}^{commit}`]);
  if (!verify.ok) {
    const hint = shallow
      ? `this is a shallow clone: fetch the base first, e.g. \`git fetch --no-tags --depth=1 origin ${base.replace(/^origin\//, '')}\` (or actions/checkout with fetch-depth: 0)`
      : `fetch it first, e.g. \`git fetch origin ${base.replace(/^origin\//, '')}\``;
    throw new ShipshapeError('diff-base-missing', `--diff: base commit "${base}" not found; ${hint}`);
  }
  const mb = await runGit(root, ['merge-base', base, 'HEAD']);
  if (!mb.ok) {
    const hint = shallow
      ? 'the clone is too shallow to find a common ancestor: deepen it, e.g. `git fetch --deepen=200` or `git fetch --unshallow`'
      : 'the base and HEAD share no history';
    throw new ShipshapeError('diff-base-missing', `--diff: no merge base between "${base}" and HEAD; ${hint}`);
  }
  const mergeBase = mb.stdout.trim();
  const diff = await gitOrThrow(root, ['diff', ...DIFF_ARGS, mergeBase, '--'], 'git diff');
  const changes = parseUnifiedDiff(diff);
  const untracked = await gitOrThrow(root, ['ls-files', '-z', '--others', '--exclude-standard'], 'git ls-files');
  for (const path of untracked.split('\0').filter(Boolean)) changes.added.add(path);
  changes.base = mergeBase;
  return changes;
}

/** What is staged in the index against HEAD (the whole index for a repository with no commit yet). */
export async function stagedChanges(root: string): Promise<ChangeSet> {
  await requireWorkTree(root, '--staged');
  const hasHead = (await runGit(root, ['rev-parse', '--verify', '--quiet', 'HEAD'])).ok;
  const against = hasHead ? 'HEAD' : '4b825dc642cb6eb9a060e54bf8d69288fbee4904'; // the empty tree
  const diff = await gitOrThrow(root, ['diff', '--cached', ...DIFF_ARGS, against, '--'], 'git diff --cached');
  return parseUnifiedDiff(diff);
}

/**
 * Discovery from the git index: every file staged or committed, with staged files read from the
 * index (not the working tree) so pre-commit checks exactly what will be committed.
 */
export async function stagedDiscovery(
  root: string,
  changes: ChangeSet,
  options: { ignore?: string[]; include?: string[]; maxFileSize?: number } = {},
): Promise<{ discovery: Discovery; readText: (file: ScanFile) => Promise<string> }> {
  // `--stage` gives each entry's mode: symbolic links (120000) and submodules (160000) are not
  // files to read, as in the tree walk, which never follows links.
  const listing = await gitOrThrow(root, ['ls-files', '-z', '--cached', '--stage'], 'git ls-files');
  const top = (await gitOrThrow(root, ['rev-parse', '--show-toplevel'], 'git rev-parse')).trim();
  const configIgnore = createIgnore().add(options.ignore ?? []);
  const includes = (options.include ?? []).map((p) => p.replace(/^\.\/+/, '').replace(/\/+$/, ''));
  const wanted = (p: string): boolean =>
    !configIgnore.ignores(p) &&
    (includes.length === 0 ||
      includes.some((inc) => inc === '' || inc === '.' || p === inc || p.startsWith(`${inc}/`)));
  const entries = new Map<string, string>();
  for (const entry of listing.split('\0')) {
    if (!entry) continue;
    const tab = entry.indexOf('\t');
    const [mode = '', hash = ''] = entry.slice(0, tab).split(' ');
    const path = entry.slice(tab + 1);
    if (mode !== '120000' && mode !== '160000' && wanted(path)) entries.set(path, hash);
  }
  const paths = [...entries.keys()].sort();
  const notifications: Notification[] = [];
  const maxSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const chartDirs = paths
    .filter((p) => p === 'Chart.yaml' || p.endsWith('/Chart.yaml'))
    .map((p) => p.slice(0, Math.max(0, p.length - 'Chart.yaml'.length - 1)));
  chartDirs.sort((a, b) => b.length - a.length);
  const files: ScanFile[] = [];
  for (const path of paths) {
    const staged = changes.lines.has(path);
    if (isKnownBinaryName(path)) {
      if (staged)
        notifications.push({ level: 'info', code: 'binary-file', message: 'binary file skipped', file: path });
      continue;
    }
    let size = 0;
    if (staged) {
      // The staged blob's size, as the tree walk would see the file's.
      const r = await runGit(root, ['cat-file', '-s', entries.get(path) ?? `:./${path}`]);
      size = r.ok ? Number(r.stdout.trim()) : 0;
    } else {
      try {
        size = lstatSync(join(root, path)).size;
      } catch {
        continue; // deleted in the working tree and not staged: nothing to check
      }
    }
    const kinds = classifyPath(
      path,
      chartDirs.find((d) => d === '' || path.startsWith(`${d}/`)),
    );
    const limit = kinds.includes('lockfile') ? Math.max(maxSize, DEFAULT_LOCKFILE_MAX_SIZE) : maxSize;
    if (size > limit) {
      notifications.push({
        level: 'warning',
        code: 'file-too-large',
        message: `file skipped: ${size} bytes is over the ${limit}-byte limit (${limit === maxSize ? 'maxFileSize' : 'maxLockfileSize'})`,
        file: path,
      });
      continue;
    }
    const chartRoot = chartDirs.find((d) => d === '' || path.startsWith(`${d}/`));
    const file: ScanFile = {
      path,
      absPath: join(root, path),
      size,
      kinds,
      tracked: true,
    };
    if (limit !== maxSize) file.limit = limit;
    if (chartRoot !== undefined) file.chartRoot = chartRoot;
    files.push(file);
  }
  const readText = async (file: ScanFile): Promise<string> => {
    // Unstaged files are read from the working tree like the walk reads them (regular files only).
    if (!changes.lines.has(file.path)) return readScanFile(file);
    // The staged blob, by its id, as raw bytes (`cat-file blob` applies no textconv or filter).
    const id = entries.get(file.path);
    const limit = file.limit ?? maxSize;
    const r = await runGit(root, ['cat-file', 'blob', id ?? `:./${file.path}`], {
      encoding: 'latin1',
      maxBuffer: limit + 1024,
    });
    if (!r.ok) throw Object.assign(new Error(gitErrorLine(r.stderr)), { code: 'unreadable' });
    const bytes = Buffer.from(r.stdout, 'latin1');
    if (bytes.length > limit)
      throw new FileReadError('file-too-large', file.path, `${file.path}: over the ${limit}-byte limit; not read`);
    if (looksBinary(bytes)) throw new BinaryFileError(`${file.path} is binary`);
    return decodeText(bytes);
  };
  return { discovery: { files, git: { isRepo: true, topLevel: top }, notifications }, readText };
}
