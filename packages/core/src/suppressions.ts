import type { Finding, RuleMeta } from './types.js';

export type SuppressionSource = 'shipshape' | 'hadolint' | 'gitleaks' | 'detect-secrets';

export interface Suppression {
  source: SuppressionSource;
  /** Rule ids, aliases or `<analyzer>/*`; `*` for every secret rule (gitleaks:allow, pragma). */
  rules: string[];
  /** 1-based line of the directive itself. */
  line: number;
  /** The line it applies to; undefined for a whole-file directive. */
  target?: number;
  reason?: string;
  used: boolean;
}

const COMMENT_ONLY_PREFIX = /^\s*(#|\/\/|\/\*|<!--|--|;|\*|\{\{-?\s*\/\*|REM\b|')\s*$/i;
const SHIPSHAPE = /shipshape-ignore(-file|-next-line|-line)?[ \t]+([^\r\n]*)/;
const HADOLINT = /hadolint[ \t]+(global[ \t]+)?ignore=([A-Za-z0-9_,\- \t]+)/;

/**
 * Splits a directive body at its ` -- reason`: the first `--` after whitespace. Done by hand, not
 * with `\s+--`, which backtracks quadratically on a long run of spaces.
 */
function splitReason(text: string): [string, string | undefined] {
  const at = /\s--/.exec(text);
  if (!at) return [text, undefined];
  return [text.slice(0, at.index).trimEnd(), text.slice(at.index + 3).trimStart()];
}

/** Drops one trailing comment closer (`-->`, `*\/`, ...) and the spaces around it. */
function stripCloser(text: string, closers: readonly string[]): string {
  const t = text.trimEnd();
  for (const c of closers) if (t.endsWith(c)) return t.slice(0, -c.length).trimEnd();
  return t;
}

/** Parses every suppression directive in a file's text. */
export function parseSuppressions(text: string): Suppression[] {
  const lines = text.split('\n');
  const out: Suppression[] = [];
  // Directives on comment-only lines apply to the next line that is neither blank nor a comment.
  // Found for every line in one backward pass, on first need: scanning forward from each of
  // thousands of directive lines over a long comment block is quadratic.
  let nextCode: (number | undefined)[] | undefined;
  const nextCodeLine = (index: number): number | undefined => {
    if (!nextCode) {
      nextCode = new Array(lines.length);
      let next: number | undefined;
      for (let j = lines.length - 1; j >= 0; j--) {
        nextCode[j] = next;
        const t = (lines[j] ?? '').trim();
        if (!(t === '' || t.startsWith('#') || t.startsWith('//'))) next = j + 1;
      }
    }
    return nextCode[index];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (
      !line.includes('shipshape-ignore') &&
      !line.includes('hadolint') &&
      !line.includes('gitleaks:allow') &&
      !line.includes('allowlist')
    )
      continue;
    const lineNo = i + 1;
    const shipshape = SHIPSHAPE.exec(line);
    if (shipshape) {
      const [body, reason] = splitReason(shipshape[2] ?? '');
      const rules = stripCloser(body, ['-->', '*/', '#}', '}}'])
        .split(/[\s,]+/)
        .filter(Boolean);
      const commentOnly = COMMENT_ONLY_PREFIX.test(line.slice(0, shipshape.index));
      const form = shipshape[1];
      const target =
        form === '-file'
          ? undefined
          : form === '-line' || (!commentOnly && form !== '-next-line')
            ? lineNo
            : nextCodeLine(i);
      const s: Suppression = {
        source: 'shipshape',
        rules: rules.length ? rules : ['*any*'],
        line: lineNo,
        used: false,
      };
      if (target !== undefined) s.target = target;
      if (form !== '-file' && target === undefined) continue;
      if (reason?.trim()) s.reason = stripCloser(reason.trim(), ['-->', '*/']);
      out.push(s);
      continue;
    }
    const hadolint = HADOLINT.exec(line);
    if (hadolint && COMMENT_ONLY_PREFIX.test(line.slice(0, hadolint.index))) {
      const rules = (hadolint[2] ?? '').split(/[\s,]+/).filter(Boolean);
      const s: Suppression = { source: 'hadolint', rules, line: lineNo, used: false };
      if (!hadolint[1]) {
        const target = nextCodeLine(i);
        if (target === undefined) continue;
        s.target = target;
      }
      out.push(s);
      continue;
    }
    if (line.includes('gitleaks:allow')) {
      out.push({ source: 'gitleaks', rules: ['*'], line: lineNo, target: lineNo, used: false });
      continue;
    }
    if (/pragma:\s*allowlist[ -]nextline[ -]secret/.test(line)) {
      const target = nextCodeLine(i);
      if (target !== undefined) out.push({ source: 'detect-secrets', rules: ['*'], line: lineNo, target, used: false });
    } else if (/pragma:\s*allowlist[ -]secret/.test(line)) {
      out.push({ source: 'detect-secrets', rules: ['*'], line: lineNo, target: lineNo, used: false });
    }
  }
  return out;
}

/** Whether a directive's rule token names the rule (id, alias, `<analyzer>/*`, or `*` for secret rules). */
function matchesRule(token: string, meta: RuleMeta | undefined, finding: Finding): boolean {
  const ruleId = finding.ruleId;
  if (token === '*any*') return true;
  if (token === '*') return meta?.tags.includes('secret') ?? false;
  const t = token.toLowerCase();
  if (t === ruleId.toLowerCase()) return true;
  if (t.endsWith('/*') && ruleId.toLowerCase().startsWith(t.slice(0, -1))) return true;
  return (finding.aliases ?? meta?.aliases ?? []).some((a) => a.toLowerCase() === t);
}

/**
 * The line a finding is anchored to for next-line directives: the start of the statement that holds
 * it, found by walking up through lines that end in a continuation (`\` or Dockerfile's `` ` ``).
 */
function statementStart(lines: string[], line: number): number {
  let start = line;
  while (start > 1) {
    const prev = (lines[start - 2] ?? '').trimEnd();
    if (prev.endsWith('\\') || prev.endsWith('`')) start--;
    else if (/^\s*#/.test(prev) && start > 2 && /[\\`]$/.test((lines[start - 3] ?? '').trimEnd())) start--;
    else break;
  }
  return start;
}

/** Splits findings of one file into kept and suppressed, marking which directives were used. */
export function applySuppressions(
  findings: Finding[],
  text: string,
  rules: Record<string, RuleMeta>,
  suppressions: Suppression[] = parseSuppressions(text),
): { kept: Finding[]; suppressed: Finding[]; suppressions: Suppression[] } {
  if (suppressions.length === 0) return { kept: findings, suppressed: [], suppressions };
  const lines = text.split('\n');
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const finding of findings) {
    const meta = rules[finding.ruleId];
    const anchor = statementStart(lines, finding.range.startLine);
    const hit = suppressions.find(
      (s) =>
        (s.target === undefined || s.target === finding.range.startLine || s.target === anchor) &&
        s.rules.some((token) => matchesRule(token, meta, finding)),
    );
    if (hit) {
      hit.used = true;
      suppressed.push(finding);
    } else kept.push(finding);
  }
  return { kept, suppressed, suppressions };
}
