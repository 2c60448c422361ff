import type { Finding, NotificationLevel, RuleMeta, RunResult, Severity } from '@shipshape/core';
import { compareFindings, securitySeverityScore, severityRank } from '@shipshape/core';
import type { ReportOptions } from './common.js';
import {
  aliasesOf,
  cmp,
  docsUrl,
  normalizeRange,
  relativePath,
  ruleMeta,
  sortedNotifications,
  toJson,
} from './common.js';

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export const SARIF_LEVEL: Readonly<Record<Severity, SarifLevel>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

const NOTIFICATION_LEVEL: Readonly<Record<NotificationLevel, SarifLevel>> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

/** GitHub code scanning rejects more results per run than this. */
export const SARIF_MAX_RESULTS = 25_000;
/** GitHub rejects more than 20 tags per rule and displays 10. */
const MAX_TAGS = 10;
const SRCROOT = '%SRCROOT%';
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** Percent-encodes each segment of a repo-relative POSIX path into a relative URI reference. */
export function toRelativeUri(path: string): string {
  return path
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/**
 * SARIF 2.1.0 for GitHub code scanning (and any SARIF viewer): one run, rule metadata for every
 * rule with results, repo-relative locations under `%SRCROOT%`, our fingerprints as partial
 * fingerprints, and notifications as tool execution notifications.
 */
export function formatSarif(result: RunResult, options: ReportOptions = {}): string {
  return toJson(toSarifLog(result, options));
}

/** The SARIF log as an object (what `formatSarif` serialises). */
export function toSarifLog(result: RunResult, options: ReportOptions = {}): Record<string, unknown> {
  let findings = [...result.findings].sort(compareFindings);
  const notifications: Record<string, unknown>[] = sortedNotifications(result).map((n) => {
    const out: Record<string, unknown> = {
      level: NOTIFICATION_LEVEL[n.level],
      message: { text: n.message },
      descriptor: { id: n.code },
    };
    if (n.file !== undefined) {
      out.locations = [
        {
          physicalLocation: {
            artifactLocation: { uri: toRelativeUri(relativePath(n.file, result.root)), uriBaseId: SRCROOT },
          },
        },
      ];
    }
    return out;
  });
  if (findings.length > SARIF_MAX_RESULTS) {
    // Keep the most severe: GitHub would reject the whole file otherwise.
    const dropped = findings.length - SARIF_MAX_RESULTS;
    findings = [...findings]
      .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || compareFindings(a, b))
      .slice(0, SARIF_MAX_RESULTS)
      .sort(compareFindings);
    notifications.push({
      level: 'warning',
      message: { text: `${dropped} less severe results were left out: a run may hold at most ${SARIF_MAX_RESULTS}.` },
      descriptor: { id: 'results-truncated' },
    });
  }

  const ruleIds = [...new Set(findings.map((f) => f.ruleId))].sort(cmp);
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  // A rule without metadata takes the most severe level among its results.
  const fallback = new Map<string, Severity>();
  for (const f of findings) {
    const seen = fallback.get(f.ruleId);
    if (seen === undefined || severityRank(f.severity) > severityRank(seen)) fallback.set(f.ruleId, f.severity);
  }
  const rules = ruleIds.map((id) => ruleDescriptor(id, ruleMeta(result, id), fallback.get(id) ?? 'medium', options));

  const driver: Record<string, unknown> = {
    name: result.tool.name,
    // GitHub Advanced Security for Azure DevOps requires a full name.
    fullName: result.tool.fullName ?? `${result.tool.name} ${result.tool.version}`,
    version: result.tool.version,
  };
  if (result.tool.informationUri) driver.informationUri = result.tool.informationUri;
  if (SEMVER.test(result.tool.version)) driver.semanticVersion = result.tool.version;
  driver.rules = rules;

  const run: Record<string, unknown> = { tool: { driver } };
  // The run's category for code scanning: uploads of different analyzer sets stay apart.
  const analyzers = result.analyzers?.length ? result.analyzers.join('+') : 'scan';
  run.automationDetails = options.automationDetails ?? { id: `${result.tool.name}/${analyzers}/` };
  if (options.rootUri) {
    run.originalUriBaseIds = {
      [SRCROOT]: { uri: options.rootUri.endsWith('/') ? options.rootUri : `${options.rootUri}/` },
    };
  }
  run.invocations = [{ executionSuccessful: true, toolExecutionNotifications: notifications }];
  run.columnKind = 'utf16CodeUnits';
  run.results = findings.map((f) => sarifResult(result, f, ruleIndex.get(f.ruleId) ?? 0));

  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [run],
  };
}

