import { resolve } from 'node:path';
import { applyBaseline } from './baseline.js';
import { parseSize } from './config.js';
import { DEFAULT_MAX_FILE_SIZE, type Discovery, discoverFiles, readScanFile } from './discovery.js';
import { ConfigError } from './errors.js';
import { compareFindings, DEFAULT_FINGERPRINT_KEY, disambiguateFingerprints } from './fingerprint.js';
import { lineRange } from './position.js';
import { DEFAULT_LOCKFILE_MAX_SIZE, FileReadError } from './read.js';
import { reportToFinding } from './rule.js';
import { effectiveRuleSetting } from './settings.js';
import { isAtLeast } from './severity.js';
import { applySuppressions } from './suppressions.js';
import type {
  Analyzer,
  AnalyzerContext,
  Finding,
  Notification,
  RuleMeta,
  RunResult,
  ScanFile,
  Severity,
  ShipshapeConfig,
} from './types.js';

export const UNUSED_SUPPRESSION_RULE: RuleMeta = {
  id: 'core/unused-suppression',
  title: 'Inline suppression that hides nothing',
  severity: 'info',
  aliases: [],
  tags: ['hygiene'],
  messages: { unused: 'This {{source}} suppression of {{rules}} hides no finding; remove it.' },
  docs: '# core/unused-suppression\n\n## What it flags\nAn inline suppression comment (`shipshape-ignore`, `hadolint ignore=`) that no finding matched.\n\n## Why it matters\nStale suppressions hide future problems on that line and mislead readers.\n\n## Fix\nDelete the comment, or correct the rule id it names.\n',
};

export const ANALYZER_FAILED_CODE = 'analyzer-failed';

export interface ScanOptions {
  /** Scan root (absolute or relative to cwd). */
  root: string;
  /** Restrict to these paths under the root. */
  include?: string[];
  config?: ShipshapeConfig;
  analyzers: readonly Analyzer[];
  /** Fingerprints to hide (from `--baseline`). */
  baseline?: ReadonlySet<string>;
  reportUnusedSuppressions?: boolean;
  failOn?: Severity | 'none';
  tool?: { name: string; version: string; informationUri?: string };
  /** Keeps only findings this predicate accepts (diff gating). Applied before suppression/baseline. */
  filter?: (finding: Finding) => boolean;
  /** Pre-discovered files (e.g. the staged index); skips the walk. */
  discovery?: Discovery;
  onProgress?: (event: { phase: 'walk'; files: number } | { phase: 'analyze'; analyzer: string }) => void;
  readText?: (file: ScanFile) => Promise<string>;
}

/** All rule metadata of the given analyzers, keyed by id. */
export function collectRules(analyzers: readonly Analyzer[]): Record<string, RuleMeta> {
  const rules: Record<string, RuleMeta> = { [UNUSED_SUPPRESSION_RULE.id]: UNUSED_SUPPRESSION_RULE };
  for (const analyzer of analyzers) for (const rule of analyzer.rules) rules[rule.id] = rule;
  return rules;
}

/** Rejects config `rules` keys that are neither a rule id nor an alias of one. */
export function checkRuleKeys(
  config: ShipshapeConfig,
  rules: Record<string, RuleMeta>,
  source = '.shipshape.yaml',
): void {
  const known = new Set<string>();
  for (const meta of Object.values(rules)) {
    known.add(meta.id.toLowerCase());
    for (const alias of meta.aliases) known.add(alias.toLowerCase());
  }
  for (const key of Object.keys(config.rules ?? {})) {
    if (!known.has(key.toLowerCase()))
      throw new ConfigError(
        `${source}: rules.${key}: unknown rule id or alias (see \`shipshape rules\`)`,
        source,
        `rules.${key}`,
      );
  }
}

/**
 * Runs analyzers over one walk of the tree and applies, centrally and in this order: rule settings
 * (on/off, severity), the diff filter, inline suppressions, the baseline; then sorts and makes
 * fingerprints unique. Analyzer failures become error notifications; the run goes on.
 */
