import { defineRule, type Report } from '@shipshape/core';
import { isCredentialKey, keyWords } from '../../../keys.js';
import { isKnownExample } from '../../../tokens.js';
import { classifyValue } from '../../../values.js';
import { DOCS } from '../../docs.generated.js';
import { type FileInput, isStrongLiteral, keyLabel, secretReport } from '../../shared.js';

/** `${VAR:-default}`, `${VAR-default}` (compose, dotenv, shell) and the shell's `${VAR:=default}`. */
const SHELL_FALLBACK = /\$\{([A-Za-z_][A-Za-z0-9_]{0,127})(:?[-=])([^}$\n]{1,256})\}/g;
/** One Go-template action (`{{ ... }}`), bounded. */
const ACTION = /\{\{-?([^{}\n]{1,1024}?)-?\}\}/g;
/** A string literal in a Go template: "..." or `...`. */
const GO_STRING = /"((?:[^"\\\n]|\\.){0,256})"|`([^`\n]{0,256})`/g;
/** `.Values.a.b.c` (the leaf names what the template reads). */
const VALUES_PATH = /\.Values((?:\.[A-Za-z_][\w-]*)+)/;
/** The key a YAML or env line sets (`password: ...`, `- DB_PASSWORD=...`, `DB_PASSWORD: ...`). */
const LINE_KEY = /^\s*(?:-\s+)?["']?([A-Za-z_][\w.-]{0,127})["']?\s*(?:=|:(?!\/\/))/;

function lineKeyAt(text: string, lineStart: number, lineEnd: number): string | undefined {
  return LINE_KEY.exec(text.slice(lineStart, lineEnd))?.[1];
}

/** For `value: {{ ... }}` in a container env list, the variable's `name:` on the line above. */
function envNameAbove(text: string, lineStart: number): string | undefined {
  const prevEnd = lineStart - 1;
  if (prevEnd <= 0) return undefined;
  const prevStart = text.lastIndexOf('\n', prevEnd - 1) + 1;
  return /^\s*-?\s*name:\s*["']?([A-Za-z_][\w.-]*)["']?\s*$/.exec(text.slice(prevStart, prevEnd))?.[1];
}

/** Whether the line sits under `data:`/`stringData:` of a Kubernetes Secret (by indentation). */
function inSecretData(text: string, lineStart: number, isSecret: boolean): boolean {
  if (!isSecret) return false;
  const indent = /^\s*/.exec(text.slice(lineStart, lineStart + 64))?.[0].length ?? 0;
  let end = lineStart - 1;
  for (let steps = 0; end > 0 && steps < 200; steps++) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    const ind = /^\s*/.exec(line)?.[0].length ?? 0;
    if (line.trim() !== '' && !line.trim().startsWith('#') && ind < indent)
      return /^\s*(data|stringData):\s*$/.test(line);
    end = start - 1;
  }
  return false;
}

interface Fallback {
  start: number;
  value: string;
  /** The credential-named key it reaches. */
  key: string;
  /** Reached only by sitting in a Secret's data (the key itself names no credential). */
  secretDataOnly?: boolean;
  form: 'shell' | 'helm';
}

/** Literal fallbacks of `${VAR:-x}` whose variable or line key names a credential. */
function shellFallbacks(text: string): Fallback[] {
  const out: Fallback[] = [];
  if (!text.includes('${')) return out;
  SHELL_FALLBACK.lastIndex = 0;
  for (let m = SHELL_FALLBACK.exec(text); m !== null; m = SHELL_FALLBACK.exec(text)) {
    const variable = m[1] as string;
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    let lineEnd = text.indexOf('\n', m.index);
    if (lineEnd === -1) lineEnd = text.length;
    const lineKey = lineKeyAt(text, lineStart, lineEnd);
    const key = isCredentialKey(variable)
      ? variable
      : lineKey !== undefined && isCredentialKey(lineKey)
        ? lineKey
        : undefined;
    if (key === undefined) continue;
    let value = m[3] as string;
    let start = m.index + m[0].length - 1 - value.length;
    const q = /^["']/.exec(value)?.[0];
    if (q !== undefined && value.length >= 2 && value.endsWith(q)) {
      value = value.slice(1, -1);
      start += 1;
    }
    out.push({ start, value, key, form: 'shell' });
  }
  return out;
}

/** Literal fallbacks in Helm template pipelines: `default "x"`, `coalesce ... "x"`, `ternary "a" "b" ...`. */
function helmFallbacks(text: string): Fallback[] {
  const out: Fallback[] = [];
  if (!text.includes('{{')) return out;
  const isSecret = /^kind:\s*["']?Secret["']?\s*$/m.test(text);
  ACTION.lastIndex = 0;
  for (let m = ACTION.exec(text); m !== null; m = ACTION.exec(text)) {
    const body = m[1] as string;
    if (!/\b(default|coalesce|ternary)\b/.test(body)) continue;
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    let lineEnd = text.indexOf('\n', m.index);
    if (lineEnd === -1) lineEnd = text.length;
    const valuesLeaf = VALUES_PATH.exec(body)?.[1]?.split('.').pop();
    const lineKey = lineKeyAt(text, lineStart, lineEnd);
    const envName = lineKey === 'value' ? envNameAbove(text, lineStart) : undefined;
    const candidates = [valuesLeaf, lineKey === 'value' ? envName : lineKey].filter(
      (k): k is string => k !== undefined,
    );
    let key = candidates.find((k) => isCredentialKey(k));
    let secretDataOnly = false;
    if (key === undefined && inSecretData(text, lineStart, isSecret)) {
      key = lineKey ?? 'Secret data';
      secretDataOnly = true;
    }
    if (key === undefined) continue;
    const bodyStart = m.index + m[0].indexOf(body);
    // Literals that are arguments of default/coalesce/ternary (not of `printf`, `include`...).
    GO_STRING.lastIndex = 0;
    for (let s = GO_STRING.exec(body); s !== null; s = GO_STRING.exec(body)) {
      const before = body.slice(0, s.index);
      const fn = /(default|coalesce|ternary|[A-Za-z_][\w]*)\s+(?:(?:"[^"]*"|\.[\w.$]+|\$[\w.]*)\s+)*$/.exec(
        before,
      )?.[1];
      if (fn !== 'default' && fn !== 'coalesce' && fn !== 'ternary') continue;
      const value = (s[1] ?? s[2]) as string;
      out.push({ start: bodyStart + s.index + 1, value, key, form: 'helm', secretDataOnly });
    }
  }
  return out;
}

/**
 * A credential that deploys through a fallback: compose/shell `${DB_PASSWORD:-rootpassword}` and
 * Helm pipelines `{{ .Values.auth.password | default "admin-secret" }}`. When the variable or value
 * is left empty, which is what a fresh install does, every deployment runs with the literal.
 */
export const rule = defineRule<FileInput>({
  meta: {
    id: 'secrets/fallback-default-credential',
    title: 'Credential falls back to a literal default',
    severity: 'high',
    docs: DOCS['secrets/fallback-default-credential'],
    aliases: [],
    tags: ['secret', 'cwe-1392', 'cwe-798'],
    messages: {
      shell:
        '`{{key}}` falls back to the literal {{redacted}} when the variable is unset, so a deployment without it runs with a known credential.',
      helm: 'The template gives `{{key}}` the literal fallback {{redacted}}; an install that leaves the value empty runs with a known credential.',
    },
  },
  check(input) {
    const out: Report[] = [];
    const r = input.role;
    if (r.binary || r.lockfile || r.minified || r.i18n || r.format === 'markdown') return out;
    const fallbacks = input.helm === 'template' ? helmFallbacks(input.text) : [];
    if (
      input.helm !== 'template' &&
      (input.compose || r.format === 'dotenv' || r.format === 'source' || r.format === 'yaml')
    )
      fallbacks.push(...shellFallbacks(input.text));
    for (const f of fallbacks) {
      const cls = classifyValue(f.value, { keyWords: keyWords(f.key) });
      if ((cls !== 'literal' && cls !== 'weak') || isKnownExample(f.value)) continue;
      // Any Secret key holds something secret, but only a random-looking literal shows it is one.
      if (f.secretDataOnly && (cls !== 'literal' || !isStrongLiteral(f.value))) continue;
      const report = secretReport(input, {
        messageId: f.form,
        start: f.start,
        end: f.start + f.value.length,
        secret: f.value,
        severity: cls === 'weak' ? 'medium' : 'high',
        fix:
          f.form === 'helm'
            ? 'Fail the render when the value is missing (`required`), generate it (`randAlphaNum`, kept with `lookup`), or reference an existing Secret.'
            : `Require the variable instead (\`\${${keyLabel(f.key)}:?set it}\`) and inject it from a secret store.`,
      });
      report.data = { key: keyLabel(f.key), redacted: report.secret?.redacted ?? '' };
      out.push(report);
    }
    return out;
  },
});
