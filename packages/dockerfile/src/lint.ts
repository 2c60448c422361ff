import {
  compareFindings,
  effectiveRuleSetting,
  type Finding,
  type RuleMeta,
  reportToFinding,
  type ShipshapeConfig,
} from '@shipshape/core';
import {
  type BuildContextInfo,
  buildModel,
  type DockerfileModel,
  type LintSettings,
  type SkippedPart,
} from './model/model.js';
import { findingAliases } from './model/peers.js';
import { RULE_DOCS } from './rules/docs.generated.js';
import { RULES } from './rules/index.js';

/** Options of `lintDockerfile`; every field is optional. */
export interface DockerfileOptions {
  /** Build target (`docker build --target`): only this stage (and what it builds on) ships. */
  target?: string;
  /** `strict` turns on opt-in rules such as digest pinning. */
  profile?: string;
  /** Registries (or registry/path prefixes) images may come from; empty means any. */
  trustedRegistries?: string[];
  /** Extra images to treat as minimal (`my-registry/base`, `*.corp/minimal-*`). */
  minimalImages?: string[];
  /** Extra images whose default user is not root. */
  nonRootImages?: string[];
  /** Rule settings by id or alias, as in the config file. */
  rules?: ShipshapeConfig['rules'];
  /** Targets the repository builds (compose, bake, workflows, scripts); see `resolveBuilds`. */
  targets?: string[];
  /** With `targets`: a build with no --target (the last stage) exists too. */
  defaultTarget?: boolean;
  /** The build context: its .dockerignore and small config files (see `buildContextInfo`). */
  context?: BuildContextInfo;
  /** What the tree says about the build context's .dockerignore; undefined when unknown (stdin). */
  contextHasDockerignoreExcluding?: (pattern: '.env' | '.git') => boolean | undefined;
}

function docsName(id: string): string {
  return id.slice(id.indexOf('/') + 1);
}

for (const r of RULES) {
  const docs = RULE_DOCS[docsName(r.meta.id)];
  if (docs !== undefined) (r.meta as RuleMeta).docs = docs;
}

/** Metadata of every rule, docs included. */
export const rules: RuleMeta[] = RULES.map((r) => r.meta);

export function settingsFrom(options: DockerfileOptions = {}): LintSettings {
  const settings: LintSettings = {
    strict: options.profile === 'strict',
    trustedRegistries: options.trustedRegistries ?? [],
    minimalImages: options.minimalImages ?? [],
    nonRootImages: options.nonRootImages ?? [],
  };
  if (options.target !== undefined) settings.target = options.target;
  if (options.targets) settings.targets = options.targets;
  if (options.defaultTarget !== undefined) settings.defaultTarget = options.defaultTarget;
  if (options.context) settings.context = options.context;
  if (options.contextHasDockerignoreExcluding)
    settings.contextHasDockerignoreExcluding = options.contextHasDockerignoreExcluding;
  return settings;
}

type ActiveRule = { rule: (typeof RULES)[number]; setting: ReturnType<typeof effectiveRuleSetting> };
const activeByRules = new WeakMap<object, Map<string, ActiveRule[]>>();
const activeDefault = new Map<string, ActiveRule[]>();

/** Enabled rules and their settings; computed once per (rules config object, profile). */
function activeRules(options: DockerfileOptions): ActiveRule[] {
  const profile = options.profile ?? '';
  let byProfile = activeDefault;
  if (options.rules) {
    byProfile = activeByRules.get(options.rules) ?? new Map();
    activeByRules.set(options.rules, byProfile);
  }
  let list = byProfile.get(profile);
  if (!list) {
    const config: ShipshapeConfig = options.rules ? { rules: options.rules } : {};
    const profiles = profile ? [profile] : [];
    list = RULES.map((rule) => ({ rule, setting: effectiveRuleSetting(rule.meta, config, profiles) })).filter(
      (a) => a.setting.enabled,
    );
    byProfile.set(profile, list);
  }
  return list;
}

/** Runs every enabled rule over a built model. */
export function runRules(model: DockerfileModel, options: DockerfileOptions = {}): Finding[] {
  const findings: Finding[] = [];
  for (const { rule, setting } of activeRules(options)) {
    let reports: ReturnType<typeof rule.check>;
    try {
      reports = rule.check(model, setting.options);
    } catch {
      // A rule bug must not take the whole file down; the other rules still report.
      continue;
    }
    for (const report of reports) {
      const finding = reportToFinding(rule.meta, report, model.path, model.lines);
      if (setting.severity) finding.severity = setting.severity;
      const peer = finding.properties?.peerId;
      if (typeof peer === 'string' && peer !== '' && finding.aliases === undefined)
        finding.aliases = findingAliases(peer);
      findings.push(finding);
    }
  }
  return checkovFilePeers(model, foldSameLine(findings)).sort(compareFindings);
}

/** The instruction spanning a line (binary search: instructions are in file order). */
export function instructionAt(
  model: DockerfileModel,
  line: number,
): DockerfileModel['instructions'][number] | undefined {
  const list = model.instructions;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const i = list[mid] as DockerfileModel['instructions'][number];
    if (line < i.line) hi = mid - 1;
    else if (line > i.endLine) lo = mid + 1;
    else return i;
  }
  return undefined;
}