export async function runScan(options: ScanOptions): Promise<RunResult> {
  const root = resolve(options.root);
  const config = options.config ?? {};
  const notifications: Notification[] = [];
  const notify = (n: Notification): void => {
    notifications.push(n);
  };
  const profiles = config.profile && config.profile !== 'default' ? [config.profile] : [];
  const discovery =
    options.discovery ??
    (await discoverFiles({
      root,
      ...(options.include ? { include: options.include } : {}),
      ignore: config.ignore ?? [],
      maxFileSize: parseSize(config.maxFileSize, DEFAULT_MAX_FILE_SIZE),
      ...(config.maxLockfileSize !== undefined
        ? { maxLockfileSize: parseSize(config.maxLockfileSize, DEFAULT_LOCKFILE_MAX_SIZE) }
        : {}),
      notify,
      onProgress: (files) => options.onProgress?.({ phase: 'walk', files }),
    }));
  if (options.discovery?.notifications) notifications.push(...options.discovery.notifications);
  const baseRead = options.readText ?? readScanFile;
  const failedReads = new Set<string>();
  const readText = async (file: ScanFile): Promise<string> => {
    try {
      return await baseRead(file);
    } catch (error) {
      if (!failedReads.has(file.path)) {
        failedReads.add(file.path);
        const code = (error as { code?: string }).code;
        notify(
          code === 'binary-file'
            ? { level: 'info', code: 'binary-file', message: 'binary file skipped', file: file.path }
            : error instanceof FileReadError && error.reason !== 'unreadable'
              ? {
                  level: 'warning',
                  code: error.reason,
                  message: error.message.startsWith(`${file.path}: `)
                    ? error.message.slice(file.path.length + 2)
                    : error.message,
                  file: file.path,
                }
              : {
                  level: 'warning',
                  code: 'unreadable',
                  message: `cannot read file: ${code ?? String(error)}`,
                  file: file.path,
                },
        );
      }
      throw error;
    }
  };
  const secretsSection = config.secrets as { fingerprintKey?: string } | undefined;
  const skippedFiles = notifications.filter((n) => n.code === 'file-too-large' && n.file).map((n) => n.file as string);
  const context: AnalyzerContext = {
    root,
    files: discovery.files,
    skippedFiles,
    readText,
    config,
    profiles,
    git: discovery.git.topLevel
      ? { isRepo: discovery.git.isRepo, topLevel: discovery.git.topLevel }
      : { isRepo: discovery.git.isRepo },
    // A file that could not be read is reported once, by the read wrapper above, however many
    // analyzers then say so again.
    notify: (n) => {
      if (n.file !== undefined && failedReads.has(n.file) && (n.code === 'unreadable' || n.code === 'binary-file'))
        return;
      notify(n);
    },
    fingerprintKey: process.env.SHIPSHAPE_FINGERPRINT_KEY ?? secretsSection?.fingerprintKey ?? DEFAULT_FINGERPRINT_KEY,
  };
  const rules = collectRules(options.analyzers);

  let findings: Finding[] = [];
  for (const analyzer of options.analyzers) {
    options.onProgress?.({ phase: 'analyze', analyzer: analyzer.name });
    try {
      findings.push(...(await analyzer.analyze(context)));
    } catch (error) {
      notify({
        level: 'error',
        code: ANALYZER_FAILED_CODE,
        message: `analyzer ${analyzer.name} failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }

  // Rule settings from config and profiles.
  const settings = new Map(Object.values(rules).map((meta) => [meta.id, effectiveRuleSetting(meta, config, profiles)]));
  findings = findings.flatMap((f) => {
    const setting = settings.get(f.ruleId);
    if (setting && !setting.enabled) return [];
    if (setting?.severity) return [{ ...f, severity: setting.severity }];
    return [f];
  });
  if (options.filter) findings = findings.filter(options.filter);

  // Inline suppressions, per file.
  const reportUnused = options.reportUnusedSuppressions ?? config.reportUnusedSuppressions ?? false;
  const byFile = groupBy(findings, (f) => f.file);
  const filesToCheck = new Set(byFile.keys());
  const filesByPath = new Map(discovery.files.map((f) => [f.path, f]));
  if (reportUnused) for (const f of discovery.files) filesToCheck.add(f.path);
  let suppressedCount = 0;
  const kept: Finding[] = [];
  for (const path of [...filesToCheck].sort()) {
    const fileFindings = byFile.get(path) ?? [];
    const file = filesByPath.get(path);
    let text: string | undefined;
    if (file) {
      try {
        text = await baseRead(file);
      } catch {
        text = undefined;
      }
    }
    if (text === undefined) {
      kept.push(...fileFindings);
      continue;
    }
    const result = applySuppressions(fileFindings, text, rules);
    suppressedCount += result.suppressed.length;
    kept.push(...result.kept);
    if (reportUnused) {
      const lines = text.split('\n');
      for (const s of result.suppressions) {
        if (s.used || s.source === 'gitleaks' || s.source === 'detect-secrets') continue;
        kept.push(
          reportToFinding(
            UNUSED_SUPPRESSION_RULE,
            {
              messageId: 'unused',
              data: { source: s.source, rules: s.rules.join(', ') },
              range: lineRange(s.line, lines[s.line - 1]),
            },
            path,
          ),
        );
      }
    }
  }
  findings = kept;

  let baselinedCount = 0;
  findings = disambiguateFingerprints(findings);
  if (options.baseline) {
    const result = applyBaseline(findings, options.baseline);
    baselinedCount = result.baselined.length;
    findings = result.kept;
  }
  findings.sort(compareFindings);
  notifications.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.code.localeCompare(b.code));

  return {
    tool: options.tool ?? { name: 'shipshape', version: '0.0.0' },
    analyzers: options.analyzers.map((a) => a.name).sort(),
    root,
    findings,
    notifications,
    rules,
    filesScanned: discovery.files.length,
    suppressed: suppressedCount,
    baselined: baselinedCount,
    failOn: options.failOn ?? config.failOn ?? 'high',
  };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** Whether the run should fail: any finding at or above the threshold. */
export function hasFailingFindings(result: RunResult): boolean {
  const threshold = result.failOn;
  if (threshold === 'none') return false;
  return result.findings.some((f) => isAtLeast(f.severity, threshold));
}
