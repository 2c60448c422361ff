/**
 * Encoders with the byte-for-byte output of what Helm uses: `toYaml` is sigs.k8s.io/yaml
 * (JSON round trip, then gopkg.in/yaml.v2's emitter: its key order, quoting and 80-column
 * folding), `toJson` is encoding/json (sorted keys, HTML-safe escapes).
 */
import { formatFloatG } from './format.js';
import { GoStruct, isMap, isNil } from './values.js';

/** Go's json.Marshal. */
export function goJson(v: unknown, indent?: string, escapeHtml = true, level = 0): string {
  if (isNil(v)) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return v.toString();
    case 'number':
      return jsonFloat(v);
    case 'string':
      return jsonString(v, escapeHtml);
  }
  const nl = indent === undefined ? '' : `\n${indent.repeat(level + 1)}`;
  const end = indent === undefined ? '' : `\n${indent.repeat(level)}`;
  const colon = indent === undefined ? ':' : ': ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[${v.map((x) => nl + goJson(x, indent, escapeHtml, level + 1)).join(',')}${end}]`;
  }
  if (v instanceof GoStruct) return goJson(v.fields, indent, escapeHtml, level);
  if (isMap(v)) {
    const keys = Object.keys(v).sort((a, b) =>
      Buffer.from(a) < Buffer.from(b) ? -1 : a === b ? 0 : Buffer.compare(Buffer.from(a), Buffer.from(b)),
    );
    if (keys.length === 0) return '{}';
    return `{${keys.map((k) => `${nl}${jsonString(k, escapeHtml)}${colon}${goJson(v[k], indent, escapeHtml, level + 1)}`).join(',')}${end}}`;
  }
  return 'null';
}

function jsonFloat(f: number): string {
  if (!Number.isFinite(f)) throw new Error(`json: unsupported value: ${f}`);
  const a = Math.abs(f);
  if (a !== 0 && (a < 1e-6 || a >= 1e21)) {
    // Go: 'e' format with a two-digit exponent trimmed of a leading zero (1e-07 -> 1e-07, 1e+21).
    const [m, e] = f.toExponential().split('e') as [string, string];
    const sign = e.startsWith('-') ? '-' : '+';
    const digits = e.replace(/^[+-]/, '').padStart(2, '0');
    return `${m}e${sign}${digits}`;
  }
  return String(f);
}

function jsonString(s: string, escapeHtml: boolean): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else if (escapeHtml && (ch === '<' || ch === '>' || ch === '&')) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else if (c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16)}`;
    else out += ch;
  }
  return `${out}"`;
}

/** What yaml.v2 reads a JSON document as: integers stay integers (bigint), other numbers floats. */
function jsonRoundTrip(v: unknown): unknown {
  if (isNil(v)) return null;
  if (typeof v === 'number') {
    if (Number.isInteger(v) && Math.abs(v) < 1e21) return BigInt(v);
    return v;
  }
  if (typeof v === 'bigint' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(jsonRoundTrip);
  if (v instanceof GoStruct) return jsonRoundTrip(v.fields);
  if (isMap(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = jsonRoundTrip(x);
    return out;
  }
  return null;
}

const isLetter = (c: string) => /\p{L}/u.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';

/** yaml.v2's key order (sorted.go): letters after other runes, digit runs compared as numbers. */
export function yamlV2Less(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = ar[i] as string;
    const bc = br[i] as string;
    if (ac === bc) continue;
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return (ac.codePointAt(0) as number) < (bc.codePointAt(0) as number);
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ac === '0' || bc === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j] as string); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai] as string); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi] as string); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return (ac.codePointAt(0) as number) < (bc.codePointAt(0) as number);
  }
  return ar.length < br.length;
}

