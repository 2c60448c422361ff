/**
 * Scanning one file's text: parse by format (dotenv, YAML with Helm masked, JSON, notebooks,
 * INI/properties, rc files, HCL, source code, plain text), then run every enabled rule over the
 * parsed input. Overlapping findings are resolved by claim order: provider tokens first, then
 * context-specific rules, then generic ones.
 */
import {
  DEFAULT_FINGERPRINT_KEY,
  effectiveRuleSetting,
  type FileKind,
  type Finding,
  isEnvTemplateName,
  LineIndex,
  type Range,
  type Rule,
  reportToFinding,
  type ShipshapeConfig,
} from '@shipshape/core';
import {
  type CappedLine,
  candidateSlices,
  configPairs,
  hclVariableDefaults,
  jaasPairs,
  type LineSlice,
  lineCredentials,
  markupPairs,
  sourcePairs,
} from './extract/lines.js';
import type { LineCredential, Pair } from './extract/types.js';
import { scanYaml } from './extract/yaml.js';
import { findUrlCredentials } from './inspect.js';
import { type FileRole, looksBinary, roleOf } from './roles.js';
import { DETECTOR_RULES } from './rules/detector-rules.js';
import { FILE_RULES } from './rules/index.js';
import { type FileInput, reportContext } from './rules/shared.js';
import { findTokens, findTokensAndKeywords } from './tokens.js';

export interface ScanTextOptions {
  /** Kinds assigned by discovery (`helm-values`, `helm-template`, `compose`, `env-template`...). */
  kinds?: readonly FileKind[];
  /** Key for secret fingerprints; defaults to core's default key. */
  fingerprintKey?: string;
  /** Config, to skip rules it turns off. */
  config?: ShipshapeConfig;
  profiles?: readonly string[];
}

const MAX_TREE_BYTES = 2_000_000;
const SHELL_LIKE =
  /\.(sh|bash|zsh|ksh|fish|bat|cmd|ps1|psm1|mk)$|(^|\/)(dockerfile|containerfile|makefile|justfile|procfile|jenkinsfile)([._-][^/]*)?$|\.dockerfile$/i;

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function helmPart(
  path: string,
  kinds: readonly FileKind[] | undefined,
  text: string,
): 'values' | 'template' | undefined {
  if (kinds?.includes('helm-values')) return 'values';
  if (kinds?.includes('helm-template')) return 'template';
  if (kinds && (kinds.includes('helm-chart') || kinds.length > 0)) return undefined;
  // Without discovery: infer from the conventional layout.
  const name = baseName(path);
  if (/^values[\w.-]*\.ya?ml$/i.test(name) && !/^apiVersion:/m.test(text)) return 'values';
  if (/(^|\/)templates\/[^/]+\.(ya?ml|tpl)$/i.test(path) && text.includes('{{')) return 'template';
  return undefined;
}

/** Maps an offset in a JSON string's decoded content back to the raw (escaped) text. */
function rawOffset(raw: string, decodedOffset: number): number {
  let d = 0;
  let i = 0;
  while (i < raw.length && d < decodedOffset) {
    if (raw[i] === '\\') i += raw[i + 1] === 'u' ? 6 : 2;
    else i += 1;
    d += 1;
  }
  return i;
}

/** Notebook cells: each JSON string line is decoded and scanned as source. */
function notebookPairs(text: string, slices: LineSlice[]): { pairs: Pair[]; creds: LineCredential[] } {
  const pairs: Pair[] = [];
  const creds: LineCredential[] = [];
  for (const slice of slices) {
    const m = /^(\s*)"((?:[^"\\]|\\.)*)",?\s*$/.exec(slice.text);
    if (!m) continue;
    const inner = m[2] as string;
    let decoded: string;
    try {
      decoded = JSON.parse(`"${inner}"`) as string;
    } catch {
      continue;
    }
    const base = slice.offset + (m[1] as string).length + 1;
    const sub: LineSlice = { offset: 0, text: decoded.replace(/\n$/, '') };
    const remap = (start: number, end: number) => {
      const s = base + rawOffset(inner, start);
      return { start: s, end: base + rawOffset(inner, end) };
    };
    for (const p of [...sourcePairs(sub), ...configPairs(sub, 'dotenv')]) {
      const r = remap(p.start, p.end);
      pairs.push({ ...p, ...r });
    }
    for (const c of lineCredentials(sub, true)) {
      const r = remap(c.start, c.end);
      creds.push({ ...c, ...r });
    }
  }
  void text;
  return { pairs, creds };
}

