/**
 * The `secrets` analyzer: scans every discovered file (bounded concurrency, one file's text in
 * memory at a time per worker), then judges the repository as a whole: `.env` files tracked,
 * force-added, not ignored, copied into images; compose `env_file:`; committed credential files.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  type Analyzer,
  type AnalyzerContext,
  DEFAULT_MAX_FILE_SIZE,
  effectiveRuleSetting,
  FileReadError,
  type Finding,
  isEnvFileName,
  isEnvTemplateName,
  parseSize,
  type RuleMeta,
  readOptionalTextFile,
  reportToFinding,
  type ScanFile,
  SMALL_FILE_MAX_SIZE,
  secretHash,
} from '@shipshape/core';
import picomatch from 'picomatch';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { compileAllowRegex, readSecretsConfig, type SecretsConfig } from './config.js';
import { credentialContent } from './credential-content.js';
import { maskTemplates } from './extract/yaml.js';
import { type HistoryOptions, scanHistory } from './history.js';
import { looksBinary, roleOf } from './roles.js';
import { DETECTOR_RULES } from './rules/detector-rules.js';
import { FILE_RULES, REPO_RULES } from './rules/index.js';
import {
  type ComposeEnvFileRef,
  type ContextCopy,
  type CredentialFile,
  isEncryptedEnvVault,
  type RepoFile,
  type RepoInput,
} from './rules/repo.js';
import { type FileScanResult, scanFileText } from './scan-file.js';
import { isCredentialFileName } from './tokens.js';
import { isPlaceholder } from './values.js';

/** Metadata of every rule the analyzer can report. */
export const rules: RuleMeta[] = [
  ...[...DETECTOR_RULES.values()].map((r) => r.meta),
  ...FILE_RULES.map((r) => r.meta),
  ...REPO_RULES.map((r) => r.meta),
];

const CONCURRENCY = 8;

