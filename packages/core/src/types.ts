/** Severities, most severe first. */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** A 1-based, inclusive-start / exclusive-end-column range in a file. */
export interface Range {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** Extra, analyzer-specific facts about a finding (e.g. git commit of a historic secret, an advisory's aliases). */
export type FindingProperties = Record<string, string | number | boolean | string[]>;

/** The one thing every analyzer returns and every reporter reads. */
export interface Finding {
  /** `<analyzer>/<what-is-wrong>`, kebab-case, e.g. `docker/last-user-root`. */
  ruleId: string;
  severity: Severity;
  /** One specific sentence. Never contains a raw secret. */
  message: string;
  /** POSIX path relative to the scan root. */
  file: string;
  range: Range;
  /** Stable when unrelated lines move; used by baselines and SARIF partialFingerprints. */
  fingerprint: string;
  /** What to change, concretely. */
  fix?: string;
  /** Present for secret findings; never the raw secret. */
  secret?: { redacted: string; entropy?: number };
  /** A finding about a file as a whole (e.g. ".env is tracked"): diff gating keeps it for added files. */
  fileLevel?: boolean;
  /**
   * The peer IDs that apply to this finding when they are narrower than the rule's (a rule covering
   * several package managers: DL3008 for apt, DL3013 for pip). Reporters and suppressions use these
   * instead of the rule's `aliases` when present.
   */
  aliases?: string[];
  properties?: FindingProperties;
}

/** Metadata of a rule: what it is called, how severe, what peers call it. */
export interface RuleMeta {
  /** `<analyzer>/<what-is-flagged>`. */
  id: string;
  /** One-line title. */
  title: string;
  /** Default severity. */
  severity: Severity;
  /** Markdown documentation (What it flags / Why it matters / Example / Fix / Options / References). */
  docs?: string;
  /** Equivalent IDs of peer tools (hadolint DL3002, Trivy DS002/DS-0002/AVD-DS-0002, CKV_DOCKER_3, gitleaks ids). */
  aliases: readonly string[];
  /** Free tags: `cis-docker-4.1`, `cwe-798`, `secret`, ... */
  tags: readonly string[];
  /** Off unless turned on in config or by a profile. */
  disabledByDefault?: boolean;
  /** Profiles that turn this rule on (e.g. `strict`). */
  profiles?: readonly string[];
  /** Message templates keyed by message id; `{{name}}` placeholders are filled from report data. */
  messages?: Readonly<Record<string, string>>;
  /** JSON Schema of the rule's options. */
  optionsSchema?: object;
  /** Whether `--fix` can repair it mechanically. */
  fixable?: boolean;
}

/** What a rule's pure `check` returns; core turns reports into findings. */
export interface Report {
  messageId: string;
  data?: Record<string, string | number>;
  range: Range;
  fix?: string;
  secret?: { redacted: string; entropy?: number };
  /** Extra input to the fingerprint (e.g. a keyed hash of a secret) so identical lines stay distinct. */
  fingerprintKey?: string;
  /** Overrides the rule's default severity for this report (context decides severity). */
  severity?: Severity;
  fileLevel?: boolean;
  /** The subset of the rule's aliases that applies to this report (see Finding.aliases). */
  aliases?: string[];
  properties?: FindingProperties;
}

export interface Rule<Input, Options = Record<string, never>> {
  meta: RuleMeta;
  check(input: Input, options: Options): Report[];
}

/** Coarse file classes that discovery assigns so analyzers need not re-derive them. */
export type FileKind =
  | 'dockerfile'
  | 'dockerignore'
  | 'gitignore'
  | 'compose'
  | 'env'
  | 'env-template'
  | 'helm-chart'
  | 'helm-values'
  | 'helm-template'
  | 'helm-lock'
  | 'kubernetes'
  | 'lockfile'
  | 'manifest'
  | 'requirements'
  | 'github-workflow'
  | 'yaml'
  | 'json'
  | 'toml'
  | 'source'
  | 'text';

/** A file found by discovery. Content is read on demand, never buffered for the whole tree. */
export interface ScanFile {
  /** POSIX path relative to the scan root. */
  path: string;
  /** Absolute path on disk. */
  absPath: string;
  size: number;
  kinds: readonly FileKind[];
  /** For files inside a Helm chart: the chart directory (relative POSIX path, '' for the root). */
  chartRoot?: string;
  /** True when git tracks the file; undefined outside a git repository. */
  tracked?: boolean;
  /** True when a .gitignore pattern matches the file (it may still be tracked). */
  gitignored?: boolean;
  /** Most bytes a read may return, when it differs from maxFileSize (lockfiles). */
  limit?: number;
}

export type NotificationLevel = 'error' | 'warning' | 'info';

/** Something the run wants the user to know that is not a finding (parse error, skipped file). */
export interface Notification {
  level: NotificationLevel;
  /** Stable code: `file-too-large`, `binary-file`, `unreadable`, `symlink-outside-root`, `parse-error`, ... */
  code: string;
  message: string;
  file?: string;
}

/** Settings an analyzer receives (already validated config section plus cross-cutting options). */
export interface AnalyzerContext {
  /** Absolute scan root. */
  root: string;
  files: readonly ScanFile[];
  /** Reads a file's text (UTF-8). Throws on unreadable files; callers notify and go on. */
  readText(file: ScanFile): Promise<string>;
  /** The validated config, so an analyzer can read its own section (`config.dockerfile`, ...). */
  config: ShipshapeConfig;
  /** Active profiles (`strict`). */
  profiles: readonly string[];
  /** Whether the scan root is inside a git work tree. */
  git: { isRepo: boolean; topLevel?: string };
  notify(notification: Notification): void;
  /**
   * Paths discovery found but skipped for their size: they exist (a lockfile skipped for size still
   * locks its manifest) though they are not in `files`.
   */
  skippedFiles?: readonly string[];
  /** Secret-fingerprint key so fingerprints identify a secret without revealing it. */
  fingerprintKey: string;
}

/** An analyzer: a set of rules and a function over the discovered file set. */
export interface Analyzer {
  /** Short name: `dockerfile`, `secrets`, `sbom`. */
  name: string;
  rules: readonly RuleMeta[];
  analyze(context: AnalyzerContext): Promise<Finding[]>;
}

/** A rule setting in config: `off`, a severity, or an object. */
export type RuleSetting =
  | 'off'
  | 'on'
  | Severity
  | { enabled?: boolean; severity?: Severity; options?: Record<string, unknown> };

export interface ShipshapeConfig {
  failOn?: Severity | 'none';
  profile?: string;
  ignore?: string[];
  maxFileSize?: number | string;
  /** Size limit of lockfiles (default: the larger of maxFileSize and 100 MB). */
  maxLockfileSize?: number | string;
  rules?: Record<string, RuleSetting>;
  reportUnusedSuppressions?: boolean;
  dockerfile?: Record<string, unknown>;
  secrets?: Record<string, unknown>;
  sbom?: Record<string, unknown>;
  /** OSV matching: `db` (database directory), `ignore` (accepted advisories), `maxDbAge`. */
  vulns?: Record<string, unknown>;
  workloads?: Record<string, unknown>;
}

/** The whole result of a run, which reporters receive. */
export interface RunResult {
  tool: { name: string; version: string; fullName?: string; informationUri?: string };
  /** Names of the analyzers that ran (`dockerfile`, `secrets`, ...), sorted. */
  analyzers?: string[];
  /** Absolute scan root. */
  root: string;
  findings: Finding[];
  notifications: Notification[];
  /** Metadata of every rule that could have run, keyed by id. */
  rules: Record<string, RuleMeta>;
  /** Number of files scanned. */
  filesScanned: number;
  /** Findings hidden by suppressions or the baseline. */
  suppressed: number;
  baselined: number;
  failOn: Severity | 'none';
}