function dedupePairs(pairs: Pair[]): Pair[] {
  const seen = new Set<number>();
  const out: Pair[] = [];
  for (const p of pairs) {
    if (seen.has(p.start)) continue;
    seen.add(p.start);
    out.push(p);
  }
  return out;
}

/** Parses one file into what the rules need. */
export function parseFile(
  path: string,
  text: string,
  options: ScanTextOptions = {},
  role: FileRole = roleOf(path),
): FileInput {
  let lineIndex: LineIndex | undefined;
  const kinds = options.kinds;
  const compose = kinds?.includes('compose') ?? /^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/i.test(baseName(path));
  const envTemplate =
    kinds?.includes('env-template') ?? (role.format === 'dotenv' && isEnvTemplateName(baseName(path)));
  const input: FileInput = {
    path,
    text,
    // Built on first use: most files have no finding and never need positions.
    get lines(): LineIndex {
      lineIndex ??= new LineIndex(text);
      return lineIndex;
    },
    role,
    envTemplate,
    compose,
    tokens: [],
    urls: [],
    pairs: [],
    lineCredentials: [],
    fingerprintKey: options.fingerprintKey ?? DEFAULT_FINGERPRINT_KEY,
  };
  const helm = helmPart(path, kinds, text);
  if (helm) input.helm = helm;
  if (role.binary || text.length === 0 || looksBinary(text)) return input;

  // Lockfiles and bundles get tokens and URL credentials only: no line keywords to collect.
  if (role.lockfile || role.minified) {
    input.tokens = findTokens(text);
    input.urls = findUrlCredentials(text);
    return input;
  }
  const scanned = findTokensAndKeywords(text);
  input.tokens = scanned.tokens;
  input.urls = findUrlCredentials(text);

  const capped: CappedLine[] = [];
  const slices = candidateSlices(text, scanned.lineKeywords, capped);
  if (capped.length > 0) input.capped = capped;
  const sourceLike =
    role.format === 'source' || role.format === 'markdown' || role.format === 'text' || role.format === 'json';
  for (const s of slices) input.lineCredentials.push(...lineCredentials(s, sourceLike));
  if (slices.length === 0 && role.format !== 'yaml' && role.format !== 'json' && !text.includes('LoginModule'))
    return input;

  const pairs: Pair[] = [];
  switch (role.format) {
    case 'yaml':
    case 'json': {
      // JSON is judged line by line (fast, `"key": "value"` sits on one line) unless it is a
      // docker config, whose `auths` need the tree; YAML is parsed when it has candidates.
      const tree =
        role.format === 'json'
          ? text.includes('"auths"') || (text.length < 65_536 && /"kind"\s*:\s*"Secret"/.test(text))
          : slices.length > 0;
      if (text.length <= MAX_TREE_BYTES && tree) {
        const result = scanYaml(text, { compose });
        pairs.push(...result.pairs);
        if (!result.ok) {
          const covered = new Set(result.pairs.map((p) => input.lines.position(p.start).line));
          for (const s of slices) {
            const line = input.lines.position(s.offset).line;
            if (covered.has(line)) continue;
            pairs.push(...(role.format === 'json' ? sourcePairs(s) : configPairs(s, 'yaml')));
          }
        }
      } else {
        for (const s of slices) pairs.push(...(role.format === 'json' ? sourcePairs(s) : configPairs(s, 'yaml')));
      }
      break;
    }
    case 'ipynb': {
      const nb = notebookPairs(text, slices);
      pairs.push(...nb.pairs);
      input.lineCredentials.push(...nb.creds);
      break;
    }
    case 'dotenv':
    case 'ini':
    case 'properties':
    case 'npmrc':
      for (const s of slices) pairs.push(...configPairs(s, role.format));
      break;
    case 'hcl':
      for (const s of slices) pairs.push(...configPairs(s, role.format), ...hclVariableDefaults(text, s));
      break;
    case 'netrc': {
      const re = /\b(password|passwd)\s+(\S+)/g;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        const value = m[2] as string;
        const start = m.index + m[0].length - value.length;
        pairs.push({
          key: 'password',
          path: 'netrc.password',
          value,
          start,
          end: start + value.length,
          context: 'plain',
          quoted: false,
        });
      }
      break;
    }
    case 'source': {
      const shell = SHELL_LIKE.test(path);
      for (const s of slices) {
        pairs.push(...markupPairs(s), ...sourcePairs(s));
        if (shell)
          pairs.push(
            ...configPairs(s, 'dotenv').filter(
              (p) => /^\s*(export\s+|ENV\s+|ARG\s+)?[A-Za-z_]\w*=/.test(s.text) || p.quoted,
            ),
          );
      }
      break;
    }
    default:
      for (const s of slices) pairs.push(...markupPairs(s), ...configPairs(s, role.format), ...sourcePairs(s));
  }
  pairs.push(...jaasPairs(text));
  input.pairs = dedupePairs(pairs);
  if (role.format === 'source') for (const p of input.pairs) p.code = true;
  if (role.format === 'dotenv') for (const p of input.pairs) p.dotenv = true;
  return input;
}