const YAML_BOOL = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const YAML_NULL = /^(~|null|Null|NULL|)$/;
const YAML_INT = /^[-+]?(0[bB][01_]+|0[oO][0-7_]+|0[0-7_]+|0[xX][0-9a-fA-F_]+|[0-9][0-9_]*)$/;
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$/;
const YAML_SPECIAL_FLOAT = /^([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$/;
const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** Whether a plain scalar would be read back as something other than a string. */
function resolvesNonString(s: string): boolean {
  return (
    YAML_BOOL.test(s) ||
    YAML_NULL.test(s) ||
    YAML_INT.test(s) ||
    YAML_FLOAT.test(s) ||
    YAML_SPECIAL_FLOAT.test(s) ||
    BASE60.test(s) ||
    s === '<<'
  );
}

interface ScalarAnalysis {
  plain: boolean;
  single: boolean;
}

const INDICATORS = '#,[]{}&*!|>\'"%@`';

/** yaml.v2's is_printable: no tab, no CR, no NEL, nothing outside the Basic Multilingual Plane. */
function printable(c: number): boolean {
  return (
    c === 0xa || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff)
  );
}

/** yaml_emitter_analyze_scalar, reduced to the block-context decisions. */
function analyze(s: string): ScalarAnalysis {
  if (s.length === 0) return { plain: false, single: true };
  if (s.startsWith('---') || s.startsWith('...')) return { plain: false, single: true };
  let blockIndicators = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let trailingSpace = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let lineBreaks = false;
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    const next = chars[i + 1];
    const first = i === 0;
    const last = i === chars.length - 1;
    if (first) {
      if (INDICATORS.includes(ch)) blockIndicators = true;
      if (ch === '?' || ch === ':') {
        if (next === undefined || next === ' ' || next === '\t' || next === '\n') blockIndicators = true;
      }
      if (ch === '-' && (next === undefined || next === ' ' || next === '\t' || next === '\n')) blockIndicators = true;
    } else {
      if (ch === ':' && (next === undefined || next === ' ' || next === '\t' || next === '\n')) blockIndicators = true;
      if (ch === '#' && (chars[i - 1] === ' ' || chars[i - 1] === '\t' || chars[i - 1] === '\n'))
        blockIndicators = true;
    }
    const cp = ch.codePointAt(0) as number;
    if (!printable(cp) || (cp > 0x7f && false)) specialCharacters = true;
    if (ch === '\n') lineBreaks = true;
    if (ch === ' ') {
      if (first) leadingSpace = true;
      if (last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (ch === '\n' || ch === '\r') {
      if (first) leadingSpace = true;
      if (last) trailingSpace = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
  }
  let plain = true;
  let single = true;
  if (leadingSpace || trailingSpace || breakSpace || spaceBreak) plain = false;
  if (spaceBreak || specialCharacters) {
    single = false;
    plain = false;
  }
  if (lineBreaks) plain = false;
  if (blockIndicators) plain = false;
  return { plain, single };
}

/** Writes a scalar that may fold at spaces past column 80, as yaml.v2's plain/single writers do. */
function foldAt(text: string, column: number, indent: number): string {
  let out = '';
  let col = column;
  let spaces = false;
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (ch === ' ') {
      if (!spaces && col > 80 && i !== 0 && i !== chars.length - 1 && chars[i + 1] !== ' ') {
        out += `\n${' '.repeat(indent)}`;
        col = indent;
      } else {
        out += ch;
        col++;
      }
      spaces = true;
    } else {
      out += ch;
      col++;
      spaces = false;
    }
  }
  return out;
}

function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (!printable(c) || c === 0xfeff || c === 0xa || c === 0x85 || c === 0x2028 || c === 0x2029) {
      if (c === 0) out += '\\0';
      else if (c === 7) out += '\\a';
      else if (c === 8) out += '\\b';
      else if (c === 9) out += '\\t';
      else if (c === 0xa) out += '\\n';
      else if (c === 0xb) out += '\\v';
      else if (c === 0xc) out += '\\f';
      else if (c === 0xd) out += '\\r';
      else if (c === 0x1b) out += '\\e';
      else if (c === 0x85) out += '\\N';
      else if (c === 0x2028) out += '\\L';
      else if (c === 0x2029) out += '\\P';
      else if (c <= 0xff) out += `\\x${c.toString(16).toUpperCase().padStart(2, '0')}`;
      else if (c <= 0xffff) out += `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
      else out += `\\U${c.toString(16).toUpperCase().padStart(8, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

/** A string scalar, at `column` (where it starts), nested block content at `indent`. */
function yamlString(s: string, column: number, indent: number, simpleKey: boolean): string {
  if (!simpleKey && s.includes('\n') && analyzeLiteralOk(s)) {
    const chomp = s.endsWith('\n') ? (s.endsWith('\n\n') || s === '\n' ? '+' : '') : '-';
    const indicator = s.startsWith(' ') || s.startsWith('\n') ? String(2) : '';
    const body = s.endsWith('\n') ? s.slice(0, -1) : s;
    const lines = body.split('\n').map((l) => (l === '' ? '' : ' '.repeat(indent) + l));
    return `|${indicator}${chomp}\n${lines.join('\n')}`;
  }
  if (resolvesNonString(s)) return doubleQuoted(s);
  const a = analyze(s);
  if (a.plain && !(simpleKey && s.length > 128)) return simpleKey ? s : foldAt(s, column, indent);
  if (a.single && !s.includes('\n')) {
    const q = `'${s.replace(/'/g, "''")}'`;
    return simpleKey ? q : foldAt(q, column, indent);
  }
  return doubleQuoted(s);
}

function analyzeLiteralOk(s: string): boolean {
  for (const ch of s) if (!printable(ch.codePointAt(0) as number)) return false;
  // yaml.v2 allows a block scalar unless a space ends the text or precedes a line break.
  return !/ \n/.test(s) && !s.endsWith(' ');
}

function yamlScalar(v: unknown, column: number, indent: number): string {
  if (isNil(v)) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return '.nan';
    if (!Number.isFinite(v)) return v > 0 ? '+.inf' : '-.inf';
    return formatFloatG(v);
  }
  return yamlString(String(v), column, indent, false);
}

function isEmptyCollection(v: unknown): string | undefined {
  if (Array.isArray(v) && v.length === 0) return '[]';
  if (isMap(v) && Object.keys(v).length === 0) return '{}';
  return undefined;
}

function emitMap(m: Record<string, unknown>, indent: number, out: string[]): void {
  const keys = Object.keys(m).sort((a, b) => (yamlV2Less(a, b) ? -1 : yamlV2Less(b, a) ? 1 : 0));
  const pad = ' '.repeat(indent);
  for (const k of keys) {
    const v = m[k];
    const key = yamlString(k, indent, indent, true);
    const empty = isEmptyCollection(v);
    if (empty) out.push(`${pad}${key}: ${empty}`);
    else if (isMap(v)) {
      out.push(`${pad}${key}:`);
      emitMap(v, indent + 2, out);
    } else if (Array.isArray(v)) {
      out.push(`${pad}${key}:`);
      emitList(v, indent, out);
    } else out.push(`${pad}${key}: ${yamlScalar(v, indent + key.length + 2, indent + 2)}`);
  }
}

function emitList(list: unknown[], indent: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  for (const v of list) {
    const empty = isEmptyCollection(v);
    if (empty) out.push(`${pad}- ${empty}`);
    else if (isMap(v) || Array.isArray(v)) {
      const sub: string[] = [];
      if (isMap(v)) emitMap(v, indent + 2, sub);
      else emitList(v, indent + 2, sub);
      sub[0] = `${pad}- ${(sub[0] as string).slice(indent + 2)}`;
      out.push(...sub);
    } else out.push(`${pad}- ${yamlScalar(v, indent + 2, indent + 2)}`);
  }
}

/** Helm's toYaml: sigs.k8s.io/yaml.Marshal, trailing newline trimmed. */
export function helmToYaml(v: unknown): string {
  const data = jsonRoundTrip(v);
  const out: string[] = [];
  const empty = isEmptyCollection(data);
  if (empty) return empty;
  if (isMap(data)) emitMap(data, 0, out);
  else if (Array.isArray(data)) emitList(data, 0, out);
  else return yamlScalar(data, 0, 2);
  return out.join('\n');
}

/** BurntSushi/toml's encoder for the shapes charts pass to toToml: scalars, arrays, tables. */
export function goToml(v: unknown): string {
  const out: string[] = [];
  const key = (k: string) => (/^[A-Za-z0-9_-]+$/.test(k) ? k : jsonString(k, false));
  const scalar = (x: unknown): string => {
    if (typeof x === 'string') return jsonString(x, false);
    if (typeof x === 'bigint' || typeof x === 'boolean') return String(x);
    if (typeof x === 'number') return Number.isInteger(x) ? `${x}.0` : String(x);
    if (Array.isArray(x)) return `[${x.map(scalar).join(', ')}]`;
    return '""';
  };
  const table = (m: Record<string, unknown>, path: string[], indent: string) => {
    const keys = Object.keys(m).sort();
    for (const k of keys) {
      const x = m[k];
      if (!isNil(x) && !isMap(x)) out.push(`${indent}${key(k)} = ${scalar(x)}`);
    }
    for (const k of keys) {
      const x = m[k];
      if (isMap(x)) {
        if (out.length > 0) out.push('');
        const p = [...path, key(k)];
        out.push(`${indent}[${p.join('.')}]`);
        table(x, p, `${indent}  `);
      }
    }
  };
  if (isMap(v)) table(v, [], '');
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}