/**
 * Checkov checks that stop at the first match report once per file, on one instruction:
 * CKV_DOCKER_4 on the first ADD (whatever it adds), CKV_DOCKER_9 on the first RUN whose text has
 * " apt ", CKV_DOCKER_1 on the first EXPOSE listing 22, CKV_DOCKER_6 on the first MAINTAINER, and
 * CKV_DOCKER_7 on the first FROM of the file when any FROM is untagged or `latest`. A finding
 * elsewhere keeps its other peer ids but not that one.
 */
export function checkovFilePeers(model: DockerfileModel, findings: Finding[]): Finding[] {
  const raw = (i: DockerfileModel['instructions'][number]) => model.text.slice(i.start, i.end);
  const first = (test: (i: DockerfileModel['instructions'][number]) => boolean) => model.instructions.find(test)?.line;
  const target: Record<string, number | undefined> = {
    CKV_DOCKER_4: first((i) => i.keyword === 'ADD'),
    CKV_DOCKER_9: first((i) => i.keyword === 'RUN' && raw(i).includes(' apt ')),
    CKV_DOCKER_1: first((i) => i.keyword === 'EXPOSE' && i.argsText.split(' ').includes('22')),
    CKV_DOCKER_6: first((i) => i.keyword === 'MAINTAINER'),
    CKV_DOCKER_7: first((i) => i.keyword === 'FROM'),
  };
  const metaById = new Map(RULES.map((r) => [r.meta.id, r.meta]));
  for (const f of findings) {
    const aliases = f.aliases ?? metaById.get(f.ruleId)?.aliases ?? [];
    // Compare instructions, not lines: a finding inside a multi-line RUN belongs to the RUN.
    const line = instructionAt(model, f.range.startLine)?.line ?? f.range.startLine;
    const drop = aliases.filter((a) => a in target && target[a] !== line);
    if (drop.length > 0) f.aliases = aliases.filter((a) => !drop.includes(a));
  }
  return findings;
}

/**
 * Findings keep their exact position (the offending command inside a multi-line RUN, not the
 * RUN's first line). A repeat of the same rule and peer ids on the same line is folded into the
 * first (`properties.occurrences`), so one line says one thing once.
 */
export function foldSameLine(findings: Finding[]): Finding[] {
  const metaById = new Map(RULES.map((r) => [r.meta.id, r.meta]));
  const seen = new Map<string, Finding>();
  const out: Finding[] = [];
  for (const f of findings) {
    const aliases = f.aliases ?? metaById.get(f.ruleId)?.aliases ?? [];
    const key = `${f.ruleId}\0${f.range.startLine}\0${[...aliases].sort().join(',')}`;
    const first = seen.get(key);
    if (first) {
      const n = typeof first.properties?.occurrences === 'number' ? first.properties.occurrences : 1;
      first.properties = { ...first.properties, occurrences: n + 1 };
      continue;
    }
    seen.set(key, f);
    out.push(f);
  }
  return out;
}

/**
 * Lints one Dockerfile. Pure: no file system, no network. A file that does not parse yields a
 * `docker/parse-error` finding and the other rules still run on what was understood.
 */
export function lintDockerfile(input: { path: string; text: string }, options: DockerfileOptions = {}): Finding[] {
  return lintDockerfileWithNotes(input, options).findings;
}

/** `lintDockerfile`, plus what was not examined because of size limits (one note per RUN skipped). */
export function lintDockerfileWithNotes(
  input: { path: string; text: string },
  options: DockerfileOptions = {},
): { findings: Finding[]; skipped: SkippedPart[] } {
  const model = buildModel(input.path, input.text, settingsFrom(options));
  const findings = applyCheckDirective(model, applyStagePragmas(model, runRules(model, options)));
  return { findings: capDevEnvironment(model.path, findings), skipped: model.skipped };
}

/** Findings about what a running image exposes, which a dev environment does not ship. */
const RUNTIME_RULES = new Set([
  'docker/missing-user',
  'docker/last-user-root',
  'docker/sudo-usage',
  'docker/missing-healthcheck',
  'docker/non-minimal-base-image',
  'docker/sdk-base-image',
  'docker/build-context-copied',
]);

/**
 * `.devcontainer/Dockerfile`s build a developer's workspace: root, sudo and a full toolchain are
 * what they are for (devcontainer.json's `remoteUser` picks the user). Their runtime findings are
 * kept, at info; supply-chain and secret findings keep their severity.
 */