/** What a file's content says about it being a credential file (or undefined). */
export function credentialFileReason(
  path: string,
  text: string,
): { reason: string; line: number; severity?: 'medium' } | undefined {
  const byContent = credentialContent(path, text);
  if (byContent) return byContent;
  const lower = path.toLowerCase();
  const name = lower.slice(lower.lastIndexOf('/') + 1);
  const lineOf = (re: RegExp) => {
    const m = re.exec(text);
    return m ? text.slice(0, m.index).split('\n').length : 1;
  };
  // Cheap gates first: most files are none of these.
  if (
    !/^(\.npmrc|\.yarnrc|\.pypirc|\.netrc|_netrc|\.git-credentials|\.dockercfg|credentials|config|kubeconfig|id_(rsa|dsa|ecdsa|ed25519))$|\.(json|ya?ml|kubeconfig|pem|key|ppk|p8|ini|cfg|conf)$/.test(
      name,
    ) &&
    !isCredentialFileName(path)
  )
    return undefined;
  if (name === '.npmrc' || name === '.yarnrc') {
    const re = /^[^#;\n]*(_authToken|_auth|_password)\s*=\s*(?!\$\{)(?!["']?\$)\S{6,}/m;
    return re.test(text) ? { reason: 'npm registry token', line: lineOf(re) } : undefined;
  }
  if (name === '.pypirc') {
    const re = /^\s*password\s*[=:]\s*(?!\$\{)(?!%\()\S{3,}/m;
    return re.test(text) ? { reason: 'PyPI upload password', line: lineOf(re) } : undefined;
  }
  if (name === '.netrc' || name === '_netrc') {
    const re = /\bpassword\s+(?!\$)\S{3,}/;
    return re.test(text) ? { reason: 'netrc password', line: lineOf(re) } : undefined;
  }
  if (name === '.git-credentials')
    return /:\/\/[^:\s]+:[^@\s]+@/.test(text) ? { reason: 'git credential store', line: 1 } : undefined;
  if (name.endsWith('.json') || name === '.dockercfg') {
    if (text.includes('"auths"') && /(^|\/)\.dockercfg$|config\.json$|dockerconfig[^/]*\.json$/.test(lower)) {
      const re = /"auth"\s*:\s*"[A-Za-z0-9+/=]{8,}"/;
      return re.test(text) ? { reason: 'docker registry auth', line: lineOf(re) } : undefined;
    }
    if (
      text.includes('service_account') &&
      /"type"\s*:\s*"service_account"/.test(text) &&
      /"private_key"\s*:\s*"-----BEGIN/.test(text)
    )
      return { reason: 'cloud service-account key', line: 1 };
    return undefined;
  }
  if (
    /(^|\/)(kubeconfig[^/]*|\.kube\/config|[^/]*\.kubeconfig)$/.test(lower) ||
    (text.includes('kind: Config') && /^kind:\s*Config\s*$/m.test(text) && /^users:/m.test(text))
  ) {
    const re = /^\s*(token|client-key-data|password):\s*(?!["']?\$)(?!["']?\{\{)\S{8,}/m;
    return re.test(text) ? { reason: 'kubeconfig with user credentials', line: lineOf(re) } : undefined;
  }
  if (
    (name === 'credentials' && /(^|\/)\.aws\//.test(lower)) ||
    (text.includes('aws_secret_access_key') && /^\s*\[[\w -]+\]\s*$/m.test(text))
  ) {
    const re = /aws_secret_access_key\s*=\s*\S{20,}/;
    return re.test(text) ? { reason: 'AWS credentials file', line: lineOf(re) } : undefined;
  }
  // Rails: `config/master.key` (or `config/credentials/<env>.key`) decrypts the committed
  // `credentials.yml.enc`; the generator adds it to .gitignore.
  if (/(^|\/)config\/(master|credentials\/[\w-]+)\.key$/.test(lower) && /^[0-9a-f]{32}\s*$/.test(text))
    return { reason: 'Rails master key', line: 1 };
  if (/^(id_(rsa|dsa|ecdsa|ed25519)|.*\.(pem|key|ppk|p8))$/.test(name) || isCredentialFileName(path)) {
    if (
      /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----|PuTTY-User-Key-File/.test(text) &&
      !/-----BEGIN [A-Z ]*PRIVATE KEY-----\s*(\.\.\.|<|x{4,})/i.test(text)
    ) {
      return { reason: 'private key', line: lineOf(/-----BEGIN|PuTTY/) };
    }
  }
  return undefined;
}

/** `COPY . .` / `ADD . /app` / `COPY ./ ./` (not `--from=`): the whole build context goes into the image. */
export function contextCopyLines(text: string): number[] {
  const out: number[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*(COPY|ADD)\s+(.*)$/i.exec(lines[i] as string);
    if (!m) continue;
    const rest = (m[2] as string).trim();
    if (/--from[=\s]/i.test(rest)) continue;
    let args: string[];
    if (rest.startsWith('[')) {
      try {
        args = JSON.parse(rest) as string[];
      } catch {
        continue;
      }
    } else args = rest.split(/\s+/).filter((a) => !a.startsWith('--'));
    const sources = args.slice(0, -1);
    if (sources.some((s) => /^(\.|\.\/|\*|\.\/\*|\.\*|\.\/\.)$/.test(s))) out.push(i + 1);
  }
  return out;
}

/** Compiles a .dockerignore: last matching pattern wins, `!` re-includes. */
export function compileDockerignore(text: string): (path: string) => { ignored: boolean; negated: boolean } {
  const rules: Array<{ negate: boolean; match: (p: string) => boolean }> = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1).trim();
    line = posix.normalize(line.replace(/^\/+/, '')).replace(/\/+$/, '');
    if (line === '.' || line === '') continue;
    const m = picomatch(line, { dot: true });
    const mDir = picomatch(`${line}/**`, { dot: true });
    rules.push({ negate, match: (p) => m(p) || mDir(p) });
  }
  return (path) => {
    let ignored = false;
    let negated = false;
    for (const r of rules) {
      if (r.match(path)) {
        ignored = !r.negate;
        negated = r.negate;
      }
    }
    return { ignored, negated: negated && !ignored };
  };
}

function composeEnvFiles(path: string, text: string): ComposeEnvFileRef[] {
  const out: ComposeEnvFileRef[] = [];
  // Most compose files name no env_file: no second YAML parse for them.
  if (!text.includes('env_file')) return out;
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(maskTemplates(text), { strict: false, uniqueKeys: false });
  } catch {
    return out;
  }
  const services = isMap(doc.contents) ? doc.contents.get('services', true) : undefined;
  if (!isMap(services)) return out;
  const dir = posix.dirname(path);
  const lineStarts: number[] = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const pos = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (lineStarts[lo] as number) + 1 };
  };
  for (const item of services.items) {
    if (!isMap(item.value)) continue;
    const envFile = item.value.get('env_file', true);
    const nodes = isSeq(envFile) ? envFile.items : envFile ? [envFile] : [];
    for (const n of nodes) {
      let node = n;
      if (isMap(node)) node = node.get('path', true);
      if (!isScalar(node) || typeof node.value !== 'string' || !node.range) continue;
      const target = posix.normalize(posix.join(dir === '.' ? '' : dir, node.value));
      const a = pos(node.range[0]);
      const b = pos(node.range[1]);
      out.push({
        composeFile: path,
        target,
        range: { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column },
      });
    }
  }
  return out;
}

/** Top-level compose `secrets: <name>: file: <path>` entries, resolved against the compose file's directory. */
export function composeSecretFiles(path: string, text: string): Array<{ name: string; target: string }> {
  const out: Array<{ name: string; target: string }> = [];
  if (!/^secrets:/m.test(text)) return out;
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(maskTemplates(text), { strict: false, uniqueKeys: false });
  } catch {
    return out;
  }
  const secrets = isMap(doc.contents) ? doc.contents.get('secrets', true) : undefined;
  if (!isMap(secrets)) return out;
  const dir = posix.dirname(path);
  for (const item of secrets.items) {
    if (!isMap(item.value) || !isScalar(item.key)) continue;
    const file = item.value.get('file', true);
    if (!isScalar(file) || typeof file.value !== 'string' || file.value.includes('$')) continue;
    out.push({ name: String(item.key.value), target: posix.normalize(posix.join(dir === '.' ? '' : dir, file.value)) });
  }
  return out;
}