function ruleDescriptor(
  id: string,
  meta: RuleMeta | undefined,
  fallbackSeverity: Severity,
  options: ReportOptions,
): Record<string, unknown> {
  const severity = meta?.severity ?? fallbackSeverity;
  const title = meta?.title ?? id;
  const docs = meta?.docs?.trim();
  const descriptor: Record<string, unknown> = {
    id,
    name: pascalCase(id),
    shortDescription: { text: title },
    fullDescription: { text: (docs && firstParagraph(docs, 'What it flags')) || title },
  };
  const url = docsUrl(id, options.docsBaseUrl);
  if (docs) {
    descriptor.help = { text: docs, markdown: docs };
  } else {
    const text = `${title}. Run \`shipshape rules ${id}\` for details.`;
    descriptor.help = { text, markdown: text };
  }
  if (url) descriptor.helpUri = url;
  descriptor.defaultConfiguration = { level: SARIF_LEVEL[severity] };
  const tags = ['security', ...(meta?.tags ?? []).filter((t) => t !== 'security')].slice(0, MAX_TAGS);
  descriptor.properties = {
    tags,
    'security-severity': securitySeverityScore(severity),
    precision: precisionOf(meta),
    problem: { severity: SARIF_LEVEL[severity] === 'note' ? 'recommendation' : SARIF_LEVEL[severity] },
  };
  if (meta && meta.aliases.length > 0) (descriptor.properties as Record<string, unknown>).aliases = [...meta.aliases];
  return descriptor;
}

function sarifResult(result: RunResult, f: Finding, index: number): Record<string, unknown> {
  const r = normalizeRange(f.range);
  const properties: Record<string, unknown> = { severity: f.severity, aliases: aliasesOf(result, f) };
  if (f.secret) {
    properties.secret =
      f.secret.entropy === undefined
        ? { redacted: f.secret.redacted }
        : { redacted: f.secret.redacted, entropy: f.secret.entropy };
  }
  if (f.fileLevel) properties.fileLevel = true;
  if (f.fix) properties.fix = f.fix;
  if (f.properties) {
    for (const key of Object.keys(f.properties).sort(cmp)) {
      if (!(key in properties)) properties[key] = f.properties[key];
    }
  }
  return {
    ruleId: f.ruleId,
    ruleIndex: index,
    level: SARIF_LEVEL[f.severity],
    message: { text: f.fix ? `${f.message}\nFix: ${f.fix}` : f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toRelativeUri(relativePath(f.file, result.root)), uriBaseId: SRCROOT },
          region: { startLine: r.startLine, startColumn: r.startColumn, endLine: r.endLine, endColumn: r.endColumn },
        },
      },
    ],
    partialFingerprints: { primaryLocationLineHash: f.fingerprint, 'shipshape/v1': f.fingerprint },
    properties,
  };
}

/** `docker/last-user-root` -> `DockerLastUserRoot`: SARIF recommends a Pascal-case rule name. */
function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/** Rules tagged `heuristic` or `entropy` guess more than they know. */
function precisionOf(meta: RuleMeta | undefined): 'high' | 'medium' {
  return meta?.tags.some((t) => t === 'heuristic' || t === 'entropy') ? 'medium' : 'high';
}

/** The first paragraph under a `## <heading>` of a rule doc, else the doc's first prose paragraph. */
function firstParagraph(markdown: string, heading: string): string | undefined {
  const lines = markdown.split(/\r?\n/);
  const at = lines.findIndex((l) => new RegExp(`^#{1,6}\\s+${heading}\\s*$`, 'i').test(l.trim()));
  const start = at === -1 ? 0 : at + 1;
  const para: string[] = [];
  let inFence = false;
  for (const line of lines.slice(start)) {
    const t = line.trim();
    if (t.startsWith('```')) {
      inFence = !inFence;
      if (para.length > 0) break;
      continue;
    }
    if (inFence) continue;
    if (t.startsWith('#')) {
      if (para.length > 0 || at !== -1) break;
      continue;
    }
    if (t === '') {
      if (para.length > 0) break;
      continue;
    }
    para.push(t);
  }
  return para.length > 0 ? para.join(' ') : undefined;
}