function key(range: Range): [number, number] {
  return [range.startLine * 1_000_000 + range.startColumn, range.endLine * 1_000_000 + range.endColumn];
}

/** The rules that run on a parsed file, in claim order (detector rules first). */
export function fileRulesInOrder(): Rule<FileInput>[] {
  return [...DETECTOR_RULES.values(), ...FILE_RULES];
}

interface ActiveRule {
  rule: Rule<FileInput>;
  options: Record<string, unknown>;
}
interface ActiveRules {
  detectors: Map<string, ActiveRule>;
  others: ActiveRule[];
}
const NO_CONFIG = {};
const activeCache = new WeakMap<object, Map<string, ActiveRules>>();

/** Enabled rules and their options for a config (cached: this runs once per file). */
function activeRules(config: ShipshapeConfig | undefined, profiles: readonly string[]): ActiveRules {
  const cfgKey = config ?? NO_CONFIG;
  let byProfiles = activeCache.get(cfgKey);
  if (!byProfiles) {
    byProfiles = new Map();
    activeCache.set(cfgKey, byProfiles);
  }
  const pKey = profiles.join(',');
  const hit = byProfiles.get(pKey);
  if (hit) return hit;
  const resolve = (rule: Rule<FileInput>): ActiveRule | undefined => {
    const setting = effectiveRuleSetting(rule.meta, config, profiles);
    return setting.enabled ? { rule, options: setting.options } : undefined;
  };
  const detectors = new Map<string, ActiveRule>();
  for (const [id, rule] of DETECTOR_RULES) {
    const a = resolve(rule);
    if (a) detectors.set(id, a);
  }
  const others = FILE_RULES.map(resolve).filter((a): a is ActiveRule => a !== undefined);
  const active = { detectors, others };
  byProfiles.set(pKey, active);
  return active;
}

/** Runs the enabled per-file rules over a parsed file; overlapping findings go to the earlier rule. */
export function runFileRules(input: FileInput, options: ScanTextOptions = {}): Finding[] {
  const out: Finding[] = [];
  const claimed: Array<[number, number]> = [];
  const active = activeRules(options.config, options.profiles ?? []);
  const order: ActiveRule[] = [];
  const seen = new Set<string>();
  for (const t of input.tokens) {
    if (seen.has(t.detectorId)) continue;
    seen.add(t.detectorId);
    const a = active.detectors.get(t.detectorId);
    if (a) order.push(a);
  }
  order.push(...active.others);
  for (const { rule, options: ruleOptions } of order) {
    let reports: ReturnType<typeof rule.check>;
    try {
      reports = rule.check(input, ruleOptions as never);
    } catch {
      continue;
    }
    // Provider tokens keep their severity in every context; generic judgement is rated by context
    // (the env-template rule is about templates, so it keeps its own).
    const generic =
      !DETECTOR_RULES.has(rule.meta.id.slice('secrets/'.length)) && rule.meta.id !== 'env/example-real-value';
    for (const report of reports) {
      const [a, b] = key(report.range);
      if (claimed.some(([s, e]) => a < e && s < b)) continue;
      claimed.push([a, b]);
      const where = generic ? reportContext(input, report.range.startLine, rule.meta.id) : undefined;
      if (where !== undefined) {
        report.severity = 'low';
        report.properties = { ...(report.properties ?? {}), context: where };
      }
      const finding = reportToFinding(rule.meta, report, input.path, fingerprintLines(input));
      if (where !== undefined) finding.message = `In ${where}: ${finding.message}`;
      out.push(finding);
    }
  }
  return out;
}

/**
 * Lines as the fingerprint sees them: very long lines (minified bundles) are cut to a bounded
 * prefix so fingerprinting costs little; the secret's keyed hash keeps such fingerprints distinct.
 */
function fingerprintLines(input: FileInput): LineIndex {
  const lines = input.lines;
  return {
    line(n: number): string {
      const text = lines.line(n);
      return text.length > 1024 ? text.slice(0, 1024) : text;
    },
  } as LineIndex;
}

/** Scans one file's text, format-aware by path. Findings carry redacted secrets only. */
export function scanText(file: { path: string; text: string }, options: ScanTextOptions = {}): Finding[] {
  const input = parseFile(file.path, file.text, options);
  return runFileRules(input, options);
}