async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  });
  await Promise.all(workers);
}

function allowFilter(
  config: SecretsConfig,
  fingerprintKey: string,
): (finding: Finding, raw: string | undefined) => boolean {
  const fps = new Set(config.allow.fingerprints);
  const paths = config.allow.paths.length > 0 ? picomatch(config.allow.paths, { dot: true }) : undefined;
  const regexes = config.allow.regexes.map(compileAllowRegex);
  return (finding, raw) => {
    if (fps.has(finding.fingerprint)) return false;
    if (raw !== undefined && fps.has(secretHash(raw, fingerprintKey))) return false;
    if (paths?.(finding.file)) return false;
    if (raw !== undefined && regexes.some((r) => r.test(raw))) return false;
    return true;
  };
}

/** Scans the discovered files and the repository's `.env` handling. */
export async function analyzeSecrets(ctx: AnalyzerContext): Promise<Finding[]> {
  const config = readSecretsConfig(ctx.config.secrets);
  for (const bad of config.invalid)
    ctx.notify({
      level: 'error',
      code: 'config-invalid',
      message: `${bad.path} (${JSON.stringify(bad.value)}) ${bad.reason}; it is ignored, so findings it was meant to allow are reported.`,
    });
  const allowed = allowFilter(config, ctx.fingerprintKey);
  const findings: Finding[] = [];
  const contextCopies: ContextCopy[] = [];
  const composeRefs: ComposeEnvFileRef[] = [];
  const credentialFiles: CredentialFile[] = [];
  const composeSecrets: Array<{ name: string; target: string; composeFile: string }> = [];
  const dockerignores = new Map<string, string>();
  const options = { fingerprintKey: ctx.fingerprintKey, config: ctx.config, profiles: ctx.profiles };

  const pool = shouldUseWorkers(ctx.files) ? new WorkerPool(options) : undefined;
  try {
    await mapLimit(ctx.files, pool ? CONCURRENCY * 2 : CONCURRENCY, async (file: ScanFile) => {
      const role = roleOf(file.path);
      if (role.binary) return;
      let text: string;
      try {
        text = await ctx.readText(file);
      } catch (error) {
        ctx.notify({
          level: 'warning',
          code: 'unreadable',
          message: `Could not read ${file.path}: ${(error as Error).message}`,
          file: file.path,
        });
        return;
      }
      if (looksBinary(text)) return;
      const result = pool
        ? await pool.scan(file.path, text, file.kinds)
        : scanFileText(file.path, text, file.kinds, options, role);
      result.findings.forEach((f, i) => {
        if (allowed(f, result.raws[i])) findings.push(f);
      });
      for (const message of result.notes)
        ctx.notify({
          level: 'warning',
          code: 'secrets-line-capped',
          message: `${file.path}: ${message}`,
          file: file.path,
        });
      if (file.kinds.includes('dockerfile'))
        for (const line of contextCopyLines(text))
          contextCopies.push({
            dockerfile: file.path,
            contextDir: posix.dirname(file.path) === '.' ? '' : posix.dirname(file.path),
            line,
          });
      if (file.kinds.includes('dockerignore')) dockerignores.set(file.path, text);
      if (file.kinds.includes('compose')) {
        composeRefs.push(...composeEnvFiles(file.path, text));
        for (const s of composeSecretFiles(file.path, text)) composeSecrets.push({ ...s, composeFile: file.path });
      }
      const cred = credentialFileReason(file.path, text);
      if (cred) credentialFiles.push({ path: file.path, ...cred });
    });
  } finally {
    await pool?.close();
  }

  // Repository level.
  const repoFiles: RepoFile[] = ctx.files.map((f) => {
    const r: RepoFile = { path: f.path, kinds: f.kinds };
    if (f.tracked !== undefined) r.tracked = f.tracked;
    // Core discovery marks ignored files `gitignored: true` and leaves the others unset: unset means
    // no .gitignore pattern matches, which is what `env/env-not-gitignored` looks for.
    r.gitignored = f.gitignored === true;
    return r;
  });
  const known = new Set(repoFiles.map((f) => f.path));
  // Env files that discovery skipped (ignored, untracked) still end up in an image built from the context.
  for (const dir of new Set(contextCopies.map((c) => c.contextDir))) {
    try {
      for (const name of await readdir(posix.join(ctx.root, dir))) {
        const rel = dir === '' ? name : `${dir}/${name}`;
        if (!isEnvFileName(name) || isEnvTemplateName(name) || isEncryptedEnvVault(name) || known.has(rel)) continue;
        repoFiles.push({ path: rel, kinds: ['env'], tracked: false, gitignored: true, untrackedOnDisk: true });
        known.add(rel);
      }
    } catch {
      // unreadable directory: nothing to add
    }
    const di = dir === '' ? '.dockerignore' : `${dir}/.dockerignore`;
    if (!dockerignores.has(di)) {
      try {
        // Read like the tree walk reads: a regular file inside the root, never a link out of it.
        const text = readOptionalTextFile(posix.join(ctx.root, di), {
          maxBytes: SMALL_FILE_MAX_SIZE,
          root: ctx.root,
          display: di,
        });
        if (text !== undefined) dockerignores.set(di, text);
      } catch (error) {
        ctx.notify({
          level: 'warning',
          code: error instanceof FileReadError ? error.reason : 'unreadable',
          message: `${error instanceof Error ? error.message.replace(`${di}: `, '') : String(error)}; its patterns are not applied`,
          file: di,
        });
      }
    }
  }
  // A compose secret's `file:` that git tracks commits the secret itself.
  const byPath = new Map(ctx.files.map((f) => [f.path, f] as const));
  for (const s of composeSecrets) {
    const f = byPath.get(s.target);
    if (!f || f.tracked === false || credentialFiles.some((c) => c.path === s.target)) continue;
    let text: string;
    try {
      text = await ctx.readText(f);
    } catch {
      continue;
    }
    const value = text.trim();
    if (value.length === 0 || value.length > 65_536 || isPlaceholder(value)) continue;
    credentialFiles.push({ path: s.target, reason: `compose secret \`${s.name}\` of ${s.composeFile}`, line: 1 });
  }
  const compiled = new Map<string, ReturnType<typeof compileDockerignore>>();
  const secretCounts = new Map<string, number>();
  const tokenLines = new Map<string, Set<number>>();
  for (const f of findings) {
    if (f.secret === undefined || f.severity === 'info') continue;
    secretCounts.set(f.file, (secretCounts.get(f.file) ?? 0) + 1);
    if (DETECTOR_RULES.has(f.ruleId.slice('secrets/'.length))) {
      const lines = tokenLines.get(f.file) ?? new Set<number>();
      tokenLines.set(f.file, lines);
      lines.add(f.range.startLine);
    }
  }
  const repo: RepoInput = {
    secretCounts,
    tokenLines,
    isGit: ctx.git.isRepo,
    files: repoFiles,
    contextCopies,
    composeEnvFiles: composeRefs,
    credentialFiles,
    isDockerignored(contextDir, path) {
      const di = contextDir === '' ? '.dockerignore' : `${contextDir}/.dockerignore`;
      const text = dockerignores.get(di);
      if (text === undefined) return { ignored: false };
      let fn = compiled.get(di);
      if (!fn) {
        fn = compileDockerignore(text);
        compiled.set(di, fn);
      }
      const rel = contextDir === '' ? path : path.slice(contextDir.length + 1);
      const v = fn(rel);
      return { ignored: v.ignored, dockerignore: di, negated: v.negated };
    },
  };
  for (const rule of REPO_RULES) {
    if (!effectiveRuleSetting(rule.meta, ctx.config, ctx.profiles).enabled) continue;
    for (const report of rule.check(repo, {} as never)) {
      const props = { ...(report.properties ?? {}) };
      const file = String(props.file ?? '');
      delete props.file;
      // A file-level finding in a test input, CI file, docs or dev-only config is rated low, like
      // the per-file rules' generic findings (scan.ts).
      const role = roleOf(file);
      const where = role.context !== 'shipped' && role.context !== 'deploy' ? role.contextLabel : undefined;
      if (where !== undefined) {
        report.severity = 'low';
        props.context = where;
      }
      if (Object.keys(props).length > 0) report.properties = props;
      else delete report.properties;
      const f = reportToFinding(rule.meta, report, file);
      if (where !== undefined) f.message = `In ${where}: ${f.message}`;
      if (allowed(f, undefined)) findings.push(f);
    }
  }

  if (config.history.enabled && ctx.git.isRepo) {
    const historyOptions: HistoryOptions = {
      fingerprintKey: ctx.fingerprintKey,
      notify: (n) => ctx.notify(n),
      maxFileSize: parseSize(ctx.config.maxFileSize, DEFAULT_MAX_FILE_SIZE),
    };
    if (config.history.since !== undefined) historyOptions.since = config.history.since;
    if (config.history.maxCommits !== undefined) historyOptions.maxCommits = config.history.maxCommits;
    for await (const f of scanHistory(ctx.root, historyOptions)) if (allowed(f, undefined)) findings.push(f);
  }
  return findings;
}