function capDevEnvironment(path: string, findings: Finding[]): Finding[] {
  if (!/(^|\/)\.devcontainer\//.test(path)) return findings;
  for (const f of findings) if (RUNTIME_RULES.has(f.ruleId)) f.severity = 'info';
  return findings;
}

/** BuildKit build checks (`docker build --check`) and the rules that report the same thing. */
export const BUILDKIT_CHECKS: Record<string, string[]> = {
  SecretsUsedInArgOrEnv: ['docker/secret-build-arg-or-env', 'docker/secret-in-env-or-arg'],
  JSONArgsRecommended: ['docker/shell-form-command'],
  MaintainerDeprecated: ['docker/maintainer-instruction'],
  WorkdirRelativePath: ['docker/relative-workdir'],
  UndefinedArgInFrom: ['docker/unresolved-base-image'],
  MultipleInstructionsDisallowed: ['docker/multiple-cmd', 'docker/multiple-entrypoint', 'docker/multiple-healthcheck'],
  FromPlatformFlagConstDisallowed: ['docker/from-platform-flag'],
  DuplicateStageName: ['docker/duplicate-stage-name'],
  ExposeInvalidFormat: ['docker/invalid-exposed-port'],
};

/**
 * The BuildKit parser directive `# check=skip=JSONArgsRecommended,SecretsUsedInArgOrEnv` (or
 * `skip=all`) at the top of the file turns those build checks off; the team has decided, so the
 * rules that report the same thing stay silent too. Other rules are not affected.
 */
export function applyCheckDirective(model: DockerfileModel, findings: Finding[]): Finding[] {
  let skip: string[] | undefined;
  for (let line = 1; line <= Math.min(model.lines.lineCount, 50); line++) {
    const text = model.lines.line(line);
    const m = /^\s*#\s*check\s*=\s*(.*)$/i.exec(text);
    if (m) {
      for (const part of (m[1] ?? '').split(';')) {
        const kv = /^\s*skip\s*=\s*(.*?)\s*$/i.exec(part);
        if (kv) skip = (kv[1] ?? '').split(',').map((x) => x.trim().toLowerCase());
      }
      continue;
    }
    // Parser directives are only read before the first non-directive line.
    if (!/^\s*#\s*[a-z]+\s*=/i.test(text)) break;
  }
  if (!skip || skip.length === 0) return findings;
  const off = new Set<string>();
  for (const [check, ids] of Object.entries(BUILDKIT_CHECKS))
    if (skip.includes('all') || skip.includes(check.toLowerCase())) for (const id of ids) off.add(id);
  return off.size === 0 ? findings : findings.filter((f) => !off.has(f.ruleId));
}

const STAGE_PRAGMA =
  /^\s*#\s*(?:hadolint\s+stage\s+ignore\s*=|shipshape-ignore-stage\s+)\s*([\w/,\s-]+?)\s*(?:--.*)?$/i;

/**
 * `# hadolint stage ignore=DL3008,DL3015` (or `# shipshape-ignore-stage <rule>`) anywhere in a
 * stage silences those rules (by id or alias) for that stage's lines. Core handles the next-line
 * and global forms; only this package knows where stages begin and end.
 */
export function applyStagePragmas(model: DockerfileModel, findings: Finding[]): Finding[] {
  if (!/stage\s+ignore|shipshape-ignore-stage/i.test(model.text)) return findings;
  const byStage: { from: number; to: number; ids: Set<string> }[] = [];
  model.stages.forEach((stage, i) => {
    const from = stage.from.line;
    const next = model.stages[i + 1];
    const to = next ? next.from.line - 1 : model.lines.lineCount;
    const ids = new Set<string>();
    // a pragma directly above FROM belongs to the stage it introduces
    let first = from;
    while (first > 1 && /^\s*#/.test(model.lines.line(first - 1))) first--;
    for (let line = first; line <= to; line++) {
      const m = STAGE_PRAGMA.exec(model.lines.line(line));
      if (m) for (const id of (m[1] ?? '').split(/[\s,]+/)) if (id) ids.add(id.toUpperCase());
    }
    if (ids.size > 0) byStage.push({ from: first, to, ids });
  });
  if (byStage.length === 0) return findings;
  const metaById = new Map(rules.map((r) => [r.id, r]));
  return findings.filter((f) => {
    const scope = byStage.find((s) => f.range.startLine >= s.from && f.range.startLine <= s.to);
    if (!scope) return true;
    const meta = metaById.get(f.ruleId);
    const names = [f.ruleId, f.ruleId.replace(/^docker\//, ''), ...(meta?.aliases ?? [])].map((n) => n.toUpperCase());
    const peer = typeof f.properties?.peerId === 'string' ? f.properties.peerId.toUpperCase() : undefined;
    // A finding that names its exact peer id is only silenced by that id (DL3008 does not hide DL3013).
    if (
      peer &&
      names.some((n) => scope.ids.has(n)) &&
      !scope.ids.has(f.ruleId.toUpperCase()) &&
      !scope.ids.has(f.ruleId.replace(/^docker\//, '').toUpperCase())
    ) {
      const peerFamily = /^(DL|CKV)/.test(peer);
      const matchedFamily = [...scope.ids].some(
        (id) => meta?.aliases.map((a) => a.toUpperCase()).includes(id) && id.slice(0, 2) === peer.slice(0, 2),
      );
      if (peerFamily && matchedFamily) return !scope.ids.has(peer);
    }
    return !names.some((n) => scope.ids.has(n));
  });
}