const WORKER_URL = new URL('./worker.js', import.meta.url);
/** Below this many files (or bytes) a worker pool costs more than it saves. */
const POOL_MIN_FILES = 400;
const POOL_MIN_BYTES = 16 * 1024 * 1024;

/** Workers only from the compiled package (tests run the TypeScript sources inline). */
function shouldUseWorkers(files: readonly ScanFile[]): boolean {
  if (process.env.SHIPSHAPE_SECRETS_WORKERS === '0') return false;
  if (!import.meta.url.endsWith('.js') || !existsSync(fileURLToPath(WORKER_URL))) return false;
  // On two cores the copy to a worker costs more than it saves (measured: 46 vs 70 MiB/s).
  if (availableParallelism() < 4) return false;
  const bytes = files.reduce((sum, f) => sum + f.size, 0);
  return files.length >= POOL_MIN_FILES || bytes >= POOL_MIN_BYTES;
}

/** A small pool of scanning threads; each job is one file's text. */
class WorkerPool {
  private readonly workers: Array<{ worker: Worker; inflight: number }> = [];
  private readonly pending = new Map<number, { resolve: (r: FileScanResult) => void; reject: (e: Error) => void }>();
  private nextId = 0;

  constructor(options: { fingerprintKey: string; config: unknown; profiles: readonly string[] }) {
    // The main thread keeps one core for reading files and repository-level work.
    const size = Math.max(1, Math.min(4, availableParallelism() - 1));
    for (let i = 0; i < size; i++) {
      const worker = new Worker(WORKER_URL, {
        workerData: { fingerprintKey: options.fingerprintKey, config: options.config, profiles: [...options.profiles] },
      });
      const slot = { worker, inflight: 0 };
      worker.on('message', (msg: FileScanResult & { id: number; error?: string }) => {
        slot.inflight--;
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        p?.resolve({ findings: msg.findings, raws: msg.raws, notes: msg.notes ?? [] });
      });
      worker.on('error', (error) => {
        for (const p of this.pending.values()) p.reject(error);
        this.pending.clear();
      });
      this.workers.push(slot);
    }
  }

  scan(path: string, text: string, kinds: readonly string[]): Promise<FileScanResult> {
    const slot = this.workers.reduce((a, b) => (b.inflight < a.inflight ? b : a));
    slot.inflight++;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, path, text, kinds: [...kinds] });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}

export const secretsAnalyzer: Analyzer = {
  name: 'secrets',
  rules,
  analyze: analyzeSecrets,
};
